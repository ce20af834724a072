"""Files of a run: single files, file sets, file-series entries and artifacts.

The bytes go to the store's content-addressed files folder (``store/blobs.py``) when the
call is made, so a missing or unreadable path raises in the caller, never later in the
background commit; the store row queued for the commit holds a small JSON descriptor:

- a file (1.x ``upload``, neptune-scale ``assign_files``): ``{"sha256", "size", "ext"}``,
  plus neptune-scale's ``mime_type``, ``destination`` (given, else its storage path) and
  ``size`` (when given) as ``"mime"`` / ``"dest"`` / ``"declared"``;
- a file set (``upload_files``): ``{"files": {relative name: {"sha256", "size", "mtime"}}}``;
- a file-series entry: a file descriptor, one per step, in a series of type ``file``;
- an artifact (``track_files``): the tracked files' paths, hashes, sizes and modification
  times, and the artifact hash computed the way neptune 1.x did, so two runs that track
  the same data compare equal; no bytes are copied (the data stays where it is).
"""

from __future__ import annotations

import os

from ..exceptions import InvalidTypeError, InvalidValueError
from ..store import Blob, BlobStore, NoFilesFolder, blobs_for, unreadable
from ..types import File, is_bokeh_layout
from . import file_limits as L

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

FILE, FILE_SET, ARTIFACT = "file", "file_set", "artifact"


class FileRef(str):
    """A file-series entry's descriptor while queued: a ``str`` (the store keeps series
    values as text) that says it is a file, so the series keeps its type."""

    __slots__ = ()


class HistogramRef(str):
    """A histogram-series point while queued (its JSON), marked as such (see FileRef)."""

    __slots__ = ()


REFS = {"file": FileRef, "histogram": HistogramRef}


def series_ref(type_: str, stored: Any) -> Any:
    """A stored last value of a series, marked with its type when it is not plain text."""
    ref = REFS.get(type_)
    return stored if ref is None or stored is None else ref(stored)


def decode_series_value(store: Any, type_: str, stored: Any) -> Any:
    """What reads return for a stored series value: a File, a Histogram, else as stored."""
    if type_ == "file":
        return file_from_stored(store, stored)
    if type_ == "histogram":
        from ..types import Histogram
        return Histogram.from_stored(stored)
    return stored


class StoredFile(File):
    """A file read back from the store: its content is read from the files folder only
    when asked for (``content``), and ``download`` copies it in chunks."""

    def __init__(self, blobs: BlobStore, sha256: str, size: int, extension: str) -> None:
        super().__init__(blobs.path_of(sha256), extension=extension)
        self.sha256, self.size, self._blobs = sha256, size, blobs

    @property
    def content(self) -> bytes:
        return self._blobs.read(self.sha256, "file")

    def save_to(self, dest: str, what: str) -> None:
        self._blobs.copy_to(self.sha256, dest, what)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoredFile) and other.sha256 == self.sha256 and \
            other.extension == self.extension

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"File(<{self.extension}, {self.size} bytes, sha256 {self.sha256[:12]}>)"


def dumps(value: Any) -> str:
    """A descriptor as compact JSON with sorted keys: exactly ``json.dumps(value,
    separators=(",", ":"), sort_keys=True)``. Descriptors (dicts of names, hashes, sizes and
    times) are written here directly, because importing json loads re and enum (~4 ms of
    the first run of every script, whose source record is a file set); any other value,
    or a string that would need escaping, goes through json."""
    text = _plain_json(value)
    if text is None:
        import json
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text


def _plain_json(value: Any) -> str | None:
    """``dumps(value)`` when every part is a dict with str keys, a str that JSON writes as
    it is (printable ASCII, no quote, no backslash), an int or a finite float; else None."""
    t = type(value)
    if t is str:
        ok = value.isascii() and value.isprintable() and '"' not in value and \
            "\\" not in value
        return f'"{value}"' if ok else None
    if t is int:
        return int.__repr__(value)
    if t is float:
        return float.__repr__(value) if value - value == 0 else None  # not inf or nan
    if t is not dict or not all(type(k) is str for k in value):
        return None
    parts = []
    for k in sorted(value):
        key, item = _plain_json(k), _plain_json(value[k])
        if key is None or item is None:
            return None
        parts.append(f"{key}:{item}")
    return "{" + ",".join(parts) + "}"


def descriptor_hashes(stored: str) -> list[str]:
    """The content hashes a stored descriptor names ("sha256" keys, the file's or each
    file's of a set), read from ``dumps``' compact text without parsing it."""
    out, mark, at = [], '"sha256":"', 0
    while (at := stored.find(mark, at)) >= 0:
        at += len(mark)
        out.append(stored[at:at + 64])
    return out


def check_extension(ext: Any, what: str) -> str:
    ext = str(ext or "bin")
    if "\0" in ext or "/" in ext or len(ext) > 64:
        raise InvalidValueError(f"{what}: file extension {ext[:20]!r} is invalid (at most 64 "
                                "characters, no '/' or NUL)")
    return ext


