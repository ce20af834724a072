"""Connections of the PostgreSQL store: URL handling, errors that name the server and never
the password, the server's clock, the schema check, and the push listener (LISTEN/NOTIFY).

Imported only by store/postgres.py, which is imported only when a ``postgresql://`` URL is
used: psycopg stays out of every process that uses SQLite.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from ..exceptions import StoreError
from . import postgres_schema as S

log = logging.getLogger("neptune_sys_widgets.store.postgres")

CONNECT_TIMEOUT_S = 5
URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def liveness_timeout_ms() -> int:
    """The same setting as the SQLite store's (store/clock.py)."""
    return int(float(os.environ.get("NEPTUNE_SYS_LIVENESS_TIMEOUT", "20")) * 1000)


def is_postgres_url(raw: str) -> bool:
    return raw.startswith(URL_SCHEMES)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError("a postgresql:// store needs psycopg 3: pip install "
                         "'neptune_sys_widgets[postgres]'") from None
    return psycopg


class ServerAddress:
    """What a URL names, and how messages name it: ``user@host:port/db``, never the password."""

    def __init__(self, url: str) -> None:
        if url.startswith("postgresql+psycopg://"):
            url = "postgresql://" + url[len("postgresql+psycopg://"):]
        self.url = url
        try:
            parts = urlsplit(url)
            self.host = parts.hostname or "localhost"
            self.port = parts.port or 5432
        except ValueError as e:  # e.g. a port that is not a number
            safe = _redact_raw(url)
            raise StoreError(f"PostgreSQL store {safe!r}: not a valid URL ({e})") from None
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.database = unquote(parts.path.lstrip("/")) or (self.user or "postgres")
        self.query = parts.query
        user = f"{self.user}@" if self.user else ""
        self.server = f"{self.host}:{self.port}"
        self.label = f"postgresql://{user}{self.server}/{self.database}"

    def scrub(self, text: str) -> str:
        """``text`` on one line, with the password (plain or URL-encoded) removed."""
        text = " ".join(str(text).split())
        for secret in {self.password, _raw_password(self.url)}:
            if secret:
                text = text.replace(secret, "***")
        return text


def _raw_password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _redact_raw(url: str) -> str:
    head, sep, tail = url.partition("://")
    if "@" in tail:
        auth, _, rest = tail.rpartition("@")
        user = auth.split(":", 1)[0]
        return f"{head}{sep}{user}@{rest}"
    return url


def describe_error(addr: ServerAddress, e: BaseException, doing: str = "") -> str:
    """A one-line message for a psycopg error, naming the server and what failed."""
    raw = str(e) or type(e).__name__
    low = raw.lower()
    where = f"PostgreSQL store {addr.label} (server {addr.server})"
    if "password authentication failed" in low or "no password supplied" in low:
        why = f"authentication failed for user {addr.user!r} (check the user and password)"
    elif "does not exist" in low and "database" in low:
        why = f"database {addr.database!r} does not exist on the server"
    elif "connection refused" in low:
        why = "connection refused (is the server running and accepting TCP/IP connections?)"
    elif "could not translate host name" in low or "name or service not known" in low \
            or "nodename nor servname" in low or "temporary failure in name resolution" in low:
        why = f"unknown host {addr.host!r}"
    elif "timeout" in low or "timed out" in low:
        why = "the server did not answer in time (network down or server overloaded?)"
    elif "terminating connection" in low or "server closed the connection" in low \
            or "connection is closed" in low or "consuming input failed" in low \
            or "the connection is lost" in low or "connection is lost" in low \
            or "ssl syscall" in low or "administrator command" in low:
        why = "the connection to the server was lost (server restarted or network dropped)"
    elif "the database system is starting up" in low or "shutting down" in low \
            or "in recovery mode" in low:
        why = "the server is starting up or shutting down"
    elif "too many connections" in low or "remaining connection slots" in low:
        why = "the server has no free connection slots (max_connections)"
    elif "permission denied" in low:
        why = addr.scrub(raw.splitlines()[0]) + " (the role lacks a privilege)"
    else:
        why = addr.scrub(raw.splitlines()[0] if raw.splitlines() else raw)
    return addr.scrub(f"{where}: {doing + ': ' if doing else ''}{why}")


def is_connection_error(e: BaseException) -> bool:
    psycopg = _psycopg()
    return isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError))


