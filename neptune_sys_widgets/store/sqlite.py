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

import itertools
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from .. import catalog
from ..exceptions import StoreError
from . import schema
from .clock import liveness_timeout_ms, now_ms
from .interrupted_commits import mark_committed
from .sqlite_finders import SqliteFinders
from .sqlite_listing import SqliteListing
from .sqlite_liveness import SqliteLiveness
from .sqlite_objects import SqliteObjects
from .sqlite_reads import SqliteReads
from .sqlite_rows import (  # noqa: F401 - re-exported: store modules import them from here
    _SET_SQL,
    CHUNK_POINTS,
    SET_FIELDS,
    SYS_COLUMNS,
    _derived_fields,
    _joined_set,
    check_sys_column,
    gc_paused,
)
from .sqlite_series import SqliteSeries
from .sqlite_tx import SqliteTx, arity

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
def damaged_message(path: str, reason: object) -> str:
    """What a damaged store tells its user: which file, what SQLite found, that nothing will
    be written to it any more, and how to get the data back."""
    return (f"store {path!r} is damaged ({reason}); neptune_sys_widgets found this while "
            "reading it and will not write to it again from this process, so that the "
            f"damage does not spread. Repair it (`sqlite3 {path} .recover | sqlite3 "
            "repaired.db`, then put repaired.db in its place) or restore a backup, then "
            "reopen it: start a new process, or call neptune_sys_widgets.store.close_all()")


NEXT_REV_SQL = "SELECT coalesce(max(rev), 0) + 1 FROM objects"  # a commit's revision
SETTLE_BYTES = 1 << 20  # series bytes committed before settle() checkpoints
AUTOCHECKPOINT_PAGES = 4000  # of 4 KiB: a commit's own checkpoint is the fallback