def put(store: Any, value: File, what: str) -> Blob:
    """Store a File's content (streamed from its path, or its bytes)."""
    if isinstance(value, StoredFile):
        return Blob(value.sha256, value.size)
    size = L.size_of(value)
    if size is not None:
        L.check_file(size, what)
    blobs = blobs_for(store)
    local = getattr(value, "path", None)  # None: content in memory or a stream
    if local is not None and getattr(value, "_content", None) is None:
        return blobs.put_file(local, what)
    return blobs.put_bytes(bytes(value.content), what)


def file_descriptor(store: Any, value: File, what: str, inline_ok: bool = True) -> Any:
    """The stored value of a file: its descriptor; on a server store without a files
    folder, a file up to NEPTUNE_SYS_MAX_INLINE_SIZE (64 MiB) is kept inline in its row
    (``ext NUL bytes``), as before the files folder existed, rather than refused."""
    ext = check_extension(value.extension, what)
    value = value.materialized() if isinstance(value, File) else value  # a stream: once
    try:
        blob = put(store, value, what)
    except NoFilesFolder:
        content = _small_content(value, what) if inline_ok else None
        if content is None:
            raise
        return ext.encode() + b"\0" + content
    d: dict[str, Any] = {"sha256": blob.sha256, "size": blob.size, "ext": ext}
    for key, attr in (("mime", "mime_type"), ("dest", "destination")):  # neptune-scale's
        if isinstance(getattr(value, attr, None), str):
            d[key] = getattr(value, attr)
    declared = getattr(value, "declared_size", None)  # neptune-scale's File(size=)
    if isinstance(declared, int):
        d["declared"] = declared
    caption = getattr(value, "caption", None)  # 1.x file series: name=, description=
    if caption:
        d.update({k: v for k, v in caption.items() if isinstance(v, str)})
    return dumps(d)


def _small_content(value: File, what: str) -> bytes | None:
    """A file's bytes when they fit in a row (at most NEPTUNE_SYS_MAX_INLINE_SIZE), else
    None; a path that cannot be read raises naming it, as an upload to a files folder does."""
    path = getattr(value, "path", None) if getattr(value, "_content", None) is None \
        else None
    top = L.limit(L.MAX_INLINE)
    try:
        if path is not None and top is not None and os.path.getsize(path) > top:
            return None
        content = bytes(value.content)
    except OSError as e:  # a path that cannot be read, whatever the reason
        raise unreadable(path, what, e) from None
    return content if top is None or len(content) <= top else None


def file_from_stored(store: Any, stored: Any) -> File:
    """A stored ``file`` value as a File: a descriptor, or the inline ``ext NUL bytes`` form
    that stores written before the files folder existed hold."""
    if isinstance(stored, (bytes, bytearray, memoryview)):
        ext, _, content = bytes(stored).partition(b"\0")
        return File.from_content(content, extension=ext.decode())
    import json
    d = json.loads(stored)
    return StoredFile(blobs_for(store), d["sha256"], d["size"], d["ext"])


# ------------------------------------------------------------------------ conversions
def as_file(value: Any) -> File | None:
    """Objects 1.x stored as files when assigned or appended: a File, a PIL image or a
    matplotlib figure (PNG), an object with ``to_html`` (pandas, plotly: HTML)."""
    if isinstance(value, File):
        return value
    kind = type(value).__module__.split(".")[0]
    if kind == "PIL" or (kind == "matplotlib" and hasattr(value, "savefig")):
        return File.as_image(value)
    if is_bokeh_layout(value) or (kind in ("plotly", "altair", "pandas") and
                                  hasattr(value, "to_html")):
        return File.as_html(value)
    return None


# ------------------------------------------------------------------------ file sets
def has_magic(path: str | bytes) -> bool:
    """``glob.has_magic``: whether a path is a pattern (``* ? [``), without glob's re."""
    text = path if isinstance(path, str) else path.decode("latin-1")  # only to look
    return any(c in text for c in "*?[")


def matches(pattern: str | bytes | os.PathLike) -> list[Any]:
    """``glob.glob(pattern, recursive=True)``. A plain path (no ``* ? [``, as a run's
    default source record is: the script) is only checked for existence, without importing
    glob (it loads re and enum: ~4 ms of every script's first run)."""
    path = os.fspath(pattern)
    if not has_magic(path):
        return [path] if os.path.lexists(path) else []
    import glob
    return glob.glob(path, recursive=True)  # pyright: ignore[reportArgumentType]


