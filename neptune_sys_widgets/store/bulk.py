"""Bulk operations for import, export and store-to-store copy (``neptune_sys_widgets.interop``).

Why a module of its own: an import writes objects with ids, times and counters that came
from elsewhere (a neptune-exporter tree, another store), which the object API never does:
it allocates ids and stamps times itself. These operations keep the store's invariants
(ids unique, counters past every id, one revision per commit) while taking the values as
given, and they are the only SQL interop needs, so a second store backend implements this
the protocol ``store.base.Bulk`` (this module's :class:`SqliteBulk` does for SQLite) and
import, export and copy work on it unchanged.

``bulk_for(store)`` picks the store's implementation (this module's :class:`SqliteBulk`
for SQLite, store/postgres_bulk.py's for PostgreSQL). Everything that writes takes the
transaction handle that ``bulk.group().write(fn)`` passes to ``fn`` (opaque to callers: the
store's own ``Transaction``): each object is written in a savepoint of its own, so a damaged
input leaves nothing of that object behind.

Imported objects also get a row in ``imported_objects``: the generation of the client that
made them and the exact list of ``sys/`` rows the export held (path and type), so that an
export writes back the same rows. The table is created on first use (stores that never saw
an import do not have it) and is keyed by the object's pk and checked against its id.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..exceptions import StoreError
from . import schema
from .base import Bulk
from .sqlite import CHUNK_POINTS, NEXT_REV_SQL, SqliteStore
from .sqlite_tx import SqliteTx

_SYS_COLUMNS = frozenset(schema.sys_columns())
_META_DDL = ("CREATE TABLE IF NOT EXISTS imported_objects (object_pk INTEGER PRIMARY KEY, "
             "id TEXT, meta TEXT NOT NULL)")


class WriteGroup:
    """Several objects' writes in one commit, each object in a savepoint of its own.

    Why: an import of 10,000 small runs paid a BEGIN, a revision read and a COMMIT per run,
    a fifth of its time. A savepoint keeps the promise that matters (a run that fails is
    rolled back alone, nothing of it stays) while the commit is paid once per group. A
    group is committed after ``max_objects`` objects or ``max_seconds``, so other writers
    (a training script) wait at most that long for the write lock. Reads on this thread's
    connection see the open group, so conflict checks stay exact.
    """

    def __init__(self, store: SqliteStore, max_objects: int = 64,
                 max_seconds: float = 0.2) -> None:
        self.store, self.max_objects, self.max_seconds = store, max_objects, max_seconds
        self._conn: sqlite3.Connection | None = None
        self._tx: SqliteTx | None = None
        self._n = 0
        self._t0 = 0.0

    def write(self, fn: Any) -> Any:
        """``fn(tx)`` inside the open group (opened on demand); an exception from it rolls
        back only what it wrote, and propagates."""
        import time
        if self._conn is None:
            self.store.check_writable()
            conn = self.store.conn
            try:  # (a Ctrl-C raised as BEGIN returns must not leave the group open)
                self.store._retry(lambda: conn.execute("BEGIN IMMEDIATE"))
                self._tx = SqliteTx(self.store, conn,
                                    conn.execute(NEXT_REV_SQL).fetchone()[0])
                conn.execute(_META_DDL)  # once a group, not per object (set_meta needs it)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            self._conn, self._n, self._t0 = conn, 0, time.monotonic()
        conn = self._conn
        conn.execute("SAVEPOINT nsw_object")
        try:
            out = fn(self._tx)
        except BaseException as e:
            if not conn.in_transaction:  # SQLite rolled the whole group back (a full disk)
                self._conn = None  # so an import stops instead of counting its objects
                if isinstance(e, StoreError):
                    raise  # (it names the disk)
                raise StoreError(f"store {self.store.path!r}: the open group of writes was "
                                 f"rolled back ({e})") from e
            conn.execute("ROLLBACK TO nsw_object")
            conn.execute("RELEASE nsw_object")
            raise
        conn.execute("RELEASE nsw_object")
        self._n += 1
        if self._n >= self.max_objects or time.monotonic() - self._t0 >= self.max_seconds:
            self.commit()
        return out

    def commit(self) -> None:
        """Make the group durable (a no-op when none is open)."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def rollback(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and conn.in_transaction:
            conn.execute("ROLLBACK")


