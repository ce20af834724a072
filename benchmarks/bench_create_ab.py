"""A/B of run creation against a reference commit, so the create path cannot drift slowly.

``bench_create.py`` (this tree's copy) runs alternately against the package of a reference
commit (default ``e3a4de8``, the fastest create the project had: 0.16-0.17 ms before files,
source records and monitoring existed) and against this tree, in fresh interpreters, in the
same minutes, so a shared machine's load falls on both sides alike. Printed: the medians of
each side and their ratio (HEAD / reference), for the 1.x spelling; the figure to watch is
the ratio, not the absolute time.

Both sides run as a script (as a user's training script does), so HEAD records the script's
source code and git state (1.x's default) and the reference does not; ``--no-source`` gives
HEAD ``source_files=[]`` and ``git_ref=False`` to compare the create path alone.

    python benchmarks/bench_create_ab.py [--ref e3a4de8] [--rounds 5] [--reps 300]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from statistics import median

from _common import parser

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
METRIC = "create + name + 3 tags + description + close (sync)"


def extract(ref: str, dest: Path) -> Path:
    """The package as it was at ``ref`` (``git archive``, no checkout touched)."""
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "neptune_sys_widgets"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def side_env(pythonpath: Path) -> dict[str, str]:
    """The environment that makes a child import the package from ``pythonpath``, checked:
    an A/B whose two sides load the same tree measures nothing (this script once did)."""
    env = dict(os.environ, PYTHONPATH=str(pythonpath), NSW_BENCH_TREE=str(pythonpath))
    where = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import _common, "
         "neptune_sys_widgets as n; print(n.__file__)", str(HERE)],
        check=True, env=env, capture_output=True, text=True, cwd=HERE).stdout.strip()
    if not Path(where).resolve().is_relative_to(pythonpath.resolve()):
        raise SystemExit(f"the side for {pythonpath} imports {where}")
    return env


def one_side(pythonpath: Path, reps: int, no_source: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        env = side_env(pythonpath)
        if no_source:
            env["NSW_BENCH_NO_SOURCE"] = "1"
        subprocess.run([sys.executable, str(HERE / "bench_create.py"), "--reps", str(reps),
                        "--json", str(out)], check=True, env=env, capture_output=True,
                       stdin=subprocess.DEVNULL)
        rows = json.loads(out.read_text())
    return next(r["value"] for r in rows if r["metric"] == METRIC)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--ref", default="e3a4de8")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--reps", type=int, default=300)
    p.add_argument("--no-source", action="store_true")
    a = p.parse_args()
    rounds, reps = (2, 100) if a.quick else (a.rounds, a.reps)
    with tempfile.TemporaryDirectory() as tmp:
        ref_tree = extract(a.ref, Path(tmp))
        ref, head = [], []
        for _ in range(rounds):
            ref.append(one_side(ref_tree, reps, False))
            head.append(one_side(ROOT, reps, a.no_source))
    mr, mh = median(ref), median(head)
    print(f"{METRIC}, {rounds} rounds x {reps} runs, alternating")
    print(f"  {a.ref}: median {mr:.3f} ms  ({', '.join(f'{v:.3f}' for v in ref)})")
    what = "HEAD (no source record)" if a.no_source else "HEAD"
    print(f"  {what}: median {mh:.3f} ms  ({', '.join(f'{v:.3f}' for v in head)})")
    print(f"  ratio HEAD / {a.ref}: {mh / mr:.2f}")
    if a.json:
        Path(a.json).write_text(json.dumps({"ref": mr, "head": mh, "ratio": mh / mr}))


if __name__ == "__main__":
    main()