def _roll_back(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolled it back itself (an I/O error or a full disk can)


def _close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error:
        pass


class _StoreCursor(sqlite3.Cursor):
    """A cursor whose row reads fail as StoreError too: a damaged page is often reached only
    while rows are stepped through, after ``execute()`` has returned. Each call holds its
    connection's lock, so the background thread can close an idle connection of another
    thread (SqliteStore.release_idle) knowing no statement runs on it."""

    if TYPE_CHECKING:
        @property
        def connection(self) -> _StoreConnection: ...

    def _guarded(self, call: Callable[..., T], *args: Any) -> T:
        with self.connection.lock:
            try:
                return call(*args)
            except sqlite3.DatabaseError as e:
                raise self.connection._damaged(e) from None

    def execute(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        return self._guarded(super().execute, *args)

    def executemany(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        return self._guarded(super().executemany, *args)

    def fetchone(self) -> Any:
        return self._guarded(super().fetchone)

    # size stays optional and positional: sqlite3's own default (arraysize) applies
    def fetchmany(self, *args: Any) -> list[Any]:  # pyright: ignore[reportIncompatibleMethodOverride]
        return self._guarded(super().fetchmany, *args)

    def fetchall(self) -> list[Any]:
        return self._guarded(super().fetchall)

    # not the cursor itself: a list iterator (see below)
    def __iter__(self) -> Iterator[Any]:  # pyright: ignore[reportIncompatibleMethodOverride]
        # All rows at once, then a C-level list iterator: a Python ``__next__`` per row would
        # cost a wide listing of 100k rows ~20 ms.
        return iter(self.fetchall())

    def __next__(self) -> Any:
        return self._guarded(super().__next__)


class _StoreConnection(sqlite3.Connection):
    """Turns "the file is damaged" into a StoreError naming the file, wherever a statement
    runs or its rows are read (corruption deep in a file only shows when that page is read),
    and tells the store (``on_damage``), which then refuses every later write. Busy/locked
    errors stay sqlite3 errors so that writes can retry them."""

    store_path = ""
    on_damage: Callable[[str], None] | None = None
    # set by SqliteStore._connect
    owner: Callable[[], threading.Thread | None]  # a weak reference to the thread
    gen: int
    released: bool
    lock: threading.Lock
    last_use: float
    pinned: bool

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

    # The statement as _StoreCursor._guarded runs it, in one Python frame instead of three
    # (cursor, execute, _guarded): a sync create + stop runs ~25 statements. The cursor
    # must be a _StoreCursor (its rows are read guarded): sqlite3's own
    # Connection.execute would make a plain one, not through ``self.cursor()``.
    def execute(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        cur = _StoreCursor(self)
        with self.lock:
            try:
                return sqlite3.Cursor.execute(cur, *args)
            except sqlite3.DatabaseError as e:
                raise self._damaged(e) from None

    def executemany(self, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        cur = _StoreCursor(self)
        with self.lock:
            try:
                return sqlite3.Cursor.executemany(cur, *args)
            except sqlite3.DatabaseError as e:
                raise self._damaged(e) from None


_MEMORY_NAMES = itertools.count(1)


class SqliteStore(SqliteFinders, SqliteObjects, SqliteSeries, SqliteLiveness, SqliteReads):
    """All persistence of one store file (or an in-memory store for ``mode="debug"``)."""

    def __init__(self, path: str, *, memory: bool = False) -> None:
        self.path = path
        self.memory = memory
        self._local = threading.local()
        self._all_conns: list[_StoreConnection] = []
        self._inherited: list[_StoreConnection] = []  # a forked child's, until it connects
        self._lock = threading.Lock()
        self._gen = 0  # bumped by close(): a thread's older connection is closed by it
        self.unsettled = 0  # series bytes committed since the last settle() (approximate)
        # What SQLite said when a read found the file damaged; from then on every write is
        # refused (a commit into a corrupt b-tree can spread the damage) until reopened.
        self.damage: str | None = None
        try:
            if memory:
                # a name never reused in this process (an id() is, once the object is
                # collected): a new private store must not meet a dead one's database
                self._uri = f"file:nsw-{next(_MEMORY_NAMES)}?mode=memory&cache=shared"
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

    def _connect(self) -> _StoreConnection:
        if self._inherited:
            self._close_inherited()
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
            conn.owner = weakref.ref(threading.current_thread())
            conn.gen = self._gen
            conn.released = False  # closed by release_thread / release_idle
            conn.lock = threading.Lock()
            conn.last_use = time.monotonic()
            conn.pinned = False  # a change signal's: kept while it watches
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                if not self.memory:
                    conn.execute("PRAGMA synchronous=NORMAL")
                    # a commit checkpoints only past 16 MiB of log; below, settle() does it
                    # on the background thread (SQLite's default: in any commit past 4 MiB)
                    conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
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
    def conn(self) -> _StoreConnection:
        c = getattr(self._local, "conn", None)
        if c is not None:
            with c.lock:  # against release_idle: either it closed c, or it sees this use
                c.last_use = time.monotonic()
                stale = c.released or c.gen != self._gen
            if stale:  # the store was closed (or c released) since: this thread closes
                self._local.conn = None  # its own old connection
                _close_quietly(c)
                c = None
        if c is None:
            c = self._local.conn = self._connect()
        return c

    def settle(self) -> None:
        """A passive checkpoint on this thread's connection once ~1 MiB of series has
        been committed since the last one. With SQLite's default, the commit that took the
        log past 1,000 pages checkpointed inside it: a ``wait()`` after 100k points took
        15-20 ms instead of 7 (``extend()`` ~3.0M instead of ~4.5M points/s,
        bench_log_metrics). Passive: it never waits for, or blocks, a reader or a writer,
        and SQLite runs it without the GIL. Small writes never call for one (each would
        sync the file); a commit still checkpoints past ``AUTOCHECKPOINT_PAGES``. The
        background thread calls it only while an object of this process uses the store, so
        the connection it may open here is one the store keeps anyway."""
        if self.unsettled < SETTLE_BYTES or self.memory or self.damage is not None:
            return
        self.unsettled = 0
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except (sqlite3.Error, StoreError):
            pass  # a busy or failing store: the commits' own checkpoint still runs

    def release_idle(self, idle_s: float) -> bool:
        """Close the connections of this store, in any thread, that no thread has used for
        ``idle_s`` seconds and that are not inside a transaction; True when none is left
        to close (a change signal's pinned connection is left to its watcher).
        Called by the background thread once the last object of the store has stopped: an
        idle connection keeps the database, ``-wal`` and ``-shm`` open, and another process
        that needs the file alone (a backup, ``locking_mode=EXCLUSIVE``, ``.recover``) would
        find it locked. The lag spares a loop that stops and creates runs a reconnect each.
        """
        if self.memory:
            return True  # its connections are its data
        now = time.monotonic()
        with self._lock:
            conns = list(self._all_conns)
        closed = []
        for c in conns:
            with c.lock:
                if c.released or c.pinned or c.in_transaction or now - c.last_use < idle_s:
                    continue
                c.released = True
                _close_quietly(c)
            closed.append(c)
        with self._lock:
            self._all_conns = [c for c in self._all_conns if c not in closed]
            # a change signal's pinned connection stays while its widget watches: nothing
            # is left to close then, and the background thread need not keep asking
            return all(c.pinned for c in self._all_conns)

    @staticmethod
    def not_a_store(path: str) -> str | None:
        """Why the file at ``path`` is not a store of this package (None: it is one),
        read without writing to it."""
        if not os.path.isfile(path):
            return "no such file"
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return "not an SQLite file"
        try:
            from urllib.parse import quote
            conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
            try:
                names = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
            finally:
                conn.close()
        except sqlite3.DatabaseError as e:
            return f"unreadable: {e}"
        return None if {"objects", "attributes"} <= names else \
            "another program's SQLite file: it has no objects table"

    def close(self) -> None:
        """Close the store's connections: now for this thread's and for those of threads
        that have ended; another live thread closes its own on its next use. (Closing a
        connection another thread is running a statement on crashes the interpreter: a
        heartbeat in the background thread during ``close_all()`` did, in CI.) Any thread
        that uses the store afterwards gets a new connection."""
        me = threading.current_thread()
        with self._lock:
            self._gen += 1
            conns, self._all_conns = self._all_conns, []
        later = []
        for c in conns:
            owner = c.owner()
            if owner is None or owner is me or not owner.is_alive():
                _close_quietly(c)
            else:
                later.append(c)
        if getattr(self._local, "conn", None) is not None:
            self._local.conn = None
        with self._lock:
            self._all_conns.extend(later)  # still open: closed by their threads, or at a
            #                                later close() once those threads have ended

    def release_thread(self, thread: threading.Thread | None = None) -> None:
        """Close the connection ``thread`` (default: the calling one) holds to this store.
        An idle connection keeps the database, ``-wal`` and ``-shm`` open, so another process
        that needs the file alone (a backup, ``locking_mode=EXCLUSIVE``, ``.recover``)
        would find it locked. Another thread's connection may be closed only while that
        thread cannot be running a statement on it (the caller makes sure: closing under a
        running statement crashes the interpreter); that thread reconnects on its next use."""
        me = threading.current_thread()
        thread = thread or me
        with self._lock:
            mine = [c for c in self._all_conns if c.owner() is thread]
            self._all_conns = [c for c in self._all_conns if c.owner() is not thread]
        for c in mine:
            c.released = True
            _close_quietly(c)
        if thread is me:
            self._local.conn = None

    def after_fork_in_child(self) -> None:
        """Set aside, in a forked child, the connections it inherited; the child closes
        them before it opens one of its own (``_connect``). SQLite keeps a file's locks in
        process memory (one record per file, shared by every connection to it) and fork
        copies that memory but not the kernel's locks: while an inherited connection stays
        open, the child's new ones too believe they hold locks they do not, so the parent,
        closing its last connection, found the file unused and deleted the log the child
        was writing to. Closing them drops that record (the kernel's locks stay the
        parent's). Not at fork time: a child that never uses the store (a data loader's
        worker) then never touches a connection a thread of the parent may have been in
        the middle of. An in-memory store is its connections, and the child's copy is its
        own: kept."""
        if self.memory:
            return
        self._inherited.extend(self._all_conns)
        self._all_conns = []
        self._lock = threading.Lock()  # a thread of the parent may have held it
        self._local = threading.local()
        self._gen += 1

    def _close_inherited(self) -> None:
        inherited, self._inherited = self._inherited, []
        for c in inherited:
            _close_quietly(c)

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
                schema.migrate(conn, v)
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
            committing = False
            try:
                # inside the try: Python raises a Ctrl-C that came while BEGIN waited for
                # the lock as soon as it returns, and the transaction it opened (holding
                # the store's write lock for every process) must not outlive it
                conn.execute("BEGIN IMMEDIATE")
                rev = conn.execute(NEXT_REV_SQL).fetchone()[0]
                out = fn(conn, rev)
                committing = True
                conn.execute("COMMIT")
                return out
            except BaseException as e:
                if conn.in_transaction:
                    _roll_back(conn)
                elif committing and not isinstance(e, Exception):
                    mark_committed(e)  # a Ctrl-C at the end of a commit SQLite completed
                raise

        try:
            return self._retry(attempt)
        except sqlite3.OperationalError as e:
            raise StoreError(f"store {self.path!r}: write failed: {e}") from None

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads on this thread inside see the store as of one commit (a read transaction
        on its connection): a query over several series never sees part of a batch that
        a writer committed between two of its reads. Inside a transaction of this thread
        already (a nested snapshot, a preview), that one's view is used."""
        conn = self.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")  # deferred: the snapshot is taken by the first read
        try:
            yield
        finally:
            if conn.in_transaction:
                _roll_back(conn)  # (nothing was written: ending it is all it needs)

    @contextmanager
    def preview(self, fn: Callable[[SqliteTx], object]) -> Iterator[bool]:
        """Apply ``fn(tx)`` in a transaction that the body's reads (on this thread's
        connection) see and that is then rolled back: how a read shows data this process
        holds while the store cannot commit it (a full disk keeps it in SQLite's page cache,
        never on the disk). Yields False, having applied nothing, when even that fails."""
        conn = self.conn
        staged = False
        try:
            conn.execute("BEGIN")
            rev = conn.execute(NEXT_REV_SQL).fetchone()[0]
            fn(SqliteTx(self, conn, rev))
            staged = True
        except (sqlite3.Error, StoreError):
            if conn.in_transaction:
                _roll_back(conn)
        except BaseException:  # a Ctrl-C: the staged transaction must not stay open
            if conn.in_transaction:
                _roll_back(conn)
            raise
        try:
            yield staged
        finally:
            if staged and conn.in_transaction:
                conn.execute("ROLLBACK")

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def listing(self) -> SqliteListing:
        """The listing operations of this store (store/sqlite_listing.py)."""
        lst = self.__dict__.get("_listing")
        if lst is None:
            lst = self._listing = SqliteListing(self)
        return lst

    # ------------------------------------------------------------------- revision
    def revision(self) -> int:
        return self.conn.execute("SELECT coalesce(max(rev), 0) FROM objects").fetchone()[0]

    def data_version(self, conn: _StoreConnection | None = None) -> int:
        """``PRAGMA data_version`` on ``conn`` (a change signal's own connection, used by
        the thread that made it); a connection from before ``close()`` is closed here and
        raises ``sqlite3.ProgrammingError``, which tells the signal the store was closed."""
        conn = conn or self.conn
        if conn.gen != self._gen:
            _close_quietly(conn)
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def changed_since(self, rev: int) -> list[tuple[int, int]]:
        return self.read("SELECT pk, rev FROM objects WHERE rev > ? ORDER BY rev", (rev,))

__all__ = ["SqliteStore", "now_ms", "liveness_timeout_ms", "check_sys_column", "catalog"]
