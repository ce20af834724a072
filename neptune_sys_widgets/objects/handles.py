"""``obj["a/b"]``: a handle on one path (atom, string set, series or namespace)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..exceptions import InvalidTypeError, InvalidValueError, UnsupportedValueType
from ..types import StringSet

__all__ = ["Handle", "StringSet"]

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .container import Container


class Handle:
    def __init__(self, container: Container, path: str) -> None:
        self._container = container
        self._key = path  # "a/b"

    @property
    def _path(self) -> list[str]:
        """The path as 1.x's attributes kept it, a list of its parts: code that walks
        ``get_structure()`` rebuilds a field's path with ``"/".join(attr._path)``
        (neptune-exporter does)."""
        return self._key.split("/")

    @property
    def field_type(self) -> str:
        """The 1.x name of what the path holds now (``Float``, ``FloatSeries``,
        ``StringSet``, ``Namespace``, ``Unassigned``...): what ``isinstance`` checks against
        ``neptune.attributes`` classes ask."""
        return self._container.field_type(self._key)

    def __repr__(self) -> str:
        try:
            kind = self._container.field_type(self._key)
        except Exception:  # noqa: BLE001 - a repr must never raise (stopped object, store)
            kind = "Handle"
        return f'<{kind} field at "{self._key}">'

    def __getitem__(self, sub: str) -> Handle:
        return self._container[f"{self._key}/{sub}"]

    def __iter__(self) -> Any:
        """Not iterable (1.x's were not): without this, ``for x in handle`` and
        ``"a" in handle`` fell back to ``handle[0]``, ``handle[1]``, ... forever."""
        raise TypeError(f"{self._container._label}: the handle of {self._key!r} is not "
                        "iterable: fetch() its value, or get_structure() for a namespace")

    def __setitem__(self, sub: str, value: Any) -> None:
        self._container[f"{self._key}/{sub}"] = value

    def __delitem__(self, sub: str) -> None:
        del self._container[f"{self._key}/{sub}"]

    # ---------------------------------------------------------------- atoms
    def assign(self, value: Any, *, wait: bool = False) -> None:
        self._container._assign(self._key, value)
        if wait:
            self._container.wait()

    def fetch(self) -> Any:
        return self._container._fetch(self._key)

    def get_root_object(self) -> Container:
        """The Run, Model, ModelVersion or Project this handle belongs to (1.x)."""
        return self._container

    def pop(self, *, wait: bool = False) -> None:
        self._container.pop(self._key, wait=wait)

    # ---------------------------------------------------------------- string sets
    def add(self, values: str | Iterable[str], *, wait: bool = False) -> None:
        self._container._set_op(self._key, "add", values)
        if wait:
            self._container.wait()

    def remove(self, values: str | Iterable[str], *, wait: bool = False) -> None:
        self._container._set_op(self._key, "remove", values)
        if wait:
            self._container.wait()

    def clear(self, *, wait: bool = False) -> None:
        self._container._set_op(self._key, "clear", [])
        if wait:
            self._container.wait()

    # ---------------------------------------------------------------- series
    def append(self, value: Any, step: float | None = None,
               timestamp: float | datetime | None = None, *, wait: bool = False,
               name: str | None = None, description: str | None = None) -> None:
        if name is not None or description is not None:  # a call per point only then
            value = self._captioned(value, name, description)
        elif timestamp is None and not wait and self._container._append_fast(self._key,
                                                                              value, step):
            return
        if isinstance(value, dict):
            self._container._append_many(_flatten(self._key, value), step, timestamp)
            if wait:
                self._container.wait()
            return
        try:
            self._container._append(self._key, [value], None if step is None else [step],
                                    None if timestamp is None else [timestamp])
        except UnsupportedValueType as e:
            from .container import warn_unsupported
            warn_unsupported(e)  # 1.x: warned and logged nothing
            return
        if wait:
            self._container.wait()

    def log(self, value: Any, step: float | None = None,
            timestamp: float | datetime | None = None, *, wait: bool = False,
            name: str | None = None, description: str | None = None) -> None:
        """1.x's older spelling: one value appended, or a list/tuple of them extended; as
        in 1.x, an explicit step or timestamp goes with one value only."""
        if not isinstance(value, (list, tuple)):
            self.append(value, step=step, timestamp=timestamp, wait=wait, name=name,
                        description=description)
        elif len(value) == 1:
            self.append(value[0], step=step, timestamp=timestamp, wait=wait, name=name,
                        description=description)
        elif step is None and timestamp is None:
            self.extend(value, wait=wait, name=name, description=description)
        else:
            raise InvalidValueError(f"{self._container._label}: {self._key}: log() of "
                                    f"{len(value)} values takes no step or timestamp; "
                                    "nothing was logged")

    def extend(self, values: Iterable[Any], steps: Iterable[float] | None = None,
               timestamps: Iterable[float] | None = None, *, wait: bool = False,
               name: str | None = None, description: str | None = None) -> None:
        if isinstance(values, dict):
            self._extend_namespace(values, steps, timestamps)
            if wait:
                self._container.wait()
            return
        values = self._listed(values, "values")
        if name is not None or description is not None:  # a call per point only then
            values = [self._captioned(v, name, description) for v in values]
        steps = None if steps is None else self._listed(steps, "steps")
        timestamps = None if timestamps is None else self._listed(timestamps, "timestamps")
        for name, seq in (("steps", steps), ("timestamps", timestamps)):
            if seq is not None and len(seq) != len(values):
                raise InvalidValueError(f"{self._container._label}: {self._key}: {name} has "
                                        f"{len(seq)} items but values has {len(values)}")
        self._container._append(self._key, values, steps, timestamps)
        if wait:
            self._container.wait()

    def _extend_namespace(self, values: dict, steps: Iterable[float] | None,
                          timestamps: Iterable[float] | None) -> None:
        """1.x's namespace form, ``extend({"loss": [...], "acc": [...]}, steps=...)``: one
        series per leaf (nested dicts nest the paths), each extended with the same steps
        and timestamps. Every leaf is judged before any is extended, as 1.x judged them."""
        label = f"{self._container._label}: {self._key}"
        leaves = _flatten(self._key, values)
        for path, seq in leaves:
            if isinstance(seq, (str, bytes)) or not hasattr(seq, "__len__"):
                raise InvalidValueError(f"{label}: extend() of a dict takes a list (or "
                                        f"another sized collection) at each leaf; {path} is a "
                                        f"{type(seq).__name__}; nothing was logged")
        steps = None if steps is None else self._listed(steps, "steps")
        timestamps = None if timestamps is None else self._listed(timestamps, "timestamps")
        for what, seq in (("steps", steps), ("timestamps", timestamps)):
            wrong = [p for p, leaf in leaves if seq is not None and len(leaf) != len(seq)]
            if wrong:
                raise InvalidValueError(f"{label}: {what} has {len(seq or ())} items but "
                                        f"{wrong[0]} has {len(dict(leaves)[wrong[0]])}; "
                                        "nothing was logged")
        for path, seq in leaves:
            Handle(self._container, path).extend(list(seq), steps, timestamps)

    def _captioned(self, value: Any, name: str | None, description: str | None) -> Any:
        """1.x's ``name=``/``description=`` of a file series entry (the caption of its
        gallery), kept in the entry's stored descriptor; other series refused them."""
        if name is None and description is None:
            return value
        from . import files as F
        file = F.as_file(value)
        if file is None:
            raise InvalidTypeError(f"{self._container._label}: {self._key}: name= and "
                                   f"description= caption a file series entry (a File, an "
                                   f"image or a figure), not a {type(value).__name__}")
        import copy  # here: the copy module probes for Jython at import (a path search)
        file = copy.copy(file)
        file.caption = {"name": name, "description": description}
        return file

    def _listed(self, seq: Any, name: str) -> list[Any]:
        try:
            return list(seq)
        except TypeError:  # not iterable (extend(5))
            raise InvalidTypeError(f"{self._container._label}: {self._key}: extend() takes "
                                   f"{name} as a list or other iterable (was "
                                   f"{type(seq).__name__})") from None

    def fetch_last(self) -> Any:
        return self._container._fetch_last(self._key)

    def fetch_values(self, *, include_timestamp: bool = True, include_inherited: bool = True,
                     progress_bar: Any = None):
        """Points as a pandas DataFrame (columns step, value[, timestamp]), as in 1.x:
        its timestamps were naive local times (``datetime.fromtimestamp``), which code
        compares with ``datetime.now()``; an aware column would raise there."""
        steps, values, stamps = self._container._fetch_points(self._key, include_inherited)
        import pandas as pd
        data: dict[str, Any] = {"step": list(steps), "value": values}
        if include_timestamp:
            from dateutil.tz import tzlocal  # pandas' own dependency
            data["timestamp"] = pd.to_datetime(list(stamps), unit="s", utc=True) \
                .tz_convert(tzlocal()).tz_localize(None)
        return pd.DataFrame(data)

    # ---------------------------------------------------------------- files
    def upload(self, value: Any, *, extension: str | None = None, wait: bool = False,
               **_: Any) -> None:
        """Store a file's bytes at this path (a path or a ``types.File``)."""
        self._container._upload(self._key, value, extension)
        if wait:
            self._container.wait()

    def download(self, destination: str | None = None, progress_bar: Any = None) -> Any:
        """Write what the path holds to ``destination``: a file (default name: the path's
        last segment plus its extension), a file set (a zip), a file series (a folder of
        ``<index>.<ext>``), an artifact (links to the tracked files). Returns the path."""
        return self._container._download(self._key, destination)

    def download_last(self, destination: str | None = None, progress_bar: Any = None) -> str:
        """A file series' last entry, as ``<path's name>.<ext>`` by default."""
        return self._container._download_series(self._key, destination, last=True)

    def fetch_extension(self) -> str:
        from ..types import File
        f = self.fetch()
        if not isinstance(f, File):
            raise InvalidTypeError(f"{self._container._label}: {self._key} is not a file")
        return f.extension

    # ---------------------------------------------------------------- file sets
    def upload_files(self, value: Any, *, wait: bool = False, **_: Any) -> None:
        """Add files (paths, globs, folders) to the file set at this path."""
        self._container._upload_files(self._key, value)
        if wait:
            self._container.wait()

    def delete_files(self, paths: str | Iterable[str], *, wait: bool = False) -> None:
        self._container._delete_files(self._key, paths)
        if wait:
            self._container.wait()

    def list_fileset_files(self, path: str | None = None) -> list[Any]:
        """Entries (``name``, ``size``, ``mtime``, ``file_type``) directly under ``path``."""
        return self._container._file_set_entries(self._key, path)

    # ---------------------------------------------------------------- artifacts
    def track_files(self, path: str, *, destination: str | None = None,
                    wait: bool = False) -> None:
        """Record a local file or folder (hashes, sizes, times; no bytes copied)."""
        self._container._track_files(self._key, path, destination)
        if wait:
            self._container.wait()

    def fetch_hash(self) -> str:
        return self._container._artifact(self._key, "fetch_hash")[0]

    def fetch_files_list(self) -> list[Any]:
        return self._container._artifact(self._key, "fetch_files_list")[1]

    def print_structure(self) -> None:
        text = self._container._structure_text()
        print(text, end="")


def _flatten(prefix: str, mapping: dict) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in mapping.items():
        path = f"{prefix}/{k}"
        if isinstance(v, dict):
            out.extend(_flatten(path, v))
        else:
            out.append((path, v))
    return out
