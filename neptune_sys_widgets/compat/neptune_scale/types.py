"""``neptune_scale.types``: ``File`` and ``Histogram`` as neptune-scale constructs them
(its ``File`` takes ``source=``, where 1.x's takes a path or ``content=``).

They are values only: ``assign_files``, ``log_files`` and ``log_histograms`` raise
``NotImplementedError`` until files and histograms are stored (README, "Differences from
Neptune"), so nothing handed to them is dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...exceptions import InvalidTypeError


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


class Histogram:
    """``Histogram(bin_edges, counts=None, densities=None)``: one of counts or densities,
    one value fewer than bin edges."""

    def __init__(self, bin_edges: Sequence[float], counts: Sequence[int] | None = None,
                 densities: Sequence[float] | None = None) -> None:
        self.bin_edges, self.counts, self.densities = bin_edges, counts, densities

    def bin_edges_as_list(self) -> list[Any]:
        return list(self.bin_edges)

    def counts_as_list(self) -> list[Any]:
        return [] if self.counts is None else list(self.counts)

    def densities_as_list(self) -> list[Any]:
        return [] if self.densities is None else list(self.densities)


__all__ = ["File", "Histogram"]
