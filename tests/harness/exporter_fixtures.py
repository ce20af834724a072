"""Builds neptune-exporter trees with pyarrow, from ``docs/EXPORTER_FORMAT.md``.

Not files copied from anywhere: every row is written here, as the exporter's writer would
(one row group per exporter batch, params first, Snappy, the exact schema), for both
client generations, models and versions, forks, every attribute type and every §8 pitfall.
``make_export(root)`` returns what the tests check against.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from neptune_sys_widgets.interop.format import SCHEMA, sanitize, sanitize_part

T0 = datetime(2025, 6, 1, 9, 15, 30, 123000, tzinfo=timezone.utc)
SHIFT = timedelta(hours=1)  # the 1.x exporter ran one hour east of UTC
P1, P2 = "acme/legacy-cv", "ws/proj"


def row(project: str, run: str, path: str, type_: str, **values: Any) -> dict[str, Any]:
    r = {n: None for n in SCHEMA.names}
    r.update(project_id=project, run_id=run, attribute_path=path, attribute_type=type_)
    r.update(values)
    return r


def dec(x: float | str) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("1.000000"))


def write_parts(path_prefix: Path, batches: list[list[dict]], split_at: int | None = None
                ) -> list[Path]:
    """One row group per batch; ``split_at`` starts part 1 at that batch (a 50 MiB split)."""
    path_prefix.parent.mkdir(parents=True, exist_ok=True)
    groups = [batches] if split_at is None else [batches[:split_at], batches[split_at:]]
    out = []
    for n, group in enumerate(groups):
        p = path_prefix.parent / f"{path_prefix.name}_part_{n}.parquet"
        with pq.ParquetWriter(p, SCHEMA, compression="snappy") as w:
            for b in group:
                w.write_table(pa.Table.from_pylist(b, schema=SCHEMA))
        out.append(p)
    return out


def sys_rows_1x(project: str, sys_id: str, *, name: str, tags: list[str], created: datetime,
                custom: str | None = None, failed: bool = False, kind: str = "run",
                extra: list[dict] | None = None, lasted: timedelta = timedelta(minutes=2)
                ) -> list[dict]:
    R = lambda *a, **k: row(project, sys_id, *a, **k)  # noqa: E731
    rows = [
        R("sys/id", "string", string_value=sys_id),
        R("sys/name", "string", string_value=name),
        R("sys/owner", "string", string_value="alice"),
        R("sys/creation_time", "datetime", datetime_value=created),
        R("sys/modification_time", "datetime", datetime_value=created + lasted),
        R("sys/ping_time", "datetime", datetime_value=created + lasted),
        R("sys/running_time", "float", float_value=lasted.total_seconds() - 9.75),
        R("sys/size", "float", float_value=4096.0),
        R("sys/monitoring_time", "int", int_value=int(lasted.total_seconds() - 9.75)),
        R("sys/trashed", "bool", bool_value=False),
        R("sys/tags", "string_set", string_set_value=tags),
        R("sys/group_tags", "string_set", string_set_value=[]),
    ]
    if kind == "run":
        rows += [R("sys/description", "string", string_value="first try"),
                 R("sys/hostname", "string", string_value="gpu-01"),
                 R("sys/failed", "bool", bool_value=failed)]
        if custom:
            rows.append(R("sys/custom_run_id", "string", string_value=custom))
    return rows + (extra or [])


def make_export(root: Path, *, damaged: bool = True) -> dict[str, Any]:
    """Write an export tree under ``root`` (``data/``, ``files/``, ``model_data/``,
    ``model_files/``) and return the facts the tests check."""
    data, files = root / "data", root / "files"
    mdata, mfiles = root / "model_data", root / "model_files"
    f1 = files / sanitize(P1)
    f2 = files / sanitize(P2)

    # ---------------------------------------------------------------- 1.x runs (P1)
    d1 = data / sanitize(P1)
    R = lambda run, *a, **k: row(P1, run, *a, **k)  # noqa: E731
    c1 = T0
    params = sys_rows_1x(P1, "LCV-1", name="baseline", tags=["resnet", "lr-sweep"],
                         created=c1, failed=True) + [
        R("LCV-1", "parameters/lr", "float", float_value=0.1),
        R("LCV-1", "parameters/depth", "int", int_value=2 ** 60 + 1),  # exact in 1.x
        R("LCV-1", "parameters/optimizer", "string", string_value="adam"),
        R("LCV-1", "parameters/nesterov", "bool", bool_value=True),
        R("LCV-1", "parameters/started", "datetime", datetime_value=c1 + timedelta(minutes=1)),
        R("LCV-1", "parameters/learning rate (λ)", "float", float_value=None),  # NaN param
        R("LCV-1", "data/classes", "string_set", string_set_value=["dog", "cat"]),
        R("LCV-1", "data/empty", "string_set", string_set_value=[]),
        R("LCV-1", "source_code/entrypoint", "string", string_value="train.py"),
        R("LCV-1", "parameters/missing", "string"),  # listed by get_structure, not fetched
    ]
    # series: timestamps shifted by the exporter's UTC offset (naive local time as UTC)
    loss_steps = [0, 1, 2, 3, 4]
    loss_vals = [1.0, None, 0.5, float("inf"), 0.25]  # None: a NaN point
    true_ts = [c1 + timedelta(seconds=10 * (i + 1)) for i in loss_steps]
    metrics = [R("LCV-1", "train/loss", "float_series", step=dec(s), float_value=v,
                 timestamp=t + SHIFT) for s, v, t in zip(loss_steps, loss_vals, true_ts,
                                                              strict=True)]
    metrics += [R("LCV-1", "train/acc", "float_series", step=dec(s), float_value=s / 10,
                  timestamp=c1 + timedelta(seconds=5 * (i + 1)) + SHIFT)
                for i, s in enumerate([0.5, 1.25, 2.0000005, 7000.5])]
    series = [R("LCV-1", "monitoring/abc12345/traceback", "string_series", step=dec(i),
                string_value=line, timestamp=c1 + timedelta(seconds=60 + i) + SHIFT)
              for i, line in enumerate(["Traceback (most recent call last):",
                                        "ValueError: boom"])]
    # files: 1.x payload scheme <project>/<run>/<attribute path>
    payloads = {
        "model/summary": b"layers: 50\n",
        "samples/0.png": b"\x89PNG0", "samples/1.png": b"\x89PNG1",
        "source_code/files/files.zip": b"PK\x03\x04zip",
        "artifacts/data/files_list.json": json.dumps([{"filePath": "a.csv", "fileHash": "x",
                                                       "type": "S3", "size": 3,
                                                       "metadata": {}}]).encode(),
    }
    for rel, content in payloads.items():
        p = f1 / P1 / "LCV-1" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
    base = f"{P1}/LCV-1"
    filerows = [
        R("LCV-1", "model/summary", "file", file_value={"path": f"{base}/model/summary"}),
        R("LCV-1", "samples", "file_series", step=dec(0),
          file_value={"path": f"{base}/samples/0.png"}),
        R("LCV-1", "samples", "file_series", step=dec(1),
          file_value={"path": f"{base}/samples/1.png"}),
        R("LCV-1", "source_code/files", "file_set",
          file_value={"path": f"{base}/source_code/files"}),
        R("LCV-1", "artifacts/data", "artifact",
          file_value={"path": f"{base}/artifacts/data/files_list.json"}),
    ]
    write_parts(d1 / sanitize("LCV-1"), [params, metrics, series, filerows])

    # LCV-2: custom run id, no group tags row (old server), Windows separators, big steps
    c2 = T0 + timedelta(days=1)
    p2 = [r for r in sys_rows_1x(P1, "LCV-2", name="Untitled", tags=[], created=c2,
                                 custom="nightly-7", lasted=timedelta(minutes=10))
          if r["attribute_path"] != "sys/group_tags"]
    (f1 / P1 / "LCV-2" / "model").mkdir(parents=True, exist_ok=True)
    (f1 / P1 / "LCV-2" / "model" / "weights").write_bytes(b"\x00\x01\x02")
    m2 = [R("LCV-2", "eval/score", "float_series", step=dec(s), float_value=float(s) * 2,
            timestamp=c2 + timedelta(minutes=5) + SHIFT)
          for s in ["123456789.123456", "123456790"]]
    fr2 = [R("LCV-2", "model/weights", "file",
             file_value={"path": "acme\\legacy-cv\\LCV-2\\model\\weights"})]
    write_parts(d1 / sanitize("LCV-2"), [p2, m2, fr2])

    # ------------------------------------------------------------ models (P1, 1.x only)
    mrows = sys_rows_1x(P1, "LCV-DET", name="detector", tags=["prod-line"], created=T0,
                        kind="model")
    write_parts(mdata / sanitize(P1) / "models" / sanitize("LCV-DET"), [mrows])
    versions = {}
    for n, stage in ((1, "archived"), (2, "production")):
        vid = f"LCV-DET-{n}"
        vr = sys_rows_1x(P1, vid, name=f"v{n}", tags=[f"v{n}"],
                         created=T0 + timedelta(hours=n), kind="model_version") + [
            row(P1, vid, "sys/model_id", "string", string_value="LCV-DET"),
            row(P1, vid, "sys/stage", "string", string_value=stage),
            row(P1, vid, "validation/acc", "float", float_value=0.9 + n / 100),
        ]
        (mfiles / sanitize(P1) / "model_versions" / vid / "model").mkdir(parents=True,
                                                                         exist_ok=True)
        (mfiles / sanitize(P1) / "model_versions" / vid / "model" / "bin").write_bytes(
            b"weights%d" % n)
        vr.append(row(P1, vid, "model/bin", "file",
                      file_value={"path": f"model_versions/{vid}/model/bin"}))
        write_parts(mdata / sanitize(P1) / "model_versions" / sanitize(vid), [vr])
        versions[vid] = stage

    # ----------------------------------------------------------------- 3.x runs (P2)
    d2 = data / sanitize(P2)
    c3 = T0 + timedelta(days=2)

    def sys3(custom: str, n: int, *, name: str, exp: str | None, head: bool, created: datetime,
             parent: str | None = None, step: float | None = None, depth: int = 0
             ) -> list[dict]:
        Q = lambda *a, **k: row(P2, custom, *a, **k)  # noqa: E731
        rows = [
            Q("sys/archived", "bool", bool_value=False),
            Q("sys/creation_time", "datetime", datetime_value=created),
            Q("sys/custom_run_id", "string", string_value=custom),
            Q("sys/description", "string", string_value=""),
            Q("sys/diagnostics/attributes_count", "int", int_value=42),
            Q("sys/diagnostics/project_uuid", "string", string_value="0f0e-uuid"),
            Q("sys/experiment/is_head", "bool", bool_value=head),
            Q("sys/experiment/running_time_seconds", "float", float_value=12.5),
            Q("sys/family", "string", string_value="fam-" + (parent or custom)),
            Q("sys/forking/depth", "int", int_value=depth),
            Q("sys/group_tags", "string_set", string_set_value=["team-a"]),
            Q("sys/id", "string", string_value=f"PROJ-{n}"),
            Q("sys/modification_time", "datetime", datetime_value=created + timedelta(hours=1)),
            Q("sys/owner", "string", string_value="bob"),
            Q("sys/ping_time", "datetime", datetime_value=created + timedelta(hours=1)),
            Q("sys/relative_creation_time_ms", "int", int_value=3_600_000),
            Q("sys/running_time_seconds", "float", float_value=3599.5),
            Q("sys/size", "int", int_value=12345),
            Q("sys/tags", "string_set", string_set_value=["scale", custom]),
            Q("sys/trashed", "bool", bool_value=False),
        ]
        if name is not None:
            rows.append(Q("sys/name", "string", string_value=name))
        else:
            rows.append(Q("sys/name", "string"))  # phantom: a detached run has no name
        if exp is not None:
            rows.append(Q("sys/experiment/name", "string", string_value=exp))
        if parent is not None:
            rows += [Q("sys/forking/parent", "string", string_value=parent),
                     Q("sys/forking/step", "float", float_value=step),
                     Q("sys/forking/requested_parent", "string", string_value=parent)]
        else:  # phantom rows of the 16-run parameter batch (§4.3)
            rows += [Q("sys/forking/parent", "string"), Q("sys/forking/step", "float")]
        return rows

    def own(custom: str, steps: list[float], created: datetime) -> list[dict]:
        return [row(P2, custom, "metrics/loss", "float_series", step=dec(s),
                    float_value=1 / (s + 1), timestamp=created + timedelta(seconds=s))
                for s in steps]

    base_rows = sys3("pt-base", 1, name="lr-study", exp="lr-study", head=False, created=c3) + [
        row(P2, "pt-base", "config/lr", "float", float_value=0.01),
        row(P2, "pt-base", "config/batch", "int", int_value=64),
        row(P2, "pt-base", "config/batch", "float"),  # same path, two types, one null
        row(P2, "pt-base", "config/big", "int", int_value=2 ** 60),  # rounded in the batch
        row(P2, "pt-base", "config/name", "string", string_value="resnet"),
        row(P2, "pt-base", "config/frozen", "bool", bool_value=False),
        row(P2, "pt-base", "config/when", "datetime", datetime_value=c3),
        row(P2, "pt-base", "config/labels", "string_set", string_set_value=["b", "a"]),
    ]
    hist = [row(P2, "pt-base", "dist/weights", "histogram_series", step=dec(s),
                timestamp=c3 + timedelta(seconds=s),
                histogram_value={"type": "COUNTING", "edges": [0.0, 1.0, 2.0],
                                 "values": [3.0, float(s)]}) for s in (0, 1)]
    strs = [row(P2, "pt-base", "logs/stdout", "string_series", step=dec(s), string_value=f"ep {s}",
                timestamp=c3 + timedelta(seconds=s)) for s in (0, 1, 2)]
    rel = "pt-base/samples/generations/step_2000_500000.txt"
    (f2 / rel).parent.mkdir(parents=True, exist_ok=True)
    (f2 / rel).write_bytes(b"hello")
    (f2 / "pt-base/artifacts").mkdir(parents=True, exist_ok=True)
    (f2 / "pt-base/artifacts/config_json.json").write_bytes(b'{"a": 1}')
    fs = [row(P2, "pt-base", "samples/generations", "file_series", step=dec("2000.5"),
              timestamp=c3 + timedelta(seconds=20), file_value={"path": rel}),
          row(P2, "pt-base", "artifacts/config.json", "file",
              file_value={"path": "pt-base/artifacts/config_json.json"})]
    # a split export: part 0 holds params and the first metrics, part 1 the rest
    write_parts(d2 / sanitize("pt-base"),
                [base_rows, own("pt-base", [0, 1, 2, 3, 4, 5], c3),
                 own("pt-base", [6, 7, 8], c3), hist + strs, fs], split_at=2)

    fork = sys3("pt-lr-a", 2, name="lr-study", exp="lr-study", head=True,
                created=c3 + timedelta(minutes=10), parent="pt-base", step=4.5, depth=1)
    fork.append(row(P2, "pt-lr-a", "config/lr", "float", float_value=0.02))
    write_parts(d2 / sanitize("pt-lr-a"),
                [fork, own("pt-lr-a", [5, 6, 7], c3 + timedelta(minutes=10))])
    cont = sys3("pt-lr-a-cont", 3, name=None, exp=None, head=False,
                created=c3 + timedelta(minutes=20), parent="pt-lr-a", step=7000.5, depth=2)
    write_parts(d2 / sanitize("pt-lr-a-cont"), [cont])

    # an interrupted export: only .tmp parts (skipped and listed)
    tmp = d2 / f"{sanitize('pt-broken')}_part_0.parquet.tmp"
    tmp.write_bytes(b"PAR1 partial")

    out = {"root": root, "versions": versions, "true_ts": true_ts,
           "runs_1x": ["LCV-1", "LCV-2"], "runs_3x": ["PROJ-1", "PROJ-2", "PROJ-3"],
           "damaged": None}
    if damaged:
        bad = write_parts(d2 / sanitize("pt-bad"),
                          [sys3("pt-bad", 9, name="x", exp=None, head=False, created=c3),
                           own("pt-bad", list(range(50)), c3)])[0]
        # a torn page in the second row group: the first one reads, then the run fails
        md = pq.ParquetFile(bad).metadata.row_group(1)
        offsets = [md.column(i).data_page_offset for i in range(md.num_columns)]
        blob = bytearray(bad.read_bytes())
        for off in offsets:
            blob[off:off + 12] = b"\xff" * 12
        bad.write_bytes(bytes(blob))
        out["damaged"] = bad
        trunc = write_parts(d2 / sanitize("pt-trunc"),
                            [sys3("pt-trunc", 8, name="t", exp=None, head=False, created=c3)])[0]
        trunc.write_bytes(trunc.read_bytes()[:100])  # a truncated download
        out["truncated"] = trunc
    return out


__all__ = ["make_export", "row", "write_parts", "sanitize_part", "T0", "SHIFT", "P1", "P2"]


def exit_unless_in(pid: int, value: Any) -> Any:
    """For the helper-process tests: a call that kills any process but ``pid`` (a helper
    dying mid-import), and returns ``value`` where it is allowed to run."""
    import os
    if os.getpid() != pid:
        os._exit(3)
    return value


def make_many_runs(root: Path, n: int, *, project: str = "big/many", damaged: int | None = None
                   ) -> Path:
    """``n`` small 1.x runs (sys rows, a tag set, configs of every type), one file each, as
    an export of a big workspace has: enough for an import to use helper processes. Run
    ``damaged`` (1-based) gets a truncated file."""
    folder = root / "data" / sanitize(project)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        sid = f"MANY-{i}"
        rows = [row(project, sid, "sys/id", "string", string_value=sid),
                row(project, sid, "sys/name", "string", string_value=f"run {i}"),
                row(project, sid, "sys/creation_time", "datetime",
                    datetime_value=T0 + timedelta(seconds=i)),
                row(project, sid, "sys/tags", "string_set",
                    string_set_value=["many", f"t{i % 7}"]),
                row(project, sid, "config/lr", "float", float_value=i / 1000),
                row(project, sid, "config/epochs", "int", int_value=i),
                row(project, sid, "config/opt", "string", string_value="adam"),
                row(project, sid, "config/flag", "bool", bool_value=i % 2 == 0)]
        path = folder / f"{sanitize(sid)}_part_0.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path, compression="snappy")
        if i == damaged:
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])
    return root
