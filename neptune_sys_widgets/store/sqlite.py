"""The embedded default store: one SQLite file shared by every process on the machine.

Why it is shaped like this:
- WAL + ``synchronous=NORMAL``: readers never block the writer, and a commit survives the
  death of the process that made it (not a power cut; a server store is for that).
- Every write runs in ``BEGIN IMMEDIATE`` so the transaction owns the write lock from its
  first statement: counters and set operations can't interleave between processes.
- Connections are per thread (sqlite3 objects are not shared across threads).
- Every write that changes user-visible data stamps the touched objects with a new store-wide
  revision; ``PRAGMA data_version`` tells a watcher cheaply that *someone else* committed.
"""

from __future__ import annotations

import gc
import math
import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from .. import catalog
from ..exceptions import StoreError
from . import schema
from .clock import liveness_timeout_ms, now_ms
from .sqlite_finders import SqliteFinders
from .sqlite_tx import SqliteTx, arity

T = TypeVar("T")

HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
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


def damaged_message(path: str, reason: object) -> str:
    """What a damaged store tells its user: which file, what SQLite found, that nothing will
    be written to it any more, and how to get the data back."""
    return (f"store {path!r} is damaged ({reason}); neptune_sys_widgets found this while "
            "reading it and will not write to it again from this process, so that the "
            f"damage does not spread. Repair it (`sqlite3 {path} .recover | sqlite3 "
            "repaired.db`, then put repaired.db in its place) or restore a backup, then "
            "reopen it: start a new process, or call neptune_sys_widgets.store.close_all()")