def bulk_for(store: Any) -> Bulk:
    """The bulk operations of ``store``: :class:`SqliteBulk` for SQLite, ``PostgresBulk``
    for a PostgreSQL store (imported only then)."""
    if getattr(store, "backend", None) == "postgresql":
        from .postgres_bulk import PostgresBulk
        return PostgresBulk(store)
    return SqliteBulk(store)


class SqliteBulk:
    """Import/export operations on an SQLite store (see the module docstring). Writing
    methods take the handle of a ``group()``'s ``write(fn)`` (an ``SqliteTx``)."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    def group(self) -> WriteGroup:
        """Where an import writes its objects (a savepoint each, committed in groups)."""
        return WriteGroup(self.store)

    def payload_dir(self) -> Path | None:
        """The folder beside the store file for payloads that are not File values (file
        series, file sets, artifacts, large files); None for an in-memory store."""
        return None if getattr(self.store, "memory", False) else \
            Path(str(self.store.path) + ".files")

    # ------------------------------------------------------------------ projects
    def project(self, name: str) -> tuple | None:
        """(pk, name, key, creation_time, owner) or None."""
        return self.store.find_project(name)

    def projects(self) -> list[tuple]:
        return self.store.list_projects()

    def project_keys(self) -> set[str]:
        return {r[2] for r in self.store.list_projects()}

    def bump_run_counter(self, tx: SqliteTx, project_pk: int, n: int) -> None:
        """New runs never collide with imported ``KEY-N`` ids."""
        tx.conn.execute("UPDATE projects SET run_counter = max(run_counter, ?) WHERE pk = ?",
                        (n, project_pk))

    def next_run_number(self, tx: SqliteTx, project_pk: int) -> int:
        return self.store.next_run_number(tx.conn, project_pk)

    def bump_version_counter(self, tx: SqliteTx, model_pk: int, n: int) -> None:
        tx.conn.execute("UPDATE objects SET version_counter = max(version_counter, ?) "
                        "WHERE pk = ?", (n, model_pk))

    # ------------------------------------------------------------------- objects
    def find(self, *, sys_id: str | None = None, project_pk: int | None = None,
             custom_run_id: str | None = None, tx: SqliteTx | None = None
             ) -> tuple[int, str, str, int] | None:
        """(pk, kind, id, project_pk) of the object with this sys/id (ids are unique in a
        store, across projects), or else with this custom run id in the project."""
        c = tx.conn if tx is not None else self.store.conn
        if sys_id is not None:
            row = c.execute("SELECT pk, kind, id, project_pk FROM objects WHERE id = ?",
                            (sys_id,)).fetchone()
            if row:
                return row
        if custom_run_id and project_pk is not None:
            return c.execute("SELECT pk, kind, id, project_pk FROM objects WHERE "
                             "project_pk = ? AND custom_run_id = ? AND kind = 'run'",
                             (project_pk, custom_run_id)).fetchone()
        return None

    def repoint(self, tx: SqliteTx, old_pk: int, new_pk: int) -> None:
        """Forks and versions of a replaced object follow it to its new row."""
        tx.conn.execute("UPDATE objects SET parent_pk = ? WHERE parent_pk = ?", (new_pk, old_pk))
        tx.conn.execute("UPDATE objects SET model_pk = ? WHERE model_pk = ?", (new_pk, old_pk))

    def lookup(self, ident: str) -> tuple[int, str, str, int] | None:
        """(pk, kind, id, project_pk) of a run, model or version by sys/id, else by custom
        run id (any project): what a command line is given."""
        c = self.store.conn
        return c.execute("SELECT pk, kind, id, project_pk FROM objects WHERE id = ? AND "
                         "kind != 'project'", (ident,)).fetchone() or c.execute(
            "SELECT pk, kind, id, project_pk FROM objects WHERE custom_run_id = ? AND "
            "kind = 'run' ORDER BY pk LIMIT 1", (ident,)).fetchone()

    def delete(self, tx: SqliteTx, pks: Sequence[int]) -> None:
        """Remove objects (``on_conflict="replace"``) with everything they own."""
        self.store.delete_objects(tx.conn, pks)
        self._ensure_meta(tx.conn)
        tx.conn.executemany("DELETE FROM imported_objects WHERE object_pk = ?",
                            [(pk,) for pk in pks])

    def insert(self, tx: SqliteTx, project_pk: int, kind: str,
               values: dict[str, Any], *, model_pk: int | None = None,
               parent_pk: int | None = None, running_time: float = 0.0) -> int:
        """An object row with the given sys columns, inactive, ``running_time`` seconds."""
        if running_time:  # in the one INSERT (an UPDATE after it rewrites every index)
            values = {**values, "running_acc": running_time}
        return self.store.insert_object(tx.conn, tx.rev, project_pk, kind, values,
                                        model_pk=model_pk, parent_pk=parent_pk)

    def set_columns(self, tx: SqliteTx, pk: int, values: dict[str, Any]) -> None:
        bad = set(values) - _SYS_COLUMNS
        if bad:
            raise KeyError(f"not sys columns: {sorted(bad)}")
        if values:
            self.store.set_columns(tx.conn, pk, values)

    def set_model(self, tx: SqliteTx, pk: int, model_pk: int) -> None:
        tx.conn.execute("UPDATE objects SET model_pk = ? WHERE pk = ?", (model_pk, pk))

    def set_running_time(self, tx: SqliteTx, pk: int, seconds: float) -> None:
        """``sys/running_time`` of an inactive object: its summed session time."""
        tx.conn.execute("UPDATE objects SET running_acc = ?, active_since = NULL WHERE pk = ?",
                        (seconds, pk))

    def set_parent(self, tx: SqliteTx, pk: int, parent_pk: int | None) -> None:
        tx.conn.execute("UPDATE objects SET parent_pk = ? WHERE pk = ?", (parent_pk, pk))

    def join_fork(self, tx: SqliteTx, pk: int, parent_pk: int) -> tuple[int, str]:
        """See ``Bulk.join_fork`` (store/base.py): the create's own fork copy."""
        tx.copy_fork_state(pk, parent_pk, configs=True)
        row = tx.object_row(parent_pk, ("forking_depth", "description"))
        return ((row[0] or 0), row[1] or "") if row else (0, "")

    def put_attribute(self, tx: SqliteTx, pk: int, path: str, type_: str,
                      value: Any, seq: int) -> None:
        tx.conn.execute("INSERT OR REPLACE INTO attributes(object_pk, path, type, value, seq) "
                        "VALUES (?,?,?,?,?)", (pk, path, type_, value, seq))

    def put_attributes(self, tx: SqliteTx, pk: int,
                       rows: Sequence[tuple[str, str, Any, int]]) -> None:
        """(path, type, value, seq) rows of one object, in one statement."""
        tx.conn.executemany("INSERT OR REPLACE INTO attributes(object_pk, path, type, value, seq) "
                            "VALUES (?,?,?,?,?)", [(pk, *r) for r in rows])

    def add_set(self, tx: SqliteTx, pk: int, path: str, values: Sequence[str]
                ) -> None:
        self.store.set_add(tx.conn, pk, path, values)

    def add_set_rows(self, tx: SqliteTx, pk: int,
                     rows: Sequence[tuple[str, str]]) -> None:
        """(path, value) members of several string sets of one object, in one statement."""
        tx.conn.executemany("INSERT OR IGNORE INTO string_sets VALUES (?,?,?)",
                            [(pk, path, v) for path, v in rows])

    def put_chunks(self, tx: SqliteTx, pk: int, path: str, first_chunk: int,
                   steps: Any, values: Any, stamps: Any, type_: str) -> int:
        """Series points as store chunks (``CHUNK_POINTS`` each); returns the next chunk
        number. Float64 columns as ``Bulk.put_chunks`` (store/base.py) says."""
        rows = []
        chunk = first_chunk
        for i in range(0, len(steps), CHUNK_POINTS):
            j = i + CHUNK_POINTS
            s, t = steps[i:j], stamps[i:j]
            if type_ == "float":
                v = values[i:j].tobytes()
            else:
                v = "\x1f".join(values[i:j]).encode()
            rows.append((pk, path, chunk, s[0], s[-1], len(s), s.tobytes(), v, t.tobytes()))
            chunk += 1
        tx.conn.executemany("INSERT INTO series_chunks VALUES (?,?,?,?,?,?,?,?,?)", rows)
        return chunk

    def put_series(self, tx: SqliteTx, pk: int, path: str, type_: str,
                   count: int, last_step: float, last_value: Any, last_ts: float,
                   seq: int) -> None:
        tx.conn.execute("INSERT OR REPLACE INTO series(object_pk, path, type, count, last_step, "
                        "last_value, last_ts, seq) VALUES (?,?,?,?,?,?,?,?)",
                     (pk, path, type_, count, last_step, last_value, last_ts, seq))

    def shift_timestamps(self, tx: SqliteTx, pk: int, seconds: float) -> None:
        """Add ``seconds`` to every series timestamp of an object (the 1.x exporter wrote
        local time as UTC), chunk by chunk."""
        keys = tx.conn.execute("SELECT path, chunk FROM series_chunks WHERE object_pk = ?",
                               (pk,)).fetchall()
        for path, chunk in keys:
            (blob,) = tx.conn.execute("SELECT ts FROM series_chunks WHERE object_pk = ? AND "
                                      "path = ? AND chunk = ?", (pk, path, chunk)).fetchone()
            ts = array("d")
            ts.frombytes(blob)
            shifted = array("d", [t + seconds for t in ts])
            tx.conn.execute("UPDATE series_chunks SET ts = ? WHERE object_pk = ? AND path = ? "
                            "AND chunk = ?", (shifted.tobytes(), pk, path, chunk))

    # ------------------------------------------------------------- import records
    def _ensure_meta(self, conn: sqlite3.Connection) -> None:
        conn.execute(_META_DDL)

    def set_meta(self, tx: SqliteTx, pk: int, sys_id: str | None,
                 meta: str) -> None:
        """The object's import record (``meta``: JSON, made by the importer)."""
        # (the group made the table when it opened)
        tx.conn.execute("INSERT OR REPLACE INTO imported_objects VALUES (?,?,?)",
                        (pk, sys_id, meta))

    def meta(self, pks: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The import records of these objects (objects made here have none)."""
        c = self.store.conn
        if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'imported_objects'"
                     ).fetchone() is None:
            return {}
        out = {}
        for i in range(0, len(pks), 500):
            part = list(pks[i:i + 500])
            for pk, json_ in c.execute(
                    "SELECT m.object_pk, m.meta FROM imported_objects m JOIN objects o ON "
                    "o.pk = m.object_pk AND o.id IS m.id WHERE m.object_pk IN "
                    f"({','.join('?' * len(part))})", part):
                out[pk] = json.loads(json_)
        return out

    # --------------------------------------------------------------------- reads
    def objects(self, project_pk: int) -> list[dict[str, Any]]:
        """Sys rows (as stored) of a project's runs, models and versions, oldest first,
        with ``parent_pk``."""
        rows = self.store.sys_rows(where="o.project_pk = ? AND o.kind != 'project'",
                                   params=(project_pk,), order="o.pk")
        parents = dict(self.store.read("SELECT pk, parent_pk FROM objects WHERE "
                                       "project_pk = ?", (project_pk,)))
        for r in rows:
            r["parent_pk"] = parents.get(r["pk"])
        return rows

    def attributes(self, pk: int) -> list[tuple[str, str, Any]]:
        return self.store.attributes(pk)

    def sets(self, pk: int) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for path, value in self.store.read("SELECT path, value FROM string_sets WHERE "
                                           "object_pk = ? ORDER BY path, value", (pk,)):
            out.setdefault(path, []).append(value)
        return out

    def series(self, pk: int) -> list[tuple[str, str]]:
        """(path, type) of an object's series, in creation order."""
        return [(r[0], r[1]) for r in self.store.read(
            "SELECT path, type FROM series WHERE object_pk = ? ORDER BY seq", (pk,))]

    def chunks(self, pk: int, path: str) -> Iterator[tuple[bytes, bytes, bytes]]:
        """(steps, values, timestamps) blobs of a series, in order, one chunk at a time."""
        last = -1
        while True:
            rows = self.store.read("SELECT chunk, steps, vals, ts FROM series_chunks WHERE "
                                   "object_pk = ? AND path = ? AND chunk > ? ORDER BY chunk "
                                   "LIMIT 16", (pk, path, last))
            if not rows:
                return
            for chunk, s, v, t in rows:
                last = chunk
                yield s, v, t


__all__ = ["Bulk", "SqliteBulk", "WriteGroup", "bulk_for"]
