"""The SQLite store's listing operations (``Listing`` in store/base.py): the reads behind
``fetch_*_table``, NQL pushdown and the windowed runs table, and its bulk edits.

Why the SQL is shaped like this: SQLite's planner has no statistics to choose an index
with. The listing index (project, kind, creation_time) serves the default sort and stops at
``limit``: right when matches are common. When a filter is selective (the active runs, a
rare tag) the statement is driven from that filter's index instead, and the listing index
is hidden from the planner (unary ``+``); so is it when every match is wanted (``scan``), as
a sequential scan then beats a random row lookup per object. Reads of many objects are
chunked to stay under SQLite's bound-parameter limit. A bulk edit is one transaction, so
tagging 1,000 selected runs is one commit, not 1,000.
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections.abc import Iterable, Sequence

from .clock import liveness_timeout_ms, now_ms
from .sqlite_rows import check_sys_column

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .base import ListingFilter, Order

__all__ = ["SqliteListing"]

_CHUNK = 900  # bound parameters per statement
_PATHS_IN_SQL = 100  # at most this many paths are bound; more are filtered in Python


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _collect(cur: sqlite3.Cursor) -> array:
    out = array("q")
    while True:
        rows = cur.fetchmany(10_000)
        if not rows:
            return out
        out.extend(r[0] for r in rows)


def _order_sql(order: Order) -> str:
    column, ascending = order
    d = "ASC" if ascending else "DESC"
    if column == "pk":
        return f"o.pk {d}"
    return f"o.{check_sys_column(column)} {d}, o.pk {d}"


class SqliteListing:
    """``store.listing()`` of a ``SqliteStore``."""

    def __init__(self, store: Any) -> None:
        self.store = store

    # ------------------------------------------------------------------ planning
    def _driving_filter(self, f: ListingFilter, limit: int | None
                        ) -> tuple[str, str | None] | None:
        """Which selective filter should drive the statement, if any.

        Active runs are few (one attachment per live process), so ``state="active"`` always
        drives. A tag drives when it is rare enough: walking the listing index costs about
        ``limit * N / m`` index steps until ``limit`` matches are found (``N`` objects, ``m``
        carrying the tag), driving from the tag about ``2.5 * m`` (a lookup per match, then
        a sort). ``m`` is counted with a cap, so the check never costs more than it can
        save."""
        if f.state == "active":
            return ("live", None)
        if not f.tags:
            return None
        read = self.store.read
        n = read("SELECT coalesce(max(pk), 0) FROM objects")[0][0]
        cap = int(n / 2.5) if limit is None else int(math.sqrt(limit * n / 2.5))
        best = None
        for t in f.tags:
            m = read("SELECT count(*) FROM (SELECT 1 FROM string_sets WHERE "
                     "path = 'sys/tags' AND value = ? LIMIT ?)", (t, cap + 1))[0][0]
            if m <= cap and (best is None or m < best[0]):
                best = (m, t)
        return None if best is None else ("tag", best[1])

    def _where(self, f: ListingFilter, limit: int | None = None, scan: bool = False
               ) -> tuple[list[str], list[Any]]:
        """The SQL conditions (and their parameters) of ``f``."""
        drive = self._driving_filter(f, limit)
        hide = "+" if drive or scan else ""
        where = [f"{hide}o.project_pk = ?", f"{hide}o.kind = ?"]
        params: list[Any] = [f.project_pk, f.kind]
        if f.model_pk is not None:
            where.append("o.model_pk = ?")
            params.append(f.model_pk)
        if f.trashed is not None:
            where.append("coalesce(o.trashed, 0) = ?")
            params.append(1 if f.trashed else 0)
        if f.ids:
            where.append(f"o.id IN ({_marks(len(f.ids))})")
            params.extend(f.ids)
        if f.owners:
            where.append(f"o.owner IN ({_marks(len(f.owners))})")
            params.extend(f.owners)
        for t in f.tags:
            if drive == ("tag", t):
                where.append("o.pk IN (SELECT s.object_pk FROM string_sets s WHERE "
                             "s.path = 'sys/tags' AND s.value = ?)")
            else:
                where.append("EXISTS (SELECT 1 FROM string_sets s WHERE s.object_pk = o.pk "
                             "AND s.path = 'sys/tags' AND s.value = ?)")
            params.append(t)
        for path, value in f.sets:
            where.append("EXISTS (SELECT 1 FROM string_sets s WHERE s.object_pk = o.pk AND "
                         "s.path = ? AND s.value = ?)")
            params.extend((path, value))
        for column, value in f.equal:
            where.append(f"o.{check_sys_column(column)} = ?")
            params.append(value)
        if f.state is not None:
            cutoff = now_ms() - liveness_timeout_ms()
            live = ("EXISTS (SELECT 1 FROM attachments a WHERE a.object_pk = o.pk AND "
                    "a.last_ping >= ?)")
            if drive == ("live", None):
                where.append("o.pk IN (SELECT a.object_pk FROM attachments a WHERE "
                             "a.last_ping >= ?)")
            elif f.state == "active":
                where.append(live)
            else:  # the few live pks, read once: a lookup per row instead of a subquery
                where.append("o.pk NOT IN (SELECT a.object_pk FROM attachments a WHERE "
                             "a.last_ping >= ?)")
            params.append(cutoff)
        if f.pks is not None:
            where.append(f"o.pk IN ({_marks(len(f.pks))})")
            params.extend(f.pks)
        return where, params

    # ---------------------------------------------------------- matching objects
    def sys_columns(self, f: ListingFilter, *, order: Order | None = None,
                    limit: int | None = None, scan: bool = False
                    ) -> dict[str, Sequence[Any]]:
        where, params = self._where(f, limit, scan)
        return self.store.sys_columns(where=" AND ".join(where), params=params,
                                      order="" if order is None else _order_sql(order),
                                      limit=limit)

    def column_values(self, f: ListingFilter, columns: Sequence[str], order: Order, *,
                      scan: bool = False) -> dict[str, list[Any]]:
        names = ["pk", *(check_sys_column(c) for c in columns)]
        where, params = self._where(f, scan=scan)
        sql = f"SELECT {', '.join('o.' + n for n in names)} FROM objects o WHERE " + \
            " AND ".join(where) + " ORDER BY " + _order_sql(order)
        rows = self.store.conn.execute(sql, params).fetchall()
        cols = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        return {n: list(c) for n, c in zip(names, cols, strict=True)}

    def list_pks(self, f: ListingFilter, order: Order, *, scan: bool = False,
                 limit: int | None = None) -> array:
        # The listing index serves a limit only in its own order (creation time), and only
        # while matches are common: walking it for a rare name or owner costs a row lookup
        # per object. Otherwise a scan and a bounded sort (~15 ms over 100k) are the bound,
        # and a filter's index drives as it would for every match (the limit stops nothing).
        if limit is not None and (order[0] != "creation_time" or f.equal or f.sets or
                                  f.owners or f.ids):
            scan = True
        where, params = self._where(f, None if scan else limit, scan=scan)
        sql = "SELECT o.pk FROM objects o WHERE " + " AND ".join(where) + \
            " ORDER BY " + _order_sql(order)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _collect(self.store.conn.execute(sql, params))

    def list_pks_by_user_value(self, f: ListingFilter, path: str, ascending: bool, *,
                               scan: bool = False, limit: int | None = None) -> array:
        """In SQLite's order of values (numbers before text)."""
        d = "ASC" if ascending else "DESC"
        where, params = self._where(f, scan=True)  # a bounded sort of every match
        sql = ("SELECT o.pk FROM objects o LEFT JOIN attributes a ON a.object_pk = o.pk AND "
               "a.path = ? AND a.type != 'string_set' LEFT JOIN series s ON "
               "s.object_pk = o.pk AND s.path = ? WHERE " + " AND ".join(where) +
               f" ORDER BY coalesce(a.value, s.last_value) IS NULL, "
               f"coalesce(a.value, s.last_value) {d}, o.pk {d}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _collect(self.store.conn.execute(sql, [path, path, *params]))

    def count(self, f: ListingFilter) -> int:
        where, params = self._where(f, scan=True)
        return int(self.store.conn.execute(
            "SELECT count(*) FROM objects o WHERE " + " AND ".join(where), params
        ).fetchone()[0])

    def attribute_exists(self, project_pk: int, kind: str, model_pk: int | None, path: str,
                         part: bool = False) -> bool:
        match = "instr(t.path, ?) > 0" if part else "t.path = ?"
        scope = "o.project_pk = ? AND o.kind = ?" + ("" if model_pk is None else
                                                       " AND o.model_pk = ?")
        params = [path, project_pk, kind] + ([] if model_pk is None else [model_pk])
        for table in ("attributes", "series", "string_sets"):
            if self.store.read(f"SELECT 1 FROM {table} t JOIN objects o ON o.pk = "
                               f"t.object_pk WHERE {match} AND {scope} LIMIT 1", params):
                return True
        return False

    # -------------------------------------------------------- values of objects
    def _by_chunk(self, sql: str, pks: Sequence[int], paths: Iterable[str] | None
                  ) -> list[tuple]:
        """Rows of ``sql`` (its ``{pks}`` and ``{only}`` filled) over chunks of ``pks``."""
        wanted = None if paths is None else set(paths)
        bound: list[str] = []
        only = ""
        if wanted is not None and len(wanted) <= _PATHS_IN_SQL:
            bound = sorted(wanted)
            only = f" AND path IN ({_marks(len(bound))})"
            wanted = None  # SQL filters them
        step = _CHUNK - len(bound)
        out: list[tuple] = []
        for i in range(0, len(pks), step):
            part = list(pks[i:i + step])
            rows = self.store.read(sql.format(pks=_marks(len(part)), only=only),
                                   [*part, *bound])
            out += rows if wanted is None else [r for r in rows if r[1] in wanted]
        return out

    def atom_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                  ) -> list[tuple[int, str, str, Any]]:
        return self._by_chunk("SELECT object_pk, path, type, value FROM attributes "
                              "WHERE object_pk IN ({pks}){only}", pks, paths)

    def user_set_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                      ) -> list[tuple[int, str, str]]:
        return self._by_chunk("SELECT object_pk, path, value FROM string_sets WHERE "
                              "object_pk IN ({pks}) AND path NOT LIKE 'sys/%'{only}",
                              pks, paths)

    def series_last_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                         ) -> list[tuple[int, str, str, Any]]:
        return self._by_chunk("SELECT object_pk, path, type, last_value FROM series "
                              "WHERE object_pk IN ({pks}){only}", pks, paths)

    def float_chunks(self, pks: Sequence[int], paths: Sequence[str]
                     ) -> list[tuple[int, str, bytes]]:
        paths = sorted(set(paths))
        out: list[tuple[int, str, bytes]] = []
        step = _CHUNK - len(paths)
        for i in range(0, len(pks), step):
            part = list(pks[i:i + step])
            out += self.store.read(
                f"SELECT c.object_pk, c.path, c.vals FROM series_chunks c JOIN series s ON "
                f"s.object_pk = c.object_pk AND s.path = c.path WHERE s.type = 'float' AND "
                f"c.path IN ({_marks(len(paths))}) AND c.object_pk IN ({_marks(len(part))}) "
                f"ORDER BY c.object_pk, c.path, c.chunk", paths + part)
        return out

    # ---------------------------------------------------------- the windowed table
    def window_sys_rows(self, pks: Sequence[int]) -> list[dict[str, Any]]:
        """Sys values of these objects (as ``sys_rows``), in the order given."""
        by_pk: dict[int, dict[str, Any]] = {}
        for i in range(0, len(pks), _CHUNK):
            for rec in self.store.sys_rows(list(pks[i:i + _CHUNK])):
                by_pk[rec["pk"]] = rec
        return [by_pk[pk] for pk in pks if pk in by_pk]

    def ids_of(self, project_pk: int, kind: str) -> dict[int, str]:
        """pk -> sys/id of every object of ``kind`` in the project."""
        return dict(self.store.read("SELECT pk, id FROM objects WHERE project_pk = ? AND "
                                    "kind = ?", (project_pk, kind)))

    def objects_by_id(self, project_pk: int, kind: str, ids: Sequence[str]
                      ) -> dict[str, int]:
        """sys/id -> pk for the ids that name an object of ``kind`` in the project."""
        out: dict[str, int] = {}
        ids = list(ids)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            for sys_id, pk in self.store.read(
                    f"SELECT id, pk FROM objects WHERE project_pk = ? AND kind = ? AND id IN "
                    f"({_marks(len(part))})", [project_pk, kind, *part]):
                out[sys_id] = pk
        return out

    def user_paths(self, project_pk: int, kind: str, limit: int = 500, sample: int = 5000
                   ) -> list[tuple[str, str]]:
        """(path, type) of the user atoms and series that the project's newest ``sample``
        objects of ``kind`` carry, at most ``limit`` of them: a column chooser is not a
        schema browser, and reading every attribute of 100k runs to fill it would cost more
        than opening the table."""
        out: dict[str, str] = {}
        # newest by creation time: the listing index's own order, so SQLite walks
        # ``sample`` entries of it (ordering by pk read and sorted every object first)
        newest = ("SELECT pk FROM objects WHERE project_pk = ? AND kind = ? "
                  "ORDER BY creation_time DESC LIMIT ?")
        for table in ("attributes", "series"):
            for path, type_ in self.store.read(
                    f"SELECT DISTINCT t.path, t.type FROM {table} t WHERE t.object_pk IN "
                    f"({newest}) AND t.path NOT LIKE 'sys/%' AND t.type != 'file' LIMIT ?",
                    (project_pk, kind, sample, limit)):
                out.setdefault(path, ("series:" if table == "series" else "") + type_)
        return sorted(out.items())[:limit]

    def _stamp(self, conn: sqlite3.Connection, rev: int, pks: Sequence[int],
               size: bool = True) -> None:
        t = now_ms()
        conn.executemany("UPDATE objects SET rev = ?, modification_time = ? WHERE pk = ?",
                         [(rev, t, pk) for pk in pks])
        if size:
            for pk in pks:
                self.store.recompute_size(conn, pk)

    def bulk_set_op(self, pks: Sequence[int], path: str, op: str,
                    values: Sequence[str]) -> None:
        """Add (``op="add"``) or remove string-set ``values`` at ``path`` on every object,
        in one transaction; as set operations in SQL, so concurrent editors lose nothing."""
        if op not in ("add", "remove"):
            raise ValueError(op)
        values = list(values)

        def tx(conn: sqlite3.Connection, rev: int) -> None:
            if op == "add":
                conn.executemany("INSERT OR IGNORE INTO string_sets VALUES (?,?,?)",
                                 [(pk, path, v) for pk in pks for v in values])
            else:
                conn.executemany("DELETE FROM string_sets WHERE object_pk=? AND path=? AND "
                                 "value=?", [(pk, path, v) for pk in pks for v in values])
            self._stamp(conn, rev, pks)
        self.store.write(tx)

    def bulk_columns(self, pks: Sequence[int], values: dict[str, Any]) -> None:
        """Set catalog columns (``stage``, ``failed``, ...) on every object in one commit."""
        names = [check_sys_column(c) for c in values]
        assigns = ", ".join(f"{c} = ?" for c in names)

        def tx(conn: sqlite3.Connection, rev: int) -> None:
            conn.executemany(f"UPDATE objects SET {assigns} WHERE pk = ?",
                             [(*values.values(), pk) for pk in pks])
            self._stamp(conn, rev, pks, size=False)
        self.store.write(tx)

    def bulk_trash(self, pks: Sequence[int]) -> None:
        """Mark objects trashed (as ``management.trash_objects``), in one commit."""
        self.bulk_columns(pks, {"trashed": 1})