class _StoreCursor(sqlite3.Cursor):
    """A cursor whose row reads fail as StoreError too: a damaged page is often reached only
    while rows are stepped through, after ``execute()`` has returned."""

    def execute(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().execute(*args)
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None

    def executemany(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executemany(*args)
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None

    def fetchmany(self, *args: Any) -> list[Any]:
        try:
            return super().fetchmany(*args)
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None

    def __iter__(self) -> Iterator[Any]:
        # All rows at once, then a C-level list iterator: a Python ``__next__`` per row would
        # cost a wide listing of 100k rows ~20 ms.
        return iter(self.fetchall())

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as e:
            raise self.connection._damaged(e) from None


class _StoreConnection(sqlite3.Connection):
    """Turns "the file is damaged" into a StoreError naming the file, wherever a statement
    runs or its rows are read (corruption deep in a file only shows when that page is read),
    and tells the store (``on_damage``), which then refuses every later write. Busy/locked
    errors stay sqlite3 errors so that writes can retry them."""

    store_path = ""
    on_damage: Callable[[str], None] | None = None

    def _damaged(self, e: sqlite3.DatabaseError) -> BaseException:
        if "disk I/O" in str(e) or "disk is full" in str(e):
            return StoreError(f"store {self.store_path!r}: {e} (the disk may be full, "
                              "read-only or failing)")
        if type(e) is sqlite3.DatabaseError:  # SQLITE_CORRUPT, SQLITE_NOTADB
            if self.on_damage is not None:
                self.on_damage(str(e))
            return StoreError(damaged_message(self.store_path, e))
        return e

    def cursor(self, factory: Any = _StoreCursor) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().executemany(*args)


class SqliteStore(SqliteFinders):
    """All persistence of one store file (or an in-memory store for ``mode="debug"``)."""

    def __init__(self, path: str, *, memory: bool = False) -> None:
        self.path = path
        self.memory = memory
        self._local = threading.local()
        self._all_conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # What SQLite said when a read found the file damaged; from then on every write is
        # refused (a commit into a corrupt b-tree can spread the damage) until reopened.
        self.damage: str | None = None
        try:
            if memory:
                self._uri = f"file:nsw-{id(self)}?mode=memory&cache=shared"
                self._keepalive = self._connect()
            else:
                self._check_file()
            self._ensure_schema()
        except BaseException:
            # A rejected file keeps no open connection: SQLite then removes the -wal/-shm
            # files it created on opening a WAL database, so the file is left as found.
            self.close()
            raise

    # ----------------------------------------------------------------- connections
    def _check_file(self) -> None:
        path = self.path
        directory = os.path.dirname(os.path.abspath(path))
        if os.path.isdir(path):
            raise StoreError(f"store {path!r} is a directory, not a store file")
        if os.path.exists(path):
            try:
                with open(path, "rb") as fh:
                    head = fh.read(16)
            except OSError as e:
                raise StoreError(f"store {path!r} cannot be read: {e.strerror}") from None
            if head and head != HEADER:
                raise StoreError(
                    f"store {path!r} is not a neptune_sys_widgets store: "
                    "the file is not an SQLite database (left unmodified)")
            if not os.access(directory, os.W_OK) or not os.access(path, os.W_OK):
                raise StoreError(f"store {path!r} is not writable: the file or its directory "
                                 f"{directory!r} is read-only")
        else:
            try:
                os.makedirs(directory, mode=0o700, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the store directory {directory!r}: "
                                 f"{e.strerror}") from None
            if not os.access(directory, os.W_OK):
                raise StoreError(f"cannot create store {path!r}: directory {directory!r} "
                                 "is read-only")
            # Private by default (parameters, tracebacks, hostnames): 0600, further narrowed
            # by a stricter umask. SQLite gives the -wal/-shm files the database file's mode,
            # so a team shares a store by widening the file's mode (README, "Sharing").
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                pass  # another process created it meanwhile
            except OSError as e:
                raise StoreError(f"cannot create store {path!r}: {e.strerror}") from None

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.memory:
                conn = sqlite3.connect(self._uri, uri=True, isolation_level=None,
                                       check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                                       factory=_StoreConnection)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None,
                                       check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                                       factory=_StoreConnection)
            conn.store_path = self.path
            conn.on_damage = self._mark_damaged
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                if not self.memory:
                    conn.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as e:
            raise StoreError(f"cannot open store {self.path!r}: {e}") from None
        with self._lock:
            self._all_conns.append(conn)
        return conn

    def _mark_damaged(self, reason: str) -> None:
        if self.damage is None:
            self.damage = reason
            import logging
            logging.getLogger("neptune_sys_widgets").error(
                "%s", damaged_message(self.path, reason))

    def check_writable(self) -> None:
        """Raise the damaged-store StoreError if a read found this store damaged."""
        if self.damage is not None:
            raise StoreError(damaged_message(self.path, self.damage))

    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._local.conn = self._connect()
        return c

    def close(self) -> None:
        with self._lock:
            conns, self._all_conns = self._all_conns, []
        for c in conns:
            try:
                c.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    # --------------------------------------------------------------------- schema
    def _ensure_schema(self) -> None:
        conn = self.conn
        try:
            version = self._read_version(conn)
            if version == schema.SCHEMA_VERSION:
                return
            if not self.memory:
                self._retry(lambda: conn.execute("PRAGMA journal_mode=WAL"))
            self._retry(lambda: self._migrate(conn))
        except sqlite3.DatabaseError as e:
            raise StoreError(f"store {self.path!r} cannot be used: {e} "
                             "(the file was not modified)") from None

    def _read_version(self, conn: sqlite3.Connection) -> int | None:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "meta" not in tables:
            raise StoreError(f"store {self.path!r} is an SQLite database but not a "
                             "neptune_sys_widgets store (no meta table); left unmodified")
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        if meta.get("app") != schema.APP_ID:
            raise StoreError(f"store {self.path!r} belongs to {meta.get('app')!r}, not "
                             f"{schema.APP_ID}; left unmodified")
        version = int(meta.get("schema_version", 0))
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path!r} has schema version {version}, newer than this "
                f"neptune_sys_widgets understands ({schema.SCHEMA_VERSION}); upgrade the "
                "package. The file was not modified")
        return version

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._read_version(conn) or 0
            if version == 0:
                conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)")
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('app', ?)", (schema.APP_ID,))
            for v in range(version + 1, schema.SCHEMA_VERSION + 1):
                schema.MIGRATIONS[v](conn)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                         (schema.SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ---------------------------------------------------------------- transactions
    @staticmethod
    def _retry(fn: Callable[[], T], attempts: int = 50) -> T:
        delay = 0.005
        for i in range(attempts):
            try:
                return fn()
            except sqlite3.OperationalError as e:
                msg = str(e)
                if ("locked" not in msg and "busy" not in msg) or i == attempts - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        raise AssertionError("unreachable")

    def write(self, fn: Callable[[SqliteTx], T]) -> T:
        """Run ``fn(tx)`` in one immediate transaction, retried when busy; ``tx`` is the
        store's ``Transaction`` (store/base.py), ``tx.rev`` the revision this commit stamps
        on the objects it touches. (Modules inside ``store/`` may pass ``fn(conn, rev)``.)
        """
        if arity(fn) == 1:
            return self._write_sql(lambda conn, rev: fn(SqliteTx(self, conn, rev)))
        return self._write_sql(fn)  # type: ignore[arg-type]

    def _write_sql(self, fn: Callable[[sqlite3.Connection, int], T]) -> T:
        """Run ``fn(conn, new_rev)`` in one immediate transaction, retried when busy.

        ``new_rev`` is the revision this commit stamps on the objects it touches.
        """
        self.check_writable()
        conn = self.conn

        def attempt() -> T:
            self.check_writable()  # another thread may have found damage meanwhile
            conn.execute("BEGIN IMMEDIATE")
            try:
                rev = conn.execute("SELECT coalesce(max(rev), 0) + 1 FROM objects").fetchone()[0]
                out = fn(conn, rev)
                conn.execute("COMMIT")
                return out
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        try:
            return self._retry(attempt)
        except sqlite3.OperationalError as e:
            raise StoreError(f"store {self.path!r}: write failed: {e}") from None

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    # ------------------------------------------------------------------- revision
    def revision(self) -> int:
        return self.conn.execute("SELECT coalesce(max(rev), 0) FROM objects").fetchone()[0]

    def data_version(self, conn: sqlite3.Connection | None = None) -> int:
        return (conn or self.conn).execute("PRAGMA data_version").fetchone()[0]

    def changed_since(self, rev: int) -> list[tuple[int, int]]:
        return self.read("SELECT pk, rev FROM objects WHERE rev > ? ORDER BY rev", (rev,))

    @staticmethod
    def touch(conn: sqlite3.Connection, pk: int, rev: int, *, modified: bool = True,
              ping: bool = True) -> None:
        """Stamp an object as changed by this commit (and ping/modification time)."""
        t = now_ms()
        sets = ["rev = ?"]
        params: list[Any] = [rev]
        if modified:
            sets.append("modification_time = ?")
            params.append(t)
        if ping:
            sets.append("ping_time = ?")
            params.append(t)
        params.append(pk)
        conn.execute(f"UPDATE objects SET {', '.join(sets)} WHERE pk = ?", params)

    @staticmethod
    def recompute_size(conn: sqlite3.Connection, pk: int) -> None:
        conn.execute("""UPDATE objects SET size = (
              coalesce(length(name), 0) + coalesce(length(description), 0)
            + coalesce((SELECT sum(length(path) + coalesce(length(value), 8))
                        FROM attributes WHERE object_pk = ?1), 0)
            + coalesce((SELECT sum(length(value)) FROM string_sets WHERE object_pk = ?1), 0)
            + coalesce((SELECT sum(length(steps) + length(vals) + length(ts))
                        FROM series_chunks WHERE object_pk = ?1), 0)) WHERE pk = ?1""", (pk,))

    # ------------------------------------------------------------------- projects
    def find_project(self, name: str) -> tuple | None:
        rows = self.read("SELECT pk, name, key, creation_time, owner FROM projects "
                         "WHERE name = ?", (name,))
        return rows[0] if rows else None

    def create_project(self, name: str, key: str | None, owner: str,
                       derive_key: Callable[[str, set[str]], str]) -> tuple:
        def tx(conn: sqlite3.Connection, rev: int) -> tuple:
            row = conn.execute("SELECT pk, name, key, creation_time, owner FROM projects "
                               "WHERE name = ?", (name,)).fetchone()
            if row:
                return row
            taken = {r[0] for r in conn.execute("SELECT key FROM projects")}
            k = key or derive_key(name, taken)
            if k in taken:
                from ..exceptions import InvalidValueError
                raise InvalidValueError(f"project {name!r}: key {k!r} is already used by "
                                        "another project")
            t = now_ms()
            cur = conn.execute("INSERT INTO projects(name, key, creation_time, owner) "
                               "VALUES (?,?,?,?)", (name, k, t, owner))
            return (cur.lastrowid, name, k, t, owner)
        return self.write(tx)

    def list_projects(self) -> list[tuple]:
        return self.read("SELECT pk, name, key, creation_time, owner FROM projects ORDER BY pk")

    # -------------------------------------------------------------------- objects
    def insert_object(self, conn: sqlite3.Connection, rev: int, project_pk: int, kind: str,
                      values: dict[str, Any], *, model_pk: int | None = None,
                      parent_pk: int | None = None) -> int:
        cols = ["project_pk", "kind", "model_pk", "parent_pk", "rev", *values]
        params = [project_pk, kind, model_pk, parent_pk, rev, *values.values()]
        cur = conn.execute(f"INSERT INTO objects({', '.join(cols)}) VALUES "
                           f"({', '.join('?' * len(cols))})", params)
        return cur.lastrowid

    def next_run_number(self, conn: sqlite3.Connection, project_pk: int) -> int:
        return conn.execute("UPDATE projects SET run_counter = run_counter + 1 WHERE pk = ? "
                            "RETURNING run_counter", (project_pk,)).fetchone()[0]

    def next_version_number(self, conn: sqlite3.Connection, model_pk: int) -> int:
        return conn.execute("UPDATE objects SET version_counter = version_counter + 1 "
                            "WHERE pk = ? RETURNING version_counter", (model_pk,)).fetchone()[0]

    def find_object(self, where: str, params: Sequence[Any],
                    conn: sqlite3.Connection | None = None) -> tuple | None:
        """(pk, kind, id, project_pk, model_pk, parent_pk) of the first match."""
        c = conn or self.conn
        return c.execute(f"SELECT pk, kind, id, project_pk, model_pk, parent_pk FROM objects "
                         f"WHERE {where} LIMIT 1", params).fetchone()

    def set_columns(self, conn: sqlite3.Connection, pk: int, values: dict[str, Any]) -> None:
        assigns = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE objects SET {assigns} WHERE pk = ?", [*values.values(), pk])

    def sys_rows(self, pks: Sequence[int] | None = None, *, where: str = "",
                 params: Sequence[Any] = (), order: str = "", limit: int | None = None,
                 conn: sqlite3.Connection | None = None) -> list[dict[str, Any]]:
        """Sys values (as stored: ms ints, 0/1) of objects, with derived fields computed."""
        cursor, t = self._sys_cursor(conn or self.conn, pks, where, params, order, limit)
        names = [d[0] for d in cursor.description]
        out = []
        with gc_paused():
            for row in cursor:
                rec = dict(zip(names, row, strict=True))
                rec["state"], rec["running_time"], rec["monitoring_time"] = _derived_fields(
                    t, rec.pop("live"), rec.pop("running_acc"), rec.pop("active_since"),
                    rec["ping_time"])
                for _, name in SET_FIELDS:
                    rec[name] = _joined_set(rec.pop(f"{name}_joined"))
                rec["family"] = rec["custom_run_id"] or rec["id"]
                rec["archived"] = rec["trashed"]
                out.append(rec)
        return out

    def sys_columns(self, *, where: str = "", params: Sequence[Any] = (), order: str = "",
                    limit: int | None = None) -> dict[str, Sequence[Any]]:
        """What ``sys_rows`` returns, as one sequence per name instead of a dict per object:
        for wide listings, where building 100k dicts costs more than reading the rows."""
        cursor, t = self._sys_cursor(self.conn, None, where, params, order, limit)
        names = [d[0] for d in cursor.description]
        with gc_paused():
            out = dict(zip(names, list(zip(*cursor.fetchall(), strict=True))
                           or [()] * len(names), strict=True))
            derived = [_derived_fields(t, *values) for values in zip(
                out.pop("live"), out.pop("running_acc"), out.pop("active_since"),
                out["ping_time"], strict=True)]
            out["state"], out["running_time"], out["monitoring_time"] = \
                list(zip(*derived, strict=True)) or [(), (), ()]
            for _, name in SET_FIELDS:
                out[name] = [_joined_set(j) for j in out.pop(f"{name}_joined")]
            out["archived"] = out["trashed"]
            out["family"] = [c or i for c, i in zip(out["custom_run_id"], out["id"],
                                                    strict=True)]
        return out

    @staticmethod
    def _sys_cursor(c: sqlite3.Connection, pks: Sequence[int] | None, where: str,
                    params: Sequence[Any], order: str, limit: int | None
                    ) -> tuple[sqlite3.Cursor, int]:
        """The statement of ``sys_rows`` and ``sys_columns``, and the time it was run at."""
        t = now_ms()
        cutoff = t - liveness_timeout_ms()
        cols = ", ".join(f"o.{name}" for name in SYS_COLUMNS)
        sets = []
        for path, name in SET_FIELDS:
            if pks is None and c.execute("SELECT 1 FROM string_sets WHERE path = ? LIMIT 1",
                                         (path,)).fetchone() is None:
                sets.append(f"NULL AS {name}_joined")  # none in the store: no per-row lookup
            else:
                sets.append(_SET_SQL[name])
        sql = (f"SELECT o.pk, o.kind, o.project_pk, o.model_pk, o.running_acc, o.active_since, "
               f"o.rev, EXISTS(SELECT 1 FROM attachments a WHERE a.object_pk = o.pk "
               f"AND a.last_ping >= ?) AS live, {', '.join(sets)}, {cols} FROM objects o")
        clauses = []
        args: list[Any] = [cutoff]  # bound, not inlined: the statement stays cached
        if pks is not None:
            clauses.append(f"o.pk IN ({','.join('?' * len(pks))})")
            args.extend(pks)
        if where:
            clauses.append(where)
            args.extend(params)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order:
            sql += " ORDER BY " + order
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return c.execute(sql, args), t

    # ------------------------------------------------------------------ string sets
    def set_add(self, conn: sqlite3.Connection, pk: int, path: str, values: Iterable[str]
                ) -> None:
        conn.executemany("INSERT OR IGNORE INTO string_sets VALUES (?,?,?)",
                         [(pk, path, v) for v in values])

    def set_remove(self, conn: sqlite3.Connection, pk: int, path: str, values: Iterable[str]
                   ) -> None:
        conn.executemany("DELETE FROM string_sets WHERE object_pk=? AND path=? AND value=?",
                         [(pk, path, v) for v in values])

    def set_clear(self, conn: sqlite3.Connection, pk: int, path: str) -> None:
        conn.execute("DELETE FROM string_sets WHERE object_pk=? AND path=?", (pk, path))

    def set_values(self, pk: int, path: str) -> set[str]:
        return {r[0] for r in self.read(
            "SELECT value FROM string_sets WHERE object_pk=? AND path=?", (pk, path))}

    # ------------------------------------------------------------------- attributes
    def put_attribute(self, conn: sqlite3.Connection, pk: int, path: str, type_: str,
                      value: Any) -> None:
        conn.execute("INSERT INTO attributes(object_pk, path, type, value, seq) VALUES "
                     "(?,?,?,?,(SELECT coalesce(max(seq),0)+1 FROM attributes WHERE object_pk=?))"
                     " ON CONFLICT(object_pk, path) DO UPDATE SET type=excluded.type, "
                     "value=excluded.value", (pk, path, type_, value, pk))

    def delete_objects(self, conn: sqlite3.Connection, pks: Sequence[int]) -> None:
        """Remove objects and everything they own, for good (emptying the trash)."""
        for table, col in (("series_chunks", "object_pk"), ("series", "object_pk"),
                           ("attributes", "object_pk"), ("string_sets", "object_pk"),
                           ("attachments", "object_pk"), ("requests", "object_pk"),
                           ("objects", "pk")):
            conn.executemany(f"DELETE FROM {table} WHERE {col} = ?", [(pk,) for pk in pks])

    def delete_path(self, conn: sqlite3.Connection, pk: int, path: str) -> int:
        """Delete an attribute, set or series at ``path`` or under the namespace ``path/``."""
        n = 0
        like = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
        for table in ("attributes", "series", "series_chunks", "string_sets"):
            n += conn.execute(f"DELETE FROM {table} WHERE object_pk=? AND (path=? OR path "
                              "LIKE ? ESCAPE '\\')", (pk, path, like)).rowcount
        return n

    def attributes(self, pk: int) -> list[tuple[str, str, Any]]:
        return self.read("SELECT path, type, value FROM attributes WHERE object_pk=? "
                         "ORDER BY seq", (pk,))

    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None:
        rows = self.read("SELECT type, value FROM attributes WHERE object_pk=? AND path=?",
                         (pk, path))
        return rows[0] if rows else None

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
                     steps: array, values: list, timestamps: array) -> None:
        n = len(steps)
        if not n:
            return
        if n > CHUNK_POINTS:  # bounded rows: a 100k-point flush must not build MB-size blobs
            for i in range(0, n, CHUNK_POINTS):
                j = i + CHUNK_POINTS
                self.append_chunk(conn, pk, path, type_, steps[i:j], values[i:j],
                                  timestamps[i:j])
            return
        if type_ == "float":
            vals_blob = (values if type(values) is array else array("d", values)).tobytes()
        else:
            vals_blob = "\x1f".join(values).encode()
        row = conn.execute("SELECT coalesce(max(chunk), -1) + 1 FROM series_chunks "
                           "WHERE object_pk=? AND path=?", (pk, path)).fetchone()
        conn.execute("INSERT INTO series_chunks VALUES (?,?,?,?,?,?,?,?,?)",
                     (pk, path, row[0], steps[0], steps[-1], n, steps.tobytes(), vals_blob,
                      timestamps.tobytes()))
        conn.execute(
            "INSERT INTO series(object_pk, path, type, count, last_step, last_value, last_ts, "
            "seq) VALUES (?,?,?,?,?,?,?, (SELECT coalesce(max(seq),0)+1 FROM series "
            "WHERE object_pk=?)) ON CONFLICT(object_pk, path) DO UPDATE SET "
            "count = count + excluded.count, last_step = excluded.last_step, "
            "last_value = excluded.last_value, last_ts = excluded.last_ts",
            (pk, path, type_, n, steps[-1], values[-1], timestamps[-1], pk))

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

    # -------------------------------------------------------------------- liveness
    def attach(self, pk: int, pid: int, hostname: str) -> int:
        def tx(conn: sqlite3.Connection, rev: int) -> int:
            t = now_ms()
            self._reap(conn, pk, t)
            cur = conn.execute("INSERT INTO attachments(object_pk, pid, hostname, attached_at, "
                               "last_ping) VALUES (?,?,?,?,?)", (pk, pid, hostname, t, t))
            conn.execute("UPDATE objects SET active_since = coalesce(active_since, ?) "
                         "WHERE pk = ?", (t, pk))
            self.touch(conn, pk, rev, modified=False)
            return cur.lastrowid
        return self.write(tx)

    def _reap(self, conn: sqlite3.Connection, pk: int, t: int) -> None:
        """Drop attachments whose heartbeats stopped; close the running-time interval if
        nothing live remains (it ends at the last ping, not now)."""
        cutoff = t - liveness_timeout_ms()
        stale = conn.execute("DELETE FROM attachments WHERE object_pk=? AND last_ping < ? "
                             "RETURNING last_ping", (pk, cutoff)).fetchall()
        if not stale:
            return
        live = conn.execute("SELECT 1 FROM attachments WHERE object_pk=? LIMIT 1",
                            (pk,)).fetchone()
        if not live:
            end = max(r[0] for r in stale)
            conn.execute("UPDATE objects SET running_acc = running_acc + "
                         "max(0, ? - active_since) / 1000.0, active_since = NULL "
                         "WHERE pk = ? AND active_since IS NOT NULL", (end, pk))

    def detach(self, conn: sqlite3.Connection, rev: int, attachment: int, pk: int) -> None:
        t = now_ms()
        conn.execute("DELETE FROM attachments WHERE pk = ?", (attachment,))
        self._reap(conn, pk, t)
        live = conn.execute("SELECT 1 FROM attachments WHERE object_pk=? LIMIT 1",
                            (pk,)).fetchone()
        if not live:
            conn.execute("UPDATE objects SET running_acc = running_acc + "
                         "max(0, ? - active_since) / 1000.0, active_since = NULL "
                         "WHERE pk = ? AND active_since IS NOT NULL", (t, pk))
        self.touch(conn, pk, rev, modified=False)

    def heartbeat(self, attachments: dict[int, int],
                  revive: Callable[[int], bool] = lambda a: True) -> None:
        """One commit for every object this process is attached to: ping them. ``revive``
        is asked, inside the transaction, whether a missing attachment may come back (not
        if its owner is detaching meanwhile)."""
        if not attachments or self.damage is not None:
            return  # a damaged store is not written; the damage was reported when found

        def tx(conn: sqlite3.Connection, rev: int) -> None:
            t = now_ms()
            conn.executemany("UPDATE attachments SET last_ping=? WHERE pk=?",
                             [(t, a) for a in attachments])
            conn.executemany("UPDATE objects SET ping_time=?, rev=? WHERE pk=?",
                             [(t, rev, pk) for pk in set(attachments.values())])
            # An attachment that was reaped while this process was frozen comes back.
            missing = set(attachments) - {r[0] for r in conn.execute(
                f"SELECT pk FROM attachments WHERE pk IN ({','.join('?' * len(attachments))})",
                list(attachments))}
            for a in missing:
                if not revive(a):
                    continue
                pk = attachments[a]
                conn.execute("INSERT INTO attachments(pk, object_pk, pid, hostname, "
                             "attached_at, last_ping) VALUES (?,?,?,?,?,?)",
                             (a, pk, os.getpid(), "", t, t))
                conn.execute("UPDATE objects SET active_since = coalesce(active_since, ?) "
                             "WHERE pk = ?", (t, pk))
        self.write(tx)

    # -------------------------------------------------------------------- requests
    def add_request(self, pk: int, kind: str) -> None:
        def tx(conn: sqlite3.Connection, rev: int) -> None:
            # one undelivered request per kind: repeated clicks must not pile up rows
            conn.execute("INSERT INTO requests(object_pk, kind, requested_at) SELECT ?, ?, ? "
                         "WHERE NOT EXISTS (SELECT 1 FROM requests WHERE object_pk = ? AND "
                         "kind = ? AND delivered_at IS NULL)", (pk, kind, now_ms(), pk, kind))
            conn.execute("UPDATE objects SET rev = ? WHERE pk = ?", (rev, pk))
        self.write(tx)

    def take_requests(self, pks: Sequence[int]) -> list[tuple[int, str]]:
        """Claim undelivered stop/abort requests for these objects (exactly once)."""
        if not pks or self.damage is not None:
            return []
        marks = ",".join("?" * len(pks))
        pending = self.read(f"SELECT 1 FROM requests WHERE delivered_at IS NULL AND "
                            f"object_pk IN ({marks}) LIMIT 1", list(pks))
        if not pending:
            return []

        def tx(conn: sqlite3.Connection, rev: int) -> list[tuple[int, str]]:
            return conn.execute(f"UPDATE requests SET delivered_at = ? WHERE delivered_at IS "
                                f"NULL AND object_pk IN ({marks}) RETURNING object_pk, kind",
                                [now_ms(), *pks]).fetchall()
        return self.write(tx)


def check_sys_column(name: str) -> str:
    """Guard for column names that reach SQL text: only catalog columns are allowed."""
    if name not in SYS_COLUMNS:
        raise KeyError(name)
    return name


__all__ = ["SqliteStore", "now_ms", "liveness_timeout_ms", "check_sys_column", "catalog"]
