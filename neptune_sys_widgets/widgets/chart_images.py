"""The chart's image strips: the image file series of the chart's runs that its pattern
picks, listed with their steps (``gallery.image_series``, as on the run card), and one image
of one run's series on request (``gallery.image_at``). Why the card's gallery again rather
than images in the plot: an image series has no value to draw; a strip per series with a
step slider, moved by the chart's cursor, lines the images up with the curve.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import InvalidValueError
from ..query.chart_buckets import lineage_start_s
from .chart_data import ChartRun, metric_matcher
from .gallery import image_at, image_series

MAX_STRIPS = 20  # strips under one chart: a run's first ones, in legend order


def chart_galleries(store: Any, lines: list[ChartRun], pattern: str | None,
                    previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{run, label, path, count, steps, times, start}]``: each run's image series that
    ``pattern`` picks (every one when None); ``start`` is where the run's relative time
    begins (its lineage root's creation, as for its curve), so that a chart by time moves
    the strip to the image logged at or before the cursor. A series listed in ``previous``
    with the same count is not read again (this runs after every commit the chart hears
    of)."""
    matches = metric_matcher(pattern) if pattern else None
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for line in lines:
        if line.pk in seen:
            continue
        seen.add(line.pk)
        before = [g for g in previous if g["run"] == line.sys_id]
        label = line.sys_id if line.path is not None else line.label
        start = None
        for g in image_series(store, line.pk, before, times=True):
            if matches is None or matches(g["path"]):
                if start is None:
                    start = next((b["start"] for b in before), None)
                    if start is None:
                        start = lineage_start_s(store, line.pk)
                out.append({"run": line.sys_id, "label": label, **g, "start": start})
    return out[:MAX_STRIPS]


def chart_image(store: Any, lines: list[ChartRun], galleries: list[dict[str, Any]],
                content: dict[str, Any]) -> dict[str, Any]:
    """The ``image`` command: ``target`` a run of the chart, ``field`` one of its listed
    image series, ``value`` a step of it."""
    run, path = content.get("target"), content.get("field")
    if not any(g["run"] == run and g["path"] == path for g in galleries):
        raise InvalidValueError(f"image: {str(path)[:200]!r} of {str(run)[:100]!r} is not "
                                "an image series the chart shows")
    line = next(r for r in lines if r.sys_id == run)
    return image_at(store, line.pk, f"image: {line.sys_id}", path, content.get("value"))


__all__ = ["chart_galleries", "chart_image", "MAX_STRIPS"]
