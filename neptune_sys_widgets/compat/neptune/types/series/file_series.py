"""``neptune.types.series.file_series``."""

from .....types import FileSeries

__all__ = ["FileSeries"]
