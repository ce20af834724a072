"""Run every core benchmark, each in its own interpreter, and print one summary table:
metric, median, target, ratio to the anchors (times better), pass/miss.

    python benchmarks/run_all.py [--quick] [--only import,create,...] [--json out.json]

``--quick`` passes ``--quick`` to every script (fewer repetitions; for a smoke run, not for
numbers). The machine should be otherwise idle: medians absorb a little noise, not a
parallel build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from _common import REPO, fmt_anchors, fmt_value, fmt_verdict, parser

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = ["import", "create", "first_create", "log_metrics", "tags", "tables", "memory",
           "interop", "buckets", "monitoring", "files", "sparklines"]


def run_script(name: str, quick: bool) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    try:
        cmd = [sys.executable, os.path.join(HERE, f"bench_{name}.py"), "--json", out]
        if quick:
            cmd.append("--quick")
        env = dict(os.environ, PYTHONPATH=REPO)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        took = time.perf_counter() - t0
        sys.stdout.write(proc.stdout)
        if proc.returncode != 0:
            sys.stdout.write(proc.stderr)
            print(f"!! bench_{name}.py failed (exit {proc.returncode})")
            return []
        print(f"   (bench_{name}.py took {took:.0f} s)\n")
        with open(out) as fh:
            return json.load(fh)
    finally:
        os.unlink(out)


def table(results: list[dict]) -> str:
    head = ["metric", "median", "target", "vs anchors (times better)", "verdict"]
    rows = []
    for r in results:
        target = "-" if r["target"] is None else \
            f"{'<=' if r['better'] == 'lower' else '>='} {fmt_value(r['target'], r['unit'])}"
        rows.append([r["metric"], fmt_value(r["value"], r["unit"]), target,
                     fmt_anchors(r) or "-", fmt_verdict(r)])
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    for row in rows:
        lines.append(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--only", help="comma-separated subset of: " + ", ".join(SCRIPTS))
    a = p.parse_args()
    names = SCRIPTS if not a.only else [n.strip() for n in a.only.split(",")]
    unknown = set(names) - set(SCRIPTS)
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    results: list[dict] = []
    for name in names:
        print(f"== bench_{name}.py")
        results.extend(run_script(name, a.quick))
    print("== summary")
    print(table(results))
    missed = [r for r in results if fmt_verdict(r).startswith("MISS")]
    print(f"\n{len(results)} measurements, {sum(r['target'] is not None for r in results)} "
          f"with targets, {len(missed)} missed.")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
