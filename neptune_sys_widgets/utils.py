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


def stringify_unsupported(value: Any, expand: bool = False) -> StringifyValue | Mapping:
    """``run["cfg"] = stringify_unsupported(cfg)``: nested dicts keep their structure, every
    value of an unsupported type (tuples, lists, None, objects) is stored as its ``str()``.
    ``expand=True`` turns lists and tuples into dicts keyed by position, as late 1.x did."""
    if isinstance(value, MutableMapping):
        return {str(k): stringify_unsupported(v, expand) for k, v in value.items()}
    if expand and isinstance(value, (list, tuple)):
        return {str(i): stringify_unsupported(v, expand) for i, v in enumerate(value)}
    return StringifyValue(value)


def stop_synchronization_callback(neptune_object: Any) -> None:
    """The 1.x default for ``async_no_progress_callback``: stops the object. Nothing here
    synchronizes with a server, so it is never called by us, but code passes it."""
    neptune_object.stop()


__all__ = ["stringify_unsupported", "stop_synchronization_callback", "StringifyValue"]
