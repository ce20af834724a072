"""Import a neptune-exporter tree (both client generations, models and versions).

How it reads a tree (``docs/EXPORTER_FORMAT.md``):

- Roots: ``PATH/data`` (runs), ``PATH/files`` (their payloads), ``PATH/model_data`` and
  ``PATH/model_files``; or ``PATH`` itself as a data root. Run files are grouped by their
  ``<prefix>_part_<n>.parquet`` family; a family without ``_part_0`` (an interrupted export,
  only ``.tmp`` parts) is skipped and listed. The container's real ids come from the
  ``run_id`` column and the ``sys/`` rows, never from file names (§2.1, §10).
- Pass 0 reads only the metadata rows of each run (first row group of part 0, where the
  exporter puts the parameters batch; the whole family if they are not there) to learn ids,
  forks and the client generation, so that existing objects are skipped before anything is
  read and parents are imported before their forks.
- Pass 1 imports each object atomically (a savepoint of its own; objects are committed in
  groups of up to 64 or 0.2 s, see ``store.bulk.WriteGroup``), streaming its parts row group
  by row group (``ParquetFile.iter_batches``): memory stays bounded by a batch, whatever the
  export size. Its only writes are the store's bulk operations (``store.bulk.bulk_for``),
  so an SQLite and a PostgreSQL store import alike. A damaged or truncated file raises inside
  the savepoint: the object is left out entirely, the error names the file, the run and the
  row, and the import goes on. The store itself failing (``StoreError``) stops the import.

What becomes what:

- ``sys/`` rows of catalog fields go to the object's sys columns and tag sets; ``sys/``
  rows beyond the catalog (``sys/archived`` where it differs from trashed,
  ``sys/diagnostics/...``, ``sys/running_time_seconds``, ...) are kept as read-only imported
  attributes. The exact list of ``sys/`` rows (path and type) is recorded with the object,
  so that an export writes them back unchanged.
- Configs of every type become attributes; float and string series keep their steps
  (decimal(18,6) read as the nearest double) and timestamps (ms).
- Files: a ``file`` payload is copied into the store as a File value (``download()`` works);
  ``file_series``, ``file_set`` and ``artifact`` payloads, and files over 64 MiB, are copied
  into the folder ``<store file>.files/`` beside the store, and the attribute holds a JSON
  record of the copied paths. A missing payload is listed in the summary and the reference
  is kept; so is a payload a store has no folder for (PostgreSQL, in-memory), with a note
  in the summary.
- ``histogram_series`` rows become a histogram series (type ``histogram``), streamed batch
  by batch like the other series, so it reads step by step as one ``log_histograms`` made
  (``import_histograms.py``); a point that is not a valid histogram is counted and left out.
- §8 pitfalls: a null ``float_series`` value is a NaN point; a 3.x null parameter row is a
  phantom (absent); a 1.x null float parameter is a NaN; string-set element order is
  ignored (sets); Windows ``\\`` separators are normalized; a 1.x run whose series
  timestamps fall outside [creation, last modification] by a whole number of quarter hours
  is corrected by that offset (the exporter's local-time shift), or by
  ``timestamp_offset=`` seconds when given; repeated steps (6-decimal rounding can collapse
  two) keep the first point and are counted.
- Imported objects are inactive; project counters move past every imported ``KEY-N``.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute
import pyarrow.parquet as pq

from .. import catalog
from ..exceptions import InvalidValueError, StoreError
from ..objects.file_limits import MAX_INLINE, limit
from ..objects.project import ProjectRef, derive_key, owner
from ..store import FILES_ENV, blobs_for, bulk_for, open_store
from ..wording import count, duration
from . import format as F
from . import import_files, import_histograms
from .workers import HELPER_CHUNK, WorkerPool, helper_note, helpers_for

if TYPE_CHECKING:
    from ..store.base import Bulk

# pyarrow.compute's functions are generated when it is imported: its type hints name none
pc: Any = pyarrow.compute

MODEL_KIND = {"runs": catalog.RUN, "models": catalog.MODEL,
              "model_versions": catalog.MODEL_VERSION}
KIND_ORDER = {catalog.MODEL: 0, catalog.MODEL_VERSION: 1, catalog.RUN: 2}
QUARTER_HOUR_MS = 15 * 60 * 1000
SLACK_MS = 60_000
_META_PATHS = frozenset(F.METADATA_PATHS)
_RUN_NUMBER = re.compile(r"^(.*)-(\d+)$")
_SERIES_SET = pa.array(sorted(F.SERIES_TYPES))
# the store's series type of each exported series type (histograms: import_histograms.py)
_SERIES_KINDS = {"float_series": "float", "string_series": "string", F.HISTOGRAM: "histogram"}
# read as dictionaries: the same few strings on every row, decoded ~2x faster this way
DICT_COLUMNS = ["project_id", "run_id", "attribute_path", "attribute_type"]


def _plain(c: Any) -> Any:
    return pc.cast(c, c.type.value_type) if pa.types.is_dictionary(c.type) else c


def _ints(c: Any) -> Any:
    """A timestamp[ms] column as its int64 milliseconds (a zero-copy view; pc.cast costs
    ~40 us a call, which adds up over 10,000 small runs)."""
    if not pa.types.is_timestamp(c.type) or c.type.unit != "ms":
        return _ms_ints(c)
    if isinstance(c, pa.ChunkedArray):
        return pa.chunked_array([x.view(pa.int64()) for x in c.chunks], pa.int64())
    return c.view(pa.int64())


def _ms_ints(c: Any) -> Any:
    """Other timestamp units (a lenient reader's input) as int64 milliseconds."""
    if pa.types.is_timestamp(c.type):
        return pc.cast(pc.cast(c, pa.timestamp("ms", tz=c.type.tz), safe=False), pa.int64())
    return pc.cast(c, pa.int64())


def _pylist(c: Any) -> list:
    """``c.to_pylist()``, ~10x faster for a dictionary column (pyarrow makes a scalar per
    row there: ~40 us for the 30 paths of a small run, twice per run). Decoded per chunk
    through its indices: ``ChunkedArray.to_numpy`` mixes up chunks whose dictionaries
    differ."""
    if not pa.types.is_dictionary(c.type):
        return c.to_pylist()
    out: list = []
    for ch in (c.chunks if isinstance(c, pa.ChunkedArray) else [c]):
        d = ch.dictionary.to_pylist()
        idx = ch.indices
        if idx.null_count:
            idx = pc.fill_null(idx, -1)
        out.extend([d[i] if i >= 0 else None for i in idx.to_numpy().tolist()])
    return out


def _open(path: Path) -> pq.ParquetFile:
    return pq.ParquetFile(path, memory_map=True, read_dictionary=DICT_COLUMNS)


class ImportError_(InvalidValueError):
    """A problem with one object of the tree (it is left out; the import goes on)."""


@dataclass
class ImportSummary:
    """What an import did. ``skipped`` lists objects left out and why; ``errors`` the
    damaged ones (file, run, row, error)."""

    created: dict[str, int] = field(default_factory=lambda: {"run": 0, "model": 0,
                                                             "model_version": 0})
    replaced: int = 0
    existing: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # of the objects written, in order
    skipped: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)
    planned: list[dict[str, str]] = field(default_factory=list)
    points: int = 0
    attributes: int = 0
    files: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    helpers: int = 0  # helper processes that read small files
    helper_problem: str | None = None  # why they stopped, if they did (the rest ran here)

    def warn(self, what: str, n: int = 1) -> None:
        self.warnings[what] = self.warnings.get(what, 0) + n

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"created": self.created, "replaced": self.replaced,
                "existing": self.existing, "ids": self.ids, "skipped": self.skipped,
                "errors": self.errors,
                "warnings": self.warnings, "planned": self.planned, "points": self.points,
                "attributes": self.attributes, "files": self.files,
                "seconds": round(self.seconds, 3), "dry_run": self.dry_run,
                "helpers": self.helpers, "helper_problem": self.helper_problem}

    def __str__(self) -> str:
        c = self.created
        if self.dry_run:
            todo = [p for p in self.planned if p["action"] in ("create", "replace")]
            head = (f"dry run: would import {count(len(todo), 'object')}, "
                    f"{len(self.existing)} already in the store")
        else:
            head = (f"imported {count(c['run'], 'run')}, {count(c['model'], 'model')}, "
                    f"{count(c['model_version'], 'model version')}; "
                    f"{count(self.points, 'series point')}, "
                    f"{count(self.attributes, 'attribute')}, {count(self.files, 'file')} in "
                    f"{duration(self.seconds)}")
        lines = [head]
        if self.replaced:
            lines.append(f"replaced {count(self.replaced, 'existing object')}")
        if self.existing and not self.dry_run:
            lines.append(f"{len(self.existing)} already in the store (skipped)")
        for s in self.skipped:
            lines.append(f"skipped {s['what']}: {s['reason']}")
        for e in self.errors:
            lines.append(f"error: {e['message']}")
        for w, n in sorted(self.warnings.items()):
            lines.append(f"note: {w} ({n})")
        if self.helper_problem:
            lines.append(helper_note(self.helper_problem, "read"))
        return "\n".join(lines)


