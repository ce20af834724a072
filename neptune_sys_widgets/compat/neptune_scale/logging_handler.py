"""``neptune_scale.NeptuneLoggingHandler``: log records to a run's string series
(``runtime/logs`` by default), one point per line, steps counting from the fork step."""

from __future__ import annotations

import logging
import threading
from typing import Any

from ...exceptions import InvalidTypeError


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
            for line in self.format(record).splitlines() or [""]:
                self._run[self._path].append(line, timestamp=record.created)
        except Exception:  # noqa: BLE001 - logging's own error reporting, as handlers do
            self.handleError(record)
        finally:
            self._inside.on = False


__all__ = ["NeptuneLoggingHandler"]
