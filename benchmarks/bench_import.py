"""Import time: wall time of ``python -c "import neptune_sys_widgets"`` in a fresh process.

Each repetition starts a new interpreter (``sys.executable``, repository on PYTHONPATH, a
temporary working directory) and times it from spawn to exit with ``time.perf_counter``.
Also shown, without a target: bare ``python -c pass`` (the floor) and importing the package
plus resolving ``init_run`` (what a training script pays before its first call).
Target: <= 0.08 s. Anchors: neptune_scale 0.67 s ... neptune 1.x 3.4 s.
The zero-change path (issue 20): the start-up cost of the drop-in hook (target <= 5 ms over
bare python) and ``import neptune`` through it plus resolving the API (target <= 0.03 s).

    python benchmarks/bench_import.py [--reps 20]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from _common import IMPORT_ANCHORS_S, REPO, median, parser, report, result


def wall(code: str, reps: int, cwd: str, command: list[str] | None = None,
         **extra: str) -> float:
    """Median wall time of ``python -c code`` (or of ``command``), spawn to exit."""
    env = dict(os.environ, PYTHONPATH=REPO, **extra)
    env.pop("PYTHONSTARTUP", None)
    if not extra:
        env.pop("NEPTUNE_SYS_DROP_IN", None)
    argv = command or [sys.executable, "-c", code]
    subprocess.run(argv, env=env, cwd=cwd, check=True)  # warm caches
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, check=True)
        times.append(time.perf_counter() - t0)
    return median(times)


def neptune_sys_run(reps: int, cwd: str) -> tuple[float, float] | None:
    """``neptune-sys run empty.py`` (the console script beside this interpreter) and
    ``python empty.py``: what the zero-change path adds to a script's start."""
    exe = os.path.join(os.path.dirname(sys.executable), "neptune-sys")
    if not os.path.exists(exe):
        return None
    script = os.path.join(cwd, "empty.py")
    with open(script, "w") as fh:
        fh.write("pass\n")
    plain = wall("", reps, cwd, [sys.executable, script])
    return wall("", reps, cwd, [exe, "run", script]), plain


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=20)
    a = p.parse_args()
    reps = 5 if a.quick else a.reps
    # What an installed package costs: pip writes .pyc files, so compile them here too
    # (a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module).
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.join(REPO,
                    "neptune_sys_widgets")], check=True)
    with tempfile.TemporaryDirectory() as cwd:
        bare = wall("pass", reps, cwd)
        pkg = wall("import neptune_sys_widgets", reps, cwd)
        api = wall("import neptune_sys_widgets as n; n.init_run; n.Run; n.init_project", reps,
                   cwd)
        # the zero-change path (neptune_sys_widgets/dropin): what the .pth hook costs a
        # process that sets NEPTUNE_SYS_DROP_IN, and `import neptune` through it
        hooked = wall("pass", reps, cwd, NEPTUNE_SYS_DROP_IN="1")
        dropin_api = wall("import neptune; neptune.init_run; neptune.Run; "
                          "neptune.init_project", reps, cwd, NEPTUNE_SYS_DROP_IN="1")
        run_cmd = neptune_sys_run(reps, cwd)
    extra = [] if run_cmd is None else [
        result("drop-in: neptune-sys run, added to a script's start",
               max(run_cmd[0] - run_cmd[1], 0.0) * 1e3, "ms", target=5.0,
               note=f"neptune-sys run empty.py {run_cmd[0]:.3f} s vs python empty.py "
                    f"{run_cmd[1]:.3f} s")]
    report([
        result("import neptune_sys_widgets", pkg, "s", target=0.08, anchors=IMPORT_ANCHORS_S,
               note=f"python alone {bare:.3f} s; package adds {pkg - bare:.3f} s"),
        result("import + resolve init_run, Run, init_project", api, "s", target=0.03,
               anchors=IMPORT_ANCHORS_S,
               note="loads sqlite3 and the objects layer: what a script pays"),
        result("drop-in: added to a script's start", max(hooked - bare, 0.0) * 1e3, "ms",
               target=5.0, note=f"NEPTUNE_SYS_DROP_IN=1 python -c pass {hooked:.3f} s vs "
               f"python alone {bare:.3f} s (the .pth hook installs the import finder)"),
        result("drop-in: import neptune + resolve init_run, Run, init_project", dropin_api,
               "s", target=0.03, anchors=IMPORT_ANCHORS_S,
               note=f"through the finder; the package's own import: {api:.3f} s"),
        *extra,
    ], a.json)


if __name__ == "__main__":
    main()
