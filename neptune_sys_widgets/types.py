"""``neptune.types`` (1.x) and ``neptune_scale.types``: value wrappers that user code assigns
to paths (``run["loss"] = FloatSeries([...])``, ``run["model"].upload(File("m.pt"))``).

Atoms unwrap to their value; series replace the series at the path with their points; a
``StringSet`` replaces the set; a ``File``'s bytes are kept by content in the store's files
folder (store/blobs.py), its row holds the hash.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from datetime import datetime

from .exceptions import InvalidTypeError

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .types_enums import FileType


class StringSet:
    """``run["sys/tags"] = StringSet([...])`` replaces the whole set (1.x spelling)."""

    def __init__(self, values: Iterable[str]) -> None:
        # refused here, naming the argument, rather than as a bare TypeError at assignment
        if not isinstance(values, (str, Iterable)):
            raise InvalidTypeError(f"StringSet(values): values must be an iterable of str "
                                   f"(was {type(values).__name__})")
        self.values = values if isinstance(values, str) else list(values)


class _Atom:
    value: Any

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"

    def __eq__(self, other: object) -> bool:
        """By type and value, as 1.x's (dataclasses) compared."""
        return type(other) is type(self) and other.value == self.value  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.value))


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
    """Files (images, figures) one per step: ``run["preds"] = FileSeries([File(...), ...])``
    or appended one at a time; their contents go to the store's files folder."""


class FileSet:
    """``run["data"] = FileSet(["data/*.csv", "config.yaml"])``: replaces the set at the path
    with these files (globs and folders expanded); ``upload_files`` adds to it."""

    def __init__(self, file_globs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]
                 ) -> None:
        self.paths = [file_globs] if isinstance(file_globs, (str, os.PathLike)) else \
            list(file_globs)

    def __repr__(self) -> str:
        return f"FileSet({self.paths!r})"


