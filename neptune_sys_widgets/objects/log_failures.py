"""What neptune-scale's ``log_*`` calls do with one entry they cannot store.

neptune-scale checks each entry of a ``log_metrics`` / ``log_configs`` /
``log_string_series`` call as it turns the call into operations: a metric value is
``float(value)``, a config value one of its types, a string-series value a ``str``. An
entry that fails is dropped with a warning ("Dropping value. ...") and the rest of the call
is logged, so one ``None`` among a step's metrics does not stop a training script; with
``NEPTUNE_LOG_FAILURE_ACTION=raise`` the call raises ``NeptuneUnableToLogData`` instead.
The callers judge every entry before they queue any, so a raise leaves nothing of the call.
"""

from __future__ import annotations

import os

from ..exceptions import NeptuneUnableToLogData
from .background import _log

LOG_FAILURE_ACTION = "NEPTUNE_LOG_FAILURE_ACTION"


def raising() -> bool:
    """``NEPTUNE_LOG_FAILURE_ACTION=raise`` (neptune-scale's default is ``drop``)."""
    return os.environ.get(LOG_FAILURE_ACTION, "drop").strip().lower() == "raise"


def drop_or_raise(label: str, message: str) -> None:
    """Say that an entry is dropped, in neptune-scale's words, or raise when asked to."""
    if raising():
        raise NeptuneUnableToLogData(reason=f"{label}: {message}; nothing of the call "
                                            "was logged")
    _log().warning("Dropping value. %s (%s).", message, label)


def shown(value: object) -> str:
    """A value for a message: a printable str as it is, anything else as its repr (a
    control character escaped), cut short (a 10 MB array helps nobody)."""
    text = value if isinstance(value, str) and value.isprintable() else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
