"""Export a project in neptune-exporter's exact layout and schema; copy between stores.

The checklist is ``docs/EXPORTER_FORMAT.md`` §11: roots ``data/``, ``files/``,
``model_data/``, ``model_files/``; folder ``S(project_id)``; files
``S(run_id)_part_<n>.parquet``, Snappy, the exact schema, one row group per batch
(parameters, then series, then files), written as ``.tmp`` and renamed with part 0 last;
a new part only between batches once a part passes 50 MiB.

What goes in each object's rows:

- ``run_id``: an imported object keeps the value of its export; otherwise a run with a
  custom run id is written neptune-scale style (``run_id`` = the custom id), one without
  1.x style (``run_id`` = ``sys/id``); models and versions use ``sys/id``.
- ``sys/`` rows: an imported object gets back exactly the rows (paths, types) its export
  had, with current values (an edited name or tag shows); others get the set their
  generation's exporter writes (§6), always including the five metadata paths the loaders
  need, forks with ``sys/forking/parent`` (the parent's run_id value) and
  ``sys/forking/step`` as float. Never ``sys/state``.
- configs one row each (string sets sorted, ``[]`` when empty, datetimes ms UTC, NaN as
  null); series with their own points only (a fork's inherited prefix is its parent's), in
  ascending step order, steps as decimal(18,6), timestamps ms UTC (true UTC: a corrected 1.x
  shift is not re-applied), NaN values as null.
- files: payloads written under ``files/S(project_id)/`` at the path the import recorded,
  or the 1.x scheme (``<project>/<run>/<path>``) / 3.x scheme (``<s(run)>/<s(seg)>...<ext>``)
  by generation; always ``/`` separators.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import catalog
from ..exceptions import NotFoundError
from ..objects.project import qualify
from ..store import bulk_for, open_store
from ..wording import count, duration
from . import export_files as XF
from . import format as F
from .workers import HELPER_CHUNK, WorkerPool, helper_note, helpers_for

if TYPE_CHECKING:
    from ..store.base import Bulk

SERIES_BATCH_ROWS = 131_072
DESCRIPTOR_ROWS = 1024  # file / histogram series rows per table (Python objects)
_Q = Decimal("1.000000")

# the sys rows each generation's exporter writes (§6), for objects not imported
SYS_1X_RUN = [("sys/id", "string"), ("sys/name", "string"), ("sys/description", "string"),
              ("sys/owner", "string"), ("sys/hostname", "string"),
              ("sys/custom_run_id", "string"), ("sys/creation_time", "datetime"),
              ("sys/modification_time", "datetime"), ("sys/ping_time", "datetime"),
              ("sys/running_time", "float"), ("sys/size", "float"),
              ("sys/monitoring_time", "int"), ("sys/failed", "bool"),
              ("sys/trashed", "bool"), ("sys/tags", "string_set"),
              ("sys/group_tags", "string_set"), ("sys/relative_creation_time_ms", "int")]
SYS_1X_MODEL = [p for p in SYS_1X_RUN if p[0] not in (
    "sys/hostname", "sys/custom_run_id", "sys/failed", "sys/relative_creation_time_ms")]
SYS_1X_VERSION = SYS_1X_MODEL + [("sys/model_id", "string"), ("sys/stage", "string")]
SYS_3X_RUN = [("sys/archived", "bool"), ("sys/creation_time", "datetime"),
              ("sys/custom_run_id", "string"), ("sys/description", "string"),
              ("sys/experiment/is_head", "bool"), ("sys/experiment/name", "string"),
              ("sys/failed", "bool"), ("sys/family", "string"), ("sys/forking/depth", "int"),
              ("sys/forking/parent", "string"), ("sys/forking/requested_parent", "string"),
              ("sys/forking/step", "float"), ("sys/group_tags", "string_set"),
              ("sys/hostname", "string"), ("sys/id", "string"),
              ("sys/modification_time", "datetime"), ("sys/name", "string"),
              ("sys/owner", "string"), ("sys/ping_time", "datetime"),
              ("sys/relative_creation_time_ms", "int"), ("sys/running_time_seconds", "float"),
              ("sys/size", "int"), ("sys/tags", "string_set"), ("sys/trashed", "bool")]
_ALIASES = {"sys/running_time_seconds": "sys/running_time"}
# the exporter's type of a catalog type, for the catalog's own fields below
_EXPORT_TYPES = {catalog.STRING: "string", catalog.STRING_SET: "string_set",
                 catalog.BOOLEAN: "bool", catalog.INTEGER: "int", catalog.FLOAT: "float",
                 catalog.DATETIME: "datetime", catalog.STAGE: "string"}
_UPSTREAM = {p for rows in (SYS_1X_RUN, SYS_1X_MODEL, SYS_1X_VERSION, SYS_3X_RUN)
             for p, _ in rows} | set(_ALIASES)
# Catalog fields that Neptune's exports never had (a field this package added): written
# after the upstream rows, so that an export -> import carries every stored field.
SYS_OWN = [(f, _EXPORT_TYPES[f.type]) for f in catalog.FIELDS
           if f.path not in _UPSTREAM and f.storage != catalog.DERIVED]


@dataclass
class ExportSummary:
    """What an export wrote."""

    out: str = ""
    objects: dict[str, int] = field(default_factory=lambda: {"run": 0, "model": 0,
                                                             "model_version": 0})
    rows: int = 0
    points: int = 0
    files: int = 0
    parts: int = 0
    missing_payloads: list[str] = field(default_factory=list)
    seconds: float = 0.0
    helpers: int = 0  # helper processes used
    helper_problem: str | None = None  # why they stopped, if they did (the rest ran here)

    def add(self, local: ExportSummary) -> None:
        """Count in what one object's export wrote."""
        for k, v in local.objects.items():
            self.objects[k] += v
        self.rows += local.rows
        self.points += local.points
        self.files += local.files
        self.parts += local.parts
        self.missing_payloads.extend(local.missing_payloads)

    def to_dict(self) -> dict[str, Any]:
        return {"out": self.out, "objects": self.objects, "rows": self.rows,
                "points": self.points, "files": self.files, "parts": self.parts,
                "missing_payloads": self.missing_payloads, "seconds": round(self.seconds, 3),
                "helpers": self.helpers, "helper_problem": self.helper_problem}

    def __str__(self) -> str:
        o = self.objects
        lines = [f"exported {count(o['run'], 'run')}, {count(o['model'], 'model')}, "
                 f"{count(o['model_version'], 'model version')}: {count(self.rows, 'row')} "
                 f"({count(self.points, 'series point')}), {count(self.files, 'file')}, "
                 f"{count(self.parts, 'parquet part')} to {self.out} in "
                 f"{duration(self.seconds)}"]
        if self.missing_payloads:
            lines.append("note: not in the store, so their rows were written without "
                         f"payload: {count(len(self.missing_payloads), 'file payload')}")
        if self.helper_problem:
            lines.append(helper_note(self.helper_problem, "written"))
        return "\n".join(lines)


