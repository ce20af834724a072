"""The store reads of the query API, shaped into neptune-query's cells; the reads themselves
are named store operations (store/sqlite_reads.py)."""

from __future__ import annotations

import json
import math
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import catalog
from ..objects import values as V
from ..objects.project import resolve_project
from ..objects.run import fork_lineage, is_session_path
from ..objects.tables import sys_row_to_paths
from ..store import open_store

# store attribute types -> neptune-query types
# (file sets and artifacts, 1.x's, have no neptune-query type and are not reported)
_ATOM_TYPES = {"float": "float", "int": "int", "string": "string", "bool": "bool",
               "datetime": "datetime", "string_set": "string_set", "file": "file"}
_SERIES_TYPES = {"float": "float_series", "string": "string_series",
                 "file": "file_series", "histogram": "histogram_series"}


@dataclass(frozen=True)
class FileCell:
    """A stored file as read, before it is labelled with its run (``public_file``)."""

    sha256: str | None
    size: int
    path: str
    mime_type: str
    step: float | None = None


def file_cell(stored: Any, step: float | None = None) -> FileCell:
    """A stored file descriptor (objects/files.py) as neptune-query describes a file: its
    path is neptune-scale's ``destination`` (else its place in the files folder), its MIME
    type the one given when logged (else guessed from the extension), its size the one
    given to neptune-scale's ``File(size=)``, else the content's."""
    if isinstance(stored, (bytes, bytearray, memoryview)):  # the old inline form
        ext, _, content = bytes(stored).partition(b"\0")
        d = {"sha256": None, "size": len(content), "ext": ext.decode()}
    else:
        d = json.loads(stored)
    ext = d.get("ext") or "bin"
    mime = d.get("mime") or mimetypes.guess_type(f"file.{ext}")[0] or \
        "application/octet-stream"
    path = d.get("dest") or f"sha256/{d['sha256']}.{ext}"
    return FileCell(d["sha256"], int(d.get("declared", d["size"])), path, mime, step)


def histogram_value(stored: str) -> Any:
    """A stored histogram point as ``neptune_query.types.Histogram``."""
    from .types import Histogram
    d = json.loads(stored)
    if "counts" in d:
        return Histogram(type="COUNTING", edges=d["bin_edges"], values=d["counts"])
    return Histogram(type="DENSITY", edges=d["bin_edges"], values=d["densities"])


def series_value(store_type: str, stored: Any, step: float) -> Any:
    if store_type == "file":
        return file_cell(stored, step)
    if store_type == "histogram":
        return histogram_value(stored)
    return stored
_SYS_TYPES = {catalog.STRING: "string", catalog.STRING_SET: "string_set",
              catalog.BOOLEAN: "bool", catalog.INTEGER: "int", catalog.FLOAT: "float",
              catalog.DATETIME: "datetime", catalog.RUN_STATE: "string",
              catalog.STAGE: "string"}
SYS_TYPES: dict[str, str] = {f.path: _SYS_TYPES[f.type] for f in catalog.fields_for("run")}


def open_project(project: str | None, store: Any):
    s = open_store(store)
    return s, resolve_project(project, s, create=False)


def run_rows(s, project_pk: int, *, heads_only: bool) -> list[dict[str, Any]]:
    """Sys rows of the project's runs that are not trashed, oldest first."""
    return s.run_rows(project_pk, heads_only=heads_only)


def sys_values(rec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """path -> {type: value} of a run's sys attributes that are set."""
    out = {}
    for path, value in sys_row_to_paths(rec, "run").items():
        if value is None:
            continue
        type_ = SYS_TYPES[path]
        if type_ == "datetime":
            value = V.from_ms(value)
        out[path] = {type_: value}
    return out


def user_values(s, pks: Sequence[int]) -> dict[int, dict[str, dict[str, Any]]]:
    """pk -> path -> {type: value}: atoms, user string sets, and the last value of each
    series."""
    out: dict[int, dict[str, dict[str, Any]]] = {pk: {} for pk in pks}
    for pk, path, type_, value in s.atom_rows(pks):
        t = _ATOM_TYPES.get(type_)
        if t is None or is_session_path(path):
            continue
        out[pk].setdefault(path, {})[t] = set() if t == "string_set" else \
            file_cell(value) if t == "file" else V.from_atom(type_, value)
    for pk, path, value in s.user_set_rows(pks):
        cell = out[pk].setdefault(path, {})
        cell.setdefault("string_set", set()).add(value)
    for pk, path, type_, last in s.series_last_rows(pks):
        t = _SERIES_TYPES.get(type_)
        if t is None:
            continue
        if t == "float_series":
            last = math.nan if last is None else float(last)  # SQLite keeps NaN as NULL
        elif t in ("file_series", "histogram_series"):
            last = _last_point(s, pk, path, type_)
            if last is None:
                continue
        out[pk].setdefault(path, {})[t] = last
    return out


def _last_point(s, pk: int, path: str, store_type: str) -> Any:
    """A file or histogram series' last value (with its step, which files report)."""
    got = s.series_points(pk, path, None)
    if got is None or got[0] != store_type or not len(got[1]):
        return None
    return series_value(store_type, got[2][-1], got[1][-1])


def project_types(s, project_pk: int, names: Iterable[str]) -> dict[str, set[str]]:
    """name -> the types it is stored with in any (untrashed) run of the project."""
    out: dict[str, set[str]] = {n: set() for n in names}
    for path, type_, what in s.project_value_types(project_pk, names):
        t = (_ATOM_TYPES if what == "attribute" else _SERIES_TYPES).get(type_)
        if t is not None:
            out[path].add(t)
    return out


def series_paths(s, pks: Sequence[int], store_type: str) -> dict[int, set[str]]:
    """pk -> paths of its own series of ``store_type`` ('float' / 'string')."""
    out: dict[int, set[str]] = {pk: set() for pk in pks}
    for pk, path in s.series_paths(pks, store_type):
        out[pk].add(path)
    return out


def lineage(s, pk: int, to_the_root: bool, experiment: bool = False
            ) -> list[tuple[int, float | None]]:
    """(pk, last inherited step) from the root down to ``pk``. Without ``to_the_root``: just
    ``pk`` for a run; for an experiment, the ancestors that carry the same experiment name
    too (a fork that keeps the name continues the experiment, as neptune-query reads it),
    never those of another experiment."""
    if to_the_root:
        return fork_lineage(s, pk)
    if not experiment:
        return [(pk, None)]
    name = s.run_origin(pk)[4]
    kept: list[tuple[int, float | None]] = [(pk, None)]
    for p, limit in reversed(fork_lineage(s, pk)[:-1]):
        if not name or s.run_origin(p)[4] != name:
            break
        kept.append((p, limit))
    return list(reversed(kept))


def points(s, chain: list[tuple[int, float | None]], path: str, store_type: str
           ) -> tuple[list[float], list[Any], list[float]] | None:
    """Steps, values and timestamps (s) of ``path`` read along ``chain`` (values.
    join_lineage); ancestors' parts of another type are left out."""
    def parts():
        for pk, max_step in chain:
            got = s.series_points(pk, path, max_step)
            yield None if got is None or got[0] != store_type else got[1:]
    return V.join_lineage(parts(), ([], [], []))
