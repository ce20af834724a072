"""neptune-scale's rules for the files handed to ``assign_files`` and ``log_files``.

neptune-scale documents that a file it cannot take does not stop the call: the file is
skipped with a warning and the others are stored (an empty attribute path is an error
handed to ``on_error_callback``). A missing, unreadable or folder path, an attribute path
over 1024 bytes, a MIME type over 128 or a destination over 800 characters are such files.
What is taken is stored when the call is made, as every file here is (``files.py``).

Each file taken gets neptune-scale's storage path (neptune-query's ``File.path``) unless
it names its own ``destination``: ``<run id>/<attribute>/<step>/<file name>``, each part
with ``/`` and ``.`` replaced by ``_`` (the file name keeps its extension), the run id and
the attribute followed by ``-`` and a digest of the original (two attributes that differ
only in those characters stay apart), the step written with 12 digits, ``_`` and 6
decimals, or ``none`` for a single file. Bytes are named by a random id and the extension
of their MIME type. No part exceeds its share of the 800 characters a path may have.
"""

from __future__ import annotations

import copy
import errno
import hashlib
import logging
import mimetypes
import os
import pathlib
import stat
import uuid
from collections.abc import Mapping
from typing import Any

from ..exceptions import InvalidTypeError, NeptuneAttributePathEmpty
from ..types import File, as_product_file

NO_STEP_PLACEHOLDER = "none"
MAX_PATH_BYTES = 1024
MAX_MIME_TYPE = 128
MAX_DESTINATION = 800
# the shares of MAX_DESTINATION: run id, attribute, step, name, extension (+ 3 slashes)
_RUN_PART, _ATTRIBUTE_PART, _STEP_PART, _NAME_PART, _EXT_PART = 300, 280, 19, 180, 18


def _log() -> logging.Logger:
    return logging.getLogger("neptune_sys_widgets")


def prepare(files: Any, *, label: str, run_id: str | None, step: float | None,
            call: str, report: Any) -> dict[str, File]:
    """{attribute path: File} of the files of one call that can be stored; each skipped
    one is warned about (or, for an empty path, handed to ``report``)."""
    if not isinstance(files, Mapping):
        raise InvalidTypeError(f"{label}: {call} takes a mapping of paths to files "
                               f"(was {type(files).__name__})")
    out: dict[str, File] = {}
    for path, value in files.items():
        file = _take(path, value, label, report)
        if file is not None:
            if getattr(file, "destination", None) is None:
                file.destination = storage_path(run_id or label, path, _name(value, file),
                                                step)
            out[path] = file
    return out


def _take(path: Any, value: Any, label: str, report: Any) -> File | None:
    if not isinstance(path, str):
        _log().warning("Field paths must be strings (got `%r`)", path)
        return None
    if path == "":
        report(NeptuneAttributePathEmpty(f"{label}: attribute path '' is invalid: it must "
                                         "not be empty; the file was not stored"))
        return None
    if len(path.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        _log().warning("Field paths must be less than %d bytes when UTF-8 encoded (got "
                       "`%s...`); the file was not stored", MAX_PATH_BYTES, path[:40])
        return None
    for what, limit in (("mime_type", MAX_MIME_TYPE), ("destination", MAX_DESTINATION)):
        given = getattr(value, what, None)
        if isinstance(given, str) and len(given) > limit:
            _log().warning("Dropping value. File %s must be a string of at most %d "
                           "characters (got %d for `%s`)", what.replace("_", " "), limit,
                           len(given), path)
            return None
    try:
        file = as_product_file(value, f"{label}: {path}")
    except InvalidTypeError:
        _log().warning("Skipping file attribute `%s`: Unsupported type %s", path, type(value))
        return None
    local = getattr(file, "path", None)  # (a stream's File has no path to check)
    if local is not None and getattr(file, "_content", None) is None and \
            not _readable(path, local):
        return None
    if file is value:  # the caller's File: its destination below is this call's only
        file = copy.copy(file)
    declared = getattr(value, "size", None)
    if isinstance(declared, int) and not isinstance(declared, bool) and declared >= 0:
        file.declared_size = declared
    return file


def _readable(attribute: str, source: Any) -> bool:
    """Whether ``source`` names a regular file this process can open; else warned."""
    shown = str(pathlib.Path(source))
    try:
        fd = os.open(shown, os.O_RDONLY)
        try:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), shown)
        finally:
            os.close(fd)
    except OSError as e:
        _log().warning("Error determining mime type for %s: %s", shown, e)
        _log().warning("Skipping file attribute `%s`: Cannot determine mime type for file "
                       "'%s'", attribute, shown)
        return False
    return True


def _name(value: Any, file: File) -> str:
    """The file name a stored file keeps: its source's, else an id with the extension of
    its MIME type (bytes)."""
    local = getattr(file, "path", None)
    if local is not None:
        return pathlib.Path(local).name
    mime = getattr(file, "mime_type", None) or "application/octet-stream"
    ext = mimetypes.guess_extension(mime) or f".{file.extension}"
    return uuid.uuid4().hex + ext


def _part(text: str, limit: int, digest: bool) -> str:
    clean = text.replace("/", "_").replace(".", "_")
    if not digest and len(clean) <= limit:
        return clean
    suffix = "-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return clean[:limit - len(suffix)] + suffix


def storage_path(run_id: str, attribute: str, name: str, step: float | None) -> str:
    """neptune-scale's storage path of a file (see the module docstring)."""
    at = NO_STEP_PLACEHOLDER if step is None else _part(f"{step:019.6f}", _STEP_PART, False)
    stem, ext = os.path.splitext(name)
    if not stem:  # ".bashrc": a name, not an extension
        stem, ext = ext, ""
    return "/".join((_part(run_id, _RUN_PART, True), _part(attribute, _ATTRIBUTE_PART, True),
                     at, _part(stem, _NAME_PART, False) + ext[:_EXT_PART]))


__all__ = ["NO_STEP_PLACEHOLDER", "prepare", "storage_path"]