@dataclass
class _Family:
    kind: str
    project_dir: Path
    prefix: str
    parts: list[Path]
    files_root: Path | None
    info: dict[str, Any] = field(default_factory=dict)
    cached: Any = None  # the whole table of a small family, read in pass 0
    cached_bytes: int = 0
    read: Any = None  # or that table already read by a helper process (_ObjectImport)

    @property
    def label(self) -> str:
        return str(self.parts[0]) if self.parts else f"{self.project_dir}/{self.prefix}"


# --------------------------------------------------------------------------- discovery
def _roots(path: Path, files_path: Path | None, model_data_path: Path | None,
           model_files_path: Path | None) -> list[tuple[str, Path, Path | None]]:
    """(scope, data root, files root) pairs: scope "runs" or "models"."""
    if not path.exists():
        raise InvalidValueError(f"export {str(path)!r} does not exist")
    if (path / "data").is_dir() or (path / "model_data").is_dir():
        data, files = path / "data", files_path or path / "files"
        mdata = model_data_path or path / "model_data"
        mfiles = model_files_path or path / "model_files"
    else:
        data = path
        files = files_path or (path.parent / "files")
        mdata, mfiles = model_data_path, model_files_path
    out: list[tuple[str, Path, Path | None]] = []
    if data.is_dir():
        out.append(("runs", data, files if files.is_dir() else None))
    if mdata is not None and Path(mdata).is_dir():
        out.append(("models", Path(mdata),
                    Path(mfiles) if mfiles and Path(mfiles).is_dir() else None))
    return out


def discover(path: Path, files_path: Path | None = None, model_data_path: Path | None = None,
             model_files_path: Path | None = None
             ) -> tuple[list[_Family], list[dict[str, str]]]:
    families: list[_Family] = []
    skipped: list[dict[str, str]] = []
    for scope, root, files in _roots(path, files_path, model_data_path, model_files_path):
        for project_dir in sorted(p for p in root.iterdir()
                                  if p.is_dir() and not p.name.startswith(".")):
            if scope == "runs":
                dirs = [("runs", project_dir)]
            else:
                dirs = [(sub, project_dir / sub) for sub in ("models", "model_versions")
                        if (project_dir / sub).is_dir()]
            for sub, d in dirs:
                groups: dict[str, dict[int, Path]] = {}
                for f in sorted(d.iterdir()):
                    if not f.is_file():
                        continue
                    if f.name.endswith(".parquet.tmp"):
                        continue  # interrupted export; reported below if part_0 is missing
                    if not f.name.endswith(".parquet"):
                        continue
                    m = F.PART_RE.match(f.name)
                    if m is None:
                        skipped.append({"what": str(f), "reason": "not a neptune-exporter "
                                        "run file (<id>_part_<n>.parquet); an export made "
                                        "before 2025-11-11 is not supported"})
                        continue
                    groups.setdefault(m["prefix"], {})[int(m["n"])] = f
                tmp_only = {m["prefix"] for f in d.glob("*_part_*.parquet.tmp")
                            if (m := F.PART_RE.match(f.name[:-4]))}
                for prefix in sorted(set(groups) | tmp_only):
                    parts = groups.get(prefix, {})
                    if 0 not in parts:
                        skipped.append({"what": str(d / prefix), "reason": "incomplete "
                                        "export: no _part_0.parquet (interrupted; re-run "
                                        "the exporter)"})
                        continue
                    families.append(_Family(MODEL_KIND[sub], project_dir, prefix,
                                            [parts[n] for n in sorted(parts)], files))
    return families, skipped


# ------------------------------------------------------------------------------ pass 0
SMALL_FILE = 256 * 1024
SCAN_AHEAD = 64
CACHE_BUDGET = [128 * 1024 * 1024]  # bytes of small families kept between the passes
_BUDGET_LOCK = threading.Lock()


_SCAN_COLUMNS = ["project_id", "run_id", "attribute_path", "attribute_type", "string_value",
                 "float_value", "datetime_value"]


def _scan(fam: _Family) -> None:
    """Metadata of a family: project_id, run_id and the metadata sys rows. A small
    one-part family is read whole and kept for pass 1 (within a budget), so a tree of
    many small runs is read once."""
    info: dict[str, Any] = {}

    def read(pf: pq.ParquetFile, rg: int) -> None:
        names = pf.schema_arrow.names
        _take_meta(info, pf.read_row_group(rg, columns=[c for c in _SCAN_COLUMNS
                                                        if c in names], use_threads=False))

    t = _read_small(fam)
    if t is not None:
        _take_meta(info, t)
    else:
        pf = _open(fam.parts[0])
        if pf.metadata.num_row_groups:
            read(pf, 0)
        if "sys/id" not in info and "sys/custom_run_id" not in info:
            for i, part in enumerate(fam.parts):
                pf = _open(part)
                for rg in range(1 if i == 0 else 0, pf.metadata.num_row_groups):
                    read(pf, rg)
    if "run_id" not in info:
        raise ImportError_(f"{fam.label}: the file holds no rows")
    info["generation"] = _generation(fam.kind, info)
    fam.info = info


def _read_small(fam: _Family) -> pa.Table | None:
    """A small one-part family read whole and kept on the family for pass 1, within the
    cache budget; None for any other (read by row group instead)."""
    first = fam.parts[0]
    if len(fam.parts) != 1 or first.stat().st_size > SMALL_FILE or CACHE_BUDGET[0] <= 0:
        return None
    # (pq.read_table costs ~3x more per small file: it sets up a dataset scan)
    try:  # bytes in hand: ~0.3 ms less per file than memory-mapping it
        t = pq.ParquetFile(pa.BufferReader(first.read_bytes()),
                           read_dictionary=DICT_COLUMNS).read(use_threads=False)
    except Exception:  # noqa: BLE001 - damaged: pass 1 reads it by row group and
        return None    # names the row where it breaks
    fam.cached = t
    fam.cached_bytes = t.get_total_buffer_size()  # (nbytes costs ~0.1 ms a call)
    with _BUDGET_LOCK:
        CACHE_BUDGET[0] -= fam.cached_bytes
    return t


def _take_meta(info: dict[str, Any], t: pa.Table) -> None:
    """The ids and metadata sys rows of a table of rows into ``info`` (first seen wins)."""
    if not t.num_rows:
        return
    if "project_id" not in info:
        info["project_id"] = t.column("project_id")[0].as_py()
        info["run_id"] = t.column("run_id")[0].as_py()
    paths = _pylist(t.column("attribute_path"))
    hits = [i for i, p in enumerate(paths) if p in _META_PATHS and p not in info]
    if not hits:
        return
    names = t.column_names
    values: dict[str, list] = {}
    for col in ("string_value", "float_value", "datetime_value"):
        if col in names:
            c = t.column(col)
            if col == "datetime_value":
                c = _ints(c)
            values[col] = c.to_pylist()
    for i in hits:
        p = paths[i]
        col = "datetime_value" if p == "sys/creation_time" else \
            "float_value" if p == "sys/forking/step" else "string_value"
        v = values.get(col, [None] * len(paths))[i]
        if v is not None and p not in info:
            info[p] = v


def _generation(kind: str, info: dict[str, Any]) -> str:
    """``neptune2`` (1.x client: run_id is sys/id) or ``neptune3`` (run_id is the custom
    run id); models and versions exist only in 1.x exports."""
    if kind != catalog.RUN:
        return "neptune2"
    if info.get("sys/id") == info["run_id"]:
        return "neptune2"
    return "neptune3"


