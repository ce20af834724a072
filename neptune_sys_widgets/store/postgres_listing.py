"""The PostgreSQL store's listing operations (``Listing`` in store/base.py): the same named
reads and bulk edits as store/sqlite_listing.py, with the same results.

Why it differs from the SQLite module: PostgreSQL's planner keeps statistics, so no filter
needs to be forced to drive a statement (``scan`` and ``limit`` are only hints here); lists
are bound as one array (``= ANY(%s)``), so nothing is chunked; liveness is judged against
the server's clock inside the statement. What keeps the results identical to SQLite's:
NULLs sort as SQLite sorts them (smallest), text sorts byte-wise (``COLLATE "C"``, SQLite's
``BINARY``), a user value orders numbers before text, and a float series' NaN last value
reads as None, as SQLite (which keeps a NaN REAL as NULL) gives it; and a text with a NUL
character, which PostgreSQL cannot bind or store, matches nothing instead of failing.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from .. import catalog
from . import postgres_schema as S
from .base import ListingFilter, Order
from .clock import liveness_timeout_ms

__all__ = ["PostgresListing"]

# catalog columns holding text: ordered byte-wise, as SQLite orders them
_TEXT_COLUMNS = {f.trait for f in catalog.FIELDS if f.storage == catalog.COLUMN
                 and f.type in (catalog.STRING, catalog.STAGE)}
# what a sys record holds (PostgresStore.sys_records), in column form
_SYS_NAMES = ("pk", "kind", "project_pk", "model_pk", "rev", *S.SYS_COLUMNS, "state",
              "running_time", "monitoring_time",
              *(f.trait for f in catalog.FIELDS if f.storage == catalog.SET),
              "family", "archived")
_LIVE = (f"EXISTS (SELECT 1 FROM attachments a WHERE a.object_pk = o.pk AND "
         f"a.last_ping >= {S.NOW_MS} - %s)")
# the value a user column sorts by: an attribute's, else the series' last value
_SORT_VALUE = """CROSS JOIN LATERAL (SELECT
  CASE WHEN a.value_i IS NOT NULL OR a.value_f IS NOT NULL OR a.value_s IS NOT NULL
       THEN coalesce(a.value_i::float8, a.value_f) ELSE nullif(s.last_f, 'NaN') END AS num,
  CASE WHEN a.value_i IS NOT NULL OR a.value_f IS NOT NULL OR a.value_s IS NOT NULL
       THEN a.value_s ELSE s.last_s END AS txt) v"""


def _check(column: str) -> str:
    if column not in S.SYS_COLUMNS:
        raise KeyError(column)
    return column


def _order_sql(order: Order) -> str:
    column, ascending = order
    d = "ASC" if ascending else "DESC"
    if column == "pk":
        return f"o.pk {d}"
    collate = ' COLLATE "C"' if column in _TEXT_COLUMNS else ""
    nulls = "NULLS FIRST" if ascending else "NULLS LAST"  # SQLite: NULL is the smallest
    return f"o.{_check(column)}{collate} {d} {nulls}, o.pk {d}"


def _storable(v: Any) -> bool:
    """Whether PostgreSQL can hold ``v``: no text of it contains NUL (none stored does)."""
    return not (isinstance(v, str) and "\x00" in v)


def _only_storable(values: Iterable[Any]) -> list[Any]:
    return [v for v in values if _storable(v)]


def _no_nan(v: Any) -> Any:
    return None if isinstance(v, float) and math.isnan(v) else v


class PostgresListing:
    """``store.listing()`` of a ``PostgresStore``."""

    def __init__(self, store: Any) -> None:
        self.store = store

    # ------------------------------------------------------------------ planning
    @staticmethod
    def _where(f: ListingFilter) -> tuple[list[str], list[Any]]:
        """The SQL conditions (``%s`` placeholders) and parameters of ``f``."""
        where = ["o.project_pk = %s", "o.kind = %s"]
        params: list[Any] = [f.project_pk, f.kind]
        if f.model_pk is not None:
            where.append("o.model_pk = %s")
            params.append(f.model_pk)
        if f.trashed is not None:
            # spelled so that the planner can use the column's statistics: with
            # coalesce() it guessed 0.5 % of a project's rows, and over 100k runs chose a
            # full sort of the project for a merge join instead of walking the listing
            # index to the first 100 matches (90 ms instead of a few)
            where.append("o.trashed = 1" if f.trashed else "(o.trashed = 0 OR o.trashed IS NULL)")
        if f.ids:
            where.append("o.id = ANY(%s)")
            params.append(_only_storable(f.ids))
        if f.owners:
            where.append("o.owner = ANY(%s)")
            params.append(_only_storable(f.owners))
        for t in f.tags:
            where.append("EXISTS (SELECT 1 FROM string_sets s WHERE s.object_pk = o.pk AND "
                         "s.path = 'sys/tags' AND s.value = %s)")
            params.append(t)
        for path, value in f.sets:
            where.append("EXISTS (SELECT 1 FROM string_sets s WHERE s.object_pk = o.pk AND "
                         "s.path = %s AND s.value = %s)")
            params.extend((path, value))
        for column, value in f.equal:
            where.append(f"o.{_check(column)} = %s")
            params.append(int(value) if isinstance(value, bool) else value)
        if not all(map(_storable, params)):  # a text PostgreSQL cannot bind: none stored
            return ["FALSE"], []
        if f.state is not None:
            where.append(_LIVE if f.state == "active" else "NOT " + _LIVE)
            params.append(liveness_timeout_ms())
        if f.pks is not None:
            where.append("o.pk = ANY(%s)")
            params.append(list(f.pks))
        return where, params

    def _pks(self, sql: str, params: Sequence[Any]) -> array:
        return array("q", (r[0] for r in self.store.read(sql, params)))

    # ---------------------------------------------------------- matching objects
    def sys_columns(self, f: ListingFilter, *, order: Order | None = None,
                    limit: int | None = None, scan: bool = False
                    ) -> dict[str, Sequence[Any]]:
        where, params = self._where(f)
        recs = self.store.sys_records(where, params,
                                      _order_sql(order if order is not None else ("pk", True)),
                                      limit)
        return {n: [r[n] for r in recs] for n in _SYS_NAMES}

    def column_values(self, f: ListingFilter, columns: Sequence[str], order: Order, *,
                      scan: bool = False) -> dict[str, list[Any]]:
        names = ["pk", *(_check(c) for c in columns)]
        where, params = self._where(f)
        rows = self.store.read(f"SELECT {', '.join('o.' + n for n in names)} FROM objects o "
                               f"WHERE {' AND '.join(where)} ORDER BY {_order_sql(order)}",
                               params)
        cols = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        return {n: list(c) for n, c in zip(names, cols, strict=True)}

    def list_pks(self, f: ListingFilter, order: Order, *, scan: bool = False,
                 limit: int | None = None) -> array:
        where, params = self._where(f)
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        return self._pks(f"SELECT o.pk FROM objects o WHERE {' AND '.join(where)} "
                         f"ORDER BY {_order_sql(order)}{tail}", params)

    def list_pks_by_user_value(self, f: ListingFilter, path: str, ascending: bool, *,
                               scan: bool = False, limit: int | None = None) -> array:
        """In SQLite's order of values: numbers before text, text byte-wise."""
        d = "ASC" if ascending else "DESC"
        where, params = self._where(f)
        if not _storable(path):  # nobody has it: ties, by pk
            return self.list_pks(f, ("pk", ascending), limit=limit)
        sql = ("SELECT o.pk FROM objects o LEFT JOIN attributes a ON a.object_pk = o.pk AND "
               "a.path = %s AND a.type <> 'string_set' LEFT JOIN series s ON "
               f"s.object_pk = o.pk AND s.path = %s {_SORT_VALUE} WHERE "
               f"{' AND '.join(where)} ORDER BY (v.num IS NULL AND v.txt IS NULL), "
               f'(v.txt IS NOT NULL) {d}, v.num {d}, v.txt COLLATE "C" {d}, o.pk {d}')
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._pks(sql, [path, path, *params])

    def count(self, f: ListingFilter) -> int:
        where, params = self._where(f)
        return int(self.store.read(f"SELECT count(*) FROM objects o WHERE "
                                   f"{' AND '.join(where)}", params)[0][0])

    def attribute_exists(self, project_pk: int, kind: str, model_pk: int | None, path: str,
                         part: bool = False) -> bool:
        if not _storable(path):
            return False
        match = "strpos(t.path, %s) > 0" if part else "t.path = %s"
        scope = "o.project_pk = %s AND o.kind = %s" + ("" if model_pk is None else
                                                         " AND o.model_pk = %s")
        params = [path, project_pk, kind] + ([] if model_pk is None else [model_pk])
        for table in ("attributes", "series", "string_sets"):
            if self.store.read(f"SELECT 1 FROM {table} t JOIN objects o ON o.pk = "
                               f"t.object_pk WHERE {match} AND {scope} LIMIT 1", params):
                return True
        return False

    # -------------------------------------------------------- values of objects
    @staticmethod
    def _only(paths: Iterable[str] | None, params: list[Any]) -> str:
        if paths is None:
            return ""
        params.append(sorted(set(_only_storable(paths))))
        return " AND path = ANY(%s)"

    def atom_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                  ) -> list[tuple[int, str, str, Any]]:
        params: list[Any] = [list(pks)]
        only = self._only(paths, params)
        return [(pk, p, t, S.join_value(i, fv, sv, b)) for pk, p, t, i, fv, sv, b in
                self.store.read("SELECT object_pk, path, type, value_i, value_f, value_s, "
                                f"value_b FROM attributes WHERE object_pk = ANY(%s){only}",
                                params)]

    def user_set_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                      ) -> list[tuple[int, str, str]]:
        params: list[Any] = [list(pks)]
        only = self._only(paths, params)
        return [tuple(r) for r in self.store.read(
            "SELECT object_pk, path, value FROM string_sets WHERE object_pk = ANY(%s) AND "
            f"path NOT LIKE 'sys/%%'{only}", params)]

    def series_last_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                         ) -> list[tuple[int, str, str, Any]]:
        params: list[Any] = [list(pks)]
        only = self._only(paths, params)
        return [(pk, p, t, _no_nan(lf) if t == "float" else ls) for pk, p, t, lf, ls in
                self.store.read("SELECT object_pk, path, type, last_f, last_s FROM series "
                                f"WHERE object_pk = ANY(%s){only}", params)]

    def float_chunks(self, pks: Sequence[int], paths: Sequence[str]
                     ) -> list[tuple[int, str, bytes]]:
        return [(pk, p, bytes(v)) for pk, p, v in self.store.read(
            "SELECT c.object_pk, c.path, c.vals FROM series_chunks c JOIN series s ON "
            "s.object_pk = c.object_pk AND s.path = c.path WHERE s.type = 'float' AND "
            "c.path = ANY(%s) AND c.object_pk = ANY(%s) ORDER BY c.object_pk, c.path, c.chunk",
            (sorted(set(_only_storable(paths))), list(pks)))]

    # ---------------------------------------------------------- the windowed table
    def window_sys_rows(self, pks: Sequence[int]) -> list[dict[str, Any]]:
        if not len(pks):
            return []
        by_pk = {rec["pk"]: rec for rec in self.store.sys_rows(list(pks))}
        return [by_pk[pk] for pk in pks if pk in by_pk]

    def ids_of(self, project_pk: int, kind: str) -> dict[int, str]:
        return dict(self.store.read("SELECT pk, id FROM objects WHERE project_pk = %s AND "
                                    "kind = %s", (project_pk, kind)))

    def objects_by_id(self, project_pk: int, kind: str, ids: Sequence[str]
                      ) -> dict[str, int]:
        return dict(self.store.read("SELECT id, pk FROM objects WHERE project_pk = %s AND "
                                    "kind = %s AND id = ANY(%s)",
                                    (project_pk, kind, _only_storable(ids))))

    def user_paths(self, project_pk: int, kind: str, limit: int = 500, sample: int = 5000
                   ) -> list[tuple[str, str]]:
        """As the SQLite store's: what the project's newest ``sample`` objects carry."""
        out: dict[str, str] = {}
        newest = ("SELECT pk FROM objects WHERE project_pk = %s AND kind = %s "
                  "ORDER BY creation_time DESC NULLS LAST, pk DESC LIMIT %s")  # the index
        for table in ("attributes", "series"):
            for path, type_ in self.store.read(
                    f"SELECT DISTINCT t.path, t.type FROM {table} t WHERE t.object_pk IN "
                    f"({newest}) AND t.path NOT LIKE 'sys/%%' AND t.type <> 'file' LIMIT %s",
                    (project_pk, kind, sample, limit)):
                out.setdefault(path, ("series:" if table == "series" else "") + type_)
        return sorted(out.items())[:limit]

    @staticmethod
    def _stamp(t: Any, pks: list[int], size: bool = True) -> None:
        t._x(f"UPDATE objects SET rev = {S.REV}, modification_time = {S.NOW_MS} "
             "WHERE pk = ANY(%s)", (pks,))
        if size:
            for pk in pks:
                t.recompute_size(pk)

    def bulk_set_op(self, pks: Sequence[int], path: str, op: str,
                    values: Sequence[str]) -> None:
        """Add or remove string-set ``values`` on every object, in one transaction, as set
        operations in SQL (concurrent editors lose nothing)."""
        if op not in ("add", "remove"):
            raise ValueError(op)
        pks, values = list(pks), list(values)

        def tx(t: Any) -> None:
            if op == "add":
                t._x("INSERT INTO string_sets SELECT p, %s, v FROM unnest(%s::bigint[]) p "
                     "CROSS JOIN unnest(%s::text[]) v ON CONFLICT DO NOTHING",
                     (path, pks, values))
            else:
                t._x("DELETE FROM string_sets WHERE object_pk = ANY(%s) AND path = %s AND "
                     "value = ANY(%s)", (pks, path, values))
            self._stamp(t, pks)
        self.store.write(tx)

    def bulk_columns(self, pks: Sequence[int], values: dict[str, Any]) -> None:
        assigns = ", ".join(f"{_check(c)} = %s" for c in values)
        pks = list(pks)

        def tx(t: Any) -> None:
            t._x(f"UPDATE objects SET {assigns} WHERE pk = ANY(%s)",
                 [*(int(v) if isinstance(v, bool) else v for v in values.values()), pks])
            self._stamp(t, pks, size=False)
        self.store.write(tx)

    def bulk_trash(self, pks: Sequence[int]) -> None:
        self.bulk_columns(pks, {"trashed": 1})
