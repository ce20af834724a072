"""``neptune.types.series.string_series``."""

from .....types import StringSeries

__all__ = ["StringSeries"]
