"""A float series' stored chunks as two C arrays (steps, values), with no Python object
per point: what bucketing and charts read, where ``series_points`` builds a list per
value. Shared by both backends; each runs its own SELECT of the chunks."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable


def arrays_from_chunks(rows: Iterable[tuple[bytes, bytes]], max_step: float | None
                       ) -> tuple[array, array]:
    """``rows``: (steps, vals) BLOBs of the chunks in chunk order. ``max_step``: keep the
    points at or before it (a fork's ancestor, read up to the fork step)."""
    steps, values = array("d"), array("d")
    for s, v in rows:
        steps.frombytes(bytes(s))
        values.frombytes(bytes(v))
    if max_step is not None:
        keep = bisect_right(steps, max_step)
        del steps[keep:], values[keep:]
    return steps, values


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
        return arrays_from_chunks(rows, max_step)


__all__ = ["arrays_from_chunks", "FloatArrays"]