def _order(families: list[_Family]) -> list[_Family]:
    """Models, then versions, then runs with parents before forks (ties by creation)."""
    runs = [f for f in families if f.kind == catalog.RUN]
    rest = sorted((f for f in families if f.kind != catalog.RUN),
                  key=lambda f: (KIND_ORDER[f.kind], f.info.get("sys/creation_time") or 0))
    by_key = {(f.info["project_id"], f.info["run_id"]): f for f in runs}
    done: set[int] = set()
    out: list[_Family] = []

    def visit(f: _Family, depth: int = 0) -> None:
        if id(f) in done:
            return
        done.add(id(f))
        parent = by_key.get((f.info["project_id"], f.info.get("sys/forking/parent")))
        if parent is not None and depth < 10_000:
            visit(parent, depth + 1)
        out.append(f)

    for f in sorted(runs, key=lambda f: (f.info.get("sys/creation_time") is None,
                                         f.info.get("sys/creation_time") or 0)):
        visit(f)
    return rest + out


# ------------------------------------------------------------------------------ pass 1
def _steps(col: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Steps as the nearest doubles. decimal(18,6) is read from its 128-bit integers
    (value * 10^6; exact below 2^53, then one correctly rounded division); larger ones go
    decimal -> text -> double (a direct decimal cast is not correctly rounded: 0.1 became
    0.09999999999999999)."""
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    if chunks and all(pa.types.is_decimal(c.type) and c.type.scale == 6 and
                      c.type.bit_width == 128 for c in chunks):
        out = []
        for c in chunks:
            if not len(c):
                continue
            words = np.frombuffer(c.buffers()[1], dtype="<i8")
            lo = words[2 * c.offset:2 * (c.offset + len(c)):2]
            hi = words[2 * c.offset + 1:2 * (c.offset + len(c)):2]
            if not ((hi == (lo >> 63)).all() and (np.abs(lo) < 2 ** 53).all()):
                out.append(_steps_text(c))
                continue
            v = lo / 1e6
            if c.null_count:
                v = np.where(np.asarray(c.is_null().to_numpy(zero_copy_only=False)),
                             np.nan, v)
            out.append(v)
        return np.concatenate(out) if out else np.zeros(0)
    return _steps_text(col)


def _steps_text(col: Any) -> np.ndarray:
    if pa.types.is_decimal(col.type):
        col = pc.cast(pc.cast(col, pa.string()), pa.float64())
    elif not pa.types.is_floating(col.type):
        col = pc.cast(col, pa.float64())
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype="f8")


def _ms(col: Any) -> np.ndarray:
    """Timestamps as float ms, NaN where null."""
    if pa.types.is_timestamp(col.type):
        unit = col.type.unit
        col = pc.cast(col, pa.int64())
        scale = {"s": 1000.0, "ms": 1.0, "us": 1e-3, "ns": 1e-6}[unit]
    else:
        scale = 1.0
    arr = col.to_numpy(zero_copy_only=False)
    return np.asarray(arr, dtype="f8") * scale


class _ObjectImport:
    """The state of one object being imported, inside its transaction."""

    def __init__(self, bulk: Bulk, tx: Any, fam: _Family, project: ProjectRef,
                 summary: ImportSummary, payload_dir: Path | None,
                 timestamp_offset: float | str | None) -> None:
        self.bulk, self.tx, self.fam = bulk, tx, fam  # tx: the bulk's opaque handle
        self.project, self.summary, self.payload_dir = project, summary, payload_dir
        self.kind = fam.kind
        self.gen = fam.info["generation"]
        self.run_id = fam.info["run_id"]
        self.offset = timestamp_offset
        self._pk: int | None = None  # the row is written once, in finish(), if it can be
        self.sys: dict[str, tuple[str, Any]] = {}
        self.sys_order: list[list[str]] = []
        self.attrs: dict[str, tuple[str, Any]] = {}
        self.sets: dict[str, list[str]] = {}
        self.files: dict[str, str] = {}
        self.records: dict[str, tuple[str, list]] = {}  # file series references
        self.series: dict[str, dict[str, Any]] = {}
        self.seq = 0
        self.min_ts = math.inf
        self.max_ts = -math.inf
        self.points = 0
        self.file = ""
        self.row = 0
        # detached (no store: a helper process reads the file): chunk writes and payload
        # copies wait here, and attach() replays them in the writing process
        self.pending_chunks: list[tuple] = []
        self.pending_files: list[tuple] = []
        self.prepared: _Prepared | None = None
        self.joins: str | None = None  # an offline fork's parent, found at its sync

    def attach(self, bulk: Bulk, tx: Any, project: ProjectRef, summary: ImportSummary,
               payload_dir: Path | None) -> None:
        """Take over an object read by a helper process: its notes join the summary, its
        payloads are copied and its series chunks written, in the order they were read."""
        for what, n in self.summary.warnings.items():
            summary.warn(what, n)
        self.bulk, self.tx, self.project, self.summary = bulk, tx, project, summary
        self.payload_dir = payload_dir
        for args in self.pending_files:
            self._file(*args)
        for path, steps, v, secs, kind in self.pending_chunks:
            s = self.series[path]
            s["chunk"] = bulk.put_chunks(tx, self.pk, path, s["chunk"], steps, v, secs, kind)
        self.pending_files, self.pending_chunks = [], []

    @property
    def pk(self) -> int:
        """The object's row, inserted blank when series chunks need it before finish()
        (an object of parameters only is inserted once, whole: an INSERT and an UPDATE of
        every index cost twice one INSERT)."""
        pk = self._pk
        if pk is None:
            pk = self._pk = self.bulk.insert(self.tx, self.project.pk, self.kind, {})
        return pk

    # ------------------------------------------------------------------ batches
    def batch(self, b: pa.RecordBatch) -> None:
        n = b.num_rows
        names = b.schema.names
        cols = {c: b.column(names.index(c)) if c in names else pa.nulls(n, F.SCHEMA.field(c).type)
                for c in F.COLUMNS}
        rid = cols["run_id"]
        if pa.types.is_dictionary(rid.type) and not rid.null_count and \
                rid.dictionary.to_pylist() == [self.run_id]:
            bad = None  # the common case, checked on the dictionary alone
        else:
            rid = _plain(rid)
            bad = pc.invert(pc.fill_null(pc.equal(rid, self.run_id), False))
        if bad is not None and pc.any(bad).as_py():
            i = pc.index(bad, True).as_py()
            self.row += i
            raise ImportError_(f"run_id {rid[i].as_py()!r} in a file of run {self.run_id!r} "
                               "(one run per file family)")
        types = cols["attribute_type"]
        if pa.types.is_dictionary(types.type):  # its few values, without decoding the rows
            present = set(types.dictionary.to_pylist())
            if types.null_count:
                present.add(None)
        else:
            present = set(pc.unique(types).to_pylist())
        if present & set(F.SERIES_TYPES):  # rows are filtered by type: plain strings
            for needed in ("step", "timestamp"):
                if needed not in names:  # a point without them is not a point
                    raise ImportError_(f"column {needed!r} is missing; this file has series "
                                       "rows, which need it")
            types = cols["attribute_type"] = _plain(types)
            present = set(pc.unique(types).to_pylist())
        for t in present & set(F.SERIES_TYPES):
            mask = pc.fill_null(pc.equal(types, t), False)
            self._series(t, {c: pc.filter(cols[c], mask) for c in
                             ("attribute_path", "step", "timestamp", F.SERIES_TYPES[t])})
        if present - set(F.SERIES_TYPES):
            if present & set(F.SERIES_TYPES):
                other = pc.invert(pc.fill_null(pc.is_in(types, value_set=_SERIES_SET), False))
                idx = pc.indices_nonzero(other)
                self._rows({c: pc.take(cols[c], idx) for c in F.COLUMNS}, idx.to_pylist())
            else:  # a parameters or files batch: every row, no copy
                self._rows(cols, range(n))
        self.row += n

    def _series(self, type_: str, c: dict[str, Any]) -> None:
        paths = c["attribute_path"]
        if not pa.types.is_dictionary(paths.type):
            paths = pc.dictionary_encode(paths)
        codes = np.asarray(pc.fill_null(paths.indices, -1).to_numpy(zero_copy_only=False))
        names = paths.dictionary.to_pylist()
        steps = _steps(c["step"])
        ts = _ms(c["timestamp"])
        if type_ == "float_series":
            vals: Any = np.asarray(c["float_value"].to_numpy(zero_copy_only=False), dtype="f8")
        else:
            vals = c["string_value"].to_pylist()
        order = np.argsort(codes, kind="stable")
        sorted_codes = codes[order]
        bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
        for group in np.split(order, bounds):
            if not len(group):
                continue
            code = codes[group[0]]
            if code < 0:
                self.summary.warn("series rows without a path (ignored)", len(group))
                continue
            self._append(names[code], type_, steps[group], vals, group, ts[group])

    def _append(self, path: str, type_: str, steps: np.ndarray, all_vals: Any,
                group: np.ndarray, ts: np.ndarray) -> None:
        kind = _SERIES_KINDS[type_]
        steps, vals, ts = self._clean_points(kind, steps, all_vals, group, ts)
        s = self.series.get(path)
        if s is None:
            self.seq += 1
            s = self.series[path] = {"type": kind, "chunk": 0, "count": 0, "last": None,
                                     "seq": self.seq}
        elif s["type"] != kind:
            self.summary.warn("series with two value types (second ignored)", len(steps))
            return
        if s["last"] is not None:
            after = steps > s["last"][0]
            if not after.all():
                self.summary.warn("repeated series steps (first point kept)",
                                  int((~after).sum()))
                steps, vals, ts = steps[after], vals[after], ts[after]
        if not len(steps):
            return
        finite = ts[~np.isnan(ts)]
        if len(finite):
            self.min_ts = min(self.min_ts, float(finite.min()))
            self.max_ts = max(self.max_ts, float(finite.max()))
        self._put_points(path, s, kind, steps, vals, ts / 1000.0)

    def _clean_points(self, kind: str, steps: np.ndarray, all_vals: Any, group: np.ndarray,
                      ts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One batch's points of a series without the unusable ones (no step, a null or
        U+001F string), sorted by step, the first of repeated steps kept; each counted."""
        ok = ~np.isnan(steps)
        if not ok.all():
            self.summary.warn("series points without a step (ignored)", int((~ok).sum()))
        if kind == "float":
            vals = all_vals[group]
        else:
            vals = np.array([all_vals[i] for i in group], dtype=object)
            nulls = np.array([v is None or "\x1f" in v for v in vals], dtype=bool)
            if nulls.any():
                self.summary.warn("string series points with a null value or U+001F "
                                  "(ignored)", int(nulls.sum()))
                ok &= ~nulls
        steps, vals, ts = steps[ok], vals[ok], ts[ok]
        if len(steps) > 1 and not (np.diff(steps) > 0).all():
            o = np.argsort(steps, kind="stable")
            steps, vals, ts = steps[o], vals[o], ts[o]
            keep = np.concatenate(([True], np.diff(steps) > 0))
            if not keep.all():
                self.summary.warn("repeated series steps (first point kept)",
                                  int((~keep).sum()))
            steps, vals, ts = steps[keep], vals[keep], ts[keep]
        return steps, vals, ts

    def _put_points(self, path: str, s: dict[str, Any], kind: str, steps: np.ndarray,
                    vals: np.ndarray, secs: np.ndarray) -> None:
        """Clean points as a chunk: written now, or kept for attach() when detached."""
        if kind == "float":
            v: Any = np.ascontiguousarray(vals, dtype="f8")
        else:
            v = list(vals)
        steps_c = np.ascontiguousarray(steps, dtype="f8")
        secs_c = np.ascontiguousarray(secs, dtype="f8")
        if self.bulk is None:
            self.pending_chunks.append((path, steps_c, v, secs_c, kind))
        else:
            s["chunk"] = self.bulk.put_chunks(self.tx, self.pk, path, s["chunk"], steps_c, v,
                                              secs_c, kind)
        s["count"] += len(steps)
        last_v = v[-1]
        s["last"] = (float(steps[-1]), float(last_v) if kind == "float" else last_v,
                     float(secs[-1]))
        self.points += len(steps)

    def _rows(self, sub: dict[str, Any], idx: Any) -> None:
        """Parameters, files, histograms, unknown types: few rows, read one by one."""
        n = len(idx)
        py: dict[str, list] = {}
        for c in F.COLUMNS[2:]:
            col = sub[c]
            if col.null_count == len(col):
                py[c] = [None] * n  # most value columns of a parameters batch
                continue
            if c in ("datetime_value", "timestamp"):
                col = _ints(col)
            elif c == "step":
                col = pc.cast(col, pa.string())
            py[c] = _pylist(col)
        start = self.row
        types = py["attribute_type"]
        hist: dict[str, tuple[list, list, list]] = {}
        for i in range(len(idx)):
            self.row = start + idx[i]
            path = py["attribute_path"][i]
            type_ = types[i]
            if path is None:
                self.summary.warn("rows without a path (ignored)")
                continue
            if type_ in F.PARAMETER_TYPES:
                self._param(path, type_, py[F.PARAMETER_TYPES[type_]][i])
            elif type_ in F.FILE_TYPES:
                fv = py["file_value"][i]
                rel = None if fv is None else fv.get("path")
                if rel is None:
                    self.summary.warn("file rows without a path (ignored)")
                    continue
                args = (path, type_, rel.replace("\\", "/"), py["step"][i],
                        py["timestamp"][i])
                if self.bulk is not None:
                    self._file(*args)
                    continue
                self.pending_files.append(args)  # copied by attach(); its place kept
                if type_ == "file_series":
                    self.records.setdefault(path, (type_, []))
                else:
                    self.attrs.setdefault(path, (type_, None))
            elif type_ == F.HISTOGRAM:
                self._histogram(hist, path, py["histogram_value"][i], py["step"][i],
                                py["timestamp"][i])
            else:
                self.summary.warn(f"rows of unknown attribute type {type_!r} (ignored)")
        self.row = start
        for path, (steps, ts, values) in hist.items():
            self._append(path, F.HISTOGRAM, np.array(steps, dtype="f8"),
                         np.array(values, dtype=object), np.arange(len(values)),
                         np.array(ts, dtype="f8"))

    def _histogram(self, hist: dict[str, tuple[list, list, list]], path: str,
                   h: dict[str, Any] | None, step: str | None, ts: int | None) -> None:
        """One histogram point, gathered per series for this batch (``_append`` writes
        them as points of a series of type ``histogram``, as ``log_histograms`` does)."""
        value = None if h is None else import_histograms.stored(h)
        if value is None:
            self.summary.warn("histogram points without a valid histogram (ignored)")
            return
        steps, stamps, values = hist.setdefault(path, ([], [], []))
        steps.append(math.nan if step is None else float(step))
        stamps.append(math.nan if ts is None else float(ts))
        values.append(value)

    def _param(self, path: str, type_: str, value: Any) -> None:
        if value is None:
            if self.gen == "neptune2" and type_ == "float":
                value = math.nan  # the exporter writes a NaN parameter as null
            else:
                self.summary.warn("null parameter rows (phantom or missing; absent)")
                return
        if path.startswith("sys/"):
            if path not in self.sys:
                self.sys_order.append([path, type_])
            else:
                self.summary.warn("sys rows given twice (last kept)")
                self.sys_order = [p for p in self.sys_order if p[0] != path] + \
                    [[path, type_]]
            self.sys[path] = (type_, value)
            return
        if path in self.attrs:
            self.summary.warn("attributes given twice (last kept)")
        self.attrs[path] = (type_, value)

    def _record(self, path: str, type_: str, point: list) -> None:
        rec = self.records.get(path)
        if rec is None:
            rec = self.records[path] = (type_, [])
        rec[1].append(point)

    def _file(self, path: str, type_: str, rel: str, step: str | None, ts: int | None
              ) -> None:
        if import_files.store_payload(self, path, type_, rel, step, ts):
            return
        src = import_files.payload_source(self.fam, rel)  # (never outside the export)
        if src is None:
            self.summary.warn("file payloads missing from the export (reference kept)")
        if type_ == "file" and src is not None and src.is_file() and \
                (src.stat().st_size <= (limit(MAX_INLINE) or math.inf) or
                 self.payload_dir is not None):
            ext = os.path.splitext(rel)[1].lstrip(".") or "bin"
            if "\0" in ext or "/" in ext or len(ext) > 64:
                ext = "bin"
            self.attrs[path] = ("file", self._file_value(src, ext, path))
            self.files[path] = rel
            self.summary.files += 1
            return
        if src is not None and self.payload_dir is not None:
            dst = self.payload_dir / F.sanitize(self.fam.info["project_id"]) / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copyfile(src, dst)
            self.summary.files += 1
        elif src is not None:
            self.summary.warn("file payloads not copied: the store has no folder for them "
                              "(a PostgreSQL or in-memory store; reference kept)")
            src = None
        if type_ == "file_series":
            self._record(path, type_, [step, ts, rel])
        else:
            self.attrs[path] = ("file_ref" if type_ == "file" else type_,
                                json.dumps({"path": rel, "copied": src is not None}))

    def _file_value(self, src: Path, ext: str, path: str) -> Any:
        """A file as the store keeps it: its content in the files folder beside the store
        (streamed, by hash: objects/files.py), or inline in the row for a store without
        one (in-memory, or PostgreSQL without NEPTUNE_SYS_FILES)."""
        store = getattr(self.bulk, "store", None)
        if store is not None and (self.payload_dir is not None or os.environ.get(FILES_ENV)):
            blob = blobs_for(store).put_file(src, f"import of {path}")
            return json.dumps({"ext": ext, "sha256": blob.sha256, "size": blob.size},
                              separators=(",", ":"), sort_keys=True)
        return ext.encode() + b"\0" + src.read_bytes()

    # ------------------------------------------------------------------- finish
    def finish(self, on_conflict: str) -> str:
        """Write the sys columns, sets, attributes and the import record; returns the
        object's sys/id."""
        import_files.flush(self)
        return self.write(self.prepare() if self.prepared is None else self.prepared,
                          on_conflict)

    def prepare(self) -> _Prepared:
        """What finish() writes, worked out without the store (a helper process does this
        for small objects, so that the writing process only writes)."""
        cols, extras, running = self._sys_columns()
        self._fill_columns(cols)
        shift = self._shift(cols)
        set_rows = [(path, v) for path, values in self.sets.items() for v in values]
        attr_rows = []
        for path, (type_, value) in list(extras.items()) + list(self.attrs.items()):
            self.seq += 1
            stored_type, stored = _atom(type_, value)
            attr_rows.append((path, stored_type, stored, self.seq))
            if stored_type == "string_set":
                set_rows += [(path, v) for v in value]
        for path, (type_, points) in self.records.items():
            self.seq += 1
            attr_rows.append((path, type_, json.dumps({"points": points}), self.seq))
        series = []
        for path, s in self.series.items():
            last_step, last_value, last_ts = s["last"]
            if shift:
                last_ts += shift / 1000.0
            series.append((path, s["type"], s["count"], last_step,
                           None if s["type"] == "float" and math.isnan(last_value)
                           else last_value, last_ts, s["seq"]))
        meta = json.dumps({"generation": self.gen, "run_id": self.run_id,
                           "sys": self.sys_order, "files": self.files, "ts_shift_ms": shift,
                           "project_id": self.fam.info["project_id"]},
                          separators=(",", ":"))
        return _Prepared(cols, running, set_rows, attr_rows, series, shift, meta,
                         len(self.attrs) + len(self.records))

    def _sys_columns(self) -> tuple[dict[str, Any], dict[str, tuple[str, Any]], float]:
        """The sys rows sorted by the catalog: sys columns, tag sets (kept on self.sets),
        and the rest (beyond the catalog, or a derived value that the store would not
        derive the same) as imported attributes; plus the running time."""
        applies = _fields(self.kind)
        cols: dict[str, Any] = {}
        extras: dict[str, tuple[str, Any]] = {}
        running = 0.0
        derived = []
        for path, (type_, value) in self.sys.items():
            f = applies.get(path)
            if path in ("sys/running_time", "sys/running_time_seconds") and \
                    type_ in ("float", "int") and math.isfinite(value):
                if path == "sys/running_time" or "sys/running_time" not in self.sys:
                    running = float(value)
            if f is not None and f.storage == catalog.SET and type_ == "string_set":
                self.sets[path] = value
                continue
            if f is not None and f.storage == catalog.COLUMN:
                got = _column_value(f, type_, value)
                if got is not _NO:
                    cols[_TRAITS[path]] = got
                    continue
            if f is not None and f.storage == catalog.DERIVED:
                derived.append((path, type_, value))
                continue
            extras[path] = (type_, value)
        for path, type_, value in derived:
            if not _derived_matches(path, type_, value, cols, running, self.sys):
                extras[path] = (type_, value)
        return cols, extras, running

    def _fill_columns(self, cols: dict[str, Any]) -> None:
        """Columns an export may lack: ids from the run_id, the kind's defaults, times."""
        kind = self.kind
        if cols.get("id") is None and kind != catalog.RUN:
            cols["id"] = self.run_id
        if kind == catalog.RUN and self.gen == "neptune3" and "custom_run_id" not in cols:
            cols["custom_run_id"] = self.run_id
        for k, v in _DEFAULTS.get(kind, {}).items():
            cols.setdefault(k, v)
        if "creation_time" not in cols:
            cols["creation_time"] = cols.get("modification_time") or cols.get("ping_time") \
                or int(time.time() * 1000)
            self.summary.warn("objects without sys/creation_time")
        cols.setdefault("modification_time", cols["creation_time"])
        cols.setdefault("ping_time", cols["modification_time"])
        cols.setdefault("owner", _owner())
        if kind == catalog.MODEL_VERSION:
            cols["model_id"] = cols.get("model_id") or _RUN_NUMBER.sub(r"\1", cols["id"])

    def write(self, p: _Prepared, on_conflict: str) -> str:
        bulk, tx, pk, cols = self.bulk, self.tx, self._pk, p.cols
        new_id = self.fam.info.get("new_id")
        sys_id = None if new_id else cols.get("id")
        if sys_id is None:  # (runs only: prepare() gives the others their run_id)
            n = bulk.next_run_number(tx, self.project.pk)
            sys_id = cols["id"] = f"{self.project.key}-{n}"
            if not new_id:
                self.summary.warn("runs without sys/id (a new id was given)")
        replaced = self._make_room(sys_id, cols, on_conflict)
        model_pk = self._model_pk(sys_id, cols) if self.kind == catalog.MODEL_VERSION else None
        parent_pk = self._parent_pk(sys_id, cols) if self.kind == catalog.RUN else None
        if pk is None:
            pk = self._pk = bulk.insert(tx, self.project.pk, self.kind, cols,
                                        model_pk=model_pk, parent_pk=parent_pk,
                                        running_time=p.running)
        else:
            if model_pk is not None:
                bulk.set_model(tx, pk, model_pk)
            if parent_pk is not None:
                bulk.set_parent(tx, pk, parent_pk)
            bulk.set_columns(tx, pk, cols)
            if p.running:
                bulk.set_running_time(tx, pk, p.running)
        for old in replaced:
            bulk.repoint(tx, old, pk)
        if self.joins and parent_pk is not None:  # before its own values, which win
            depth, description = bulk.join_fork(tx, pk, parent_pk)
            joined = {"forking_parent": self.joins, "forking_depth": depth + 1}
            if not cols.get("description"):  # as a fork made online starts
                joined["description"] = description
            bulk.set_columns(tx, pk, joined)
        if p.set_rows:  # one statement for every set of the object
            bulk.add_set_rows(tx, pk, p.set_rows)
        bulk.put_attributes(tx, pk, p.attr_rows)
        for row in p.series:
            bulk.put_series(tx, pk, *row)
        if p.shift:
            bulk.shift_timestamps(tx, pk, p.shift / 1000.0)
        bulk.set_meta(tx, pk, sys_id, p.meta)
        self.summary.attributes += p.n_attributes
        return sys_id

    def _make_room(self, sys_id: str, cols: dict[str, Any], on_conflict: str) -> list[int]:
        """Conflicts: the same sys/id (ids are unique in a store) or custom run id. With
        ``replace`` the others are deleted (their rows returned, to repoint references);
        else the object is left out."""
        bulk, tx = self.bulk, self.tx
        others = {bulk.find(sys_id=sys_id, tx=tx)}
        if cols.get("custom_run_id"):
            others.add(bulk.find(project_pk=self.project.pk,
                                 custom_run_id=cols["custom_run_id"], tx=tx))
        replaced = []
        for other in others:
            if other is None or other[0] == self._pk:
                continue
            if other[3] != self.project.pk:
                raise ImportError_(f"sys/id {other[2]} is taken by an object of another "
                                   "project in this store (ids are unique in a store)")
            if on_conflict != "replace":
                raise _Exists(other[2])
            bulk.delete(tx, [other[0]])
            replaced.append(other[0])
            self.summary.replaced += 1
        return replaced

    def _model_pk(self, sys_id: str, cols: dict[str, Any]) -> int:
        """A version's model, which must be in the store by now; its counter moves on."""
        model_id = cols["model_id"]
        hit = self.bulk.find(sys_id=model_id, tx=self.tx)
        if hit is None or hit[1] != catalog.MODEL:
            raise ImportError_(f"model version {sys_id}: its model {model_id!r} is "
                               "neither in the export nor in the store")
        m = _RUN_NUMBER.match(sys_id)
        if m and m[1] == model_id:
            self.bulk.bump_version_counter(self.tx, hit[0], int(m[2]))
        return hit[0]

    def _parent_pk(self, sys_id: str, cols: dict[str, Any]) -> int | None:
        """A run moves its project's counter; a fork finds its parent (or is a root)."""
        bulk, tx = self.bulk, self.tx
        m = _RUN_NUMBER.match(sys_id)
        if m and m[1] == self.project.key:
            bulk.bump_run_counter(tx, self.project.pk, int(m[2]))
        parent = cols.get("forking_parent")
        if not parent and self.fam.info.get("new_id"):
            # an offline fork: its parent was out of reach when it was made
            parent = self.joins = cols.get("forking_requested_parent")
        if not parent:
            return None
        hit = bulk.find(project_pk=self.project.pk, custom_run_id=parent, tx=tx)
        if hit is None:
            hit = bulk.find(sys_id=parent, tx=tx)
        if hit is not None and hit[0] != self._pk:
            return hit[0]
        if self.joins:  # still out of reach: a root, which has no fork step
            cols["forking_step"] = None
        self.joins = None
        self.summary.warn("forks whose parent is not in the store (imported as "
                          "roots, sys/forking/parent kept)")
        return None

    def _shift(self, cols: dict[str, Any]) -> int:
        """The 1.x exporter's local-time shift of series timestamps (§5), in ms."""
        if self.offset not in (None, "auto"):
            return int(round(float(self.offset) * 1000))
        if self.offset is None or self.gen != "neptune2" or not self.points or \
                not math.isfinite(self.min_ts):
            return 0
        lo = cols.get("creation_time")
        hi = max(v for v in (cols.get("modification_time"), cols.get("ping_time"),
                             lo) if v is not None) if lo is not None else None
        if lo is None or hi is None:
            return 0
        lo -= SLACK_MS
        hi += SLACK_MS
        if self.min_ts >= lo and self.max_ts <= hi:
            return 0
        for k in sorted(range(-56, 57), key=abs):
            d = k * QUARTER_HOUR_MS
            if self.min_ts + d >= lo and self.max_ts + d <= hi:
                self.summary.warn("1.x runs whose series timestamps were shifted by the "
                                  "exporter's UTC offset (corrected)")
                return d
        self.summary.warn("1.x runs with series timestamps outside their lifetime (kept)")
        return 0


class _ReadFailed(Exception):
    """A helper process could not read an object's file: where, and why."""

    def __init__(self, file: str, row: int, message: str) -> None:
        super().__init__(message)
        self.file, self.row, self.message = file, row, message


def _feed(obj: _ObjectImport, fam: _Family, batch_size: int) -> None:
    """Every row of a family into ``obj``, part by part, row group by row group (an error
    names the rows it was reading; a small group in one read: iter_batches costs ~2 ms to
    set up). The import and its dry run read through here alike."""
    if fam.cached is not None:
        obj.file, obj.row = str(fam.parts[0]), 0
        for b in fam.cached.to_batches(max_chunksize=batch_size):
            obj.batch(b)
        return
    for part in fam.parts:
        obj.file, obj.row = str(part), 0
        pf = _open(part)
        for rg in range(pf.metadata.num_row_groups):
            rows = pf.metadata.row_group(rg).num_rows
            if rows <= batch_size:
                for b in pf.read_row_group(rg, use_threads=rows > 16384).to_batches():
                    obj.batch(b)
                continue
            for b in pf.iter_batches(batch_size=batch_size, row_groups=[rg],
                                     use_threads=False):
                obj.batch(b)


def _dry_read(fam: _Family, timestamp_offset: float | str | None, batch_size: int
              ) -> _ReadFailed | None:
    """A dry run reads what the import reads, without a store: every part of the family
    and the rows it would write; the failure the import would report, or None."""
    obj = _ObjectImport(None, None, fam, None, ImportSummary(), None,  # type: ignore[arg-type]
                        timestamp_offset)
    try:
        _feed(obj, fam, batch_size)
        obj.file = ""
        if not obj.pending_files:  # (payloads are checked when they are copied)
            obj.prepare()
    except Exception as e:  # noqa: BLE001 - reported as the import would
        return _ReadFailed(obj.file or str(fam.parts[0]), obj.row, _err(e))
    return None


def _object_error(fam: _Family, label: str, file: str, row: int | None, why: str
                  ) -> dict[str, Any]:
    """The summary's error for an object left out (the import and its dry run alike)."""
    run_id = fam.info["run_id"]
    return {"file": file, "run": run_id, "row": row,
            "message": f"{file}: {label} (run_id {run_id!r}), row {row}: {why}; the "
                       f"{fam.kind.replace('_', ' ')} was not imported"}


def _read_cached(fam: _Family, timestamp_offset: float | str | None, batch_size: int
                 ) -> _ObjectImport | _ReadFailed:
    """Pass 1's reading of a family read whole in pass 0, without a store."""
    obj = _ObjectImport(None, None, fam, None, ImportSummary(), None,  # type: ignore[arg-type]
                        timestamp_offset)
    try:
        obj.file, obj.row = str(fam.parts[0]), 0
        for b in fam.cached.to_batches(max_chunksize=batch_size):
            obj.batch(b)
    except Exception as e:  # noqa: BLE001 - reported when the object is imported
        return _ReadFailed(obj.file, obj.row, _err(e))
    return obj


def read_families(fams: list[_Family], timestamp_offset: float | str | None,
                  batch_size: int) -> list[tuple[dict[str, Any], Any, str | None]]:
    """A helper process's work (``workers.py``): pass 0 of each family and, for a small
    one, pass 1's reading. Per family: (info, the object read or None, scan error)."""
    out: list[tuple[dict[str, Any], Any, str | None]] = []
    for fam in fams:
        try:
            _scan(fam)
        except Exception as e:  # noqa: BLE001 - one damaged file must not stop the import
            out.append(({}, None, _err(e)))
            continue
        obj = None
        if fam.cached is not None:
            obj = _read_cached(fam, timestamp_offset, batch_size)
            if isinstance(obj, _ObjectImport):
                if not obj.pending_files:  # (payloads are the writer's: it may skip)
                    obj.prepared = obj.prepare()
                    obj.sys, obj.attrs, obj.sets, obj.records = {}, {}, {}, {}
                    obj.sys_order, obj.files = [], {}
                obj.fam = None  # type: ignore[assignment]  # the writer's own is put back
            with _BUDGET_LOCK:
                CACHE_BUDGET[0] += fam.cached_bytes
            fam.cached, fam.cached_bytes = None, 0
        out.append((fam.info, obj, None))
    return out


@dataclass
class _Prepared:
    """An object's rows as the store takes them (``_ObjectImport.prepare``)."""
    cols: dict[str, Any]
    running: float
    set_rows: list[tuple[str, str]]
    attr_rows: list[tuple[str, str, Any, int]]
    series: list[tuple]
    shift: int
    meta: str  # the import record, as JSON
    n_attributes: int


class _Exists(Exception):
    def __init__(self, sys_id: str) -> None:
        super().__init__(sys_id)
        self.sys_id = sys_id


_NO = object()
_TRAITS = {f.path: f.trait for f in catalog.FIELDS}
_FIELDS: dict[str, dict[str, catalog.SysField]] = {}


def _fields(kind: str) -> dict[str, catalog.SysField]:
    got = _FIELDS.get(kind)
    if got is None:
        got = _FIELDS[kind] = {f.path: f for f in catalog.fields_for(kind)}
    return got
_DEFAULTS = {
    catalog.RUN: {"name": "Untitled", "description": "", "failed": 0, "size": 0.0,
                  "trashed": 0, "forking_depth": 0, "experiment_is_head": 0,
                  "relative_creation_time_ms": 0},
    catalog.MODEL: {"name": "Untitled", "description": "", "size": 0.0, "trashed": 0},
    catalog.MODEL_VERSION: {"name": "Untitled", "description": "", "size": 0.0, "trashed": 0,
                            "stage": "none"},
}


_OWNER: list[str] = []


def _owner() -> str:
    if not _OWNER:
        _OWNER.append(owner())
    return _OWNER[0]


def _column_value(f: catalog.SysField, type_: str, value: Any) -> Any:
    """The sys column value for an exported row, or _NO when its type does not fit (the
    row is then kept as an imported attribute)."""
    t = f.type
    if t in (catalog.STRING, catalog.STAGE):
        if type_ != "string":
            return _NO
        if t == catalog.STAGE and value not in catalog.STAGES:
            return _NO
        return value
    if t == catalog.BOOLEAN:
        return int(value) if type_ == "bool" else _NO
    if t == catalog.INTEGER:
        if type_ == "int":
            return value
        if type_ == "float" and math.isfinite(value) and value == int(value):
            return int(value)
        return _NO
    if t == catalog.FLOAT:
        return float(value) if type_ in ("float", "int") and not isinstance(value, bool) \
            and math.isfinite(float(value)) else _NO
    if t == catalog.DATETIME:
        return value if type_ == "datetime" else _NO
    return _NO


def _derived_matches(path: str, type_: str, value: Any, cols: dict[str, Any], running: float,
                     sys_rows: dict[str, tuple[str, Any]]) -> bool:
    """Whether a derived sys field reads back as exported (then nothing is kept for it)."""
    if path == "sys/running_time":
        return type_ == "float" and float(value) == running
    if path == "sys/monitoring_time":
        return type_ == "int" and value == int(running)
    if path == "sys/archived":
        trashed = sys_rows.get("sys/trashed")
        return type_ == "bool" and trashed is not None and trashed[1] == value
    if path == "sys/family":
        return type_ == "string" and value == (cols.get("custom_run_id") or cols.get("id"))
    return False


def _atom(type_: str, value: Any) -> tuple[str, Any]:
    if type_ == "float":
        return "float", value if math.isfinite(value) else repr(value)
    if type_ == "bool":
        return "bool", int(value)
    if type_ == "string_set":
        return "string_set", None
    return type_, value


# ------------------------------------------------------------------------------ driver
def _ensure_project(bulk: Bulk, store: Any, name: str, key_hint: str | None) -> ProjectRef:
    row = bulk.project(name)
    if row is None:
        taken = bulk.project_keys()
        key = key_hint if key_hint and re.match(r"^(?=.*[A-Z])[A-Z0-9]{1,10}$", key_hint) and \
            key_hint not in taken else None
        row = store.create_project(name, key, owner(), derive_key)
    ref = ProjectRef(store, row)
    ref.object_pk  # noqa: B018 - the project's own sys row
    return ref


def _key_hint(fam: _Family) -> str | None:
    sid = fam.info.get("sys/id") or ""
    if fam.kind == catalog.RUN:
        m = _RUN_NUMBER.match(sid)
        return m[1] if m else None
    return sid.split("-")[0] if "-" in sid else None


def import_export(path: str | os.PathLike, store: Any = None, *,
                  on_conflict: str = "skip", dry_run: bool = False,
                  progress: Callable[[int, int, ImportSummary], None] | None = None,
                  files_path: str | os.PathLike | None = None,
                  model_data_path: str | os.PathLike | None = None,
                  model_files_path: str | os.PathLike | None = None,
                  timestamp_offset: float | str | None = "auto",
                  batch_size: int = 65_536, workers: int | None = None,
                  new_run_ids: bool = False, project: str | None = None) -> ImportSummary:
    """Import a neptune-exporter tree into a store (see the module docstring).

    ``on_conflict``: ``"skip"`` (an object whose sys/id or custom run id is already in the
    store is left alone: importing twice creates nothing new) or ``"replace"``.
    ``timestamp_offset``: ``"auto"`` detects the 1.x exporter's local-time shift, a number
    of seconds is added to every 1.x series timestamp, None keeps them as written.
    ``progress(done, total, summary)`` is called after each object. The input is only read.
    ``workers``: helper processes that read small files while this process writes (None:
    two or more when the tree has at least 1,000 objects; 0: none).
    ``new_run_ids``: runs take the next ids of this store's projects instead of their own
    (an offline run's log numbered its run alone); a run whose custom run id is already
    here counts as existing. ``project``: every run goes to this project instead of its
    own (an offline run whose script named none, as ``neptune sync -p`` did).
    """
    if on_conflict not in ("skip", "replace"):
        raise InvalidValueError(f"on_conflict must be 'skip' or 'replace' (was {on_conflict!r})")
    t0 = time.perf_counter()
    summary = ImportSummary(dry_run=dry_run)
    s = store if hasattr(store, "write") else open_store(store)

    def opt(p: Any) -> Path | None:
        return Path(p) if p is not None else None
    families, skipped = discover(Path(path), opt(files_path), opt(model_data_path),
                                 opt(model_files_path))
    summary.skipped.extend(skipped)
    run = _ImportRun(s, summary, len(families), on_conflict=on_conflict, dry_run=dry_run,
                     progress=progress, timestamp_offset=timestamp_offset,
                     batch_size=batch_size, new_run_ids=new_run_ids,
                     project_override=project)
    run.run(families, helpers_for(len(families), workers))
    summary.seconds = time.perf_counter() - t0
    return summary


class _ImportRun:
    """One import: pass 0 (scan) feeding pass 1 (write), the objects put off until their
    parent or model is in, and the state they share (projects seen, ids handled)."""

    def __init__(self, store: Any, summary: ImportSummary, total: int, *, on_conflict: str,
                 dry_run: bool, progress: Callable[[int, int, ImportSummary], None] | None,
                 timestamp_offset: float | str | None, batch_size: int,
                 new_run_ids: bool = False, project_override: str | None = None) -> None:
        self.store, self.summary, self.total = store, summary, total
        self.on_conflict, self.dry_run, self.progress = on_conflict, dry_run, progress
        self.offset, self.batch_size = timestamp_offset, batch_size
        # import_export's new_run_ids= and project= (an offline run's sync)
        self.new_run_ids, self.project_override = new_run_ids, project_override
        self.bulk = bulk_for(store)
        self.payload_dir = self.bulk.payload_dir()
        self.projects: dict[str, ProjectRef] = {}
        self.project_rows: dict[str, tuple] = {}
        self.done = 0
        self.imported: set[tuple[str, str]] = set()  # (project_id, run_id / sys id) so far
        self.deferred: list[_Family] = []
        self.group: Any = None

    def run(self, families: list[_Family], n_workers: int) -> None:
        """Pass 0 runs ahead of this thread's writing, in a sliding window that bounds how
        far: in two threads for a small tree, in helper processes for a big one (pyarrow
        holds the GIL for most of a small file, so threads overlap little)."""
        self.group = self.bulk.group()
        try:
            if n_workers > 0:
                _drive_helpers(n_workers, families, self.offset, self.batch_size, self.take,
                               self.summary)
            else:
                _drive(families, _scan_error, self.take)
            for fam in _order(self.deferred):
                self.process(fam)
            self.group.commit()
        except BaseException:
            self.group.rollback()
            raise

    def release(self, fam: _Family) -> None:
        fam.read = None
        if fam.cached is not None:
            with _BUDGET_LOCK:
                CACHE_BUDGET[0] += fam.cached_bytes
            fam.cached = None

    def tick(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, self.summary)

    def take(self, fam: _Family, error: str | None) -> None:
        """A family after pass 0: reported, put off until every family was read (a fork
        before its parent), or imported now."""
        if error is not None:
            self.summary.errors.append({
                "file": str(fam.parts[0]), "run": fam.prefix, "row": None,
                "message": f"{fam.parts[0]}: run {fam.prefix!r}: cannot be read: {error}"})
            self.tick()
        elif self.waits(fam):
            self.release(fam)  # re-read when its turn comes: the cache stays bounded
            self.deferred.append(fam)
        else:
            self.process(fam)

    def waits(self, fam: _Family) -> bool:
        """A fork whose parent, or a version whose model, is neither handled yet nor in
        the store is put off until every family was read (then imported in order)."""
        info, bulk = fam.info, self.bulk
        if fam.kind == catalog.RUN:
            parent = info.get("sys/forking/parent")
            if not parent or (info["project_id"], parent) in self.imported:
                return False
            row = bulk.project(info["project_id"])
            return row is None or bulk.find(project_pk=row[0], custom_run_id=parent) is None
        if fam.kind == catalog.MODEL_VERSION:
            model = info.get("sys/model_id") or _RUN_NUMBER.sub(r"\1", info["run_id"])
            return (info["project_id"], model) not in self.imported and \
                bulk.find(sys_id=model) is None
        return False

    def process(self, fam: _Family) -> None:
        info = fam.info
        if self.new_run_ids and fam.kind == catalog.RUN:
            info.pop("sys/id", None)
            info["new_id"] = True
        if self.project_override and fam.kind == catalog.RUN:
            # the export's files stay under the project they were exported from
            info.setdefault("exported_project_id", info["project_id"])
            info["project_id"] = self.project_override
        self.imported.add((info["project_id"], info["run_id"]))
        if info.get("sys/id"):
            self.imported.add((info["project_id"], info["sys/id"]))
        try:
            self.import_one(fam)
        finally:
            self.release(fam)
            self.tick()

    def import_one(self, fam: _Family) -> None:
        info = fam.info
        label = f"{fam.kind.replace('_', ' ')} {info.get('sys/id') or info['run_id']}"
        proj_row = self.project_row(info["project_id"])
        existing = self.existing(fam, proj_row)
        if existing is not None and (proj_row is None or existing[3] != proj_row[0]):
            self.summary.skipped.append({
                "what": f"{label} ({fam.parts[0]})", "reason":
                f"sys/id {existing[2]} is taken by an object of another "
                "project in this store (ids are unique in a store)"})
            return
        if self.dry_run:
            self.plan(fam, label, existing)
            return
        if existing is not None and self.on_conflict == "skip":
            self.summary.existing.append(existing[2])
            return
        self.write(fam, label, self.project_for(fam))

    def project_row(self, project_id: str) -> tuple | None:
        row = self.project_rows.get(project_id)
        if row is None:
            row = self.bulk.project(project_id)
            if row is not None:
                self.project_rows[project_id] = row
        return row

    def existing(self, fam: _Family, proj_row: tuple | None) -> tuple | None:
        """The object already in the store under this family's sys/id or custom run id."""
        info = fam.info
        if proj_row is None and not info.get("sys/id"):
            return None
        return self.bulk.find(sys_id=info.get("sys/id") or
                              (info["run_id"] if fam.kind != catalog.RUN else None),
                              project_pk=proj_row[0] if proj_row else None,
                              custom_run_id=info["run_id"]
                              if info["generation"] == "neptune3" else
                              info.get("sys/custom_run_id"))

    def plan(self, fam: _Family, label: str, existing: tuple | None) -> None:
        """A dry run's line for one object: what the import would do, read as it reads."""
        summary, info = self.summary, fam.info
        action = "skip" if existing and self.on_conflict == "skip" else \
            "replace" if existing else "create"
        failed = None if action == "skip" else fam.read if isinstance(
            fam.read, _ReadFailed) else _dry_read(fam, self.offset, self.batch_size)
        if failed is not None:  # what the import would reject
            action = "error"
            summary.errors.append(_object_error(fam, label, failed.file, failed.row,
                                                failed.message))
        summary.planned.append({"kind": fam.kind, "project": info["project_id"],
                                "id": info.get("sys/id") or info["run_id"],
                                "action": action, "file": str(fam.parts[0])})
        if existing:
            summary.existing.append(existing[2])

    def project_for(self, fam: _Family) -> ProjectRef:
        project_id = fam.info["project_id"]
        project = self.projects.get(project_id)
        if project is None:
            self.group.commit()  # creating a project is a transaction of its own
            project = self.projects[project_id] = _ensure_project(
                self.bulk, self.store, project_id, _key_hint(fam))
        return project

    def write(self, fam: _Family, label: str, project: ProjectRef) -> None:
        """One object in a savepoint of its own: in whole, or left out with an error that
        names the file and the row (the store failing stops the import)."""
        summary, bulk = self.summary, self.bulk
        job: dict[str, Any] = {}

        def tx(handle: Any) -> str:
            obj = _ObjectImport(bulk, handle, fam, project, summary, self.payload_dir,
                                self.offset)
            job["obj"] = obj
            if isinstance(fam.read, _ReadFailed):
                raise fam.read
            if fam.read is not None:  # read by a helper process
                obj = job["obj"] = fam.read
                obj.fam = fam
                obj.attach(bulk, handle, project, summary, self.payload_dir)
            else:
                _feed(obj, fam, self.batch_size)
            job["id"] = sys_id = obj.finish(self.on_conflict)
            return sys_id

        before = (summary.replaced, dict(summary.warnings), summary.files)
        try:
            self.group.write(tx)
            summary.created[fam.kind] += 1
            summary.ids.append(job["id"])
            summary.points += job["obj"].points
        except _Exists as e:
            summary.replaced, summary.warnings, summary.files = before
            summary.existing.append(e.sys_id)
        except StoreError:
            raise  # the store failing, not this object: the import stops
        except Exception as e:  # noqa: BLE001 - the object is left out; the rest goes on
            summary.replaced, summary.warnings, summary.files = before
            summary.errors.append(_write_error(fam, label, job.get("obj"), e))


def _write_error(fam: _Family, label: str, obj: _ObjectImport | None, e: Exception
                 ) -> dict[str, Any]:
    """The summary's error for an object whose write failed: the file and row being read."""
    file = obj.file if obj and obj.file else str(fam.parts[0])
    row = obj.row if obj else None
    if isinstance(e, _ReadFailed):
        return _object_error(fam, label, e.file, e.row, e.message)
    return _object_error(fam, label, file, row, _err(e))


def _scan_error(fam: _Family) -> str | None:
    """Pass 0 of one family; its error as text (one damaged file must not stop the import)."""
    try:
        _scan(fam)
        return None
    except Exception as e:  # noqa: BLE001 - reported, and the import goes on
        return _err(e)


def _drive(families: list[_Family], scan: Callable[[_Family], str | None],
           take: Callable[[_Family, str | None], None]) -> None:
    """Pass 0 in two threads ahead of this thread's writing, in a sliding window."""
    window: deque[tuple[_Family, Any]] = deque()
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = iter(families)
        for fam in islice(pending, SCAN_AHEAD):
            window.append((fam, pool.submit(scan, fam)))
        while window:
            fam, fut = window.popleft()
            nxt = next(pending, None)
            if nxt is not None:
                window.append((nxt, pool.submit(scan, nxt)))
            take(fam, fut.result())


def _drive_helpers(n: int, families: list[_Family], offset: float | str | None,
                   batch_size: int, take: Callable[[_Family, str | None], None],
                   summary: ImportSummary) -> None:
    """Pass 0 and the reading of small families in helper processes, a few chunks ahead
    of this process's writing."""
    chunks = ((families[i:i + HELPER_CHUNK], offset, batch_size)
              for i in range(0, len(families), HELPER_CHUNK))
    with WorkerPool(n) as pool:
        summary.helpers = n
        for (fams, _, _), results in pool.imap(__name__, "read_families", chunks):
            for fam, (info, read, error) in zip(fams, results, strict=True):
                if error is None:
                    fam.info, fam.read = info, read
                take(fam, error)
        summary.helper_problem = pool.broken


def _err(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}"


__all__ = ["import_export", "ImportSummary", "discover"]