class _PartWriter:
    """One object's parquet parts: ``.tmp`` files, a new part between batches past the size
    limit, renamed highest first so that ``_part_0.parquet`` appears last (§2.2)."""

    def __init__(self, folder: Path, run_id: str, part_size: int) -> None:
        self.folder, self.run_id, self.part_size = folder, run_id, part_size
        self.parts: list[Path] = []
        self._sink: Any = None
        self._raw: Any = None
        self._writer: pq.ParquetWriter | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, table: pa.Table) -> None:
        if self._writer is not None and self._sink.tell() > self.part_size:
            self._close()
        if self._writer is None:
            final = self.folder / F.part_name(self.run_id, len(self.parts))
            self.parts.append(final)
            # buffered: the writer's many small writes (one per page and column) become
            # one or a few system calls
            self._raw = pa.OSFile(str(final) + ".tmp", "wb")
            self._sink = pa.BufferedOutputStream(self._raw, buffer_size=1 << 20)
            self._writer = pq.ParquetWriter(self._sink, F.SCHEMA, compression="snappy")
        self._writer.write_table(table, row_group_size=max(1, table.num_rows))

    def _close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._sink.close()
            self._raw.close()
            self._writer = self._sink = self._raw = None

    def finish(self) -> int:
        self._close()
        for p in reversed(self.parts):
            os.replace(str(p) + ".tmp", p)
        return len(self.parts)

    def abort(self) -> None:
        self._close()
        for p in self.parts:
            for q in (Path(str(p) + ".tmp"), p):
                if q.exists():
                    q.unlink()