def connect(addr: ServerAddress, *, autocommit: bool = True) -> Any:
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(addr.url, autocommit=autocommit,
                               connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="neptune_sys_widgets")
    except psycopg.Error as e:
        raise StoreError(describe_error(addr, e, "cannot connect")) from None
    return conn


# ------------------------------------------------------------------------------ schema
def ensure_schema(conn: Any, addr: ServerAddress) -> None:
    """Create or upgrade our tables, or refuse a database that is not ours, unmodified."""
    psycopg = _psycopg()
    try:
        version = _read_version(conn, addr)
        if version == S.SCHEMA_VERSION:
            return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (S.MIGRATION_LOCK,))
            version = _read_version(conn, addr) or 0  # another process may have done it
            for v in range(version + 1, S.SCHEMA_VERSION + 1):
                for stmt in S.statements(S.MIGRATIONS[v]):
                    conn.execute(stmt)
            conn.execute("INSERT INTO meta VALUES ('app', %s) ON CONFLICT (key) DO NOTHING",
                         (S.APP_ID,))
            conn.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (str(S.SCHEMA_VERSION),))
    except StoreError:
        raise
    except psycopg.Error as e:
        raise StoreError(describe_error(addr, e, "cannot set up the store's tables "
                                        "(nothing was changed)")) from None


def _read_version(conn: Any, addr: ServerAddress) -> int | None:
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_type = 'BASE TABLE'").fetchall()}
    if not tables:
        return None
    where = f"PostgreSQL store {addr.label} (server {addr.server})"
    if "meta" not in tables:
        raise StoreError(f"{where}: the database belongs to another application (it has "
                         f"tables but no neptune_sys_widgets meta table); left unmodified. "
                         "Use an empty database")
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except _psycopg().Error:
        raise StoreError(f"{where}: the database belongs to another application (its meta "
                         "table is not ours); left unmodified. Use an empty database") from None
    if meta.get("app") != S.APP_ID:
        raise StoreError(f"{where}: the database belongs to {meta.get('app')!r}, not "
                         f"{S.APP_ID}; left unmodified. Use an empty database")
    version = int(meta.get("schema_version") or 0)
    if version > S.SCHEMA_VERSION:
        raise StoreError(f"{where}: schema version {version} is newer than this "
                         f"neptune_sys_widgets understands ({S.SCHEMA_VERSION}); upgrade the "
                         "package. Nothing was changed")
    return version


# ------------------------------------------------------------------------------- clock
class ServerClock:
    """The server's clock without a round trip per reading: the offset of the server's
    ``clock_timestamp()`` from this machine's, measured at the midpoint of a query and
    re-measured every ``refresh_s``. Writes never use it: they stamp ``now()`` in SQL."""

    def __init__(self, measure: Callable[[], int], refresh_s: float = 30.0) -> None:
        self._measure = measure
        self._refresh_s = refresh_s
        self._offset_ms = 0.0
        self._measured_at = -1e18
        self._lock = threading.Lock()

    def sync(self) -> None:
        t0 = time.time()
        server = self._measure()
        t1 = time.time()
        with self._lock:
            self._offset_ms = server - (t0 + t1) * 500.0
            self._measured_at = time.monotonic()

    def now_ms(self) -> int:
        if time.monotonic() - self._measured_at > self._refresh_s:
            try:
                self.sync()
            except Exception:  # unreachable server: the last offset is still right
                pass
        return int(time.time() * 1000 + self._offset_ms)

    @property
    def offset_ms(self) -> float:
        return self._offset_ms


