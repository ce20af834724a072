"""The SQLite store's series: points in chunks of up to ``CHUNK_POINTS`` per row (steps,
values and timestamps as packed arrays), and a per-series summary row with the last point."""

from __future__ import annotations

import math
import sqlite3
from array import array

from .series_arrays import FloatArrays, append_in_chunks, overtaken
from .sqlite_rows import CHUNK_POINTS

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


class SqliteSeries(FloatArrays):
    """Mixed into ``SqliteStore``."""

    conn: Any
    read: Any  # SqliteStore's (declared for the type checker)
    unsettled: int  # SqliteStore.__init__ sets it; settle() reads it

    # ------------------------------------------------------------------------ series
    def series_info(self, pk: int, path: str | None = None) -> list[tuple]:
        """(path, type, count, last_step, last_value, last_ts, seq) rows."""
        if path is None:
            rows = self.read("SELECT path, type, count, last_step, last_value, last_ts, seq "
                             "FROM series WHERE object_pk=? ORDER BY seq", (pk,))
        else:
            rows = self.read("SELECT path, type, count, last_step, last_value, last_ts, seq "
                             "FROM series WHERE object_pk=? AND path=?", (pk, path))
        # SQLite stores a NaN REAL as NULL: a float series' last value NULL was a NaN
        return [r if r[4] is not None or r[1] != "float" else (*r[:4], math.nan, *r[5:])
                for r in rows]

    def append_chunk(self, conn: sqlite3.Connection, pk: int, path: str, type_: str,
                     steps: array, values: list, timestamps: array) -> tuple[int, float]:
        """Append points whose steps increase; the ones not after the series' stored last
        step are left out (another process wrote to the series since this one looked,
        Transaction.append_chunk): (how many, that last step)."""
        n = len(steps)
        if not n:
            return 0, 0.0
        if n > CHUNK_POINTS:
            return append_in_chunks(lambda st, va, ts: self.append_chunk(
                conn, pk, path, type_, st, va, ts), steps, values, timestamps, CHUNK_POINTS)
        chunk, stored = conn.execute(
            "SELECT coalesce(max(chunk), -1) + 1, (SELECT last_step FROM series WHERE "
            "object_pk = ?1 AND path = ?2) FROM series_chunks WHERE object_pk = ?1 AND "
            "path = ?2", (pk, path)).fetchone()
        skipped, last = overtaken(steps, stored)
        if skipped:
            if skipped == n:
                return skipped, last
            steps, values, timestamps = steps[skipped:], values[skipped:], timestamps[skipped:]
            n -= skipped
        if type_ == "float":
            vals_blob = (values if type(values) is array else array("d", values)).tobytes()
        else:
            vals_blob = "\x1f".join(values).encode()
        self.unsettled += len(vals_blob) + 16 * n  # (settle(): steps and times 8 B each)
        conn.execute("INSERT INTO series_chunks VALUES (?,?,?,?,?,?,?,?,?)",
                     (pk, path, chunk, steps[0], steps[-1], n, steps.tobytes(), vals_blob,
                      timestamps.tobytes()))
        conn.execute(
            "INSERT INTO series(object_pk, path, type, count, last_step, last_value, last_ts, "
            "seq) VALUES (?,?,?,?,?,?,?, (SELECT coalesce(max(seq),0)+1 FROM series "
            "WHERE object_pk=?)) ON CONFLICT(object_pk, path) DO UPDATE SET "
            "count = count + excluded.count, last_step = excluded.last_step, "
            "last_value = excluded.last_value, last_ts = excluded.last_ts",
            (pk, path, type_, n, steps[-1], values[-1], timestamps[-1], pk))
        return skipped, last

    def series_points(self, pk: int, path: str, max_step: float | None = None
                      ) -> tuple[str, array, list, array] | None:
        info = self.series_info(pk, path)
        if not info:
            return None
        type_ = info[0][1]
        steps, tss = array("d"), array("d")
        values: list = []
        for s, v, t in self.read("SELECT steps, vals, ts FROM series_chunks WHERE object_pk=? "
                                 "AND path=? ORDER BY chunk", (pk, path)):
            steps.frombytes(s)
            tss.frombytes(t)
            if type_ == "float":
                values.extend(array("d", v))
            else:
                values.extend(v.decode().split("\x1f"))
        if max_step is not None:
            keep = sum(1 for s in steps if s <= max_step)
            steps, tss, values = steps[:keep], tss[:keep], values[:keep]
        return type_, steps, values, tss