def _const(value: Any, n: int, type_: pa.DataType = pa.string()) -> pa.Array:
    return pa.array([value], type_).take(pa.array(np.zeros(n, dtype=np.int32)))


def _table(columns: dict[str, pa.Array], n: int) -> pa.Table:
    arrays = [columns[c] if c in columns else pa.nulls(n, F.SCHEMA.field(c).type)
              for c in F.COLUMNS]
    return pa.Table.from_arrays(arrays, schema=F.SCHEMA)


def _ms_array(seconds: np.ndarray) -> pa.Array:
    nan = np.isnan(seconds)
    ms = np.rint(np.where(nan, 0.0, seconds) * 1000.0).astype("int64")
    return pa.array(ms, pa.int64(), mask=nan).cast(pa.timestamp("ms", tz="UTC"))


def _step_array(steps: np.ndarray) -> pa.Array:
    """Steps quantized to 6 decimals (§5); |step| >= 10^12 cannot be represented."""
    if len(steps) and float(np.abs(steps).max()) >= F.MAX_STEP:
        raise ValueError(f"step {float(np.abs(steps).max())} cannot be exported: "
                         "decimal(18,6) holds |step| < 10^12")
    return pc.cast(pa.array(np.round(steps, 6), pa.float64()), pa.decimal128(18, 6),
                   safe=False)


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text).quantize(_Q)


def _dt(ms: int | None) -> Any:
    return None if ms is None else ms


