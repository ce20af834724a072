"""Python bytecodes executed by one create, this tree against a reference commit.

The wall-time A/B (``bench_create_ab.py``) needs a quiet machine and several alternating
rounds, and still moves by 10 % between runs on the shared VMs. The number of bytecodes a
create + name + 3 tags + description + stop executes does not depend on the load: it
moves only when the code does. Both sides run the same create (sync, warm process, the
reference's package from ``git archive``), counted with ``sys.settrace`` opcode events
over 50 creates; printed per side with the functions that execute the most, and the ratio.
SQLite's own work (C) is not counted: the statements are the same or fewer than at the
reference (per-statement timings in benchmarks/README.md), so the ratio is the Python
overhead's. This tree runs with ``source_files=[]`` and ``git_ref=False`` unless
``--with-source`` (the reference recorded no source at all).

    python benchmarks/bench_create_ops.py [--ref e3a4de8] [--top 15] [--with-source]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import parser
from bench_create_ab import ROOT, extract, side_env

N = 50
CHILD = r"""
import collections, json, os, sys, tempfile
import _common  # puts the side's tree first on sys.path
import neptune_sys_widgets as nsw
tree = os.environ["NSW_BENCH_TREE"]
extra = {} if os.environ.get("NSW_BENCH_SOURCE") or os.environ.get("NSW_BENCH_REF_SIDE") \
    else {"source_files": [], "git_ref": False}
tmp = tempfile.mkdtemp()
store = os.path.join(tmp, "s.db")
tags = ["resnet", "lr-sweep", "baseline"]
def one(i):
    nsw.init_run(project="bench/ops", mode="sync", store=store, name=f"run {i}", tags=tags,
                 description="resnet50, lr 3e-4", **extra).stop()
for i in range(20):
    one(i)
counts = collections.Counter()
def tracer(frame, event, arg):
    frame.f_trace_opcodes = True
    if event == "opcode":
        co = frame.f_code
        counts[(co.co_filename.replace(tree, ""), co.co_firstlineno, co.co_name)] += 1
    return tracer
sys.settrace(tracer)
for i in range(N):
    one(100 + i)
sys.settrace(None)
nsw.store.close_all()
print(json.dumps({"total": sum(counts.values()) / N,
                  "top": [[f"{k[0]}:{k[1]} {k[2]}", v / N] for k, v in counts.most_common(40)]}))
""".replace("N)", f"{N})").replace("/ N", f"/ {N}")


def count(tree: Path, *, ref_side: bool, with_source: bool) -> dict:
    env = side_env(tree)
    if ref_side:
        env["NSW_BENCH_REF_SIDE"] = "1"
    if with_source:
        env["NSW_BENCH_SOURCE"] = "1"
    out = subprocess.run([sys.executable, "-c", CHILD], check=True, env=env, text=True,
                         capture_output=True, cwd=Path(__file__).parent,
                         stdin=subprocess.DEVNULL).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--ref", default="e3a4de8")
    p.add_argument("--top", type=int, default=15)
    p.add_argument("--with-source", action="store_true")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ref = count(extract(a.ref, Path(tmp)), ref_side=True, with_source=False)
    head = count(ROOT, ref_side=False, with_source=a.with_source)
    what = "HEAD" if a.with_source else "HEAD (source_files=[], git_ref=False)"
    print(f"bytecodes per create + name + 3 tags + description + stop (sync), {N} creates")
    for name, side in ((a.ref, ref), (what, head)):
        print(f"  {name}: {side['total']:.0f}")
        for fn, n in side["top"][:a.top]:
            print(f"      {n:7.0f}  {fn}")
    print(f"  ratio HEAD / {a.ref}: {head['total'] / ref['total']:.2f}")
    if a.json:
        Path(a.json).write_text(json.dumps({"ref": ref["total"], "head": head["total"],
                                            "ratio": head["total"] / ref["total"]}))


if __name__ == "__main__":
    main()
