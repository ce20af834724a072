"""Attribute types and the raw file / histogram values of neptune-query's internal
``retrieval.attribute_types``. It exists because neptune-query's own tests build expected
series of files and histograms from these (``output_format`` turns them into the public
``neptune_query.types`` values)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...filters import KNOWN_TYPES

ALL_TYPES: Sequence[str] = tuple(KNOWN_TYPES)


@dataclass(frozen=True)
class File:
    """A stored file as the server describes it: where it lies, its size and MIME type."""

    path: str
    size_bytes: int
    mime_type: str


@dataclass(frozen=True)
class Histogram:
    type: str
    edges: list[float]
    values: list[float]


__all__ = ["ALL_TYPES", "File", "Histogram"]