class _ObjectExport:
    def __init__(self, bulk: Bulk, rec: dict[str, Any], meta: dict[str, Any] | None,
                 project: str, by_pk: dict[int, dict[str, Any]], payload_src: Path | None,
                 out: Path, summary: ExportSummary, part_size: int) -> None:
        self.bulk, self.rec, self.meta, self.project = bulk, rec, meta, project
        self.by_pk, self.payload_src, self.summary = by_pk, payload_src, summary
        self.kind = rec["kind"]
        self.gen = meta["generation"] if meta else (
            "neptune3" if self.kind == catalog.RUN and (
                rec["custom_run_id"] or rec["experiment_name"] or rec["parent_pk"])
            else "neptune2")
        self.run_id = self._run_id()
        sp = F.sanitize(project)
        if self.kind == catalog.RUN:
            data, self.files = out / "data" / sp, out / "files" / sp
        else:
            sub = "models" if self.kind == catalog.MODEL else "model_versions"
            data, self.files = out / "model_data" / sp / sub, out / "model_files" / sp
        self.writer = _PartWriter(data, self.run_id, part_size)

    def _run_id(self) -> str:
        rec, meta = self.rec, self.meta
        if meta and meta.get("run_id") in (rec["custom_run_id"], rec["id"]):
            return meta["run_id"]
        if self.kind == catalog.RUN and self.gen == "neptune3" and rec["custom_run_id"]:
            return rec["custom_run_id"]
        return rec["id"]

    # ---------------------------------------------------------------- sys rows
    def _sys_list(self) -> list[tuple[str, str]]:
        own = [(f.path, t) for f, t in SYS_OWN if f.applies_to(self.kind)]
        if self.meta:
            return [tuple(p) for p in self.meta["sys"]] + own
        if self.kind == catalog.MODEL:
            return SYS_1X_MODEL + own
        if self.kind == catalog.MODEL_VERSION:
            return SYS_1X_VERSION + own
        return (SYS_3X_RUN if self.gen == "neptune3" else SYS_1X_RUN) + own

    def _sys_value(self, path: str, type_: str, extras: dict[str, tuple[str, Any]]) -> Any:
        if path in extras:
            return _from_store(*extras[path], self._set_values(path))
        f = catalog.BY_PATH.get(_ALIASES.get(path, path))
        if f is None:
            return None
        rec = self.rec
        v = rec.get(f.trait)
        if f.path == "sys/forking/parent" and v is not None and rec["parent_pk"] in self.by_pk:
            parent = self.by_pk[rec["parent_pk"]]  # the parent's run_id value (custom id)
            v = parent["custom_run_id"] or parent["id"]
        if v is None:
            return None
        if f.type == catalog.STRING_SET:
            return sorted(v)
        return _cast(type_, v)

    def _set_values(self, path: str) -> list[str]:
        return self._sets.get(path, [])

    def params(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(parameter rows, file rows)."""
        pk = self.rec["pk"]
        attrs = self.bulk.attributes(pk)
        self._sets = self.bulk.sets(pk)
        extras = {p: (t, v) for p, t, v in attrs if p.startswith("sys/")}
        rows: list[dict[str, Any]] = []
        files: list[dict[str, Any]] = []
        listed = self._sys_list()
        seen = set()
        for path, type_ in listed + [(p, _export_type(t)) for p, (t, _) in extras.items()]:
            if path in seen:
                continue
            seen.add(path)
            if path == "sys/custom_run_id" and not self.rec["custom_run_id"] and \
                    path not in extras:
                continue
            v = self._sys_value(path, type_, extras)
            if v is None:
                continue  # unset here: never write a phantom row
            rows.append(self._param(path, type_, v))
        for path, t, v in attrs:
            if path.startswith("sys/"):
                continue
            if t in ("float", "int", "string", "bool", "datetime", "string_set"):
                rows.append(self._param(path, t, _from_store(t, v, self._set_values(path))))
            elif XF.is_stored_format(t, v):
                files.append(XF.atom_row(self, self.bulk.store, path, t, v))
            elif t in ("file", "file_ref", "file_set", "artifact"):
                files.append(self._file(path, t, v))
            elif t == "file_series":
                for step, ts, rel in json.loads(v)["points"]:
                    self._copy(rel)
                    files.append(self._row(path, "file_series", step=_dec(step),
                                           timestamp=_dt(ts), file_value={"path": rel}))
            elif t == F.HISTOGRAM:
                for step, ts, htype, edges, values in json.loads(v)["points"]:
                    files.append(self._row(path, F.HISTOGRAM, step=_dec(step),
                                           timestamp=_dt(ts), histogram_value={
                                               "type": htype, "edges": edges,
                                               "values": values}))
        return rows, files

    def row(self, path: str, type_: str, **values: Any) -> dict[str, Any]:
        """A row of this object's export (objects/ interop/export_files.py also writes)."""
        return self._row(path, type_, **values)

    def scheme(self, path: str, ext: str | None) -> str:
        """Where a file (with ``ext``) or a folder of files (None) at ``path`` goes under
        the export's files tree, as the exporter names them."""
        rel = self._scheme(path, (ext or "bin").encode() + b"\0")
        return rel[:-4] if ext is None and rel.endswith(".bin") else rel

    def _row(self, path: str, type_: str, **values: Any) -> dict[str, Any]:
        r = {"project_id": self.project, "run_id": self.run_id, "attribute_path": path,
             "attribute_type": type_}
        r.update(values)
        return r

    def _param(self, path: str, type_: str, v: Any) -> dict[str, Any]:
        col = F.PARAMETER_TYPES[type_]
        if type_ == "float" and isinstance(v, float) and math.isnan(v):
            v = None  # the exporter writes a NaN parameter as null
        return self._row(path, type_, **{col: v})

    def _file(self, path: str, t: str, v: Any) -> dict[str, Any]:
        if t == "file":
            rel = (self.meta or {}).get("files", {}).get(path) or self._scheme(path, v)
            dst = self.files / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(bytes(v).partition(b"\0")[2])
            self.summary.files += 1
            return self._row(path, "file", file_value={"path": rel})
        rel = json.loads(v)["path"]
        self._copy(rel)
        return self._row(path, "file" if t == "file_ref" else t, file_value={"path": rel})

    def _copy(self, rel: str) -> None:
        src = self.payload_src / rel if self.payload_src is not None else None
        if src is None or not src.exists():
            self.summary.missing_payloads.append(rel)
            return
        dst = self.files / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, dst)
        self.summary.files += 1

    def _scheme(self, path: str, blob: bytes) -> str:
        if self.kind != catalog.RUN:
            sub = "models" if self.kind == catalog.MODEL else "model_versions"
            return f"{sub}/{self.rec['id']}/{path}"
        if self.gen == "neptune2":
            return f"{self.project}/{self.run_id}/{path}"
        ext = bytes(blob).partition(b"\0")[0].decode() or "bin"
        segs = [F.sanitize_part(s) for s in [self.run_id, *path.split("/")]]
        return "/".join(segs) + "." + ext

    # ------------------------------------------------------------------ series
    def series_tables(self) -> Iterator[pa.Table]:
        pk = self.rec["pk"]
        for path, type_ in self.bulk.series(pk):
            if type_ in ("file", "histogram"):
                yield from self._file_series_tables(pk, path, type_)
                continue
            steps_buf: list[bytes] = []
            vals_buf: list[Any] = []
            ts_buf: list[bytes] = []
            n = 0
            for s, v, t in self.bulk.chunks(pk, path):
                steps_buf.append(s)
                ts_buf.append(t)
                if type_ == "float":
                    vals_buf.append(v)
                else:
                    vals_buf.extend(v.decode().split("\x1f"))
                n += len(s) // 8
                if n >= SERIES_BATCH_ROWS:
                    yield self._series_table(path, type_, steps_buf, vals_buf, ts_buf)
                    steps_buf, vals_buf, ts_buf, n = [], [], [], 0
            if n:
                yield self._series_table(path, type_, steps_buf, vals_buf, ts_buf)

    def _file_series_tables(self, pk: int, path: str, type_: str) -> Iterator[pa.Table]:
        """A file series' or a histogram series' rows (objects/files.py stores them as
        descriptors; interop/export_files.py writes them out), ``DESCRIPTOR_ROWS`` at a
        time: a histogram is up to 513 edges, so a long series is never held whole."""
        done = 0
        for s, v, t in self.bulk.chunks(pk, path):
            all_steps = np.frombuffer(s, dtype="f8")
            all_stamps = np.frombuffer(t, dtype="f8")
            all_values = bytes(v).decode().split("\x1f")
            for i in range(0, len(all_steps), DESCRIPTOR_ROWS):
                j = i + DESCRIPTOR_ROWS
                steps = [_dec(repr(float(x))) for x in all_steps[i:j]]
                stamps = [None if math.isnan(x) else int(round(x * 1000))  # (1.x's: none)
                          for x in all_stamps[i:j]]
                rows = XF.series_rows(self, self.bulk.store, path, type_, steps,
                                      all_values[i:j], stamps, start=done)
                done += len(rows)
                self.summary.points += len(rows)
                yield pa.Table.from_pylist(rows, schema=F.SCHEMA)

    def _series_table(self, path: str, type_: str, steps_b: list[bytes], vals: list[Any],
                      ts_b: list[bytes]) -> pa.Table:
        steps = np.frombuffer(b"".join(steps_b), dtype="f8")
        ts = np.frombuffer(b"".join(ts_b), dtype="f8")
        n = len(steps)
        cols = {"project_id": _const(self.project, n), "run_id": _const(self.run_id, n),
                "attribute_path": _const(path, n), "step": _step_array(steps),
                "timestamp": _ms_array(ts)}
        if type_ == "float":
            cols["attribute_type"] = _const("float_series", n)
            cols["float_value"] = pa.array(np.frombuffer(b"".join(vals), dtype="f8"),
                                           pa.float64(), from_pandas=True)
        else:
            cols["attribute_type"] = _const("string_series", n)
            cols["string_value"] = pa.array(vals, pa.string())
        self.summary.points += n
        return _table(cols, n)

    # ------------------------------------------------------------------- write
    def run(self) -> None:
        try:
            params, files = self.params()
            self.writer.write(pa.Table.from_pylist(params, schema=F.SCHEMA))
            self.summary.rows += len(params)
            for t in self.series_tables():
                self.writer.write(t)
                self.summary.rows += t.num_rows
            if files:
                self.writer.write(pa.Table.from_pylist(files, schema=F.SCHEMA))
                self.summary.rows += len(files)
            self.summary.parts += self.writer.finish()
        except BaseException:
            self.writer.abort()
            raise
        self.summary.objects[self.kind] += 1


