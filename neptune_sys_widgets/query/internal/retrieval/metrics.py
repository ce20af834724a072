"""Float-series points as neptune-query's internal ``retrieval.metrics`` shapes them. It
exists because neptune-query's own tests build expected metrics frames from these tuples."""

from __future__ import annotations

# (timestamp in ms, step, value, is_preview, preview_completion)
FloatPointValue = tuple[int, float, float, bool, float]
TimestampIndex, StepIndex, ValueIndex, IsPreviewIndex, PreviewCompletionIndex = range(5)

# neptune-query pages its server reads by this many points; the tests patch it to check
# paging. A local read is not paged, so the value changes nothing here.
TOTAL_POINT_LIMIT: int = 1_000_000

__all__ = ["FloatPointValue", "TimestampIndex", "StepIndex", "ValueIndex", "IsPreviewIndex",
           "PreviewCompletionIndex", "TOTAL_POINT_LIMIT"]
