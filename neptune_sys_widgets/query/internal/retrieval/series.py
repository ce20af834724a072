"""Points of string, histogram and file series as neptune-query's internal
``retrieval.series`` shapes them. It exists because neptune-query's own tests build
expected series frames from these."""

from __future__ import annotations

from typing import Any, NamedTuple


class SeriesValue(NamedTuple):
    step: float
    value: Any
    timestamp_millis: int


__all__ = ["SeriesValue"]
