"""``neptune_scale.NeptuneLoggingHandler``: log records to a run's string series
(``runtime/logs`` by default), one point per line, at neptune-scale's steps: 1e-6 apart
after the fork step (0 for a root run), as its console capture counts them
(``Run.append_log_lines``); a line longer than a string-series value may be is split."""

from __future__ import annotations

import logging
import threading
from typing import Any

from ...exceptions import InvalidTypeError
from ...objects.values import STRING_SERIES_MAX_CHARS as _MAX_CHARS


class NeptuneLoggingHandler(logging.Handler):
    """``NeptuneLoggingHandler(run, level=logging.NOTSET, attribute_path=None)``."""

    def __init__(self, run: Any, level: int = logging.NOTSET,
                 attribute_path: str | None = None) -> None:
        from ...objects.run import Run
        if not isinstance(run, Run):
            raise InvalidTypeError(f"NeptuneLoggingHandler: run must be a Run (was "
                                   f"{type(run).__name__})")
        if attribute_path is not None and not isinstance(attribute_path, str):
            raise InvalidTypeError(f"NeptuneLoggingHandler: attribute_path must be a str "
                                   f"(was {type(attribute_path).__name__})")
        super().__init__(level=level)
        self._run = run
        self._path = attribute_path or "runtime/logs"
        self._inside = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._inside, "on", False) or self._run.get_state() != "started":
            return
        self._inside.on = True
        try:
            lines = [line[i:i + _MAX_CHARS] or "" for line in
                     (self.format(record).splitlines() or [""])
                     for i in range(0, max(len(line), 1), _MAX_CHARS)]
            self._run.append_log_lines(self._path, lines, [record.created] * len(lines))
        except Exception:  # noqa: BLE001 - logging's own error reporting, as handlers do
            self.handleError(record)
        finally:
            self._inside.on = False


__all__ = ["NeptuneLoggingHandler"]
