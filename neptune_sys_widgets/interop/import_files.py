"""An exported file series or file set imported into the store's files folder
(``store/blobs.py``), so ``download()`` / ``download_last()`` / ``fetch_files_list`` work on
it as on one logged here, instead of the attribute only pointing at the export's tree.

- A file series' entries are streamed into the files folder as each row is read, then
  written at the object's end as a series of type ``file`` (the form ``objects/files.py``
  gives a logged FileSeries), sorted by step: the exporter may list ``10.png`` before
  ``2.png``. A 1.x export has no timestamps for them; the points keep none (NaN), and the
  exporter writes them back as null.
- A file set: 1.x's export is a folder holding the server's zip of the set; a folder whose
  only file is a zip as 1.x made it (a ``/`` entry first, see ``objects/files.py``
  ``zip_file_set``) is unpacked entry by entry into the set. Any other folder (an export
  written by this package, or a zip that is not 1.x's) is stored file by file as it is.

Nothing is held whole in memory: files and zip entries are streamed in chunks. Re-importing
stores nothing new: contents are addressed by hash. A store with no files folder (a
PostgreSQL store without ``NEPTUNE_SYS_FILES``) keeps the old reference to the export.
"""

from __future__ import annotations

import calendar
import json
import math
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from ..store import BlobStore, NoFilesFolder, blobs_for
from . import format as F

SERIES, FILE_SET = "file_series", "file_set"


def exported_project(fam: Any) -> str:
    """The project an object was exported from: its files' folder in the export, also when
    the import sends it to another project (``import_export(project=)``)."""
    return fam.info.get("exported_project_id") or fam.info["project_id"]


def payload_source(fam: Any, rel: str) -> Path | None:
    """The payload a ``file_value`` path names, when the export has it (never outside the
    export's files tree)."""
    root = fam.files_root
    if root is None or os.path.isabs(rel) or ".." in rel.split("/"):
        return None
    src = root / F.sanitize(exported_project(fam)) / rel
    return src if src.exists() and _inside(src, root) else None


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is in the export's files tree: a link in an
    export someone else made must not carry a file of this machine into the store."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def store_payload(obj: Any, path: str, type_: str, rel: str, step: str | None,
                  ts: int | None) -> bool:
    """Store the payload of one file-series or file-set row into the files folder; False
    when it is not one of these, its payload is missing or the store has no files folder
    (the importer then keeps a reference, as before)."""
    if type_ not in (SERIES, FILE_SET):
        return False
    src = payload_source(obj.fam, rel)
    blobs = _blobs(obj)
    if src is None or blobs is None:
        return False
    what = f"import of {path}"
    if type_ == FILE_SET:
        if not src.is_dir():
            return False
        files = _set_files(blobs, src, what, obj.fam.files_root)
        obj.attrs[path] = (FILE_SET, _dumps({"files": files}))
        obj.summary.files += len(files)
        return True
    if not src.is_file():
        return False
    blob = blobs.put_file(src, what)
    ext = os.path.splitext(rel)[1].lstrip(".") or "bin"
    if "\0" in ext or "/" in ext or len(ext) > 64:
        ext = "bin"
    desc = _dumps({"ext": ext, "sha256": blob.sha256, "size": blob.size})
    points = obj.records.setdefault(path, (SERIES, []))[1]
    points.append([step, ts, rel, desc])
    obj.summary.files += 1
    return True


def _blobs(obj: Any) -> BlobStore | None:
    store = getattr(obj.bulk, "store", None)
    if store is None:
        return None
    try:
        blobs = blobs_for(store)
    except NoFilesFolder:
        return None
    return blobs  # type: ignore[return-value]  # a remote store has the same interface


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def _set_files(blobs: Any, folder: Path, what: str, root: Path) -> dict[str, Any]:
    """The set's ``{name: {sha256, size, mtime}}``, its contents stored (a link out of
    the export's files tree is left out)."""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and _inside(p, root))
    if len(found) == 1 and found[0].suffix == ".zip":
        unpacked = _zip_files(blobs, found[0], what)
        if unpacked is not None:
            return unpacked
    files = {}
    for p in found:
        blob = blobs.put_file(p, what)
        files[p.relative_to(folder).as_posix()] = {"sha256": blob.sha256, "size": blob.size,
                                                   "mtime": p.stat().st_mtime}
    return files


def _zip_files(blobs: Any, zpath: Path, what: str) -> dict[str, Any] | None:
    """The entries of a zip as 1.x downloaded a file set, streamed; None for any other
    file (not a zip, or a zip without 1.x's ``/`` entry: a user's own archive)."""
    if not zipfile.is_zipfile(zpath):
        return None
    files: dict[str, Any] = {}
    with zipfile.ZipFile(zpath) as zf:
        infos = zf.infolist()
        if not any(i.filename == "/" for i in infos):
            return None
        for info in infos:
            name = info.filename.strip("/")
            if info.is_dir() or not name or ".." in name.split("/"):
                continue
            with zf.open(info) as fh:
                blob = blobs.put_stream(fh, what)
            files[name] = {"sha256": blob.sha256, "size": blob.size,
                           "mtime": float(calendar.timegm((*info.date_time, 0, 0, 0)))}
    return files


def flush(obj: Any) -> None:
    """Write the file series read so far (``store_payload``) as series of type ``file``.
    Entries whose payload the export lacks have no content to keep: they are left out
    (the summary counts them); a series with none stored stays a reference record."""
    for path, (type_, points) in list(obj.records.items()):
        stored = [p for p in points if len(p) == 4] if type_ == SERIES else []
        if not stored:
            continue
        del obj.records[path]
        _write_series(obj, path, stored)


def _write_series(obj: Any, path: str, points: list[list[Any]]) -> None:
    keyed = sorted(((float(p[0]) if p[0] is not None else float(i), i, p)
                    for i, p in enumerate(points)), key=lambda k: (k[0], k[1]))
    kept = [k for n, k in enumerate(keyed) if n == 0 or k[0] > keyed[n - 1][0]]
    if len(kept) < len(keyed):
        obj.summary.warn("repeated series steps (first point kept)", len(keyed) - len(kept))
    steps = np.array([k[0] for k in kept], dtype="f8")
    ms = np.array([math.nan if k[2][1] is None else float(k[2][1]) for k in kept], dtype="f8")
    values = [k[2][3] for k in kept]
    finite = ms[~np.isnan(ms)]
    if len(finite):
        obj.min_ts = min(obj.min_ts, float(finite.min()))
        obj.max_ts = max(obj.max_ts, float(finite.max()))
    secs = ms / 1000.0
    obj.seq += 1
    chunk = obj.bulk.put_chunks(obj.tx, obj.pk, path, 0, steps, values, secs, "file")
    obj.series[path] = {"type": "file", "chunk": chunk, "count": len(kept),
                        "last": (float(steps[-1]), values[-1], float(secs[-1])),
                        "seq": obj.seq}
    obj.points += len(kept)
