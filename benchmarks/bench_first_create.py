"""The first run of a process: ``init_run(name=, tags=[3], description=, mode="sync")`` +
``stop()``, timed inside a fresh interpreter, after ``import neptune_sys_widgets`` and
resolving ``init_run`` (the import is ``bench_import.py``'s) and with the store file and
its project already there (a script's second start).

What the first create pays that later ones do not: opening the store (connection, schema
check), the owner and host lookups, the lazy imports of a create (source record,
monitoring) and, for a script, its source record. Each repetition is a new child process
running a script file from a temporary folder outside any git repository (so the record is
the script itself; git adds one ``git`` call per question, several ms, once a process);
``NSW_BENCH_NO_SOURCE=1`` times it with ``source_files=[]``, ``git_ref=False``.
Target (issue 20): <= 1 ms.

    python benchmarks/bench_first_create.py [--reps 15]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from _common import REPO, median, parser, report, result

CHILD = """
import os, sys, time
import neptune_sys_widgets as n
init_run = n.init_run
extra = {"source_files": [], "git_ref": False} if os.environ.get("NSW_BENCH_NO_SOURCE") \\
    else {}
t0 = time.perf_counter()
run = init_run(project="bench/first", mode="sync", store=sys.argv[1], name="first",
               tags=["resnet", "lr-sweep", "baseline"], description="resnet50", **extra)
run.stop()
print((time.perf_counter() - t0) * 1e3)
"""


def first_creates(reps: int, no_source: bool) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="nsw-bench-") as tmp:
        script = os.path.join(tmp, "train.py")
        with open(script, "w") as fh:
            fh.write(CHILD)
        store = os.path.join(tmp, "neptune.db")
        env = dict(os.environ, PYTHONPATH=REPO, GIT_CEILING_DIRECTORIES=tmp)
        env.pop("NSW_BENCH_NO_SOURCE", None)
        if no_source:
            env["NSW_BENCH_NO_SOURCE"] = "1"
        times = []
        for i in range(reps + 1):  # the first child creates the store and the project
            out = subprocess.run([sys.executable, script, store], env=env, cwd=tmp,
                                 check=True, capture_output=True, text=True)
            if i:
                times.append(float(out.stdout.strip().splitlines()[-1]))
        return times


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=15)
    a = p.parse_args()
    reps = 5 if a.quick else a.reps
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    os.path.join(REPO, "neptune_sys_widgets")], check=True)
    with_source = first_creates(reps, False)
    without = first_creates(reps, True)
    report([
        result("first create + name + 3 tags + description + close in a process (sync)",
               median(with_source), "ms", target=1.0,
               note=f"{reps} fresh processes, a script outside git (its source recorded); "
                    f"min {min(with_source):.2f} ms"),
        result("the same, source_files=[] and git_ref=False", median(without), "ms",
               target=1.0, note=f"min {min(without):.2f} ms"),
    ], a.json)


if __name__ == "__main__":
    main()
