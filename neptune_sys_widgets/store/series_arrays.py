"""A float series' stored chunks as two C arrays (steps, values), with no Python object
per point: what bucketing and charts read, where ``series_points`` builds a list per
value. Shared by both backends; each runs its own SELECT of the chunks. Also what both
backends' ``append_chunk`` share: slicing a long append, and which points another
process's steps overtook."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


def arrays_from_chunks(rows: Iterable[tuple[bytes, ...]], max_step: float | None
                       ) -> tuple[array, ...]:
    """``rows``: (steps, vals[, ts]) BLOBs of the chunks in chunk order, one array per
    column. ``max_step``: keep the points at or before it (a fork's ancestor, read up to
    the fork step)."""
    columns: tuple[array, ...] | None = None
    for row in rows:
        if columns is None:
            columns = tuple(array("d") for _ in row)
        for column, blob in zip(columns, row, strict=True):
            column.frombytes(bytes(blob))
    if columns is None:
        columns = (array("d"), array("d"))
    if max_step is not None:
        keep = bisect_right(columns[0], max_step)
        for column in columns:
            del column[keep:]
    return columns


class FloatArrays:
    """``Store.float_arrays`` for both backends (each names its parameter mark)."""

    param_mark = "?"

    def float_arrays(self, pk: int, path: str, max_step: float | None = None
                     ) -> tuple[array, array] | None:
        """(steps, values) of a float series as arrays; None if it is not one."""
        info = self.series_info(pk, path)  # type: ignore[attr-defined]
        if not info or info[0][1] != "float":
            return None
        m = self.param_mark
        sql = f"SELECT steps, vals FROM series_chunks WHERE object_pk = {m} AND path = {m} " \
              "ORDER BY chunk"
        rows = self.read(sql, (pk, path))  # type: ignore[attr-defined]
        steps, values = arrays_from_chunks(rows, max_step)[:2]
        return steps, values

    def float_columns(self, pk: int, path: str, max_step: float | None = None, *,
                      after_step: float | None = None, timestamps: bool = False
                      ) -> tuple[array, ...] | None:
        """(steps, values[, timestamps in s]) of a float series, only the points after
        ``after_step`` if given: a live chart reads the new tail, not the million points it
        holds already; a chart by time needs the third column."""
        info = self.series_info(pk, path)  # type: ignore[attr-defined]
        if not info or info[0][1] != "float":
            return None
        m = self.param_mark
        cols = "steps, vals, ts" if timestamps else "steps, vals"
        sql = f"SELECT {cols} FROM series_chunks WHERE object_pk = {m} AND path = {m}"
        if after_step is None:
            rows = self.read(sql + " ORDER BY chunk", (pk, path))  # type: ignore[attr-defined]
        else:
            rows = self._tail_chunks(sql.replace("SELECT ", "SELECT first_step, ", 1),
                                     pk, path, after_step)
        got = arrays_from_chunks(rows, max_step)
        if timestamps and len(got) == 2:  # no chunk at all
            got = (*got, array("d"))
        if after_step is not None and got[0] and got[0][0] <= after_step:
            cut = bisect_right(got[0], after_step)
            for column in got:
                del column[:cut]
        return got

    def _tail_chunks(self, sql: str, pk: int, path: str, after_step: float) -> list[tuple]:
        """The last chunks, back to the one holding ``after_step``, in chunk order: read
        newest first, 1, 4, 16... at a time, by primary key. (A ``last_step > ?`` filter
        would look at every chunk row of the series, which SQLite reads through its
        blobs' overflow pages: ~12 ms for a million points, per new point.)"""
        limit = 1
        while True:
            rows = self.read(f"{sql} ORDER BY chunk DESC LIMIT {limit}",  # type: ignore[attr-defined]
                             (pk, path))
            if len(rows) < limit or rows[-1][0] <= after_step:
                return [tuple(r[1:]) for r in reversed(rows)]
            limit *= 4


__all__ = ["arrays_from_chunks", "FloatArrays"]


def overtaken(steps: array, stored: float | None) -> tuple[int, float]:
    """How many of ``steps`` (increasing) are not after a series' ``stored`` last step,
    and that step (0.0 when none is): the points an ``append_chunk`` leaves out because
    another process logged the series past them (``Transaction.append_chunk``)."""
    if stored is None or steps[0] > stored:
        return 0, 0.0
    return bisect_right(steps, stored), float(stored)


def append_in_chunks(append: Callable[[array, Any, array], tuple[int, float]], steps: array,
                     values: Any, timestamps: array, size: int) -> tuple[int, float]:
    """``append`` over ``size``-point slices (bounded rows: a 100k-point flush must not
    build MB-size blobs); the points left out, summed, and the highest overtaking step."""
    skipped, last = 0, 0.0
    for i in range(0, len(steps), size):
        j = i + size
        k, last_k = append(steps[i:j], values[i:j], timestamps[i:j])
        skipped, last = skipped + k, max(last, last_k)
    return skipped, last
