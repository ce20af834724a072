"""Export of what a run stored in the store's files folder (objects/files.py): files, file
sets, artifacts, file series and histogram series, written where the exporter's format
has a place for them (docs/EXPORTER_FORMAT.md): contents under the export's ``files/``
tree, named by a ``file_value`` path; histograms inline in ``histogram_value``.

The store keeps contents by hash; here they are copied out in chunks, so a large file is
never held in memory.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..store import blobs_for
from .format import sanitize_part


def is_stored_format(t: str, v: Any) -> bool:
    """A value in the files folder's format (a descriptor), not an import's reference
    record or a file inlined in the row by an older store."""
    if t == "file":
        return isinstance(v, str)
    if t in ("file_set", "artifact") and isinstance(v, str):
        d = json.loads(v)
        return "files" in d
    return False


def _copy_blob(store: Any, sha256: str, dest: Path, what: str) -> None:
    blobs_for(store).copy_to(sha256, str(dest), what)


def atom_row(exp: Any, store: Any, path: str, t: str, v: str) -> dict[str, Any]:
    """The row of one file, file set or artifact; its content copied under ``exp.files``."""
    d = json.loads(v)
    what = f"export of {path}"
    if t == "file":
        rel = exp.scheme(path, d["ext"])
        _copy_blob(store, d["sha256"], exp.files / rel, what)
        exp.summary.files += 1
        return exp.row(path, "file", file_value={"path": rel})
    rel = exp.scheme(path, None)
    if t == "file_set":
        for name, f in d["files"].items():
            dest = exp.files / rel / name
            _copy_blob(store, f["sha256"], dest, what)
            if isinstance(f.get("mtime"), (int, float)):  # an import reads it back
                ns = _ns(f["mtime"])
                os.utime(dest, ns=(ns, ns))
            exp.summary.files += 1
    else:  # an artifact: its record (paths, hashes, sizes), the data stays where it is
        target = exp.files / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(v)
        exp.summary.files += 1
    return exp.row(path, t, file_value={"path": rel})


def series_rows(exp: Any, store: Any, path: str, type_: str, steps: list[Any],
                values: list[str], stamps: list[Any], start: int = 0) -> list[dict[str, Any]]:
    """Rows of a file series (contents copied as ``<path>/<name>.<ext>``) or a histogram
    series (inline); ``start``: the index of the first entry in its series (1.x names a
    file-series entry by it)."""
    rows = []
    for i, (step, value, ts) in enumerate(zip(steps, values, stamps, strict=True), start):
        d = json.loads(value)
        if type_ == "file":
            rel = f"{exp.scheme(path, None)}/{_entry_name(exp, i, step)}.{d['ext']}"
            _copy_blob(store, d["sha256"], exp.files / rel, f"export of {path}")
            exp.summary.files += 1
            rows.append(exp.row(path, "file_series", step=step, timestamp=ts,
                                file_value={"path": rel}))
        else:
            kind = "counts" if d.get("counts") is not None else "densities"
            rows.append(exp.row(path, "histogram_series", step=step, timestamp=ts,
                                histogram_value={"type": "COUNTING" if kind == "counts"
                                                 else "DENSITY", "edges": d["bin_edges"],
                                                 "values": d[kind]}))
    return rows


def _ns(seconds: float) -> int:
    """Seconds as nanoseconds, exactly: ``seconds * 1e9`` is a float past 2**53 (a few
    hundred ns apart today), and the file's ``st_mtime`` came back a digit off, so a round
    trip changed the set's recorded times."""
    return round(Fraction(seconds) * 10**9)


def _entry_name(exp: Any, index: int, step: Any) -> str:
    """A file-series entry's file name as each exporter names it (§4.4): 1.x by the
    entry's index, 3.x by ``step_%f`` of its step."""
    if exp.gen == "neptune3":
        return sanitize_part(f"step_{float(step):f}")
    return str(index)
