"""The team store: one PostgreSQL database shared by every machine (docs/DECISIONS.md #10).

``NEPTUNE_SYS_STORE=postgresql://user:pass@host:5432/db`` (or ``store=``). The same named
operations and semantics as the SQLite store (store/base.py); how they are kept:
- every write transaction first bumps the one-row ``revision`` counter: that row lock
  serializes writers exactly as SQLite's ``BEGIN IMMEDIATE`` does, so counters, set
  operations and experiment heads cannot interleave, and commits happen in revision order;
- times come from the server: writes stamp ``now()`` (the transaction's start), reads
  compute liveness against the server time returned by the same statement, and
  ``now_ms()`` is the server's clock through a measured offset. No client clock is trusted;
- each commit sends ``NOTIFY neptune_sys_widgets, '<revision>'``; one listening connection
  per process per store (``change_signal``) pushes it to the watcher;
- a lost connection or an unreachable server is a ``StoreError`` naming the server (never
  the password): async writers keep their queued batch and retry it, sync calls raise;
  the next call reconnects by itself.
"""

from __future__ import annotations

import os
import select
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from ..exceptions import ModelNotFound, ProjectDeleted, StoreError
from . import postgres_schema as S
from .base import StoreClosedError
from .postgres_conn import (
    Listener,
    PushChangeSignal,
    ServerAddress,
    ServerClock,
    _psycopg,
    connect,
    describe_error,
    ensure_schema,
    is_connection_error,
    liveness_timeout_ms,
)
from .postgres_listing import PostgresListing
from .postgres_reads import PostgresReads
from .series_arrays import FloatArrays, append_in_chunks, overtaken

T = TypeVar("T")

CHUNK_POINTS = 8192
_OBJECT_COLS = "pk, kind, id, project_pk, model_pk, parent_pk"
_PROJECT_COLS = "pk, name, key, creation_time, owner"
SYS_COLUMNS = S.SYS_COLUMNS
SET_FIELDS = (("sys/tags", "tags"), ("sys/group_tags", "group_tags"))


def _set_fields() -> tuple[tuple[str, str], ...]:
    from .. import catalog
    return tuple((f.path, f.trait) for f in catalog.FIELDS if f.storage == catalog.SET)


def _derived_fields(t: int, live: Any, running_acc: float, active_since: int | None,
                    ping_time: int | None) -> tuple[str, float, int]:
    if active_since is not None:
        end = t if live else (ping_time or active_since)
        running_acc += max(0, end - active_since) / 1000.0
    return ("active" if live else "inactive"), running_acc, int(running_acc)


def _joined_set(joined: str | None) -> set[str]:
    return set() if joined is None else set(joined.split("\x1f"))


def _split_value(value: Any) -> tuple[Any, Any, Any, Any]:
    """(value_i, value_f, value_s, value_b) of an attribute value: exactly one is set."""
    if value is None:
        return None, None, None, None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None, None, None, bytes(value)
    if isinstance(value, bool):
        return int(value), None, None, None
    if isinstance(value, int):
        return value, None, None, None
    if isinstance(value, float):
        return None, value, None, None
    return None, None, str(value), None


def _column_value(v: Any) -> Any:
    """Booleans are stored 0/1, as the SQLite store stores them."""
    return int(v) if isinstance(v, bool) else v


# What a statement stores as this commit's revision and time, named in SQL rather than
# sent as values: the revision bump is the transaction's first statement and now() is
# the transaction's start, so every statement of it sees the same two values.
_REV = S.REV
_NOW = S.NOW_MS
_OTHERS = "SELECT 1 FROM attachments WHERE object_pk = %(pk)s AND pk <> %(a)s"
# sys/size of object %(pk)s from what it holds now (as the SQLite store counts it)
_SIZE = """(
      coalesce(length(name), 0) + coalesce(length(description), 0)
    + coalesce((SELECT sum(length(path) + coalesce(length(value_s), octet_length(value_b),
                  length(value_i::text), length(value_f::text), 8))
                FROM attributes WHERE object_pk = %(pk)s), 0)
    + coalesce((SELECT sum(length(value)) FROM string_sets WHERE object_pk = %(pk)s), 0)
    + coalesce((SELECT sum(octet_length(steps) + octet_length(vals) + octet_length(ts))
                FROM series_chunks WHERE object_pk = %(pk)s), 0))"""


_NEXT_PK = "nextval(pg_get_serial_sequence('objects', 'pk'))"


