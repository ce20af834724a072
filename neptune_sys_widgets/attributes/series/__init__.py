"""``neptune.attributes.series`` (see ``neptune_sys_widgets.attributes``)."""

from .. import FileSeries, FloatSeries, Series, StringSeries  # noqa: F401

__all__ = ["FileSeries", "FloatSeries", "Series", "StringSeries"]
