"""The SQLite ``Transaction`` (store/base.py): the named write operations available inside
``SqliteStore.write(fn)``, so code outside ``store/`` never holds a connection."""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Sequence

from .clock import now_ms

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

    from .sqlite import SqliteStore

_OBJECT_COLS = "pk, kind, id, project_pk, model_pk, parent_pk"


class SqliteTx:
    __slots__ = ("store", "conn", "rev")

    def __init__(self, store: SqliteStore, conn: sqlite3.Connection, rev: int) -> None:
        self.store = store
        self.conn = conn
        self.rev = rev

    def now_ms(self) -> int:
        return now_ms()

    # -------------------------------------------------------------------- objects
    def insert_object(self, project_pk: int, kind: str, values: dict[str, Any], *,
                      model_pk: int | None = None, parent_pk: int | None = None) -> int:
        return self.store.insert_object(self.conn, self.rev, project_pk, kind, values,
                                        model_pk=model_pk, parent_pk=parent_pk)

    def next_run_number(self, project_pk: int) -> int:
        return self.store.next_run_number(self.conn, project_pk)

    def next_version_number(self, model_pk: int) -> int:
        return self.store.next_version_number(self.conn, model_pk)

    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None) -> tuple | None:
        return self.store.find_by_id(sys_id, kinds, _conn=self.conn)

    def find_by_custom_id(self, project_pk: int, custom_run_id: str) -> tuple | None:
        return self.store.find_by_custom_id(project_pk, custom_run_id, _conn=self.conn)

    def object_row(self, pk: int, columns: Sequence[str]) -> tuple | None:
        """Catalog columns of one object, read inside the transaction."""
        from .sqlite import check_sys_column
        cols = ", ".join(check_sys_column(c) for c in columns)
        return self.conn.execute(f"SELECT {cols} FROM objects WHERE pk = ?", (pk,)).fetchone()

    def set_columns(self, pk: int, values: dict[str, Any]) -> None:
        self.store.set_columns(self.conn, pk, values)

    def bump(self, pk: int) -> None:
        self.conn.execute("UPDATE objects SET rev = ? WHERE pk = ?", (self.rev, pk))

    def touch(self, pk: int, *, modified: bool = True, ping: bool = True,
              size: bool = False) -> None:
        self.store.touch(self.conn, pk, self.rev, modified=modified, ping=ping)
        if size:
            self.store.recompute_size(self.conn, pk)

    def recompute_size(self, pk: int) -> None:
        self.store.recompute_size(self.conn, pk)

    def raise_relative_creation_time(self, pk: int, ms: int) -> None:
        self.conn.execute("UPDATE objects SET relative_creation_time_ms = max(coalesce("
                          "relative_creation_time_ms, 0), ?) WHERE pk = ? AND kind = 'run'",
                          (ms, pk))

    def trash(self, pks: Sequence[int]) -> None:
        """Trash objects; a trashed model takes its versions with it (as in 1.x)."""
        self.conn.executemany("UPDATE objects SET trashed = 1, rev = ? WHERE pk = ? OR "
                              "(kind = 'model_version' AND model_pk = ?)",
                              [(self.rev, pk, pk) for pk in pks])

    def delete_objects(self, pks: Sequence[int]) -> None:
        self.store.delete_objects(self.conn, pks)

    def live_ids(self, project_pk: int, pinged_after_ms: int) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT o.id FROM objects o JOIN attachments a ON a.object_pk = o.pk "
            "WHERE o.project_pk = ? AND a.last_ping >= ? ORDER BY o.id",
            (project_pk, pinged_after_ms))]

    def check_project(self, project_pk: int) -> None:
        self.store.check_project(self.conn, project_pk)

    def delete_project(self, project_pk: int) -> None:
        pks = [r[0] for r in self.conn.execute(
            "SELECT pk FROM objects WHERE project_pk = ?", (project_pk,))]
        self.store.delete_objects(self.conn, pks)
        self.conn.execute("DELETE FROM projects WHERE pk = ?", (project_pk,))

    # ------------------------------------------------------- runs: forks, experiments
    def copy_fork_state(self, child_pk: int, parent_pk: int, *, configs: bool) -> None:
        """A fork starts with its parent's tags and group tags, and (``configs``) its
        attributes except monitoring ones, with the string sets among them."""
        c = self.conn
        c.execute("INSERT INTO string_sets SELECT ?, path, value FROM string_sets "
                  "WHERE object_pk = ? AND path IN ('sys/tags', 'sys/group_tags')",
                  (child_pk, parent_pk))
        if configs:
            c.execute("INSERT INTO attributes SELECT ?, path, type, value, seq "
                      "FROM attributes WHERE object_pk = ? AND path NOT LIKE "
                      "'monitoring/%'", (child_pk, parent_pk))
            c.execute("INSERT OR IGNORE INTO string_sets SELECT ?, s.path, s.value "
                      "FROM string_sets s JOIN attributes a ON a.object_pk = "
                      "s.object_pk AND a.path = s.path WHERE s.object_pk = ?",
                      (child_pk, parent_pk))

    def claim_experiment_head(self, project_pk: int, name: str, pk: int) -> None:
        """``pk`` becomes the head of experiment ``name``; the previous head stops being."""
        self.conn.execute("UPDATE objects SET experiment_is_head = 0, rev = ? WHERE "
                          "project_pk = ? AND experiment_name = ? AND pk != ? AND "
                          "experiment_is_head = 1", (self.rev, project_pk, name, pk))
        self.conn.execute("UPDATE objects SET experiment_is_head = 1, experiment_name = ? "
                          "WHERE pk = ?", (name, pk))

    def discard_requests(self, pk: int) -> None:
        """Stop/abort requests left for a session that is gone must not reach a new one."""
        self.conn.execute("UPDATE requests SET delivered_at = ? WHERE object_pk = ? AND "
                          "delivered_at IS NULL AND NOT EXISTS (SELECT 1 FROM attachments "
                          "WHERE object_pk = ?)", (now_ms(), pk, pk))

    # ---------------------------------------------------- sets, attributes, series
    def set_add(self, pk: int, path: str, values: Iterable[str]) -> None:
        self.store.set_add(self.conn, pk, path, values)

    def set_remove(self, pk: int, path: str, values: Iterable[str]) -> None:
        self.store.set_remove(self.conn, pk, path, values)

    def set_clear(self, pk: int, path: str) -> None:
        self.store.set_clear(self.conn, pk, path)

    def set_values(self, pk: int, path: str) -> set[str]:
        return {r[0] for r in self.conn.execute(
            "SELECT value FROM string_sets WHERE object_pk=? AND path=?", (pk, path))}

    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None:
        """(type, value) at ``path`` as this transaction sees it (a read-modify-write of a
        file set or an artifact must see the commits before it, not a cached read)."""
        return self.conn.execute("SELECT type, value FROM attributes WHERE object_pk=? AND "
                                 "path=?", (pk, path)).fetchone()

    def put_attribute(self, pk: int, path: str, type_: str, value: Any) -> None:
        self.store.put_attribute(self.conn, pk, path, type_, value)

    def put_attributes(self, pk: int, items: Sequence[tuple[str, str, Any]]) -> None:
        if len(items) < 2:
            for path, type_, value in items:
                self.store.put_attribute(self.conn, pk, path, type_, value)
            return
        # one executemany: a statement per row costs Python more than SQLite here (a new
        # run's session record and source code are a dozen rows)
        self.conn.executemany(
            "INSERT INTO attributes(object_pk, path, type, value, seq) VALUES (?,?,?,?,"
            "(SELECT coalesce(max(seq),0)+1 FROM attributes WHERE object_pk=?)) "
            "ON CONFLICT(object_pk, path) DO UPDATE SET type=excluded.type, "
            "value=excluded.value", [(pk, path, type_, value, pk) for path, type_, value in items])

    def delete_path(self, pk: int, path: str) -> int:
        return self.store.delete_path(self.conn, pk, path)

    def append_chunk(self, pk: int, path: str, type_: str, steps: array, values: Any,
                     timestamps: array) -> tuple[int, float]:
        return self.store.append_chunk(self.conn, pk, path, type_, steps, values, timestamps)

    # -------------------------------------------------------------------- liveness
    def attach(self, pk: int, pid: int, hostname: str, *, new: bool = False) -> int:
        """A new attachment of this process to ``pk`` (stale ones are reaped first, unless
        ``pk`` is new in this transaction)."""
        t = now_ms()
        if not new:
            self.store._reap(self.conn, pk, t)
        cur = self.conn.execute("INSERT INTO attachments(object_pk, pid, hostname, "
                                "attached_at, last_ping) VALUES (?,?,?,?,?)",
                                (pk, pid, hostname, t, t))
        self.conn.execute("UPDATE objects SET active_since = coalesce(active_since, ?), "
                          "ping_time = ?, rev = ? WHERE pk = ?", (t, t, self.rev, pk))
        assert cur.lastrowid is not None  # an INSERT sets it
        return cur.lastrowid

    def detach(self, attachment: int, pk: int) -> None:
        self.store.detach(self.conn, self.rev, attachment, pk)


def arity(fn: Any) -> int:
    """Positional parameters of ``fn``: write(fn) takes fn(tx); store-internal helpers may
    still pass fn(conn, rev)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return 1
    n = code.co_argcount - (1 if hasattr(fn, "__self__") else 0)
    return n


__all__ = ["SqliteTx", "arity", "os"]