class PgTx:
    """The PostgreSQL ``Transaction``: the named write operations inside ``write(fn)``."""

    __slots__ = ("store", "cur", "_head", "_rev", "_t", "_pk_ahead")

    def __init__(self, store: PostgresStore, cur: Any, head: Any = None, *,
                 rev: int | None = None, t: int | None = None) -> None:
        self.store = store
        self.cur = cur
        self._head = head  # the revision bump's cursor: its row is read when first needed
        self._rev, self._t = rev, t  # or known already (an import's write group)
        # the next object's pk, drawn with a counter's reply (below): the INSERT then has
        # nothing to wait for
        self._pk_ahead: int | None = None

    # The revision and the server's now() are read back only when Python needs them
    # (a value it formats, a RETURNING it waits for anyway): a statement that only
    # stores them names them in SQL (_REV, _NOW), so a tag add or a stop waits for
    # one reply, the COMMIT's.
    def _read_head(self) -> tuple[int, int]:
        self._rev, self._t, _ = self._head.fetchone()
        return self._rev, self._t

    @property
    def rev(self) -> int:
        if self._rev is None:
            return self._read_head()[0]
        return self._rev

    @property
    def t(self) -> int:
        """The server's now(), ms: every time this commit writes."""
        if self._t is None:
            return self._read_head()[1]
        return self._t

    def now_ms(self) -> int:
        return self.t

    def _x(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        return self.cur.execute(sql, params)

    # -------------------------------------------------------------------- objects
    def insert_object(self, project_pk: int, kind: str, values: dict[str, Any], *,
                      model_pk: int | None = None, parent_pk: int | None = None) -> int:
        for c in values:
            check_sys_column(c)
        cols = ["project_pk", "kind", "model_pk", "parent_pk", *values, "rev"]
        params = [project_pk, kind, model_pk, parent_pk, *map(_column_value, values.values())]
        pk = self._pk_ahead
        if pk is not None:  # the pk is known: nothing to read back
            self._pk_ahead = None
            self._x(f"INSERT INTO objects(pk, {', '.join(cols)}) VALUES "
                    f"({', '.join(['%s'] * (len(params) + 1))}, {_REV})", [pk, *params])
            return pk
        return self._x(f"INSERT INTO objects({', '.join(cols)}) VALUES "
                       f"({', '.join(['%s'] * len(params))}, {_REV}) RETURNING pk",
                       params).fetchone()[0]

    # A counter is read right before its object is inserted: the same reply brings the new
    # object's pk from the identity sequence (a gap if it goes unused, as sequences have).
    def next_run_number(self, project_pk: int) -> int:
        row = self._x("UPDATE projects SET run_counter = run_counter + 1 WHERE pk = %s "
                      f"RETURNING run_counter, {_NEXT_PK}", (project_pk,)).fetchone()
        if row is None:  # deleted since this process found it (its row is cached)
            self.store.forget_project(project_pk)
            raise ProjectDeleted()
        n, self._pk_ahead = row
        return n

    def check_project(self, project_pk: int) -> None:
        if self._x("SELECT 1 FROM projects WHERE pk = %s", (project_pk,)).fetchone() is None:
            self.store.forget_project(project_pk)
            raise ProjectDeleted()

    def next_version_number(self, model_pk: int) -> int:
        row = self._x("UPDATE objects SET version_counter = version_counter + 1 WHERE pk = "
                      f"%s RETURNING version_counter, {_NEXT_PK}", (model_pk,)).fetchone()
        if row is None:
            raise ModelNotFound("the model was deleted after this process found it; no "
                                "version was created")
        n, self._pk_ahead = row
        return n

    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None) -> tuple | None:
        return self.store._find_by_id(self.cur, sys_id, kinds)

    def find_by_custom_id(self, project_pk: int, custom_run_id: str) -> tuple | None:
        return self.store._find_by_custom_id(self.cur, project_pk, custom_run_id)

    def object_row(self, pk: int, columns: Sequence[str]) -> tuple | None:
        cols = ", ".join(check_sys_column(c) for c in columns)
        return self._x(f"SELECT {cols} FROM objects WHERE pk = %s", (pk,)).fetchone()

    def set_columns(self, pk: int, values: dict[str, Any]) -> None:
        if not values:
            return
        assigns = ", ".join(f"{check_sys_column(c)} = %s" for c in values)
        self._x(f"UPDATE objects SET {assigns} WHERE pk = %s",
                [*map(_column_value, values.values()), pk])

    def bump(self, pk: int) -> None:
        self._x(f"UPDATE objects SET rev = {_REV} WHERE pk = %s", (pk,))

    def touch(self, pk: int, *, modified: bool = True, ping: bool = True,
              size: bool = False) -> None:
        sets = [f"rev = {_REV}"]
        if modified:
            sets.append(f"modification_time = {_NOW}")
        if ping:
            sets.append(f"ping_time = {_NOW}")
        if size:  # in the same statement: a sync tag add is one statement shorter
            sets.append(f"size = {_SIZE}")
        self._x(f"UPDATE objects SET {', '.join(sets)} WHERE pk = %(pk)s", {"pk": pk})

    def recompute_size(self, pk: int) -> None:
        self._x(f"UPDATE objects SET size = {_SIZE} WHERE pk = %(pk)s", {"pk": pk})

    def raise_relative_creation_time(self, pk: int, ms: int) -> None:
        self._x("UPDATE objects SET relative_creation_time_ms = greatest(coalesce("
                "relative_creation_time_ms, 0), %s) WHERE pk = %s AND kind = 'run'", (ms, pk))

    def trash(self, pks: Sequence[int]) -> None:
        """Trash objects; a trashed model takes its versions with it (as in 1.x)."""
        self._x(f"UPDATE objects SET trashed = 1, rev = {_REV} WHERE pk = ANY(%s) OR "
                "(kind = 'model_version' AND model_pk = ANY(%s))", (list(pks), list(pks)))

    def delete_objects(self, pks: Sequence[int]) -> None:
        pks = list(pks)
        for table, col in (("series_chunks", "object_pk"), ("series", "object_pk"),
                           ("attributes", "object_pk"), ("string_sets", "object_pk"),
                           ("attachments", "object_pk"), ("requests", "object_pk"),
                           ("objects", "pk")):
            self._x(f"DELETE FROM {table} WHERE {col} = ANY(%s)", (pks,))

    def live_ids(self, project_pk: int, pinged_after_ms: int) -> list[str]:
        self.cur.execute("SELECT DISTINCT o.id FROM objects o JOIN attachments a ON "
                         "a.object_pk = o.pk WHERE o.project_pk = %s AND a.last_ping >= %s "
                         "ORDER BY o.id", (project_pk, pinged_after_ms))
        return [r[0] for r in self.cur.fetchall()]

    def delete_project(self, project_pk: int) -> None:
        self.cur.execute("SELECT pk FROM objects WHERE project_pk = %s", (project_pk,))
        self.delete_objects([r[0] for r in self.cur.fetchall()])
        self._x("DELETE FROM projects WHERE pk = %s", (project_pk,))
        self.store.forget_project(project_pk)

    # ------------------------------------------------------- runs: forks, experiments
    def copy_fork_state(self, child_pk: int, parent_pk: int, *, configs: bool) -> None:
        self._x("INSERT INTO string_sets SELECT %s, path, value FROM string_sets "
                "WHERE object_pk = %s AND path IN ('sys/tags', 'sys/group_tags') "
                "ON CONFLICT DO NOTHING", (child_pk, parent_pk))
        if configs:
            self._x("INSERT INTO attributes SELECT %s, path, type, value_i, value_f, value_s, "
                    "value_b, seq FROM attributes WHERE object_pk = %s AND path NOT LIKE "
                    "'monitoring/%%' ON CONFLICT DO NOTHING", (child_pk, parent_pk))
            self._x("INSERT INTO string_sets SELECT %s, s.path, s.value FROM string_sets s "
                    "JOIN attributes a ON a.object_pk = s.object_pk AND a.path = s.path "
                    "WHERE s.object_pk = %s ON CONFLICT DO NOTHING", (child_pk, parent_pk))

    def claim_experiment_head(self, project_pk: int, name: str, pk: int) -> None:
        self._x(f"UPDATE objects SET experiment_is_head = 0, rev = {_REV} WHERE project_pk "
                "= %s AND experiment_name = %s AND pk <> %s AND experiment_is_head = 1",
                (project_pk, name, pk))
        self._x("UPDATE objects SET experiment_is_head = 1, experiment_name = %s WHERE pk = %s",
                (name, pk))

    def discard_requests(self, pk: int) -> None:
        self._x(f"UPDATE requests SET delivered_at = {_NOW} WHERE object_pk = %s AND "
                "delivered_at IS NULL AND NOT EXISTS (SELECT 1 FROM attachments WHERE "
                "object_pk = %s)", (pk, pk))

    # ---------------------------------------------------- sets, attributes, series
    def set_add(self, pk: int, path: str, values: Iterable[str]) -> None:
        vals = list(values)
        if vals:  # one statement for any number (DO NOTHING also skips repeats within it)
            self._x("INSERT INTO string_sets SELECT %s, %s, unnest(%s::text[]) "
                    "ON CONFLICT DO NOTHING", (pk, path, vals))

    def set_remove(self, pk: int, path: str, values: Iterable[str]) -> None:
        vals = list(values)
        if vals:
            self._x("DELETE FROM string_sets WHERE object_pk = %s AND path = %s AND "
                    "value = ANY(%s)", (pk, path, vals))

    def set_clear(self, pk: int, path: str) -> None:
        self._x("DELETE FROM string_sets WHERE object_pk = %s AND path = %s", (pk, path))

    def set_values(self, pk: int, path: str) -> set[str]:
        return {r[0] for r in self._x("SELECT value FROM string_sets WHERE object_pk = %s "
                                      "AND path = %s", (pk, path)).fetchall()}

    def put_attributes(self, pk: int, items: Sequence[tuple[str, str, Any]]) -> None:
        """One statement for several atoms (a run's monitoring/hostname, pid and tid at
        every attach): column arrays through unnest, new paths numbered after the
        object's last seq, existing ones keep theirs (as put_attribute)."""
        if not items:
            return
        cols: list[list[Any]] = [[], [], [], [], [], []]
        for path, type_, value in items:
            vi, vf, vs, vb = _split_value(value)
            for c, v in zip(cols, (path, type_, vi, vf, vs, vb), strict=True):
                c.append(v)
        self._x("INSERT INTO attributes(object_pk, path, type, value_i, value_f, value_s, "
                "value_b, seq) SELECT %s, u.path, u.type, u.vi, u.vf, u.vs, u.vb, m.base + "
                "u.ord FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::float8[], "
                "%s::text[], %s::bytea[]) WITH ORDINALITY AS u(path, type, vi, vf, vs, vb, "
                "ord) CROSS JOIN (SELECT coalesce(max(seq), 0) AS base FROM attributes "
                "WHERE object_pk = %s) m ON CONFLICT (object_pk, path) DO UPDATE SET "
                "type = excluded.type, value_i = excluded.value_i, value_f = excluded.value_f, "
                "value_s = excluded.value_s, value_b = excluded.value_b",
                (pk, *cols, pk))

    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None:
        """(type, value) at ``path`` as this transaction sees it (read-modify-write)."""
        row = self._x("SELECT type, value_i, value_f, value_s, value_b FROM attributes "
                      "WHERE object_pk = %s AND path = %s", (pk, path)).fetchone()
        return None if row is None else (row[0], S.join_value(*row[1:]))

    def put_attribute(self, pk: int, path: str, type_: str, value: Any) -> None:
        vi, vf, vs, vb = _split_value(value)
        self._x("INSERT INTO attributes(object_pk, path, type, value_i, value_f, value_s, "
                "value_b, seq) VALUES (%(pk)s, %(path)s, %(type)s, %(vi)s, %(vf)s, %(vs)s, "
                "%(vb)s, (SELECT coalesce(max(seq), 0) + 1 FROM attributes WHERE "
                "object_pk = %(pk)s)) ON CONFLICT (object_pk, path) DO UPDATE SET "
                "type = excluded.type, value_i = excluded.value_i, value_f = excluded.value_f, "
                "value_s = excluded.value_s, value_b = excluded.value_b",
                {"pk": pk, "path": path, "type": type_, "vi": vi, "vf": vf, "vs": vs,
                 "vb": vb})

    def delete_path(self, pk: int, path: str) -> int:
        # one statement that counts what it deleted (a rowcount is not known in pipeline
        # mode before the reply is read)
        like = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
        tables = ("attributes", "series", "series_chunks", "string_sets")
        where = "WHERE object_pk = %(pk)s AND (path = %(path)s OR path LIKE %(like)s ESCAPE '\\')"
        ctes = ", ".join(f"d{i} AS (DELETE FROM {t} {where} RETURNING 1)"
                         for i, t in enumerate(tables))
        total = " + ".join(f"(SELECT count(*) FROM d{i})" for i in range(len(tables)))
        return self._x(f"WITH {ctes} SELECT {total}",
                       {"pk": pk, "path": path, "like": like}).fetchone()[0]

    def append_chunk(self, pk: int, path: str, type_: str, steps: array, values: Any,
                     timestamps: array) -> tuple[int, float]:
        """As SQLite's: points not after the stored last step are left out (Transaction).
        The last step is read with the chunk number, in the same round trip."""
        n = len(steps)
        if not n:
            return 0, 0.0
        if n > CHUNK_POINTS:
            return append_in_chunks(lambda st, va, ts: self.append_chunk(
                pk, path, type_, st, va, ts), steps, values, timestamps, CHUNK_POINTS)
        chunk, stored = self._x(
            "SELECT coalesce(max(chunk), -1) + 1, (SELECT last_step FROM series WHERE "
            "object_pk = %(pk)s AND path = %(path)s) FROM series_chunks WHERE "
            "object_pk = %(pk)s AND path = %(path)s", {"pk": pk, "path": path}).fetchone()
        skipped, last = overtaken(steps, stored)
        if skipped:
            if skipped == n:
                return skipped, last
            steps, values, timestamps = steps[skipped:], values[skipped:], timestamps[skipped:]
            n -= skipped
        if type_ == "float":
            vals_blob = (values if type(values) is array else array("d", values)).tobytes()
            last_f, last_s = float(values[-1]), None
        else:
            vals_blob = "\x1f".join(values).encode()
            last_f, last_s = None, values[-1]
        self._x("INSERT INTO series_chunks VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                (pk, path, chunk, steps[0], steps[-1], n, steps.tobytes(), vals_blob,
                 timestamps.tobytes()))
        self._x("INSERT INTO series(object_pk, path, type, count, last_step, last_f, last_s, "
                "last_ts, seq) VALUES (%(pk)s, %(path)s, %(type)s, %(n)s, %(ls)s, %(lf)s, "
                "%(lsv)s, %(lt)s, (SELECT coalesce(max(seq), 0) + 1 FROM series WHERE "
                "object_pk = %(pk)s)) ON CONFLICT (object_pk, path) DO UPDATE SET "
                "count = series.count + excluded.count, last_step = excluded.last_step, "
                "last_f = excluded.last_f, last_s = excluded.last_s, last_ts = excluded.last_ts",
                {"pk": pk, "path": path, "type": type_, "n": n, "ls": steps[-1], "lf": last_f,
                 "lsv": last_s, "lt": timestamps[-1]})
        return skipped, last

    # -------------------------------------------------------------------- liveness
    # Liveness statements return nothing, so in pipeline mode they cost no round trip of
    # their own (a DELETE ... RETURNING read back here cost one, a liveness SELECT another).
    # A data-modifying CTE's DELETE is not seen by the rest of its statement: "nothing
    # live remains" is asked of the rows the DELETE keeps (last_ping >= cutoff).
    def _reap(self, pk: int) -> None:
        """Drop attachments whose heartbeats stopped; close the running-time interval if
        nothing live remains (it ends at the last stale ping, not now)."""
        self._x("WITH stale AS (DELETE FROM attachments WHERE object_pk = %(pk)s AND "
                f"last_ping < {_NOW} - %(timeout)s RETURNING last_ping) "
                "UPDATE objects SET running_acc = running_acc + greatest(0, (SELECT "
                "max(last_ping) FROM stale) - active_since) / 1000.0, active_since = NULL "
                "WHERE pk = %(pk)s AND active_since IS NOT NULL AND EXISTS (SELECT 1 FROM "
                "stale) AND NOT EXISTS (SELECT 1 FROM attachments WHERE object_pk = %(pk)s "
                f"AND last_ping >= {_NOW} - %(timeout)s)",
                {"pk": pk, "timeout": liveness_timeout_ms()})

    def attach(self, pk: int, pid: int, hostname: str, *, new: bool = False) -> int:
        if not new:
            self._reap(pk)
        # one statement: the attachment, and the object's interval and stamps; on its own
        # cursor, read after COMMIT (see _Later): nothing in the transaction needs the
        # id, so waiting for it here would be a round trip for nothing
        later = self.cur.connection.cursor()
        later.execute("WITH a AS (INSERT INTO attachments(object_pk, pid, hostname, "
                      f"attached_at, last_ping) VALUES (%(pk)s, %(pid)s, %(host)s, {_NOW}, "
                      f"{_NOW}) RETURNING pk), o AS (UPDATE objects SET active_since = "
                      f"coalesce(active_since, {_NOW}), ping_time = {_NOW}, rev = {_REV} "
                      "WHERE pk = %(pk)s) SELECT pk FROM a",
                      {"pk": pk, "pid": pid, "host": hostname})
        return _Later(later)  # type: ignore[return-value]  # an int once write() returns

    def detach(self, attachment: int, pk: int) -> None:
        # reaped first, as on SQLite (sqlite_liveness.detach says why); then one statement
        # drops this attachment, closes the interval at now() if nothing else is attached,
        # and stamps the object (the CTE's DELETE is not seen by the rest of the statement,
        # hence "another attachment" is asked with pk <> this one)
        self._reap(pk)
        self._x(f"WITH gone AS (DELETE FROM attachments WHERE pk = %(a)s) "
                f"UPDATE objects SET rev = {_REV}, ping_time = {_NOW}, "
                f"running_acc = CASE WHEN active_since IS NULL OR EXISTS ({_OTHERS}) THEN "
                f"running_acc ELSE running_acc + greatest(0, {_NOW} - active_since) / 1000.0 "
                f"END, active_since = CASE WHEN EXISTS ({_OTHERS}) THEN active_since END "
                "WHERE pk = %(pk)s", {"pk": pk, "a": attachment})