def _parents(rec: dict[str, Any], by_pk: dict[int, dict[str, Any]]
             ) -> dict[int, dict[str, Any]]:
    """The one row of ``by_pk`` an object's export reads (its parent's), for a helper."""
    p = rec.get("parent_pk")
    return {p: by_pk[p]} if p in by_pk else {}


def _export_type(stored: str) -> str:
    return {"file_ref": "file"}.get(stored, stored)


def _from_store(type_: str, value: Any, set_values: list[str]) -> Any:
    if type_ == "string_set":
        return sorted(set_values)
    if type_ == "float":
        return float(value)  # NaN and Inf are stored as text
    if type_ == "bool":
        return bool(value)
    return value


def _cast(type_: str, v: Any) -> Any:
    try:
        if type_ == "string":
            return str(v)
        if type_ == "int":
            return int(v)
        if type_ == "float":
            return float(v)
        if type_ == "bool":
            return bool(v)
        if type_ == "datetime":
            return int(v)
    except (TypeError, ValueError):
        return None
    return v


def _sort_for_export(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents before forks (the loaders read parents first too), then by pk."""
    by_pk = {r["pk"]: r for r in rows}
    out: list[dict[str, Any]] = []
    done: set[int] = set()

    def visit(r: dict[str, Any]) -> None:
        if r["pk"] in done:
            return
        done.add(r["pk"])
        if r.get("parent_pk") in by_pk:
            visit(by_pk[r["parent_pk"]])
        if r.get("model_pk") in by_pk:
            visit(by_pk[r["model_pk"]])
        out.append(r)

    for r in rows:
        visit(r)
    return out


def export_objects(store_ref: str, out: Path, part_size: int, jobs: list[tuple]
                   ) -> list[ExportSummary]:
    """A helper process's work (``workers.py``): objects written from its own connection
    to the store, one summary each."""
    bulk = bulk_for(open_store(store_ref))
    done = []
    for pname, rec, meta, parents, src in jobs:
        local = ExportSummary()
        _ObjectExport(bulk, rec, meta, pname, parents, src, out, local, part_size).run()
        done.append(local)
    return done


def _store_ref(s: Any) -> str | None:
    """How a helper process opens the same store (None: it cannot, e.g. in memory)."""
    if getattr(s, "url", None):
        return s.url
    if getattr(s, "memory", True):
        return None
    return s.path


def export_project(project: str | None, out: str | os.PathLike, store: Any = None, *,
                   progress: Callable[[int, int, ExportSummary], None] | None = None,
                   part_size: int = F.PART_SIZE_BYTES, include_trashed: bool = True,
                   workers: int | None = None) -> ExportSummary:
    """Write a project's runs, models and model versions (all projects when ``project`` is
    None) under ``out`` in neptune-exporter's layout (see the module docstring).
    ``workers``: helper processes writing files, each with its own connection to the
    store (None: two or more when there are at least 1,000 objects; 0: none)."""
    t0 = time.perf_counter()
    s = store if hasattr(store, "write") else open_store(store)
    bulk = bulk_for(s)
    out = Path(out)
    summary = ExportSummary(out=str(out))
    jobs = _export_jobs(bulk, s, project, include_trashed)
    payload_root = bulk.payload_dir()

    def _payloads(pname: str, meta: dict[str, Any] | None) -> Path | None:
        return payload_root / F.sanitize((meta or {}).get("project_id", pname)) \
            if payload_root is not None else None

    def one(job: tuple) -> ExportSummary:
        pname, rec, meta, by_pk = job
        src = _payloads(pname, meta)
        local = ExportSummary()
        _ObjectExport(bulk, rec, meta, pname, by_pk, src, out, local, part_size).run()
        return local

    def add(i: int, local: ExportSummary) -> None:
        summary.add(local)
        if progress:
            progress(i + 1, len(jobs), summary)

    ref = _store_ref(s)
    n_workers = helpers_for(len(jobs), workers)
    if n_workers > 0 and ref is not None:
        # helper processes: pyarrow's writing holds the GIL most of the time, so threads
        # overlap little; each object's files are its own
        chunks = ([(pname, rec, meta, _parents(rec, by_pk), _payloads(pname, meta))
                   for pname, rec, meta, by_pk in jobs[i:i + HELPER_CHUNK]]
                  for i in range(0, len(jobs), HELPER_CHUNK))
        i = 0
        with WorkerPool(n_workers) as pool:
            summary.helpers = n_workers
            for _, locals_ in pool.imap(__name__, "export_objects",
                                        ((ref, out, part_size, c) for c in chunks)):
                for local in locals_:
                    add(i, local)
                    i += 1
            summary.helper_problem = pool.broken
    else:
        # two threads: some of parquet's encoding and the file writes run without the GIL
        # (store reads use a connection per thread)
        with ThreadPoolExecutor(max_workers=2) as pool:
            for i, local in enumerate(pool.map(one, jobs)):
                add(i, local)
    summary.seconds = time.perf_counter() - t0
    return summary


def _export_jobs(bulk: Bulk, s: Any, project: str | None, include_trashed: bool
                 ) -> list[tuple]:
    """(project name, object row, import record, rows by pk) of every object to export, in
    the order an import needs (models before versions, parents before forks)."""
    if project is None:
        projects = list(bulk.projects())
    else:
        row = bulk.project(qualify(project))
        if row is None:
            raise NotFoundError(f"project {qualify(project)!r} does not exist in store "
                                f"{s.path!r}")
        projects = [row]
    jobs = []
    for prow in projects:
        rows = [r for r in bulk.objects(prow[0]) if include_trashed or not r["trashed"]]
        metas = bulk.meta([r["pk"] for r in rows])
        by_pk = {r["pk"]: r for r in rows}
        for r in _sort_for_export(rows):
            jobs.append((prow[1], r, metas.get(r["pk"]), by_pk))
    return jobs


@dataclass
class CopySummary:
    export: ExportSummary
    imported: Any

    def to_dict(self) -> dict[str, Any]:
        return {"export": self.export.to_dict(), "import": self.imported.to_dict()}

    def __str__(self) -> str:
        return f"{self.export}\n{self.imported}"


def copy_store(src: Any, dst: Any, *, project: str | None = None, on_conflict: str = "skip",
               progress: Callable[..., None] | None = None) -> CopySummary:
    """Copy projects from one store to another through an export tree in a temporary
    folder: the same store-neutral path as ``neptune-sys export`` + ``import``, so it works
    for any pair of stores that implement ``store.bulk``."""
    from .importer import import_export
    s_src = src if hasattr(src, "write") else open_store(src)
    s_dst = dst if hasattr(dst, "write") else open_store(dst)
    if os.path.abspath(str(s_src.path)) == os.path.abspath(str(s_dst.path)):
        raise ValueError(f"copy needs two different stores (both are {s_src.path!r})")
    with tempfile.TemporaryDirectory(prefix="neptune-sys-copy-") as tmp:
        ex = export_project(project, tmp, s_src, progress=progress)
        im = import_export(tmp, s_dst, on_conflict=on_conflict, progress=progress,
                           timestamp_offset=None)
    return CopySummary(ex, im)


__all__ = ["export_project", "ExportSummary", "copy_store", "CopySummary"]
