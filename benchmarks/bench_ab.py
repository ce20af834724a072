"""A/B of any benchmark script: the package of a reference commit against this tree,
alternating in fresh interpreters in the same minutes, so a shared machine's load falls on
both sides alike. Prints, per metric the script reports, the median of each side over the
rounds and their ratio (this tree / reference; for a rate, > 1 is better, else < 1).

    python benchmarks/bench_ab.py bench_import.py [--ref main] [--rounds 5] [-- --reps 10]

Arguments after ``--`` go to the script. Both sides run this tree's copy of the script
(``NSW_BENCH_TREE`` names the package each side imports; ``bench_create_ab.py`` checks
that the side really loads it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from _common import parser
from bench_create_ab import HERE, extract, side_env


def one_run(tree: Path, script: str, extra: list[str]) -> dict[str, tuple[float, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        subprocess.run([sys.executable, str(HERE / script), "--json", str(out), *extra],
                       check=True, env=side_env(tree), capture_output=True,
                       stdin=subprocess.DEVNULL)
        return {r["metric"]: (r["value"], r["unit"], r["better"])
                for r in json.loads(out.read_text())}


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    p = parser(__doc__)
    p.add_argument("script")
    p.add_argument("--ref", default="main")
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args(argv)
    rounds = 2 if a.quick else a.rounds
    ref_runs, head_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        ref_tree = extract(a.ref, Path(tmp))
        for _ in range(rounds):
            ref_runs.append(one_run(ref_tree, a.script, extra))
            head_runs.append(one_run(HERE.parent, a.script, extra))
    rows = []
    print(f"{a.script}: {a.ref} vs this tree, {rounds} rounds alternating (medians)")
    for metric, (_, unit, better) in head_runs[0].items():
        if not all(metric in r for r in ref_runs):
            continue
        mr = median(r[metric][0] for r in ref_runs)
        mh = median(r[metric][0] for r in head_runs)
        ratio = mh / mr if mr else float("nan")
        print(f"  {metric}: {mr:.4g} -> {mh:.4g} {unit}  (x{ratio:.2f}, {better} is better)")
        rows.append({"metric": metric, "unit": unit, "ref": mr, "head": mh, "ratio": ratio})
    if a.json:
        Path(a.json).write_text(json.dumps(rows))


if __name__ == "__main__":
    main()
