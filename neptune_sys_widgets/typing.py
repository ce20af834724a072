"""``neptune.typing`` (1.x): ``SupportsNamespaces`` and ``NeptuneObject`` (what an
integration's callback takes), and ``ProgressBarCallback``, the base of a progress bar a
script passes as ``fetch_runs_table(progress_bar=MyBar)``. Tables here read a local store
in one go, so a given progress bar is accepted and not driven."""

from __future__ import annotations

import abc
import contextlib

from .metadata_containers.abstract import NeptuneObject, NeptuneObjectCallback, SupportsNamespaces

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


class ProgressBarCallback(contextlib.AbstractContextManager):
    """A progress bar for table fetches: a context manager with ``update(by=, total=)``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None: ...

    @abc.abstractmethod
    def update(self, *, by: int, total: int | None = None) -> None: ...


ProgressBarType = bool | type[ProgressBarCallback]

__all__ = ["SupportsNamespaces", "NeptuneObject", "NeptuneObjectCallback",
           "ProgressBarCallback", "ProgressBarType"]