def expand(globs: Any, what: str) -> list[tuple[str, str]]:
    """(name in the set, absolute path) of every file the globs name; folders are taken
    whole. Names are relative to the folder the given paths have in common, or to the
    working directory when that folder is inside it, as 1.x zipped them."""
    if isinstance(globs, (str, os.PathLike)):
        globs = [globs]
    try:
        patterns = [os.fspath(g) for g in globs]
    except TypeError:
        raise InvalidTypeError(f"{what}: upload_files() takes a path, a glob or a list of "
                               f"them (was {type(globs).__name__})") from None
    roots = [os.path.abspath(p) for g in patterns for p in matches(g)]
    if not roots:
        raise InvalidValueError(f"{what}: no file matches {patterns!r}; nothing was uploaded")
    base = os.path.commonpath(roots) if len(roots) > 1 else roots[0]
    if not os.path.isdir(base):
        base = os.path.dirname(base)
    if base.startswith(os.getcwd() + os.sep):  # 1.x: files under the working directory
        base = os.getcwd()                     # keep their path from it ("data/x.csv")
    out: dict[str, str] = {}
    for root in roots:
        for path in _walk(root):
            out[os.path.relpath(path, base).replace(os.sep, "/")] = path
    return sorted(out.items())


def _walk(root: str) -> list[str]:
    if not os.path.isdir(root):
        return [root]
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in sorted(files)]


def file_set_with(store: Any, current: dict[str, Any], globs: Any, what: str,
                  counted: dict[str, Any] | None = None) -> str:
    """The file set's descriptor after ``upload_files(globs)``: the new files' contents
    stored, their names added (a name uploaded again takes the new content). ``counted``:
    files already in the set, counted toward the size limits but not returned."""
    files = dict(current)
    found = expand(globs, what)
    sizes = {name: d.get("size", 0) for name, d in {**(counted or {}), **files}.items()}
    sizes.update((name, _size(path)) for name, path in found)
    L.check_set(list(sizes.values()), what)
    blobs = blobs_for(store)
    for name, path in found:
        blob = blobs.put_file(path, what)
        files[name] = {"sha256": blob.sha256, "size": blob.size,
                       "mtime": os.stat(path).st_mtime}
    return dumps({"files": files})


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the upload names the unreadable path


def file_set_without(current: dict[str, Any], names: Any) -> str:
    names = [names] if isinstance(names, str) else list(names)
    gone = {n.strip("/") for n in names}
    return dumps({"files": {k: v for k, v in current.items()
                             if k not in gone and not any(k.startswith(g + "/") for g in gone)}})


def import_record(stored: Any) -> dict[str, Any] | None:
    """The reference an import keeps for an exported file set, file series or artifact
    whose bytes it copied beside the store (``{"path": ..., "copied": ...}``), else None."""
    if not isinstance(stored, str) or not stored.startswith("{"):
        return None
    import json
    d = json.loads(stored)
    return d if "path" in d and "files" not in d and "hash" not in d else None


def file_set_files(stored: Any) -> dict[str, Any]:
    if not stored:
        return {}
    import json
    d = json.loads(stored)
    if "files" not in d:
        raise InvalidValueError(f"this file set was imported as a reference to "
                                f"{d.get('path')!r} in the export's files folder; its "
                                "files are not in the store")
    return d["files"]


def zip_file_set(store: Any, files: dict[str, Any], dest: str, what: str) -> str:
    """A zip of the set as 1.x downloaded it: a "/" entry, one entry per folder, then the
    files; each file streamed from the files folder."""
    import zipfile
    blobs = blobs_for(store)
    folders = {"/"}
    for name in files:
        parts = name.split("/")[:-1]
        folders.update("/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1))
    tmp = dest + ".partial"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for folder in sorted(folders):
            zf.writestr(folder, b"")
        for name, d in sorted(files.items()):
            with blobs.open(d["sha256"], what) as src, zf.open(name, "w", force_zip64=True) \
                    as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    os.replace(tmp, dest)
    return dest


class FileEntry:
    """One entry of ``list_fileset_files()`` (1.x's ``FileEntry``)."""

    def __init__(self, name: str, size: int | None, mtime: Any, file_type: str) -> None:
        self.name, self.size, self.mtime, self.file_type = name, size, mtime, file_type

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileEntry) and vars(other) == vars(self)

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"FileEntry(name={self.name!r}, size={self.size}, file_type={self.file_type!r})"


def list_entries(files: dict[str, Any], folder: str | None) -> list[FileEntry]:
    """The files and folders directly under ``folder`` (the set's root when None)."""
    from datetime import datetime, timezone
    prefix = "" if not folder else folder.strip("/") + "/"
    seen: dict[str, FileEntry] = {}
    for name, d in sorted(files.items()):
        if not name.startswith(prefix):
            continue
        head, sep, _ = name[len(prefix):].partition("/")
        mtime = datetime.fromtimestamp(d.get("mtime", 0), tz=timezone.utc)
        if sep:
            seen.setdefault(head, FileEntry(head, None, mtime, "directory"))
        else:
            seen[head] = FileEntry(head, d["size"], mtime, "file")
    return list(seen.values())
