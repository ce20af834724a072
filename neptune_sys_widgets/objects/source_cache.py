"""A new run's source record, reused by the next runs of the same process while nothing it
was made from has changed.

Why: a script that makes many runs records the same script, git state and diff each time.
Git is already asked once per process (``source_code``), but building the record still
expanded the globs, stated and looked up every file, hashed the diff again and encoded the
descriptors: about as long as the rest of a sync create (issue 20's create + stop budget).

When a record is reused: the same store, the same arguments, the same working directory and
script, every named source file a plain path (no glob pattern) to a regular file whose
size, modification time and inode are unchanged, and every content the record points at
still in the store's files folder. Anything else (a glob, a folder, ``dependencies=``, a
server's files folder, a file that is gone) builds the record as before.
"""

from __future__ import annotations

import os
import stat

from ..store import BlobStore, blobs_for
from . import files as F
from . import source_code

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    Rows = list[tuple[str, str, Any]]
_ROWS: dict[tuple, tuple[Rows, tuple, tuple[str, ...]]] = {}


def record(store: Any, a: dict[str, Any], *, scale: bool) -> Rows:
    """The source record's rows for a new run (``Run._source_rows``), from the cache when
    nothing it was made from has changed."""
    plan = _key_1x(store, a) if not scale else _key_scale(store, a)
    if plan is None:
        return _build(store, a, scale)
    key, paths = plan
    sig = _signature(paths)
    hit = _ROWS.get(key)
    if sig is not None and hit is not None and hit[1] == sig and _present(store, hit[2]):
        return list(hit[0])
    out = _build(store, a, scale)  # the signature was taken first: a file written
    if sig is not None:            # meanwhile is seen as changed at the next run
        _ROWS[key] = (out, sig, _contents(out))
    return out


def _build(store: Any, a: dict[str, Any], scale: bool) -> Rows:
    if scale:
        config = a.get("source_tracking_config", source_code.SCALE_DEFAULTS)
        items = source_code.items_scale(config) if config is not None else {}
    else:
        items = source_code.items_1x(a.get("source_files"), a.get("git_ref"),
                                     a.get("dependencies"))
    return source_code.rows(store, items)


def _key_1x(store: Any, a: dict[str, Any]) -> tuple[tuple, tuple[str, ...]] | None:
    """(cache key, files whose state the record depends on), or None: not reusable."""
    if a.get("dependencies") is not None:
        return None
    script = source_code.entry_point()
    files = a.get("source_files")
    if files is None:
        paths = (str(script),) if script is not None else ()
    elif isinstance(files, (str, os.PathLike)):
        paths = (os.fspath(files),)
    elif isinstance(files, (list, tuple)) and all(isinstance(f, (str, os.PathLike))
                                                   for f in files):
        paths = tuple(os.fspath(f) for f in files)
    else:
        return None
    if any(F.has_magic(p) for p in paths):
        return None  # a pattern may match other files next time
    git_ref = a.get("git_ref")
    git = (git_ref is False or bool(getattr(git_ref, "disabled", False)),
           getattr(git_ref, "repository_path", None))
    return (_where(store), "1x", script, files is None, paths, git, os.getcwd()), paths


def _key_scale(store: Any, a: dict[str, Any]) -> tuple[tuple, tuple[str, ...]] | None:
    config = a.get("source_tracking_config", source_code.SCALE_DEFAULTS)
    if config is None:
        return None  # nothing is recorded: nothing to reuse
    fields = tuple(getattr(config, f, None) for f in (
        "namespace", "repository", "upload_run_command", "upload_entry_point",
        "upload_diff_head", "upload_diff_upstream"))
    script = source_code.entry_point()
    paths = (str(script),) if script is not None and fields[3] else ()
    return (_where(store), "scale", script, fields, os.getcwd()), paths


def _where(store: Any) -> tuple:
    """The store and its files folder (the variable may name another one later)."""
    return id(store), getattr(store, "path", None), os.environ.get("NEPTUNE_SYS_FILES")


def _signature(paths: tuple[str, ...]) -> tuple | None:
    """Size, modification time and inode of each path; None when one is not a regular
    file (gone, a folder: not reusable)."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        out.append((os.path.abspath(p), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


def _contents(rows: Rows) -> tuple[str, ...]:
    """The content hashes the record's file and file-set rows point at."""
    out: list[str] = []
    for _path, typ, value in rows:
        if typ in ("file", "file_set") and isinstance(value, str):
            out.extend(F.descriptor_hashes(value))
    return tuple(out)


def _present(store: Any, shas: tuple[str, ...]) -> bool:
    """Every content still in a local files folder (a folder on a server is not asked:
    the record is rebuilt instead)."""
    if not shas:
        return True
    blobs = blobs_for(store)
    return type(blobs) is BlobStore and all(blobs.has(s) for s in shas)
