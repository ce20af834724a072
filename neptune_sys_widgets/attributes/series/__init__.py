"""``neptune.attributes.series`` and its modules (see ``neptune_sys_widgets.attributes``)."""

from .. import FetchableSeries, FileSeries, FloatSeries, Series, StringSeries, register_modules

register_modules(__name__, {
    "series": ("Series",), "fetchable_series": ("FetchableSeries",),
    "float_series": ("FloatSeries",), "string_series": ("StringSeries",),
    "file_series": ("FileSeries",)})

__all__ = ["FetchableSeries", "FileSeries", "FloatSeries", "Series", "StringSeries"]
