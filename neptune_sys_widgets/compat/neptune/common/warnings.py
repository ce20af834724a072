"""``neptune.common.warnings``: the warning classes 1.x emitted, and ``warn_once``.

``NeptuneWarning`` and ``NeptuneUnsupportedType`` are the very classes this package warns
with (``neptune_sys_widgets.exceptions``), so a filter on either catches ours.
"""

from __future__ import annotations

import warnings

from ....exceptions import NeptuneUnsupportedType, NeptuneWarning


class NeptuneDeprecationWarning(DeprecationWarning):
    """A deprecated call or argument."""


class NeptuneUnsupportedValue(Warning):
    """A value the field cannot take (1.x skipped NaN and Inf with it; they are stored
    here, as neptune-scale does)."""


warned_once: set[str] = set()  # the messages said; code (and tests) may clear it


def warn_once(message: str, *, exception: type[Warning] | None = None) -> None:
    """Warn with ``message`` the first time only (per process), as 1.x did."""
    if message in warned_once:
        return
    warned_once.add(message)
    warnings.warn(message, category=exception or NeptuneWarning, stacklevel=2)


def warn_about_unsupported_type(type_str: str) -> None:
    warn_once(f"You're attempting to log a type that is not directly supported by Neptune "
              f"({type_str}). Convert the value to a supported type, or use "
              "stringify_unsupported().", exception=NeptuneUnsupportedType)


__all__ = ["NeptuneDeprecationWarning", "NeptuneWarning", "NeptuneUnsupportedType",
           "NeptuneUnsupportedValue", "warn_once", "warn_about_unsupported_type", "warned_once"]
