"""``neptune.utils``: helpers that real training scripts import (``stringify_unsupported``
appears in 31 files of Neptune's official examples)."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any


class StringifyValue:
    """A value to store as itself if the store supports its type, else as ``str(value)``.
    NaN and Inf become strings, as neptune 1.x's helper made them."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        if isinstance(value, float) and (value != value or abs(value) == float("inf")):
            value = str(value)
        self.value = value

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)


def stringify_unsupported(value: Any) -> StringifyValue | Mapping:
    """``run["cfg"] = stringify_unsupported(cfg)``: nested dicts keep their structure, every
    value of an unsupported type (tuples, lists, None, objects) is stored as its ``str()``."""
    if isinstance(value, MutableMapping):
        return {str(k): stringify_unsupported(v) for k, v in value.items()}
    return StringifyValue(value)


def stop_synchronization_callback(neptune_object: Any) -> None:
    """The 1.x default for ``async_no_progress_callback``: stops the object. Nothing here
    synchronizes with a server, so it is never called by us, but code passes it."""
    neptune_object.stop()


__all__ = ["stringify_unsupported", "stop_synchronization_callback", "StringifyValue"]
