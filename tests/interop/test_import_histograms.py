"""Exported histogram series (neptune-scale's ``histogram_series`` rows) imported as real
histogram series (issue 22 item 7): read step by step in a second process through the 1.x
API and neptune-query, imported once however often the import runs, and exported back to
the rows they came from. tests/postgres/test_postgres_interop.py runs the same on PostgreSQL.
Also: a file set's recorded times through an export and an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import neptune_sys_widgets as nsw  # noqa: E402
from neptune_sys_widgets.interop import export_project, import_export  # noqa: E402
from neptune_sys_widgets.interop.format import SCHEMA, sanitize  # noqa: E402
from tests.conftest import child_env, run_python  # noqa: E402
from tests.harness.exporter_fixtures import T0, dec, row, write_parts  # noqa: E402

P = "ws/hist"
RUN = "h-run"


def _h(path: str, step: float, kind: str, edges: list[float], values: list[float | None]
       ) -> dict:
    return row(P, RUN, path, "histogram_series", step=dec(step),
               timestamp=T0 + timedelta(seconds=step),
               histogram_value={"type": kind, "edges": edges, "values": values})


def _tree(root) -> None:
    meta = [row(P, RUN, "sys/id", "string", string_value="HIST-1"),
            row(P, RUN, "sys/custom_run_id", "string", string_value=RUN),
            row(P, RUN, "sys/name", "string", string_value="hist-exp"),
            row(P, RUN, "sys/creation_time", "datetime", datetime_value=T0)]
    # out of order within a batch, a series split over two parts, a repeated step and
    # points that are not histograms (decreasing edges, a null value, unknown type)
    first = [_h("w", 2, "COUNTING", [0, 1, 2], [5, 6]), _h("w", 0, "COUNTING", [0, 1, 2], [1, 2]),
             _h("w", 1, "COUNTING", [0, 1, 2], [3, 4]),
             _h("d", 0.5, "DENSITY", [0, 0.5, 1], [0.25, 1.75])]
    second = [_h("w", 1, "COUNTING", [0, 1, 2], [9, 9]),
              _h("w", 3, "COUNTING", [0, 1, 2, 4], [7, 8, 9]),
              _h("w", 4, "COUNTING", [2, 1, 0], [1, 1]),
              _h("w", 5, "COUNTING", [0, 1, 2], [1, None]),
              _h("w", 6, "OTHER", [0, 1, 2], [1, 1])]
    write_parts(root / "data" / sanitize(P) / sanitize(RUN), [meta, first, second],
                split_at=2)


_READ = """
import json, neptune_sys_widgets as n
import neptune_sys_widgets.query.runs as nq_runs
r = n.init_run(with_id="HIST-1", mode="read-only")
w = r["w"].fetch_values()
last = r["w"].fetch_last()
df = nq_runs.fetch_series(project="ws/hist", runs="h-run", attributes="^(w|d)$")
q = {f"{c}@{s}": [v.type, list(v.edges), list(v.values)]
     for (_, s), row in df.iterrows() for c, v in row.items() if v == v and v is not None}
print(json.dumps({"steps": list(w["step"]), "type": str(r["w"].field_type),
                  "last": [last.bin_edges_as_list(), last.counts_as_list()],
                  "query": q}))
"""


def check_imported_histograms(tmp_path) -> None:
    """The import, its reads in a second process, a second import and an export."""
    root = tmp_path / "tree"
    _tree(root)
    s = import_export(root)
    assert s.created["run"] == 1 and not s.errors, s
    assert s.warnings["histogram points without a valid histogram (ignored)"] == 3
    assert s.warnings["repeated series steps (first point kept)"] == 1
    got = json.loads(run_python(_READ).stdout.strip().splitlines()[-1])
    assert got["steps"] == [0.0, 1.0, 2.0, 3.0] and got["type"] == "HistogramSeries"
    assert got["last"] == [[0.0, 1.0, 2.0, 4.0], [7, 8, 9]]
    assert got["query"] == {"w@0.0": ["COUNTING", [0.0, 1.0, 2.0], [1, 2]],
                            "w@1.0": ["COUNTING", [0.0, 1.0, 2.0], [3, 4]],
                            "w@2.0": ["COUNTING", [0.0, 1.0, 2.0], [5, 6]],
                            "w@3.0": ["COUNTING", [0.0, 1.0, 2.0, 4.0], [7, 8, 9]],
                            "d@0.5": ["DENSITY", [0.0, 0.5, 1.0], [0.25, 1.75]]}
    again = import_export(root)  # idempotent: the run is there, nothing is added
    assert again.created["run"] == 0 and len(again.existing) == 1, again
    cli = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "import", str(root),
                          "--no-progress"], capture_output=True, text=True, timeout=120,
                         env=child_env())  # and through the command, as a user runs it
    assert cli.returncode == 0, cli.stderr
    assert json.loads(run_python(_READ).stdout.strip().splitlines()[-1]) == got
    out = tmp_path / "out"
    export_project(P, out)
    t = pq.read_table(next((out / "data" / sanitize(P)).glob("*_part_0.parquet")),
                      schema=SCHEMA).to_pylist()
    rows = sorted((r["attribute_path"], float(r["step"]), r["timestamp"],
                   r["histogram_value"]["type"], r["histogram_value"]["edges"],
                   r["histogram_value"]["values"])
                  for r in t if r["attribute_type"] == "histogram_series")
    assert [(p, s, k, v) for p, s, _, k, _, v in rows] == [  # the valid, first-kept points
        ("d", 0.5, "DENSITY", [0.25, 1.75]), ("w", 0.0, "COUNTING", [1, 2]),
        ("w", 1.0, "COUNTING", [3, 4]), ("w", 2.0, "COUNTING", [5, 6]),
        ("w", 3.0, "COUNTING", [7, 8, 9])]
    assert all(ts == T0 + timedelta(seconds=s) for _, s, ts, *_ in rows)


def test_imported_histograms_are_series_read_step_by_step(store_path, tmp_path):
    check_imported_histograms(tmp_path)


def test_file_set_times_survive_export_and_import(store_path, tmp_path):
    """A file set's recorded modification times come back exactly from an export and an
    import in a second store (``seconds * 1e9`` as a float put this one a digit off)."""
    from tests.interop.test_interop import _objects
    f = tmp_path / "notes.txt"
    f.write_text("x")
    os.utime(f, ns=(1796618595317560200,) * 2)  # st_mtime 1796618595.3175602
    run = nsw.init_run(project="ws/mtime", source_files=[], capture_stdout=False,
                       capture_stderr=False, capture_hardware_metrics=False)
    run["set"].upload_files(str(f))
    run.stop()
    out, other = tmp_path / "out", str(tmp_path / "other" / "n.db")
    export_project("ws/mtime", out)
    assert not import_export(out, other).errors

    def recorded(store: str) -> dict:
        [obj] = _objects(store).values()
        [value] = [v for p, t, v in obj["attrs"] if p == "set"]
        return json.loads(value)["files"]
    assert recorded(other) == recorded(store_path)
    assert recorded(other)["notes.txt"]["mtime"] == 1796618595.3175602