class File:
    """File content to store: ``File("path")``, ``File.from_content(b"...", extension=)``,
    ``File.from_stream(f)``, ``File.as_html(df)``, ``File.as_pickle(obj)``."""

    # neptune-scale's, only on a File made from one (absent otherwise: read with getattr)
    mime_type: str | None
    destination: str | None
    # neptune-scale's File(size=): the size reported for it (neptune-query's size_bytes)
    declared_size: int
    # 1.x's name=/description= of a file series entry, only on one appended with them
    caption: dict[str, str | None]

    _stream: Any = None  # File.from_stream's stream, read once when the content is taken
    _stream_read = False

    def __init__(self, path: str | os.PathLike | bytes | None = None, *,
                 content: bytes | None = None, extension: str | None = None,
                 source: str | os.PathLike | bytes | None = None,
                 mime_type: str | None = None, destination: str | None = None,
                 file_composite: Any = None, **_: Any) -> None:
        """1.x's ``File(path)`` / ``File(content=...)``, and neptune-scale's ``File(source,
        mime_type=, size=, destination=)`` (bytes as source are the content), so code whose
        ``neptune_scale.types`` import became ``neptune_sys_widgets.types`` still runs.
        1.x's ``file_composite=`` (its internal holder of the content) is read for its
        ``content`` and ``extension``."""
        if file_composite is not None:
            if path is not None or source is not None or content is not None:
                from .exceptions import InvalidValueError
                raise InvalidValueError("File: give either path or file_composite, not both")
            content = bytes(file_composite.content)
            extension = extension or getattr(file_composite, "extension", None)
        if source is not None:
            path = source
        if isinstance(path, (bytes, bytearray)):
            path, content = None, bytes(path)
            extension = extension or (None if mime_type else sniffed_extension(content))
        if (path is None) == (content is None):
            from .exceptions import InvalidValueError
            raise InvalidValueError("File: give exactly one of path or content")
        self._path = None if path is None else os.fspath(path)
        self._content = content
        if extension is None and self._path is not None:
            extension = os.path.splitext(self._path)[1].lstrip(".")
        if not extension and mime_type:
            import mimetypes
            extension = (mimetypes.guess_extension(mime_type) or "").lstrip(".")
        self.extension = extension or "bin"
        if mime_type is not None or destination is not None:
            self.mime_type, self.destination = mime_type, destination

    @property
    def path(self) -> str:
        """The local path of a ``File("path")``. A File of content in memory or of a
        stream has none: 1.x raised ``NeptuneException`` for it, as here; the error is an
        ``AttributeError`` too, so ``getattr(file, "path", None)`` gives None."""
        if self._path is None:
            from .exceptions import FileHasNoPath
            raise FileHasNoPath(f"File: `path` is not there for a File of "
                                f"{self.file_type.value} content (only for File(path))")
        return self._path

    @property
    def file_type(self) -> FileType:
        """Where the content comes from (1.x's ``File.file_type``): a local path, bytes in
        memory, or a stream that can be read once."""
        from .types_enums import FileType
        if self._stream is not None:
            return FileType.STREAM
        return FileType.LOCAL_FILE if self._content is None else FileType.IN_MEMORY

    @property
    def content(self) -> bytes:
        """The bytes. A stream's File gives them once, as in 1.x: the stream is then spent
        and a second read raises ``StreamAlreadyUsedException``."""
        if self._stream is not None:
            return self._read_stream()
        if self._content is None:
            try:
                with open(self._path, "rb") as f:  # type: ignore[arg-type]
                    return f.read()
            except OSError as e:
                from .exceptions import FileContentUnreadable
                raise FileContentUnreadable(f"File({self._path!r}).content: the file cannot "
                                            f"be read: {e.strerror or e}") from None
        return self._content

    def _save(self, path: str | os.PathLike) -> None:
        """1.x's private ``File._save(path)``: the content written to ``path`` (its own
        tests, and code that copied a File out, call it)."""
        if not isinstance(path, (str, os.PathLike)):
            from .exceptions import InvalidTypeError
            raise InvalidTypeError(f"File._save: path must be a str or a path (was "
                                   f"{type(path).__name__})")
        data = self.content
        with open(path, "wb") as f:
            f.write(data)

    @classmethod
    def from_content(cls, content: str | bytes, extension: str | None = None) -> File:
        data = content.encode() if isinstance(content, str) else bytes(content)
        return cls(content=data, extension=extension or ("txt" if isinstance(content, str)
                                                         else "bin"))

    def _read_stream(self) -> bytes:
        if self._stream_read:
            from .exceptions import StreamAlreadyUsedException
            raise StreamAlreadyUsedException(
                "File.from_stream: its stream was already read; a stream's File gives its "
                "content once (make a new File, or use File.from_content)")
        self._stream_read = True
        data = self._stream.read()
        return data.encode() if isinstance(data, str) else bytes(data)

    def materialized(self) -> File:
        """This File with its content in memory: a stream's File is read now (once, so an
        upload that looks at the content several times reads the stream once); any other
        File is itself."""
        if self._stream is None:
            return self
        out = File.__new__(File)
        out.__dict__.update(self.__dict__)
        out._content, out._stream = self._read_stream(), None
        return out

    @classmethod
    def from_stream(cls, stream: Any, seek: int | None = 0,
                    extension: str | None = None) -> File:
        """The stream is read when the content is first taken (an upload), once, as 1.x
        did; ``seek`` is applied now."""
        if seek is not None and hasattr(stream, "seek"):
            stream.seek(seek)
        if extension is None:
            extension = "txt" if isinstance(stream, io.TextIOBase) else "bin"
        out = cls(content=b"", extension=extension)
        out._content, out._stream = None, stream
        return out

    @classmethod
    def from_path(cls, path: str | os.PathLike, extension: str | None = None) -> File:
        return cls(path, extension=extension)

    @classmethod
    def as_html(cls, value: Any, **kwargs: Any) -> File:
        """``include_plotlyjs=`` goes to a plotly figure's ``write_html``, as in 1.x. A
        matplotlib figure becomes an inline PNG ``<img>``: 1.x's fallback when plotly (its
        converter) is missing or cannot convert the figure."""
        if isinstance(value, str):
            html = value
        elif hasattr(value, "write_html"):  # plotly figures
            buf = io.StringIO()
            value.write_html(buf, include_plotlyjs=kwargs.get("include_plotlyjs", True))
            html = buf.getvalue()
        elif is_bokeh_layout(value):  # a bokeh figure, or a row/column/grid of them
            import importlib  # (bokeh is optional: it is there when a figure is)
            embed = importlib.import_module("bokeh.embed")
            html = embed.file_html(value, importlib.import_module("bokeh.resources").CDN)
        elif hasattr(value, "savefig"):  # matplotlib figures
            import base64
            png = base64.b64encode(cls.as_image(value).content).decode()
            html = "<img src='data:image/png;base64," + png + "'/>"
        elif hasattr(value, "to_html"):  # pandas DataFrame / Styler
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
    def as_image(cls, image: Any, autoscale: bool = True) -> File:
        """PNG bytes of a matplotlib figure, a PIL image, or a 2-d/3-d array (needs Pillow
        for arrays and PIL images). Arrays are read as 1.x read them: pixels in [0, 1] are
        scaled to [0, 255] (``autoscale``), any dtype becomes 8-bit."""
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
            img = image if isinstance(image, Image.Image) else \
                Image.fromarray(_array_as_pixels(image, autoscale))
            img.save(buf, format="PNG")
        return cls.from_content(buf.getvalue(), extension="png")

    def __repr__(self) -> str:
        if self._stream is not None:
            return f"File(<{self.extension} stream>)"
        return f"File({self._path!r})" if self._path else f"File(<{self.extension} content>)"


