"""``neptune.integrations.python_logger.NeptuneHandler``: a ``logging.Handler`` whose
records go to a string series of a run, so a script's log sits beside its metrics.

Records are formatted by the handler's formatter and appended in call order; a record
logged by the append itself (a warning of this package on the same logger) is dropped
rather than recursing, and records after the run has stopped are ignored, as 1.x did.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from .... import __version__
from ....exceptions import InvalidTypeError

VERSION_PATH = "source_code/integrations/neptune-python-logger"


class NeptuneHandler(logging.Handler):
    """``NeptuneHandler(run=run, level=logging.NOTSET, path=None)``: ``path`` defaults to
    ``<run's monitoring namespace>/python_logger``."""

    def __init__(self, *, run: Any, level: int = logging.NOTSET, path: str | None = None
                 ) -> None:
        from ....objects.run import Run
        if not isinstance(run, Run):
            raise InvalidTypeError(f"NeptuneHandler: run must be a Run (was "
                                   f"{type(run).__name__})")
        if isinstance(level, bool) or not isinstance(level, int):
            raise InvalidTypeError(f"NeptuneHandler: level must be an int (was "
                                   f"{type(level).__name__})")
        if path is None:
            path = f"{run.monitoring_namespace}/python_logger"
        if not isinstance(path, str):
            raise InvalidTypeError(f"NeptuneHandler: path must be a str (was "
                                   f"{type(path).__name__})")
        super().__init__(level=level)
        self._run = run
        self._path = path
        self._inside = threading.local()
        run[VERSION_PATH] = __version__

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._inside, "on", False) or self._run.get_state() != "started":
            return
        self._inside.on = True
        try:
            self._run[self._path].append(self.format(record))
        except Exception:  # noqa: BLE001 - logging's own error reporting, as handlers do
            self.handleError(record)
        finally:
            self._inside.on = False


__all__ = ["NeptuneHandler"]
