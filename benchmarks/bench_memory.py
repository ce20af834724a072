"""Peak memory (RSS) of a script that logs 100k metric points.

The script (below) runs in its own interpreter: ``Run()`` in async mode, 100k
``log_metrics`` calls of one series, ``wait()``, ``close()``. Its peak RSS is read with
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` by a small wrapper process whose only
child it is (RUSAGE_CHILDREN keeps the maximum over all children ever waited for, so each
measurement needs its own wrapper). The median over repetitions. For scale, the same is
measured for a bare interpreter and for ``import neptune_sys_widgets`` alone.
Target (issue 20): <= 22 MiB. Anchors: neptune_scale 70 MiB, W&B 105, neptune 1.x 125, MLflow 224.

    python benchmarks/bench_memory.py [--reps 5] [--points 100000]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap

from _common import MEMORY_ANCHORS_MIB, REPO, median, parser, report, result

LOG_SCRIPT = """
import os, sys
import neptune_sys_widgets as neptune
run = neptune.Run(project="bench/memory", store=os.path.join(sys.argv[1], "neptune.db"))
for i in range(int(sys.argv[2])):
    run.log_metrics({"train/loss": 1.0 / (i + 1)}, step=i)
run.wait()
run.close()
"""

WRAPPER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_mib(code: str, *args: str, cwd: str | None = None) -> float:
    """Peak RSS of ``python -c code args`` in MiB (Linux reports ru_maxrss in KiB), run in
    ``cwd`` (default: a new empty folder, outside any git repository)."""
    env = dict(os.environ, PYTHONPATH=REPO)
    with tempfile.TemporaryDirectory(prefix="nsw-bench-") as empty:
        env.setdefault("GIT_CEILING_DIRECTORIES", empty)
        out = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-c",
                              textwrap.dedent(code), *args], env=env, check=True,
                             capture_output=True, text=True, cwd=cwd or empty).stdout
    kib = int(out.strip().splitlines()[-1])
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--points", type=int, default=100_000)
    a = p.parse_args()
    reps = 3 if a.quick else a.reps
    bare = median(peak_mib("pass") for _ in range(reps))
    imported = median(peak_mib("import neptune_sys_widgets") for _ in range(reps))
    logging_, in_git = [], []
    for _ in range(reps):
        with tempfile.TemporaryDirectory(prefix="nsw-bench-") as d:
            logging_.append(peak_mib(LOG_SCRIPT, d, str(a.points)))
            in_git.append(peak_mib(LOG_SCRIPT, d, str(a.points), cwd=git_repository(d)))
    report([
        result(f"peak RSS, script logging {a.points // 1000}k points", median(logging_),
               "MiB", target=22.0, anchors=MEMORY_ANCHORS_MIB,
               note=f"outside git; bare python {bare:.1f} MiB; after import "
                    f"neptune_sys_widgets {imported:.1f} MiB"),
        result("peak RSS, the same run inside a git repository", median(in_git), "MiB",
               target=22.0, note="the run records the git state (git asked once)"),
    ], a.json)


def git_repository(parent: str) -> str:
    """A repository with one commit, as a training script's checkout."""
    repo = os.path.join(parent, "repo")
    if not os.path.isdir(repo):
        os.makedirs(repo)
        with open(os.path.join(repo, "train.py"), "w") as fh:
            fh.write("print('train')\n")
        for args in (["init", "-q"], ["add", "."],
                     ["-c", "user.name=bench", "-c", "user.email=bench@example.com",
                      "commit", "-q", "-m", "bench"]):
            subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)
    return repo


if __name__ == "__main__":
    main()
