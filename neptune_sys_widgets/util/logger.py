"""``neptune_scale.util.logger``: ``get_logger()``, the ``neptune`` logger that code built
on neptune-scale logs through (scale-examples' hardware monitor does), set up as
neptune-scale set it up: one stream handler at the level ``NEPTUNE_LOGGER_LEVEL`` names
(``info`` unless set; ``none`` disables it)."""

from __future__ import annotations

import logging
import os

from .envs import LOGGER_LEVEL

_LEVELS = ("debug", "info", "warning", "error", "critical")
_FORMAT = "%(asctime)s %(name)s:%(levelname)s: %(message)s"


class NeptuneWarning(Warning):
    """neptune-scale's warning category (its logger module defines it)."""


def get_logger() -> logging.Logger:
    """The ``neptune`` logger, its handler added once per process. A level that is not
    one of none/debug/info/warning/error/critical is a ValueError naming the variable."""
    logger = logging.getLogger("neptune")
    if getattr(logger, "_neptune_sys_widgets", False):
        return logger
    level = os.environ.get(LOGGER_LEVEL, "info").lower()
    if level != "none" and level not in _LEVELS:
        raise ValueError(f"{LOGGER_LEVEL} must be one of: none, {', '.join(_LEVELS)}.")
    logger.handlers.clear()
    if level == "none":
        logger.disabled = True
    else:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
        logger.setLevel(level.upper())
    logger._neptune_sys_widgets = True  # type: ignore[attr-defined]
    return logger


__all__ = ["get_logger", "NeptuneWarning"]
