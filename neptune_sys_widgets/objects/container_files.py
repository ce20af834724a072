"""The file side of an object: file sets, artifacts, and reading files back.

A role of ``Container`` (objects/container.py) in its own module, built on the value
role. Edits of a file set or an artifact are read-modify-write inside the commit's
transaction: two ``upload_files`` calls queued back to back, or made by two processes,
both count.
"""

from __future__ import annotations

import os

from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    MissingFieldException,
    TypeDoesNotSupportAttributeException,
)
from . import files as F
from . import values as V
from .container_values import ContainerValues
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:  # artifacts load dataclasses and pathlib (~10 ms): only when used
    from typing import Any

    from . import artifacts as A


class ContainerFiles(ContainerValues):
    """File sets, artifacts and file downloads (``Handle`` delegates here)."""

    def _upload(self, path: str, value: Any, extension: str | None) -> None:
        from .. import types as T
        self._ensure_writable()
        path = V.check_path(path, self._label)
        if isinstance(value, (str, os.PathLike)):
            value = T.File(value, extension=extension)
        elif not isinstance(value, T.File):
            # 1.x's upload() converted a figure or image (PNG) and a DataFrame (HTML) itself
            converted = F.as_file(value)
            if converted is None:
                raise InvalidTypeError(f"{self._label}: {path}: upload() takes a path, a "
                                       f"File, an image, a figure or a DataFrame (was "
                                       f"{type(value).__name__})")
            value = converted
        if extension:
            value.extension = extension
        self._assign(path, value)

    @_reads
    def _stored(self, path: str, wanted: str, action: str) -> Any:
        """The stored value of a file-like attribute, or a typed error naming ``action``."""
        got = self._store.attribute(self._pk, path)
        if got is None:
            raise MissingFieldException(f"{self._label}: no attribute at {path}")
        if got[0] != wanted:
            raise TypeDoesNotSupportAttributeException(
                f"{self._label}: {path} is a {self.field_type(path)}; "
                f"{action}() applies to a {_NAMES[wanted]}")
        return got[1]

    def _writable_path(self, path: str) -> str:
        self._ensure_writable()
        path = V.check_path(path, self._label)
        V.check_writable(path, self._label, self._kind)
        return path

    def _edit_attribute(self, path: str, type_: str, change: Any) -> None:
        """Queue ``change(old stored value or None) -> new value`` on the attribute."""
        pk = self._pk

        def op(tx: Any) -> None:
            old = tx.attribute(pk, path)
            tx.put_attribute(pk, path, type_, change(old[1] if old and old[0] == type_
                                                     else None))
        self._write(op)

    # ------------------------------------------------------------------ file sets
    def _upload_files(self, path: str, globs: Any) -> None:
        path = self._writable_path(path)
        what = f"{self._label}: {path}"
        added = F.file_set_files(F.file_set_with(self._store, {}, globs, what,
                                                 counted=self._set_so_far(path)))
        self._edit_attribute(path, F.FILE_SET, lambda old: F.dumps(
            {"files": {**F.file_set_files(old), **added}}))

    def _set_so_far(self, path: str) -> dict[str, Any]:
        """The set as stored when the call is made: its size counts toward the limits."""
        got = self._store.attribute(self._pk, path)
        if got is None or got[0] != F.FILE_SET or F.import_record(got[1]) is not None:
            return {}
        return F.file_set_files(got[1])

    def _delete_files(self, path: str, names: Any) -> None:
        path = self._writable_path(path)
        self._edit_attribute(path, F.FILE_SET,
                             lambda old: F.file_set_without(F.file_set_files(old), names))

    def _file_set_entries(self, path: str, folder: str | None) -> list[F.FileEntry]:
        return F.list_entries(F.file_set_files(
            self._stored(path, F.FILE_SET, "list_fileset_files")), folder)

    # ------------------------------------------------------------------ artifacts
    def _track_files(self, path: str, location: Any, destination: str | None) -> None:
        from . import artifacts as A
        path = self._writable_path(path)
        new = A.tracked_files(os.fspath(location), destination, f"{self._label}: {path}")

        def change(old: Any) -> str:
            return A.encode(A.merged(A.decode(old)[1] if old else [], new))
        self._edit_attribute(path, F.ARTIFACT, change)

    def _artifact(self, path: str, action: str) -> tuple[str, list[A.ArtifactFileData]]:
        from . import artifacts as A
        return A.decode(self._stored(path, F.ARTIFACT, action))

    # ------------------------------------------------------------------ downloads
    def _download(self, path: str, destination: str | None) -> str | None:
        """``download()`` of whatever file-like value the path holds."""
        kind = self.field_type(path)
        what = f"{self._label}: {path}"
        name = path.rsplit("/", 1)[-1]
        if kind == "File":
            f = self._fetch(path)
            return _save(f, _target(destination, f"{name}.{f.extension}"), what)
        if kind == "FileSet":
            files = F.file_set_files(self._stored(path, F.FILE_SET, "download"))
            return F.zip_file_set(self._store, files, _target(destination, f"{name}.zip"),
                                  what)
        if kind == "Artifact":
            from . import artifacts as A
            A.download(self._artifact(path, "download")[1], destination, what)
            return destination
        if kind == "FileSeries":
            return self._download_series(path, destination, last=False)
        if kind == "Unassigned":
            raise MissingFieldException(f"{self._label}: no attribute at {path}")
        raise TypeDoesNotSupportAttributeException(
            f"{self._label}: {path} is a {kind}; download() applies to files, file sets, "
            "file series and artifacts")

    def _download_series(self, path: str, destination: str | None, *, last: bool) -> str:
        """1.x's FileSeries downloads: entries as ``<index>.<ext>`` into the folder
        ``destination`` (default ``neptune/<path's last segment>``), all or the last."""
        if self.field_type(path) != "FileSeries":
            raise TypeDoesNotSupportAttributeException(
                f"{self._label}: {path} is a {self.field_type(path)}; "
                f"{'download_last' if last else 'download'}() applies to a file series")
        _, values, _ = self._fetch_points(path, True)
        what = f"{self._label}: {path}"
        if last and not values:
            raise InvalidValueError(f"{what}: unable to download the last file: the file "
                                    "series is empty")
        folder = destination or os.path.join("neptune", path.rsplit("/", 1)[-1])
        os.makedirs(folder, exist_ok=True)
        first = len(values) - 1 if last else 0
        for i in range(first, len(values)):
            f = F.file_from_stored(self._store, values[i])
            _save(f, os.path.join(folder, f"{i}.{f.extension}"), what)
        return folder


_NAMES = {F.FILE_SET: "FileSet", F.ARTIFACT: "Artifact", F.FILE: "File"}


def _target(destination: str | None, default_name: str) -> str:
    if destination is None:
        return default_name
    if os.path.isdir(destination) or destination.endswith(("/", os.sep)):
        os.makedirs(destination, exist_ok=True)
        return os.path.join(destination, default_name)
    return destination


def _save(f: Any, dest: str, what: str) -> str:
    if isinstance(f, F.StoredFile):
        f.save_to(dest, what)
    else:
        with open(dest, "wb") as out:
            out.write(f.content)
    return dest
