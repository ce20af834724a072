"""A run's card with a "Metrics" section: small live charts of the run's float series,
most recently updated first, filtered and as many as the user asks; a click opens the full
chart (``ChartWidget``) under them.

Why sparklines are drawn by the card itself (``js/lib/card/metrics.js``, a canvas polyline
of at most ``SPARK_BUCKETS`` bucket values) and the full chart is a widget of its own: the
card's bundle stays small; uPlot loads only with a chart. The series arrive as the card's
other fields do: a commit stamps the run's ``modification_time``, the binding tells the
card, and the card re-reads the shown series only when their counts changed.
"""

from __future__ import annotations

from typing import Any, cast

import ipywidgets
from traitlets import Dict, Instance, Int, List, Unicode

from ..exceptions import InvalidValueError
from ..objects.run import fork_lineage
from ..query.chart_buckets import SeriesCache, chart_buckets
from .chart import ChartWidget
from .chart_data import encode, metric_matcher
from .sys_widget import SysWidget

__all__ = ["RunCardWidget", "METRICS_COMMANDS", "SPARK_BUCKETS"]

SPARK_BUCKETS = 60
LIMITS = (3, 6, 12, 24, 50)
# command -> the TypeScript type of its ``value`` (js/lib/contract.js, widgets/contract.py)
METRICS_COMMAND_VALUES = {
    "metrics": f"{{filter?: string, limit?: {' | '.join(map(str, LIMITS))}}}",
    "open_chart": "{path: string}",
    "close_chart": "{}",
}
METRICS_COMMANDS = tuple(METRICS_COMMAND_VALUES)


class RunCardWidget(SysWidget):
    """The run card (``widget_for(run)``), with its Metrics section."""

    metrics = List(Dict()).tag(sync=True)  # [{path, last, points, spark}] shown
    metrics_total = Int(0).tag(sync=True)  # float series matching the filter
    metrics_filter = Unicode("").tag(sync=True)
    metrics_limit = Int(6).tag(sync=True)
    chart = Instance(ChartWidget, allow_none=True).tag(
        sync=True, **ipywidgets.widget_serialization)

    def __init__(self, container: Any, **kwargs: Any) -> None:
        # before the base class starts observing the binding (from the watcher thread)
        self._cache = SeriesCache(container.store)
        self._marks: tuple = ()
        super().__init__(container, **kwargs)
        if container.kind == "run":
            self._publish_metrics()

    def _mirror(self, change: dict[str, Any]) -> None:
        super()._mirror(change)
        if change["name"] == "modification_time" and self._container.kind == "run":
            self._publish_metrics()

    # ---------------------------------------------------------------- metrics
    def _series(self) -> list[tuple]:
        """(path, count, last_step, last_value, last_ts) of the run's float series and its
        fork ancestors', newest first; the run's own row wins over an ancestor's."""
        s, seen, rows = self._container.store, set(), []
        for pk, _ in reversed(fork_lineage(s, self._container.pk)):
            for path, type_, count, last_step, last_value, last_ts, _seq in s.series_info(pk):
                if type_ == "float" and path not in seen:
                    seen.add(path)
                    rows.append((path, count, last_step, last_value, last_ts or 0.0))
        rows.sort(key=lambda r: (-r[4], r[0]))
        return rows

    def _publish_metrics(self) -> None:
        rows = self._series()
        if self.metrics_filter:
            matches = metric_matcher(self.metrics_filter)
            rows = [r for r in rows if matches(r[0])]
        shown = rows[:self.metrics_limit]
        marks = tuple((r[0], r[1], r[2]) for r in shown) + (len(rows),)
        if marks == self._marks:
            return
        self._marks = marks
        self._cache.forget({(self._container.pk, r[0], "step") for r in shown})
        out = []
        for path, count, _step, last, _ts in shown:
            got = chart_buckets(self._container.store, self._container.pk, path,
                                limit=SPARK_BUCKETS, cache=self._cache)
            out.append({"path": path, "points": count, "last": last,
                        "spark": encode(got.last) if got is not None else ""})
        with self.hold_sync():
            self.metrics, self.metrics_total = out, len(rows)

    # ---------------------------------------------------------------- commands
    def handle_command(self, content: Any) -> None:
        cmd = content.get("cmd") if isinstance(content, dict) else None
        if cmd not in METRICS_COMMANDS:
            return super().handle_command(content)
        if self._container.kind != "run":
            raise InvalidValueError(f"{cmd}: only a run's card has metrics")
        value = content.get("value")
        if not isinstance(value, dict):
            raise InvalidValueError(f"{cmd}: the value must be an object")
        if cmd == "metrics":
            self._set_view(value.get("filter", self.metrics_filter),
                           value.get("limit", self.metrics_limit))
        elif cmd == "open_chart":
            self._open_chart(value.get("path"))
        else:
            old, self.chart = self._opened(), None
            if old is not None:
                old.close()

    def _set_view(self, pattern: Any, limit: Any) -> None:
        if not isinstance(pattern, str) or len(pattern) > 1000:
            raise InvalidValueError("metrics: filter: a pattern of at most 1000 characters")
        if pattern:
            metric_matcher(pattern)  # a bad regular expression is refused here
        if isinstance(limit, bool) or limit not in LIMITS:
            raise InvalidValueError(f"metrics: limit: one of {', '.join(map(str, LIMITS))}")
        self.metrics_filter, self.metrics_limit = pattern, limit
        self._marks = ()
        self._publish_metrics()

    def _open_chart(self, path: Any) -> None:
        if not isinstance(path, str) or path not in {r[0] for r in self._series()}:
            raise InvalidValueError(f"open_chart: {str(path)[:200]!r} is not a float series "
                                    f"of {self._container.label}")
        old = self._opened()
        self.chart = ChartWidget([self._container], f"^{_escape(path)}$")
        if old is not None:
            old.close()

    def _opened(self) -> ChartWidget | None:
        return cast("ChartWidget | None", self.chart)

    def close(self) -> None:
        chart = self._opened()
        if chart is not None:
            chart.close()
        super().close()


def _escape(path: str) -> str:
    import re
    return re.escape(path)
