"""``neptune.types`` (1.x) and ``neptune_scale.types``: value wrappers that user code assigns
to paths (``run["loss"] = FloatSeries([...])``, ``run["model"].upload(File("m.pt"))``).

Atoms unwrap to their value; series replace the series at the path with their points; a
``StringSet`` replaces the set; a ``File`` stores its bytes in the store (a BLOB, so a file
lives and moves with its run, in one transaction).
"""

from __future__ import annotations

import enum
import io
import os
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from .objects.handles import StringSet


class _Atom:
    value: Any

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"


class Float(_Atom):
    pass


class Integer(_Atom):
    pass


class String(_Atom):
    pass


class Boolean(_Atom):
    pass


class Datetime(_Atom):
    def __init__(self, value: datetime) -> None:
        super().__init__(value)


class _Series:
    def __init__(self, values: Iterable[Any], steps: Iterable[float] | None = None,
                 timestamps: Iterable[float] | None = None, **_: Any) -> None:
        self.values = list(values)
        self.steps = None if steps is None else list(steps)
        self.timestamps = None if timestamps is None else list(timestamps)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.values!r})"


class FloatSeries(_Series):
    """``min``, ``max`` and ``unit`` were display hints of the hosted UI; accepted, ignored."""

    def __init__(self, values: Iterable[Any], min: float | None = None,
                 max: float | None = None, unit: str | None = None,
                 steps: Iterable[float] | None = None,
                 timestamps: Iterable[float] | None = None) -> None:
        super().__init__(values, steps, timestamps)


class StringSeries(_Series):
    pass


class FileSeries(_Series):
    """Importable for compatibility; file series (image logs) are not stored here: assigning
    or appending one warns (``NeptuneUnsupportedType``) and stores nothing."""


class File:
    """File content to store: ``File("path")``, ``File.from_content(b"...", extension=)``,
    ``File.from_stream(f)``, ``File.as_html(df)``, ``File.as_pickle(obj)``."""

    def __init__(self, path: str | os.PathLike | None = None, *, content: bytes | None = None,
                 extension: str | None = None) -> None:
        if (path is None) == (content is None):
            from .exceptions import InvalidValueError
            raise InvalidValueError("File: give exactly one of path or content")
        self.path = None if path is None else os.fspath(path)
        self._content = content
        if extension is None and self.path is not None:
            extension = os.path.splitext(self.path)[1].lstrip(".")
        self.extension = extension or "bin"

    @property
    def content(self) -> bytes:
        if self._content is None:
            with open(self.path, "rb") as f:  # type: ignore[arg-type]
                return f.read()
        return self._content

    @classmethod
    def from_content(cls, content: str | bytes, extension: str | None = None) -> File:
        data = content.encode() if isinstance(content, str) else bytes(content)
        return cls(content=data, extension=extension or ("txt" if isinstance(content, str)
                                                         else "bin"))

    @classmethod
    def from_stream(cls, stream: Any, seek: int | None = 0,
                    extension: str | None = None) -> File:
        if seek is not None and hasattr(stream, "seek"):
            stream.seek(seek)
        return cls.from_content(stream.read(), extension=extension)

    @classmethod
    def from_path(cls, path: str | os.PathLike, extension: str | None = None) -> File:
        return cls(path, extension=extension)

    @classmethod
    def as_html(cls, value: Any) -> File:
        if isinstance(value, str):
            html = value
        elif hasattr(value, "to_html"):  # pandas DataFrame / Styler, plotly figures
            html = value.to_html()
        else:
            from .exceptions import InvalidTypeError
            raise InvalidTypeError(f"File.as_html: cannot render a {type(value).__name__} "
                                   "as HTML (give a str or an object with .to_html())")
        return cls.from_content(html, extension="html")

    @classmethod
    def as_pickle(cls, value: Any) -> File:
        import pickle
        return cls.from_content(pickle.dumps(value), extension="pkl")

    @classmethod
    def as_image(cls, image: Any) -> File:
        """PNG bytes of a matplotlib figure, a PIL image, or a 2-d/3-d array (needs Pillow
        for arrays and PIL images)."""
        buf = io.BytesIO()
        if hasattr(image, "savefig"):
            image.savefig(buf, format="png")
        else:
            try:
                from PIL import Image
            except ImportError:
                from .exceptions import InvalidTypeError
                raise InvalidTypeError("File.as_image needs Pillow for arrays and images "
                                       "(pip install pillow)") from None
            img = image if isinstance(image, Image.Image) else Image.fromarray(image)
            img.save(buf, format="PNG")
        return cls.from_content(buf.getvalue(), extension="png")

    def __repr__(self) -> str:
        return f"File({self.path!r})" if self.path else f"File(<{self.extension} content>)"


class ContainerType(enum.Enum):
    """1.x's ``neptune.objects.ContainerType``."""

    RUN = "run"
    PROJECT = "project"
    MODEL = "model"
    MODEL_VERSION = "model_version"


class GitRef:
    """``init_run(git_ref=GitRef(...))`` / ``GitRef.DISABLED``: accepted and ignored (git
    state was shown by the hosted UI; nothing here reads it)."""

    DISABLED: GitRef

    def __init__(self, repository_path: str | os.PathLike | None = None) -> None:
        self.repository_path = repository_path

    def __repr__(self) -> str:
        return f"GitRef({self.repository_path!r})"


GitRef.DISABLED = GitRef()

__all__ = ["GitRef", "StringSet", "Float", "Integer", "String", "Boolean", "Datetime",
           "FloatSeries", "FileSeries",
           "StringSeries", "File"]

