"""What every part of the SQLite store shares: the catalog columns of ``objects``, how a row's
string sets travel with it, and the derived sys fields (state, running time)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from .. import catalog
from . import schema

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

SYS_COLUMNS = schema.sys_columns()
# A row's tags and group tags come with it, from the same statement (one primary-key range
# per object instead of a second query and a Python row per tag), joined by U+001F: no tag
# can contain it (values.check_tags rejects control characters).
CHUNK_POINTS = 8192  # points per series_chunks row
SET_FIELDS = tuple((f.path, f.trait) for f in catalog.FIELDS if f.storage == catalog.SET)
_SET_SQL = {name: f"(SELECT group_concat(s.value, char(31)) FROM string_sets s WHERE "
                  f"s.object_pk = o.pk AND s.path = '{path}') AS {name}_joined"
            for path, name in SET_FIELDS}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic GC while many row dicts are built: it would otherwise rescan
    every row built so far again and again (about a third of the time for 100k rows). Rows
    hold no reference cycles; collection resumes as soon as they are built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _derived_fields(t: int, live: Any, running_acc: float, active_since: int | None,
                    ping_time: int | None) -> tuple[str, float, int]:
    """``state``, ``running_time``, ``monitoring_time`` at ``t`` (ms): the seconds of ended
    sessions plus the open one, which lasts until now while a process is attached (``live``),
    else until the last ping."""
    if active_since is not None:
        end = t if live else (ping_time or active_since)
        running_acc += max(0, end - active_since) / 1000.0
    return ("active" if live else "inactive"), running_acc, int(running_acc)


def _joined_set(joined: str | None) -> set[str]:
    return set() if joined is None else set(joined.split("\x1f"))


def check_sys_column(name: str) -> str:
    """Guard for column names that reach SQL text: only catalog columns are allowed."""
    if name not in SYS_COLUMNS:
        raise KeyError(name)
    return name


__all__ = ["SYS_COLUMNS", "CHUNK_POINTS", "SET_FIELDS", "gc_paused", "check_sys_column"]
