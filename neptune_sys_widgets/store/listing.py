"""Store operations of the windowed tables (DESIGN decision 12).

A table widget holds a query, not its rows: these functions give the ordered primary keys
of a listing (8 bytes per match, kept as an ``array``), read one window of rows by key, name
the user attributes a project has (for the column chooser), and apply a bulk edit to many
objects in one transaction, so tagging 1,000 selected runs is one commit, not 1,000.

They take SQL fragments built by ``objects/tables.py`` from catalog columns only
(``check_sys_column``); values are always bound parameters.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from typing import Any

from .sqlite import SqliteStore, check_sys_column, now_ms

__all__ = ["list_pks", "list_pks_by_user_value", "column_values", "user_paths",
           "objects_by_id", "bulk_set_op", "bulk_trash", "bulk_columns", "window_sys_rows"]

# SQLite binds at most 32,766 parameters; keep well below in chunked reads
_CHUNK = 900


def list_pks(store: SqliteStore, where: Sequence[str], params: Sequence[Any], order: str,
             limit: int | None = None) -> array:
    """The pks of the objects matching ``where`` (joined with AND), in ``order``."""
    sql = "SELECT o.pk FROM objects o"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if order:
        sql += " ORDER BY " + order
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = array("q")
    cur = store.conn.execute(sql, list(params))
    while True:
        rows = cur.fetchmany(10_000)
        if not rows:
            return out
        out.extend(r[0] for r in rows)


def list_pks_by_user_value(store: SqliteStore, where: Sequence[str], params: Sequence[Any],
                           path: str, ascending: bool) -> array:
    """The pks matching ``where``, ordered by the user attribute at ``path`` (or, for a
    series, its last value) in SQLite's order (numbers before text); objects without it
    come last, ties by pk."""
    d = "ASC" if ascending else "DESC"
    sql = ("SELECT o.pk FROM objects o LEFT JOIN attributes a ON a.object_pk = o.pk AND "
           "a.path = ? AND a.type != 'string_set' LEFT JOIN series s ON s.object_pk = o.pk "
           "AND s.path = ?")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (f" ORDER BY coalesce(a.value, s.last_value) IS NULL, "
            f"coalesce(a.value, s.last_value) {d}, o.pk {d}")
    out = array("q")
    cur = store.conn.execute(sql, [path, path, *params])
    while True:
        rows = cur.fetchmany(10_000)
        if not rows:
            return out
        out.extend(r[0] for r in rows)


def column_values(store: SqliteStore, where: Sequence[str], params: Sequence[Any],
                  traits: Sequence[str], order: str = "") -> dict[str, list[Any]]:
    """``pk`` and the named catalog columns of the matching objects, one list each."""
    names = ["pk", *(check_sys_column(t) for t in traits)]
    sql = f"SELECT {', '.join('o.' + n for n in names)} FROM objects o"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if order:
        sql += " ORDER BY " + order
    rows = store.conn.execute(sql, list(params)).fetchall()
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return {n: list(c) for n, c in zip(names, cols, strict=True)}


def window_sys_rows(store: SqliteStore, pks: Sequence[int]) -> list[dict[str, Any]]:
    """Sys values of these objects (as ``SqliteStore.sys_rows``), in the order given."""
    if not pks:
        return []
    by_pk: dict[int, dict[str, Any]] = {}
    for i in range(0, len(pks), _CHUNK):
        for rec in store.sys_rows(list(pks[i:i + _CHUNK])):
            by_pk[rec["pk"]] = rec
    return [by_pk[pk] for pk in pks if pk in by_pk]


def user_paths(store: SqliteStore, project_pk: int, kind: str, limit: int = 500,
               sample: int = 5000) -> list[tuple[str, str]]:
    """(path, type) of the user atoms and series that the project's newest ``sample``
    objects of ``kind`` carry, at most ``limit`` of them: a column chooser is not a schema
    browser, and reading every attribute of 100k runs to fill it would cost more than
    opening the table."""
    out: dict[str, str] = {}
    newest = ("SELECT pk FROM objects WHERE project_pk = ? AND kind = ? "
              "ORDER BY pk DESC LIMIT ?")
    for table in ("attributes", "series"):
        for path, type_ in store.read(
                f"SELECT DISTINCT t.path, t.type FROM {table} t WHERE t.object_pk IN "
                f"({newest}) AND t.path NOT LIKE 'sys/%' AND t.type != 'file' LIMIT ?",
                (project_pk, kind, sample, limit)):
            out.setdefault(path, ("series:" if table == "series" else "") + type_)
    return sorted(out.items())[:limit]


def objects_by_id(store: SqliteStore, project_pk: int, kind: str, ids: Sequence[str]
                  ) -> dict[str, int]:
    """sys/id -> pk for the ids that name an object of ``kind`` in the project."""
    out: dict[str, int] = {}
    ids = list(ids)
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        for sys_id, pk in store.read(
                f"SELECT id, pk FROM objects WHERE project_pk = ? AND kind = ? AND id IN "
                f"({','.join('?' * len(part))})", [project_pk, kind, *part]):
            out[sys_id] = pk
    return out


def _stamp(store: SqliteStore, conn: sqlite3.Connection, rev: int, pks: Sequence[int],
           size: bool = True) -> None:
    t = now_ms()
    conn.executemany("UPDATE objects SET rev = ?, modification_time = ? WHERE pk = ?",
                     [(rev, t, pk) for pk in pks])
    if size:
        for pk in pks:
            store.recompute_size(conn, pk)


def bulk_set_op(store: SqliteStore, pks: Sequence[int], path: str, op: str,
                values: Sequence[str]) -> None:
    """Add (``op="add"``) or remove string-set ``values`` at ``path`` on every object, in
    one transaction; as set operations in SQL, so concurrent editors lose nothing."""
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
        _stamp(store, conn, rev, pks)
    store.write(tx)


def bulk_columns(store: SqliteStore, pks: Sequence[int], values: dict[str, Any]) -> None:
    """Set catalog columns (``stage``, ``failed``, ...) on every object in one commit."""
    names = [check_sys_column(c) for c in values]
    assigns = ", ".join(f"{c} = ?" for c in names)

    def tx(conn: sqlite3.Connection, rev: int) -> None:
        conn.executemany(f"UPDATE objects SET {assigns} WHERE pk = ?",
                         [(*values.values(), pk) for pk in pks])
        _stamp(store, conn, rev, pks, size=False)
    store.write(tx)


def bulk_trash(store: SqliteStore, pks: Sequence[int]) -> None:
    """Mark objects trashed (as ``management.trash_objects``), in one commit."""
    bulk_columns(store, pks, {"trashed": 1})
