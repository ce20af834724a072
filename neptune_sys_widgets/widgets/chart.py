"""``chart(runs, metric)`` / ``%neptune_chart``: a live chart of float series, several runs
overlaid (``js/chart.js``, drawn with uPlot).

The kernel never sends every point: the store reduces each run's series to at most
``MAX_BUCKETS`` min/max/last buckets (``query.chart_buckets``), and a zoom in the browser
asks for the buckets of the new range (command ``range``), so detail appears as the user
zooms. Other processes' commits arrive through the feed's watcher thread; the chart
re-reads only when a run's series got new points (its count or last step changed), so an
idle chart costs nothing. As with the cards, the front end never sets state: it sends
commands (``range``, ``metric``, ``x``) that the kernel checks (docs/DECISIONS.md #6).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from traitlets import Bool, Dict, Enum, Float, Int, List, Unicode

from ..exceptions import InvalidValueError
from ..feed import watcher_for
from ..query.chart_buckets import (
    MAX_BUCKETS,
    X_KINDS,
    SeriesCache,
    chart_buckets,
    check_range,
    check_x,
)
from .chart_data import (
    match_metrics,
    read_series,
    resolve_runs,
    series_marks,
    series_payload,
)
from .chart_data import together as together_lines
from .chart_images import chart_galleries, chart_image
from .commands import CommandWidget
from .sys_widget import COMMAND_ARGS as CARD_COMMAND_ARGS
from .sys_widget import STATIC, check_command

__all__ = ["ChartWidget", "chart", "COMMANDS"]

# command -> its arguments as TypeScript: js/lib/contract.js types the chart's sends with
# them (widgets/contract.py), so a command or argument renamed here fails the JS type check
COMMAND_ARGS = {
    "range": "value: {range: [number | null, number | null] | null}",
    "metric": "value: {metric: string}",
    "x": "value: {x: XKind}",  # XKind: the contract's union of X_KINDS
    "refresh": "",
    # a series' image at a step, sent by the card's gallery strips (the same gallery.js),
    # so typed as the card's; the chart's image needs the target: the run
    "image": CARD_COMMAND_ARGS["image"],
}
COMMANDS = tuple(COMMAND_ARGS)
RECHECK_EVERY = 2.0  # s between the slow timer's looks at the shown series


def check_smoothing(smoothing: Any) -> float:
    if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float)) or \
            not 0.0 <= smoothing < 1.0:
        raise InvalidValueError(f"smoothing must be a number from 0 to below 1 (was "
                                f"{smoothing!r:.100})")
    return float(smoothing)


class ChartWidget(CommandWidget):
    """Synced traits describe the chart; ``data`` holds the buckets of the whole range."""

    STATE_OWNER = "chart"

    _esm = STATIC / "chart.js"
    _css = STATIC / "chart.css"
    runs = List(Dict()).tag(sync=True)  # [{id, label}] in legend order
    metrics = List(Unicode()).tag(sync=True)  # the float series the pattern picked
    metric = Unicode("").tag(sync=True)  # the one shown
    together = Bool(False).tag(sync=True)  # every matched series at once, a line each
    pattern = Unicode("").tag(sync=True)
    x = Enum(X_KINDS, default_value="step").tag(sync=True)
    log_y = Bool(False).tag(sync=True)
    smoothing = Float(0.0).tag(sync=True)
    data = Dict().tag(sync=True)  # {version, x, metric, series: [...]}
    version = Int(0).tag(sync=True)
    max_buckets = Int(MAX_BUCKETS).tag(sync=True)
    # the runs' image series the pattern picks, [{run, label, path, count, steps}]
    # (chart_images.py); an image on request (command "image")
    galleries = List(Dict()).tag(sync=True)

    def __init__(self, runs: Any, metric: str | None = None, *, x: str = "step",
                 log_y: bool = False, smoothing: float = 0.0, together: bool = False,
                 store: Any = None, project: str | None = None, **kwargs: Any) -> None:
        check_x(x)
        if not isinstance(log_y, bool):
            raise InvalidValueError(f"log_y must be True or False (was {log_y!r:.100})")
        smoothing = check_smoothing(smoothing)
        if not isinstance(together, bool):
            raise InvalidValueError(f"together must be True or False (was {together!r:.100})")
        s, lines = resolve_runs(runs, store, project)
        paths = match_metrics(s, lines, metric)
        if together and paths:
            lines = together_lines(lines, paths)
        self._store, self._lines = s, lines
        self._cache = SeriesCache(s)
        self._checked = 0.0
        self._lock = threading.RLock()
        self._quiet_thread: int | None = None
        # series together: every line names its own; "metric" is then the pattern
        shown = (metric or "*") if together and paths else paths[0] if paths else ""
        self._marks = series_marks(s, lines, shown) if shown else ()
        super().__init__(runs=[{"id": r.key, "label": r.label} for r in lines],
                         together=together and bool(paths),
                         metrics=paths, metric=shown, pattern=metric or "", x=x, log_y=log_y,
                         smoothing=smoothing, data=self._read(shown, x, 1), version=1,
                         galleries=chart_galleries(s, lines, metric, []), **kwargs)
        self.on_msg(self._on_command)
        watcher_for(s).subscribe_all(self)

    @property
    def store(self) -> Any:
        """The store the chart reads (the table's Compare opens charts on the same one)."""
        return self._store

    def _read(self, path: str, x: str, version: int, x_range: Any = None) -> dict[str, Any]:
        series = read_series(self._cache, self._lines, path, x, x_range) if path else []
        return {"version": version, "x": x, "metric": path, "series": series}

    # ---------------------------------------------------------------- commands
    def handle_command(self, content: Any) -> Any:
        """Check a command's shape, then run it; returns the reply's ``result``."""
        if not isinstance(content, dict) or content.get("type") != "command":
            raise InvalidValueError("widget message is not a command")
        cmd, value = content.get("cmd"), content.get("value")
        check_command(cmd, COMMANDS, "chart")
        if cmd == "image":  # field: the series, value: the step, target: the run
            return chart_image(self._store, self._lines, self.galleries, content)
        if value is not None and not isinstance(value, dict):
            raise InvalidValueError(f"{cmd}: the value must be an object")
        value = value or {}
        if cmd == "range":  # a zoom: the buckets of that range, for this view only
            bounds = check_range(value.get("range"))
            with self._lock:
                return self._read(self.metric, self.x, self.version, bounds)
        if cmd == "metric":
            path = value.get("metric")
            if self.together:
                raise InvalidValueError("metric: this chart shows its series together")
            if not isinstance(path, str) or path not in self.metrics:
                raise InvalidValueError(f"metric: {str(path)[:200]!r} is not one of the "
                                        "chart's series")
            self._show(path, self.x)
        elif cmd == "x":
            self._show(self.metric, check_x(value.get("x")))
        else:
            self._show(self.metric, self.x)  # refresh
        return None

    def _show(self, path: str, x: str) -> None:
        with self._lock:
            version = self.version + 1
            # the marks before the read: a point committed in between is read again later
            self._marks = series_marks(self._store, self._lines, path) if path else ()
            data = self._read(path, x, version)
            with self.hold_sync():
                self.metric, self.x, self.data, self.version = path, x, data, version

    def close_widget(self) -> None:
        """What the extension's unload calls."""
        self.close()

    # ---------------------------------------------------------------- live
    def on_store_change(self, timer: bool) -> None:
        """Runs in the feed's watcher thread: after a commit by anyone, re-read when one of
        the runs got new points of the shown series (or new images). On the slow timer it
        only looks again every ``RECHECK_EVERY`` s (one ``series_info`` per run), a safety
        net that costs next to nothing, should a change have slipped past."""
        if self.comm is None:
            return
        now = time.monotonic()
        if timer and now - self._checked < RECHECK_EVERY:
            return
        self._checked = now
        with self._lock:
            listed = chart_galleries(self._store, self._lines, self.pattern or None,
                                     self.galleries)
            if listed != self.galleries:
                self.galleries = listed
            if not self.metric:
                return
            marks = series_marks(self._store, self._lines, self.metric)
            if marks == self._marks:
                return
            changed = [i for i, (a, b) in enumerate(zip(marks, self._marks, strict=True))
                       if a != b]
            self._update_runs(changed)
            self._marks = marks  # only once sent: a failed update is tried again

    def _update_runs(self, changed: list[int]) -> None:
        """New buckets for the runs that got points, sent alone as a ``series`` message
        (~43 KB a run): re-syncing ``data`` would re-send every run's buckets at each new
        point. ``data`` still takes the whole new value, quietly, for views opened later
        (``send_state`` leaves it out meanwhile)."""
        series = list(self.data.get("series", ()))
        for i in changed:
            run = self._lines[i]
            series[i] = series_payload(run, chart_buckets(
                self._store, run.pk, run.path or self.metric, x=self.x, cache=self._cache))
        version = self.version + 1
        self._quiet_thread = threading.get_ident()
        try:
            with self.hold_sync():
                self.data = {**self.data, "version": version, "series": series}
                self.version = version
        finally:
            self._quiet_thread = None
        self.send({"type": "series", "version": version, "metric": self.metric,
                   "x": self.x, "series": [series[i] for i in changed]})

    def send_state(self, key: Any = None) -> None:
        """As ipywidgets', but without ``data`` while a live update sends only the runs
        that changed (``_update_runs``, in the thread doing it)."""
        if self._quiet_thread is not None and self._quiet_thread == threading.get_ident():
            keys = [key] if isinstance(key, str) else list(key or self.keys)
            key = [k for k in keys if k != "data"]
            if not key:
                return
        super().send_state(key)

def chart(runs: Any, metric: str | None = None, *, x: str = "step", log_y: bool = False,
          smoothing: float = 0.0, together: bool = False, store: Any = None,
          project: str | None = None) -> ChartWidget:
    """A live chart of the float series that ``metric`` picks (a glob over the whole path,
    or a regular expression found in it; every float series when None), one line per run.

    ``runs``: sys ids ("ABC-1") or open Runs, or a list of them. ``x``: ``"step"``,
    ``"time"`` or ``"relative_time"`` (seconds since the run's start). ``smoothing``: the
    weight of the exponential moving average, 0 (none) to below 1, as in TensorBoard.
    ``together``: every series the pattern picks at once, a line per run and series (a
    run's CPU, memory and GPU), instead of one series at a time with a picker.
    ``store``: a path or URL (default: ``NEPTUNE_SYS_STORE``, or the Runs' own store);
    ``project``: if given, every run must be in it."""
    return ChartWidget(runs, metric, x=x, log_y=log_y, smoothing=smoothing,
                       together=together, store=store, project=project)


