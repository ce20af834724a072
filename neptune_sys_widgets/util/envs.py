"""``neptune_scale.util.envs``: the environment names neptune-scale reads, and its
helpers to read them. Read here: ``NEPTUNE_PROJECT``, ``NEPTUNE_MODE``,
``NEPTUNE_LOG_DIRECTORY`` and ``NEPTUNE_LOG_FAILURE_ACTION`` (objects/log_failures.py, whose
name this is); the others tuned its connection, logging and local queue, and have no
effect."""

from __future__ import annotations

from ..objects.log_failures import LOG_FAILURE_ACTION  # noqa: F401 - neptune-scale's name

PROJECT_ENV_NAME = "NEPTUNE_PROJECT"
API_TOKEN_ENV_NAME = "NEPTUNE_API_TOKEN"
DISABLE_COLORS = "NEPTUNE_DISABLE_COLORS"
DEBUG_MODE = "NEPTUNE_DEBUG_MODE"
LOGGER_LEVEL = "NEPTUNE_LOGGER_LEVEL"
LOG_TIMING_THRESHOLD_MS = "NEPTUNE_LOG_TIMING_THRESHOLD_MS"
SUBPROCESS_KILL_TIMEOUT = "NEPTUNE_SUBPROCESS_KILL_TIMEOUT"
ALLOW_SELF_SIGNED_CERTIFICATE = "NEPTUNE_ALLOW_SELF_SIGNED_CERTIFICATE"
VERIFY_SSL = "NEPTUNE_VERIFY_SSL"
LOG_MAX_BLOCKING_TIME_SECONDS = "NEPTUNE_LOG_MAX_BLOCKING_TIME_SECONDS"
LOG_DIRECTORY = "NEPTUNE_LOG_DIRECTORY"
MAX_CONCURRENT_FILE_UPLOADS = "NEPTUNE_MAX_CONCURRENT_FILE_UPLOADS"
MODE_ENV_NAME = "NEPTUNE_MODE"
OPERATION_REPOSITORY_TIMEOUT_MS = "NEPTUNE_OPERATION_REPOSITORY_TIMEOUT_MS"




def get_bool(name: str, default_missing: bool, default_invalid: bool) -> bool:
    """A boolean variable: true/1 or false/0 in any case; the defaults otherwise."""
    import os
    value = os.getenv(name)
    if value is None:
        return default_missing
    return {"true": True, "1": True, "false": False, "0": False}.get(value.lower(),
                                                                     default_invalid)


def get_positive_int(name: str, default: int) -> int:
    """A positive integer variable, ``default`` when unset; ``ValueError`` naming it if
    it is set to anything else."""
    import os
    value = os.getenv(name)
    try:
        number = default if value is None else int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return number


def get_option(name: str, choices: list[str] | tuple[str, ...], default: str) -> str:
    """One of ``choices`` (lowercase), ``default`` when unset; ``ValueError`` otherwise."""
    import os
    value = os.getenv(name)
    if value is None:
        return default
    if value.lower() not in choices:
        raise ValueError(f"{name} must be one of: {', '.join(choices)}, got {value!r}")
    return value.lower()


__all__ = [name for name in dir() if name.isupper()] + ["get_bool", "get_positive_int",
                                                         "get_option"]
