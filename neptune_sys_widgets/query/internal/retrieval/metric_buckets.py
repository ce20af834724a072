"""One step bucket of a float series, as neptune-query's internal ``retrieval.
metric_buckets`` describes it. It exists because neptune-query's own tests compute the
expected buckets themselves and build the expected frame from these."""

from __future__ import annotations

from dataclasses import dataclass

# neptune-query asks its server for at most this many series at once; the tests patch it.
# This store reads every series locally, so the value changes nothing here.
MAX_SERIES_PER_REQUEST = 1000


@dataclass(frozen=True)
class TimeseriesBucket:
    index: int
    from_x: float
    to_x: float
    first_x: float | None
    first_y: float | None
    last_x: float | None
    last_y: float | None


__all__ = ["TimeseriesBucket", "MAX_SERIES_PER_REQUEST"]
