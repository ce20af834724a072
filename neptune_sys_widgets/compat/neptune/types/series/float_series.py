"""``neptune.types.series.float_series``."""

from .....types import FloatSeries

__all__ = ["FloatSeries"]
