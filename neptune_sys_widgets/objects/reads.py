"""Reads see this process's writes: the ``_reads`` decorator of every object read (values,
series, files). Its own module so that each role of an object (objects/container.py,
objects/container_files.py) can use it without importing the other."""

from __future__ import annotations

import threading
from collections.abc import Callable

from .background import BACKGROUND, _log

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .container_lifecycle import ContainerLifecycle

_READING = threading.local()  # .on: this thread is inside a read that saw held data


def _reads(method: Callable[..., Any]) -> Callable[..., Any]:
    """A read sees every write this process made to the store, through any object (a
    read-only handle opened next to a writing one must not miss its queued data): queued
    writes are committed first. When the store cannot take them (a full disk), the read
    answers from what is committed plus what is held, and says nothing is lost; only
    ``wait()``, ``stop()`` and the writes report the failure."""
    import functools

    @functools.wraps(method)
    def read(self: ContainerLifecycle, *args: Any, **kwargs: Any) -> Any:
        if getattr(_READING, "on", False):
            return method(self, *args, **kwargs)
        self._ensure_open()
        held = BACKGROUND.flush_store(self._store)
        if not held:
            return method(self, *args, **kwargs)
        ops = [c._held_op() for c in held]
        _READING.on = True
        try:
            with self._store.preview(lambda tx: [op(tx) for op in ops] and None) as shown:
                _say_held(held, shown)
                return method(self, *args, **kwargs)
        finally:
            _READING.on = False
    return read


def _say_held(held: list[ContainerLifecycle], shown: bool) -> None:
    """Once per object and failure: a read answered while data is held in memory."""
    for c in held:
        if c._failure is None or c._said_held:
            continue
        c._said_held = True
        points, ops = c._held_counts()
        what = ("includes them" if shown else
                "shows only what is stored (the store could not even stage them for reading)")
        _log().warning("%s: %d points and %d operations are held in memory because the store "
                       "cannot be written (%s); this read %s. Nothing is lost: they are "
                       "retried, and wait() reports the failure until they are stored",
                       c._label, points, ops, c._failure, what)
