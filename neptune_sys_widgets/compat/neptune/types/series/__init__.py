"""``neptune.types.series``: the product's classes (neptune_sys_widgets/types.py)."""

from .....types import FileSeries, FloatSeries, StringSeries

__all__ = ["FileSeries", "FloatSeries", "StringSeries"]
