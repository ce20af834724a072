"""``neptune_scale.types``: ``File`` and ``Histogram`` as neptune-scale constructs them
(its ``File`` takes ``source=``, where 1.x's takes a path or ``content=``).

``assign_files`` and ``log_files`` store the file's content in the store's files folder;
``log_histograms`` stores each ``Histogram`` as a point of a histogram series.
"""

from __future__ import annotations

from pathlib import Path

from ...exceptions import InvalidTypeError
from ...types import Histogram


class File:
    """``File(source, mime_type=None, size=None, destination=None)``: a path or bytes."""

    def __init__(self, source: str | Path | bytes, mime_type: str | None = None,
                 size: int | None = None, destination: str | None = None) -> None:
        if not isinstance(source, (str, Path, bytes)):
            raise InvalidTypeError(f"File: source must be a path or bytes (was "
                                   f"{type(source).__name__})")
        self.source, self.mime_type, self.size, self.destination = \
            source, mime_type, size, destination

    def __repr__(self) -> str:
        return f"File(source={self.source!r}, mime_type={self.mime_type!r})"


__all__ = ["File", "Histogram"]