# ---------------------------------------------------------------------------- listener
class Listener:
    """One ``LISTEN`` connection per process per store, on its own thread. Every
    notification (payload: the committed revision) and every reconnection bumps
    ``generation``; change signals wait for it to move. After a dropped connection it
    reconnects with backoff and bumps the generation, so watchers catch up from their last
    revision with ``changed_since`` (notifications sent while it was away are lost)."""

    def __init__(self, addr: ServerAddress) -> None:
        self.addr = addr
        self.generation = 0
        self.revision = 0
        self.connected = False
        self.last_error = ""  # why it is not connected (one line naming the server)
        self.reconnects = 0
        self.notifications = 0
        self.conn: Any = None
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True,
                                        name=f"neptune-sys-listen:{addr.label}")
        self._ready = threading.Event()
        self._wake_r, self._wake_w = os.pipe()  # close() wakes the listening thread
        self._thread.start()
        self._ready.wait(CONNECT_TIMEOUT_S + 1)

    def _bump(self, rev: int | None = None) -> None:
        with self._cond:
            self.generation += 1
            if rev is not None and rev > self.revision:
                self.revision = rev
            self._cond.notify_all()

    def _loop(self) -> None:
        delay = 0.05
        first = True
        while not self._stop.is_set():
            try:
                conn = connect(self.addr)
                conn.execute(f"LISTEN {S.CHANNEL}")
            except Exception as e:
                self.connected = False
                self.last_error = str(e) if isinstance(e, StoreError) else \
                    describe_error(self.addr, e, "change feed")
                if first:
                    log.warning("%s", e)
                self._ready.set()
                first = False
                self._stop.wait(delay)
                delay = min(delay * 2, 2.0)
                continue
            self.conn = conn
            self.connected = True
            if not first:
                self.reconnects += 1
            self._bump()  # (re)connected: whatever was missed is read by revision
            first = False
            self._ready.set()
            delay = 0.05
            try:
                self._listen(conn)
            except Exception as e:
                self.last_error = describe_error(self.addr, e, "change feed")
                if not self._stop.is_set():
                    log.info("%s; listening again", self.last_error)
            finally:
                self.connected = False
                self.conn = None
                try:
                    conn.close()
                except Exception:
                    pass
            self._bump()  # the watcher's next read fails or catches up: either tells
            self._stop.wait(delay)

    def _listen(self, conn: Any) -> None:
        """Sleep in ``select`` on the connection's socket (and the wake pipe ``close``
        writes to) until the server sends something, then read the notifications.

        Why not ``conn.notifies(timeout=...)``: it wakes up every 0.1 s to poll, which was
        most of an idle notebook's CPU (0.16 % of a core per store); here an idle listener
        wakes only for a notification, a dropped connection (the socket turns readable and
        ``consume_input`` raises) or ``close``."""
        pgconn = conn.pgconn
        sock = pgconn.socket
        while not self._stop.is_set():
            while True:  # what is already read (also what came with LISTEN's reply)
                n = pgconn.notifies()
                if n is None:
                    break
                self.notifications += 1
                try:
                    rev = int(n.extra.decode())
                except ValueError:
                    rev = None
                self._bump(rev)
            ready, _, _ = select.select([sock, self._wake_r], [], [], 60.0)
            if self._wake_r in ready or self._stop.is_set():
                return
            if ready:
                pgconn.consume_input()  # raises OperationalError once the connection is gone

    def wait(self, seen: int, timeout: float) -> int:
        """The generation once it differs from ``seen``, or ``seen`` after ``timeout``."""
        with self._cond:
            if self.generation == seen:
                self._cond.wait(timeout)
            return self.generation

    def kill_connection_for_tests(self) -> int | None:
        conn = self.conn
        return None if conn is None else conn.info.backend_pid

    def close(self) -> None:
        self._stop.set()
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        self._bump()
        if self._thread is not threading.current_thread():
            self._thread.join(2.0)
            if not self._thread.is_alive():
                for fd in (self._wake_r, self._wake_w):
                    try:
                        os.close(fd)
                    except OSError:
                        pass


class PushChangeSignal:
    """``ChangeSignal`` (store/base.py) fed by the store's listener: ``wait`` returns as soon
    as a commit anywhere is announced, without reading any data."""

    def __init__(self, listener: Listener) -> None:
        self._listener = listener
        self._seen = listener.generation
        self._closed = False

    def wait(self, timeout: float) -> bool:
        """True once a commit was announced. While the listening connection is down (the
        server restarts, the network dropped) it raises StoreError, so the feed says the
        store is unreachable even when nothing else would read from it."""
        if self._closed:
            return False
        if not self._listener.connected:
            self._listener.wait(self._seen, min(timeout, 0.5))  # a reconnection bumps it
            if not self._listener.connected and not self._closed:
                raise StoreError(self._listener.last_error or
                                 f"PostgreSQL store {self._listener.addr.label}: the change "
                                 "feed is not connected")
        g = self._listener.wait(self._seen, timeout)
        if g != self._seen:
            self._seen = g
            return True
        return False

    @property
    def connected(self) -> bool:
        return self._listener.connected

    def close(self) -> None:
        self._closed = True


__all__ = ["ServerAddress", "describe_error", "connect", "ensure_schema", "ServerClock",
           "Listener", "PushChangeSignal", "is_postgres_url", "is_connection_error"]