class Artifact:
    """An artifact's value (1.x ``neptune.types.atoms.artifact.Artifact``): what ``fetch()``
    of an artifact gives, its hash and tracked files; assigning it elsewhere copies the
    record (``run["b"] = run["a"].fetch()``), as 1.x did by hash."""

    def __init__(self, hash: str, files: list[Any] | None = None) -> None:  # noqa: A002
        self.hash, self.files = hash, files

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Artifact) and other.hash == self.hash

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Artifact({self.hash!r})"


class Histogram:
    """``Histogram(bin_edges, counts=None, densities=None)`` (neptune-scale): one of counts
    or densities, one value fewer than bin edges; logged one per step as a series."""

    def __init__(self, bin_edges: Any, counts: Any = None, densities: Any = None) -> None:
        self.bin_edges, self.counts, self.densities = bin_edges, counts, densities

    def bin_edges_as_list(self) -> list[Any]:
        return _as_list(self.bin_edges)

    def counts_as_list(self) -> list[Any]:
        return [] if self.counts is None else _as_list(self.counts)

    def densities_as_list(self) -> list[Any]:
        return [] if self.densities is None else _as_list(self.densities)

    def to_stored(self, what: str) -> str:
        """The series value: JSON, checked (edges ascending, one more than the values)."""
        import json
        import math

        from .exceptions import InvalidValueError
        edges = [float(x) for x in self.bin_edges_as_list()]
        if (self.counts is None) == (self.densities is None):
            raise InvalidValueError(f"{what}: a Histogram takes exactly one of counts or "
                                    "densities; nothing was logged")
        key = "counts" if self.counts is not None else "densities"
        values = self.counts_as_list() if key == "counts" else self.densities_as_list()
        if not 2 <= len(edges) <= 513 or len(values) != len(edges) - 1:
            raise InvalidValueError(f"{what}: a Histogram has 2 to 513 bin edges and one "
                                    f"value fewer {key} (got {len(edges)} edges, {len(values)} "
                                    f"{key}); nothing was logged")
        pairs = zip(edges, edges[1:], strict=False)
        if not all(map(math.isfinite, edges)) or any(b <= a for a, b in pairs):
            raise InvalidValueError(f"{what}: Histogram bin edges must be finite and "
                                    "strictly increasing; nothing was logged")
        cast = int if key == "counts" else float
        return json.dumps({"bin_edges": edges, key: [cast(v) for v in values]},
                          separators=(",", ":"))

    @classmethod
    def from_stored(cls, stored: str) -> Histogram:
        import json
        d = json.loads(stored)
        return cls(d["bin_edges"], counts=d.get("counts"), densities=d.get("densities"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Histogram) and \
            (self.bin_edges_as_list(), self.counts_as_list(), self.densities_as_list()) == \
            (other.bin_edges_as_list(), other.counts_as_list(), other.densities_as_list())

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        kind = "counts" if self.counts is not None else "densities"
        values = getattr(self, kind)
        return f"Histogram(bin_edges={self.bin_edges_as_list()!r}, {kind}=" \
               f"{values if values is None else _as_list(values)!r})"


# leading bytes of the formats neptune-scale recognised in bytes it was handed (it asked the
# `filetype` package): its images, PDF and the common archives
_SIGNATURES = [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"),
               (b"GIF89a", "gif"), (b"BM", "bmp"), (b"II*\x00", "tif"), (b"MM\x00*", "tif"),
               (b"%PDF-", "pdf"), (b"\x1f\x8b", "gz"), (b"PK\x03\x04", "zip")]


def is_bokeh_layout(value: Any) -> bool:
    """A bokeh figure or layout (what bokeh renders as a page), known without importing
    bokeh: its classes derive from ``bokeh.models.LayoutDOM``."""
    return type(value).__module__.startswith("bokeh.") and \
        any(c.__name__ == "LayoutDOM" for c in type(value).__mro__)


def sniffed_extension(data: bytes | bytearray) -> str | None:
    """The extension of the format ``data`` starts like, else None (the content is then
    ``application/octet-stream``, as neptune-scale stored unrecognised bytes)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return next((ext for sig, ext in _SIGNATURES if data.startswith(sig)), None)


def _as_list(values: Any) -> list[Any]:
    return values.tolist() if hasattr(values, "tolist") else list(values)


def as_product_file(value: Any, what: str) -> File:
    """A file as neptune-scale hands it (a path, bytes, or its ``File(source=, mime_type=)``)
    as this package's File."""
    if isinstance(value, File):
        return value
    source = getattr(value, "source", value)
    mime = getattr(value, "mime_type", None)
    ext = None
    if mime:
        import mimetypes
        ext = (mimetypes.guess_extension(mime) or "").lstrip(".") or None
    out = None
    if isinstance(source, (bytes, bytearray)):
        out = File(content=bytes(source), extension=ext or sniffed_extension(source) or "bin")
    elif isinstance(source, (str, os.PathLike)):
        suffix = os.path.splitext(os.fspath(source))[1].lstrip(".")
        out = File(source, extension=suffix or ext)
    if out is not None:  # kept in the store's descriptor: neptune-query reports both
        out.mime_type, out.destination = mime, getattr(value, "destination", None)
        return out
    from .exceptions import InvalidTypeError
    raise InvalidTypeError(f"{what}: a file is a path, bytes or File (was "
                           f"{type(value).__name__})")


class GitRef:
    """``init_run(git_ref=GitRef(repository_path))``: the repository whose commit, branch,
    remotes and uncommitted changes a new run records (``source_code/git``); the default
    searches upwards from the working directory. ``GitRef.DISABLED`` records nothing."""

    DISABLED: GitRef

    def __init__(self, repository_path: str | os.PathLike | None = None) -> None:
        self.repository_path = repository_path
        self.disabled = False

    def resolve_path(self) -> Any:
        """The repository path as given, else the running script's (1.x), as a Path."""
        from pathlib import Path

        from .objects.source_code import entry_point
        if self.repository_path is not None:
            return Path(self.repository_path).resolve()
        return entry_point() or Path.cwd().resolve()

    def __repr__(self) -> str:
        return "GitRef.DISABLED" if self.disabled else f"GitRef({self.repository_path!r})"


GitRef.DISABLED = GitRef()
GitRef.DISABLED.disabled = True

__all__ = ["GitRef", "StringSet", "Float", "Integer", "String", "Boolean", "Datetime",
           "FloatSeries", "FileSeries", "FileSet", "Histogram",
           "Artifact",
           "StringSeries", "File"]


def _array_as_pixels(image: Any, autoscale: bool) -> Any:
    """An array as 8-bit pixels, by 1.x's rules (neptune/internal/utils/images.py): values
    in [0, 1] are fractions of 255 when ``autoscale``; a trailing axis of 1 is dropped;
    only 2-d and 3-d arrays with 1, 3 or 4 channels are images."""
    import numpy as np

    array = np.asarray(image)
    if autoscale and array.size and array.min() >= 0 and array.max() <= 1:
        array = array * 255
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if not (array.ndim == 2 or (array.ndim == 3 and array.shape[2] in (3, 4))):
        from .exceptions import InvalidValueError
        raise InvalidValueError(f"File.as_image: an array must be 2-d, or 3-d with 1, 3 or 4 "
                                f"channels (was shape {array.shape})")
    return array.astype(np.uint8)


def __getattr__(name: str) -> Any:
    """``FileType`` and ``ContainerType`` load on first use: they are enums, and importing
    enum costs every script's start ~1.5 ms (types.py loads with every script)."""
    if name in ("FileType", "ContainerType"):
        from . import types_enums
        return getattr(types_enums, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