class _Later:
    """A value a statement RETURNs that the transaction itself never uses (a new
    attachment's id): read from its cursor after COMMIT has been answered, so it costs no
    round trip of its own. ``write`` hands out the value, never this object."""

    __slots__ = ("cur",)

    def __init__(self, cur: Any) -> None:
        self.cur = cur

    @staticmethod
    def settle(out: Any) -> Any:
        if isinstance(out, _Later):
            return out.cur.fetchone()[0]
        if type(out) is tuple and any(isinstance(v, _Later) for v in out):
            return tuple(_Later.settle(v) for v in out)
        return out


def _has_news(conn: Any) -> bool:
    """Whether an idle connection has something to read: on a connection that runs no
    statement and listens to nothing, that is the server ending the session."""
    try:
        return bool(select.select([conn.fileno()], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _abandon(conn: Any, cur: Any) -> None:
    """A write given up halfway (its function raised): leaving the pipeline sends the Sync
    that would commit the implicit transaction, so a ROLLBACK goes first (in an implicit
    transaction it aborts what came before it). If even that cannot be sent, the
    connection is closed: the server rolls back what it never saw committed."""
    try:
        cur.execute("ROLLBACK")
    except BaseException:
        try:
            conn.close()
        except Exception:
            pass


def _roll_back(conn: Any) -> None:
    """End a write that failed or was abandoned: the pipeline has synced, so a
    transaction still open (or aborted by an error) is rolled back here. A connection
    that is gone needs nothing (the server rolled it back); one that cannot roll back is
    closed, so that no later COMMIT on it could store this write's half."""
    try:
        if not conn.broken and not conn.closed and \
                conn.info.transaction_status != _psycopg().pq.TransactionStatus.IDLE:
            conn.execute("ROLLBACK")
    except Exception:
        try:
            conn.close()
        except Exception:
            pass


class PostgresStore(PostgresReads, FloatArrays):
    """All persistence of one PostgreSQL database (many projects may share it)."""

    memory = False
    backend = "postgresql"
    param_mark = "%s"

    def __init__(self, url: str) -> None:
        self.addr = ServerAddress(url)
        self.path = self.addr.label  # how messages and keys name the store (no password)
        self.url = url
        self.damage: str | None = None
        self._local = threading.local()
        self._all: list[Any] = []
        self._inherited: list[Any] = []  # a forked child's, until it connects
        self._lock = threading.Lock()
        self._listener: Listener | None = None
        self._closed = False
        self._set_fields = _set_fields()
        conn = self._conn()  # connect now: a bad URL fails here, changing nothing
        ensure_schema(conn, self.addr)
        self.clock = ServerClock(self._measure_clock)
        try:
            self.clock.sync()
        except Exception as e:
            raise self._error(e) from None

    # ----------------------------------------------------------------- connections
    def _conn(self) -> Any:
        if self._closed:
            raise StoreClosedError(f"PostgreSQL store {self.path}: the store was closed")
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed and not conn.broken:
            if not _has_news(conn):
                return conn
            # the server spoke to an idle connection: it ended the session (a restart,
            # pg_terminate_backend). Replaced before anything is sent, so a write never
            # has to guess whether a lost reply means it was stored
            try:
                conn.close()
            except Exception:
                pass
        if self._inherited:
            self._close_inherited()
        conn = connect(self.addr)
        self._local.conn = conn
        with self._lock:
            self._all = [c for c in self._all if not c.closed]
            self._all.append(conn)
        return conn

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass

    def _error(self, e: BaseException, doing: str = "") -> StoreError:
        return StoreError(describe_error(self.addr, e, doing))

    def _run(self, fn: Callable[[Any], T], doing: str) -> T:
        """``fn(conn)``; a connection that died since its last use (a server restart) is
        replaced once, transparently, for reads and for writes that had not started; any
        other connection failure is a StoreError."""
        psycopg = _psycopg()
        for attempt in (0, 1):
            fresh = getattr(self._local, "conn", None) is None
            conn = self._conn()
            try:
                return fn(conn)
            except psycopg.Error as e:
                if conn.broken or conn.closed:
                    self._drop_conn()
                    safe = getattr(e, "_nsw_safe", False) or doing == "read failed"
                    if attempt == 0 and not fresh and safe:
                        continue  # a stale connection: nothing was sent, try a new one
                    raise self._error(e, doing) from None
                if is_connection_error(e):
                    # the server failed (shutting down, disk full, timeout): the data did
                    # not, so a caller keeps what it queued and retries
                    raise self._error(e, doing) from None
                # the data or the statement failed (a constraint, a value PostgreSQL
                # rejects): as with sqlite3.IntegrityError, not a StoreError, so that a
                # queued batch drops the op instead of retrying it forever
                raise
        raise AssertionError("unreachable")

    def _measure_clock(self) -> int:
        return self.read(f"SELECT {S.CLOCK_MS}")[0][0]

    def close(self) -> None:
        self._closed = True
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            conns, self._all = self._all, []
        for c in conns:
            try:
                c.close()
            except Exception:
                pass
        self._local = threading.local()

    def after_fork_in_child(self) -> None:
        """Let go, in a forked child, of the parent's connections: their sockets are the
        parent's sessions, and closing one (at the latest when the child's interpreter
        exits) tells the server to end it. Each socket is pointed at /dev/null now, so
        that goodbye goes nowhere; the connections are closed when the child first
        connects (``_conn``), not at fork time, so a child that never uses the store never
        touches one a thread of the parent may have been using."""
        conns, self._all = self._all, []
        listener, self._listener = self._listener, None
        if listener is not None and listener.conn is not None:
            conns.append(listener.conn)
        self._lock = threading.Lock()  # a thread of the parent may have held it
        self._local = threading.local()
        null = os.open(os.devnull, os.O_RDWR)
        try:
            for c in conns:
                try:
                    os.dup2(null, c.pgconn.socket)
                except Exception:  # noqa: BLE001 - a connection already gone
                    pass
        finally:
            os.close(null)
        self._inherited.extend(conns)

    def _close_inherited(self) -> None:
        inherited, self._inherited = self._inherited, []
        for c in inherited:
            try:
                c.close()
            except Exception:  # noqa: BLE001 - a connection already gone
                pass

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """This thread's reads inside run in one REPEATABLE READ, READ ONLY transaction on
        its connection, so they see one state of the database. (A read that meets a dropped
        connection is repeated on a new one, outside it: that read sees its own moment.)
        Inside a transaction of this connection already, that one's view is used."""
        psycopg = _psycopg()
        conn = self._conn()
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield
            return
        try:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except psycopg.Error as e:
            raise self._error(e, "read failed") from None
        try:
            yield
        finally:
            if not conn.closed and not conn.broken:
                try:
                    conn.execute("COMMIT")
                except psycopg.Error:
                    pass  # the connection failed meanwhile: the next use replaces it

    @contextmanager
    def preview(self, fn: Callable[[PgTx], object]) -> Iterator[bool]:
        """Yields False: the server's pipelined writes cannot be staged for a read and
        rolled back, so a read while writes are held shows what is stored (and says so)."""
        yield False

    def release_idle(self, idle_s: float) -> bool:
        """True: a server's connections lock no file (see release_thread)."""
        return True

    def release_thread(self, thread: threading.Thread | None = None) -> None:
        """Nothing to do: a server's connection locks no file, so an idle one is kept for
        the next object rather than paying a new connection (SQLite's closes its files)."""

    def settle(self) -> None:
        """Nothing to do: the server writes its own log back (SQLite's copies its WAL)."""

    def check_writable(self) -> None:
        if self._closed:
            raise StoreClosedError(f"PostgreSQL store {self.path}: the store was closed")

    def now_ms(self) -> int:
        return self.clock.now_ms()

    @property
    def server_clock_offset_ms(self) -> float:
        """How far the server's clock is ahead of this machine's (diagnostics, tests)."""
        return self.clock.offset_ms

    # ---------------------------------------------------------------- transactions
    def write(self, fn: Callable[[PgTx], T]) -> T:
        """Run ``fn(tx)`` in one transaction; NOTIFY the new revision on commit."""
        self.check_writable()
        psycopg = _psycopg()

        def attempt(conn: Any) -> T:
            started = False
            try:
                # One pipeline on an autocommit connection: every statement up to its Sync
                # is one implicit transaction, which the Sync commits. Nothing waits for a
                # reply except where a result is read (a RETURNING) and that Sync; no
                # BEGIN or COMMIT statement costs its own client work. (psycopg's
                # transaction() inside a pipeline syncs on entering and twice on leaving.)
                with conn.pipeline():
                    cur, head = conn.cursor(), conn.cursor()
                    # NOTIFY is delivered at commit (and never if the transaction rolls
                    # back), so it rides on the revision bump
                    head.execute(f"UPDATE revision SET rev = rev + 1 RETURNING rev, {_NOW}, "
                                 "pg_notify(%s, rev::text)", (S.CHANNEL,))
                    tx = PgTx(self, cur, head)
                    started = True
                    try:
                        out = fn(tx)
                    except BaseException:
                        _abandon(conn, cur)
                        raise
                return _Later.settle(out)
            except BaseException as e:
                _roll_back(conn)
                if isinstance(e, psycopg.OperationalError) and not started:
                    # a mark on psycopg's exception for _run (psycopg is typed Any here)
                    e._nsw_safe = True  # pyright: ignore[reportAttributeAccessIssue]
                raise

        return self._run(attempt, "write failed (nothing of it was stored)")

    def read(self, sql: str, params: Sequence[Any] | dict = ()) -> list[tuple]:
        """Rows of one statement (store-internal: callers outside store/ use named reads)."""
        def q(conn: Any) -> list[tuple]:
            try:
                return conn.execute(sql, params).fetchall()
            except _psycopg().OperationalError as e:
                e._nsw_safe = True  # a read is safe to repeat
                raise
        return self._run(q, "read failed")

    def read_one(self, sql: str, params: Sequence[Any] | dict = ()) -> tuple | None:
        rows = self.read(sql, params)
        return rows[0] if rows else None

    # ------------------------------------------------------------------- revision
    def revision(self) -> int:
        return self.read("SELECT rev FROM revision")[0][0]

    def changed_since(self, rev: int) -> list[tuple[int, int]]:
        return self.read("SELECT pk, rev FROM objects WHERE rev > %s ORDER BY rev", (rev,))

    def interrupter(self) -> None:
        """Not offered: cancelling a statement on the server needs a second connection, and
        a superseded table order is cheap enough to finish (its result is dropped)."""
        return None

    def change_signal(self) -> PushChangeSignal:
        with self._lock:
            if self._listener is None:
                self._listener = Listener(self.addr)
            listener = self._listener
        return PushChangeSignal(listener)

    @property
    def listener(self) -> Listener | None:
        return self._listener

    # ------------------------------------------------------------------- projects
    def find_project(self, name: str) -> tuple | None:
        """Cached once found: a project's row (pk, name, key, creation time, owner) never
        changes, and every init_* asks for it (a round trip to the server each time,
        before). A project deleted by another process is found out by the next creating
        transaction (``check_project``, the run counter), which forgets it here."""
        cache = self.__dict__.setdefault("_project_rows", {})
        row = cache.get(name)
        if row is None:
            row = self.read_one(f"SELECT {_PROJECT_COLS} FROM projects WHERE name = %s",
                                (name,))
            if row is not None:
                cache[name] = row
        return row

    def forget_project(self, pk: int) -> None:
        """Drop a deleted project's cached rows (``find_project``, ``project_object``)."""
        rows = self.__dict__.get("_project_rows", {})
        for name in [n for n, row in rows.items() if row[0] == pk]:
            del rows[name]
        self.__dict__.get("_project_objects", {}).pop(pk, None)

    def project_by_pk(self, pk: int) -> tuple | None:
        return self.read_one(f"SELECT {_PROJECT_COLS} FROM projects WHERE pk = %s", (pk,))

    def create_project(self, name: str, key: str | None, owner: str,
                       derive_key: Callable[[str, set[str]], str]) -> tuple:
        def tx(t: PgTx) -> tuple:
            row = t._x(f"SELECT {_PROJECT_COLS} FROM projects WHERE name = %s",
                       (name,)).fetchone()
            if row:
                return tuple(row)
            taken = {r[0] for r in t._x("SELECT key FROM projects").fetchall()}
            k = key or derive_key(name, taken)
            if k in taken:
                from ..exceptions import InvalidValueError
                raise InvalidValueError(f"project {name!r}: key {k!r} is already used by "
                                        "another project")
            pk = t._x("INSERT INTO projects(name, key, creation_time, owner) VALUES "
                      "(%s,%s,%s,%s) RETURNING pk", (name, k, t.t, owner)).fetchone()[0]
            return (pk, name, k, t.t, owner)
        return self.write(tx)

    def list_projects(self) -> list[tuple]:
        return self.read(f"SELECT {_PROJECT_COLS} FROM projects ORDER BY pk")

    def project_object(self, project_pk: int) -> tuple | None:
        """Cached once found, as :meth:`find_project` (these columns never change)."""
        cache = self.__dict__.setdefault("_project_objects", {})
        row = cache.get(project_pk)
        if row is None:
            row = self.read_one(f"SELECT {_OBJECT_COLS} FROM objects WHERE kind = 'project' "
                                "AND project_pk = %s LIMIT 1", (project_pk,))
            if row is not None:
                cache[project_pk] = row
        return row

    # -------------------------------------------------------------------- objects
    @staticmethod
    def _find_by_id(cur: Any, sys_id: str, kinds: Sequence[str] | None = None,
                    project_pk: int | None = None, trashed: bool | None = None
                    ) -> tuple | None:
        where: list[str] = ["id = %s"]
        params: list[Any] = [sys_id]
        if kinds is not None:
            where.append("kind = ANY(%s)")
            params.append(list(kinds))
        if project_pk is not None:
            where.append("project_pk = %s")
            params.append(project_pk)
        if trashed is not None:
            where.append("coalesce(trashed, 0) = %s")
            params.append(int(trashed))
        row = cur.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE {' AND '.join(where)} "
                          "LIMIT 1", params).fetchone()
        return tuple(row) if row else None

    @staticmethod
    def _find_by_custom_id(cur: Any, project_pk: int | None, custom_run_id: str
                           ) -> tuple | None:
        if project_pk is None:
            row = cur.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE custom_run_id = %s "
                              "AND kind = 'run' LIMIT 1", (custom_run_id,)).fetchone()
        else:
            row = cur.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE project_pk = %s AND "
                              "custom_run_id = %s AND kind = 'run' LIMIT 1",
                              (project_pk, custom_run_id)).fetchone()
        return tuple(row) if row else None

    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None, *,
                   project_pk: int | None = None, trashed: bool | None = None
                   ) -> tuple | None:
        return self._run(lambda c: self._find_by_id(c.cursor(), sys_id, kinds, project_pk,
                                                    trashed), "read failed")

    def find_by_custom_id(self, project_pk: int | None, custom_run_id: str) -> tuple | None:
        return self._run(lambda c: self._find_by_custom_id(c.cursor(), project_pk,
                                                           custom_run_id), "read failed")

    def version_ids(self, model_pk: int) -> list[str]:
        return [r[0] for r in self.read(
            "SELECT id FROM objects WHERE model_pk = %s AND kind = 'model_version' AND "
            "coalesce(trashed, 0) = 0 ORDER BY pk", (model_pk,))]

    def trashed_pks(self, project_pk: int) -> list[int]:
        return [r[0] for r in self.read("SELECT pk FROM objects WHERE project_pk = %s AND "
                                        "trashed = 1 AND kind <> 'project'", (project_pk,))]

    def run_origin(self, pk: int) -> tuple:
        """(creation_time, forking_step, parent_pk, custom_run_id, experiment_name)."""
        return tuple(self.read("SELECT creation_time, forking_step, parent_pk, custom_run_id, "
                               "experiment_name FROM objects WHERE pk = %s", (pk,))[0])

    def fork_parent(self, pk: int) -> tuple[int | None, float | None]:
        row = self.read_one("SELECT parent_pk, forking_step FROM objects WHERE pk = %s", (pk,))
        return (row[0], row[1]) if row else (None, None)

    def sys_rows(self, pks: Sequence[int] | None = None, *, project_pk: int | None = None,
                 kinds: Sequence[str] | None = None, order: str = "", limit: int | None = None,
                 **listing: Any) -> list[dict[str, Any]]:
        """Sys values (as stored: ms ints, 0/1) of objects, derived fields computed against
        the server's clock at the time of the statement."""
        if listing.get("where"):
            raise StoreError(f"PostgreSQL store {self.path}: SQL listing clauses are not "
                             "supported; use the named listing operations")
        clauses: list[str] = []
        params: list[Any] = []
        if pks is not None:
            clauses.append("o.pk = ANY(%s)")
            params.append(list(pks))
        if project_pk is not None:
            clauses.append("o.project_pk = %s")
            params.append(project_pk)
        if kinds is not None:
            clauses.append("o.kind = ANY(%s)")
            params.append(list(kinds))
        return self.sys_records(clauses, params, order or "o.pk", limit)

    def sys_records(self, where: Sequence[str], params: Sequence[Any], order: str = "",
                    limit: int | None = None) -> list[dict[str, Any]]:
        """The statement behind ``sys_rows`` and the listing's ``sys_columns``: ``where``
        (ANDed, ``%s`` placeholders, built inside store/ only) over ``objects o``."""
        sets = [f"(SELECT string_agg(s.value, chr(31)) FROM string_sets s WHERE "
                f"s.object_pk = o.pk AND s.path = %s) AS {name}_joined"
                for _, name in self._set_fields]
        cols = ", ".join(f"o.{c}" for c in SYS_COLUMNS)
        args: list[Any] = [liveness_timeout_ms(), *(path for path, _ in self._set_fields),
                           *params]
        sql = (f"SELECT {S.NOW_MS} AS t_now, o.pk, o.kind, o.project_pk, o.model_pk, "
               f"o.running_acc, o.active_since, o.rev, EXISTS(SELECT 1 FROM attachments a WHERE "
               f"a.object_pk = o.pk AND a.last_ping >= {S.NOW_MS} - %s) AS live, "
               f"{', '.join(sets)}, {cols} FROM objects o")
        if where:
            sql += " WHERE " + " AND ".join(where)
        if order:
            sql += " ORDER BY " + order
        if limit is not None:
            sql += f" LIMIT {int(limit)}"

        def q(conn: Any) -> tuple[list[str], list[tuple]]:
            try:
                cur = conn.execute(sql, args)
            except _psycopg().OperationalError as e:
                e._nsw_safe = True
                raise
            return [d.name for d in cur.description], cur.fetchall()

        names, rows = self._run(q, "read failed")
        out = []
        for row in rows:
            rec = dict(zip(names, row, strict=True))
            t = rec.pop("t_now")
            rec["state"], rec["running_time"], rec["monitoring_time"] = _derived_fields(
                t, rec.pop("live"), rec.pop("running_acc"), rec.pop("active_since"),
                rec["ping_time"])
            for _, name in self._set_fields:
                rec[name] = _joined_set(rec.pop(f"{name}_joined"))
            rec["family"] = rec["custom_run_id"] or rec["id"]
            rec["archived"] = rec["trashed"]
            out.append(rec)
        return out

    def listing(self) -> PostgresListing:
        """The listing operations of this store (store/postgres_listing.py)."""
        lst = self.__dict__.get("_listing")
        if lst is None:
            lst = self._listing = PostgresListing(self)
        return lst

    # --------------------------------------------------------- attributes, sets, series
    def attributes(self, pk: int) -> list[tuple[str, str, Any]]:
        return [(p, t, S.join_value(i, f, s, b)) for p, t, i, f, s, b in self.read(
            "SELECT path, type, value_i, value_f, value_s, value_b FROM attributes WHERE "
            "object_pk = %s ORDER BY seq", (pk,))]

    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None:
        row = self.read_one("SELECT type, value_i, value_f, value_s, value_b FROM attributes "
                            "WHERE object_pk = %s AND path = %s", (pk, path))
        return None if row is None else (row[0], S.join_value(*row[1:]))

    def set_values(self, pk: int, path: str) -> set[str]:
        return {r[0] for r in self.read("SELECT value FROM string_sets WHERE object_pk = %s "
                                        "AND path = %s", (pk, path))}

    def series_info(self, pk: int, path: str | None = None) -> list[tuple]:
        """(path, type, count, last_step, last_value, last_ts, seq) rows."""
        sql = ("SELECT path, type, count, last_step, last_f, last_s, last_ts, seq FROM series "
               "WHERE object_pk = %s")
        if path is None:
            rows = self.read(sql + " ORDER BY seq", (pk,))
        else:
            rows = self.read(sql + " AND path = %s", (pk, path))
        return [(p, t, n, ls, (lf if t == "float" else lv), lt, seq)
                for p, t, n, ls, lf, lv, lt, seq in rows]

    def series_points(self, pk: int, path: str, max_step: float | None = None
                      ) -> tuple[str, array, list, array] | None:
        info = self.series_info(pk, path)
        if not info:
            return None
        type_ = info[0][1]
        steps, tss = array("d"), array("d")
        values: list = []
        for s, v, t in self.read("SELECT steps, vals, ts FROM series_chunks WHERE "
                                 "object_pk = %s AND path = %s ORDER BY chunk", (pk, path)):
            steps.frombytes(bytes(s))
            tss.frombytes(bytes(t))
            if type_ == "float":
                values.extend(array("d", bytes(v)))
            else:
                values.extend(bytes(v).decode().split("\x1f"))
        if max_step is not None:
            keep = sum(1 for s in steps if s <= max_step)
            steps, tss, values = steps[:keep], tss[:keep], values[:keep]
        return type_, steps, values, tss

    # ------------------------------------------------------------- liveness, requests
    def attach(self, pk: int, pid: int, hostname: str) -> int:
        return self.write(lambda tx: tx.attach(pk, pid, hostname))

    def detach(self, attachment: int, pk: int) -> None:
        self.write(lambda tx: tx.detach(attachment, pk))

    def heartbeat(self, attachments: dict[int, int],
                  revive: Callable[[int], bool] | None = None) -> None:
        """One commit pings every object this process is attached to (server time)."""
        if not attachments:
            return
        revive = revive or (lambda a: True)

        def tx(t: PgTx) -> None:
            apks = list(attachments)
            present = {r[0] for r in t._x(
                f"UPDATE attachments SET last_ping = {_NOW} WHERE pk = ANY(%s) RETURNING pk",
                (apks,)).fetchall()}
            t._x(f"UPDATE objects SET ping_time = {_NOW}, rev = {_REV} WHERE pk = ANY(%s)",
                 (list(set(attachments.values())),))
            for a in set(apks) - present:  # reaped while this process was frozen
                if not revive(a):
                    continue
                pk = attachments[a]
                t._x("INSERT INTO attachments(pk, object_pk, pid, hostname, attached_at, "
                     f"last_ping) VALUES (%s, %s, %s, %s, {_NOW}, {_NOW})",
                     (a, pk, os.getpid(), ""))
                t._x(f"UPDATE objects SET active_since = coalesce(active_since, {_NOW}) "
                     "WHERE pk = %s", (pk,))
        self.write(tx)

    def add_request(self, pk: int, kind: str) -> None:
        def tx(t: PgTx) -> None:
            t._x(f"INSERT INTO requests(object_pk, kind, requested_at) SELECT %s, %s, {_NOW} "
                 "WHERE NOT EXISTS (SELECT 1 FROM requests WHERE object_pk = %s AND kind = %s "
                 "AND delivered_at IS NULL)", (pk, kind, pk, kind))
            t.bump(pk)
        self.write(tx)

    def take_requests(self, pks: Sequence[int]) -> list[tuple[int, str]]:
        """Claim undelivered stop/abort requests for these objects (exactly once)."""
        if not pks:
            return []
        if not self.read("SELECT 1 FROM requests WHERE delivered_at IS NULL AND "
                         "object_pk = ANY(%s) LIMIT 1", (list(pks),)):
            return []
        return self.write(lambda t: [tuple(r) for r in t._x(
            f"UPDATE requests SET delivered_at = {_NOW} WHERE delivered_at IS NULL AND "
            "object_pk = ANY(%s) RETURNING object_pk, kind", (list(pks),)).fetchall()])


def check_sys_column(name: str) -> str:
    """Guard for column names that reach SQL text: only catalog columns are allowed."""
    if name not in SYS_COLUMNS:
        raise KeyError(name)
    return name


__all__ = ["PostgresStore", "PgTx", "check_sys_column"]
