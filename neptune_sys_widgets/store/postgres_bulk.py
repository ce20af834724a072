"""The PostgreSQL store's bulk operations for import, export and copy (the protocol
``store.base.Bulk``: the same named operations with the same results as store/bulk.py's),
and its write groups.

Chosen by ``store.bulk.bulk_for(store)``; imported only with a PostgreSQL store. Where it
differs from the SQLite module, and why:

- the transaction handle is the store's own ``PgTx`` (its cursor, revision and server
  time): a write group is one PostgreSQL transaction holding the ``revision`` row lock (as
  every write does, so commits stay in revision order) with a savepoint per object, and
  sends one ``NOTIFY`` at its commit;
- values go to the typed columns of the PostgreSQL layout (``value_i``/``value_f``/
  ``value_s``/``value_b``, ``last_f``/``last_s``), exactly as ``PgTx.put_attribute`` and
  ``append_chunk`` write them, so the object API reads an import as it reads its own
  writes; chunk blobs are sent as binary parameters (``%b``), not hex text;
- the store failing under a group (a lost connection, a server shutting down) is a
  ``StoreError`` that says the open group was not stored: the import stops rather than
  counting objects that were rolled back (importing again skips what was committed);
- ``imported_objects`` is created on first use, in a statement of its own before the
  first group (not inside an object's transaction, which may be rolled back);
- a PostgreSQL store has no folder beside it: ``payload_dir()`` is None, so payloads that
  are not File values (file series, file sets, artifacts, files over 64 MiB) are not
  copied in; their references are kept and the import summary says so.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..exceptions import StoreError
from . import postgres_schema as S
from .postgres import CHUNK_POINTS, PgTx, PostgresStore, _split_value, check_sys_column
from .postgres_conn import _psycopg, is_connection_error

_META_DDL = ("CREATE TABLE IF NOT EXISTS imported_objects (object_pk BIGINT PRIMARY KEY, "
             "id TEXT, meta TEXT NOT NULL)")
# one statement for all of an object's attributes: a column array each (a row per
# statement costs a message per row even pipelined, 3/4 of a wide import's time)
_ATTR_SQL = ("INSERT INTO attributes(object_pk, path, type, value_i, value_f, value_s, "
             "value_b, seq) SELECT %s, * FROM unnest(%s::text[], %s::text[], %s::bigint[], "
             "%s::float8[], %s::text[], %s::bytea[], %s::bigint[]) ON CONFLICT (object_pk, "
             "path) DO UPDATE SET type = excluded.type, value_i = excluded.value_i, "
             "value_f = excluded.value_f, value_s = excluded.value_s, "
             "value_b = excluded.value_b, seq = excluded.seq")
_CHUNK_SQL = "INSERT INTO series_chunks VALUES (%s, %s, %s, %s, %s, %s, %b, %b, %b)"
_SERIES_SQL = ("INSERT INTO series(object_pk, path, type, count, last_step, last_f, last_s, "
               "last_ts, seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT "
               "(object_pk, path) DO UPDATE SET type = excluded.type, count = excluded.count, "
               "last_step = excluded.last_step, last_f = excluded.last_f, "
               "last_s = excluded.last_s, last_ts = excluded.last_ts, seq = excluded.seq")
_REF = "pk, kind, id, project_pk"


class _Rollback(Exception):
    pass


class PgWriteGroup:
    """Several objects' writes in one PostgreSQL transaction, each in a savepoint of its
    own (see ``store.bulk.WriteGroup``): committed after ``max_objects`` objects or
    ``max_seconds``, so other writers wait on the revision lock at most that long."""

    def __init__(self, store: PostgresStore, max_objects: int = 64,
                 max_seconds: float = 0.2) -> None:
        self.store, self.max_objects, self.max_seconds = store, max_objects, max_seconds
        self._conn: Any = None
        self._outer: Any = None
        self._tx: PgTx | None = None
        self._n = 0
        self._t0 = 0.0

    def _open(self) -> None:
        store, psycopg = self.store, _psycopg()
        store.check_writable()

        def begin(conn: Any) -> tuple[Any, Any, PgTx]:
            outer = conn.transaction()
            outer.__enter__()
            try:
                cur = conn.cursor()
                rev, t = cur.execute(f"UPDATE revision SET rev = rev + 1 RETURNING rev, "
                                     f"{S.NOW_MS}").fetchone()
            except BaseException as e:
                _exit(outer, e)
                if isinstance(e, psycopg.OperationalError):
                    # nothing was written: safe on a new connection (a mark for _run)
                    e._nsw_safe = True  # pyright: ignore[reportAttributeAccessIssue]
                raise
            return conn, outer, PgTx(store, cur, rev=rev, t=t)

        self._conn, self._outer, self._tx = store._run(
            begin, "import write failed (nothing of it was stored)")
        self._n, self._t0 = 0, time.monotonic()

    def write(self, fn: Any) -> Any:
        """``fn(tx)`` inside the open group (opened on demand); an exception from it rolls
        back only what it wrote, and propagates."""
        if self._tx is None:
            self._open()
        conn, psycopg = self._conn, _psycopg()
        try:
            with conn.transaction():  # a savepoint inside the group
                out = fn(self._tx)
        except psycopg.Error as e:
            if conn.broken or conn.closed or is_connection_error(e):
                raise self._lost(e) from None
            raise
        self._n += 1
        if self._n >= self.max_objects or time.monotonic() - self._t0 >= self.max_seconds:
            self.commit()
        return out

    def _lost(self, e: BaseException) -> StoreError:
        n = self._n
        self.rollback()
        return self.store._error(e, f"import write failed (the {n} object(s) of the open "
                                    "group were not stored; importing again skips what was)")

    def commit(self) -> None:
        """Make the group durable and announce it (a no-op when none is open)."""
        if self._tx is not None and not self._n:
            self.rollback()  # every object of it failed: no revision for nothing
            return
        tx, outer, conn = self._tx, self._outer, self._conn
        self._tx = self._outer = self._conn = None
        if tx is None:
            return
        psycopg = _psycopg()
        try:
            tx.cur.execute("SELECT pg_notify(%s, %s)", (S.CHANNEL, str(tx.rev)))
            outer.__exit__(None, None, None)
        except psycopg.Error as e:
            _exit(outer, e)
            if conn.broken or conn.closed:
                self.store._drop_conn()
            raise self.store._error(e, "import commit failed (the open group was not "
                                       "stored)") from None

    def rollback(self) -> None:
        outer, conn = self._outer, self._conn
        self._tx = self._outer = self._conn = None
        if outer is None:
            return
        _exit(outer, _Rollback())
        if conn.broken or conn.closed:
            self.store._drop_conn()


def _exit(outer: Any, e: BaseException) -> None:
    """Leave a psycopg transaction block rolling it back; a dead connection is fine."""
    try:
        outer.__exit__(type(e), e, None)
    except Exception:  # noqa: BLE001 - the connection is gone: nothing to roll back
        pass


class PostgresBulk:
    """Import/export operations on a PostgreSQL store (see the module docstring). Writing
    methods take the ``PgTx`` of a ``group()``'s ``write(fn)``."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store
        self._meta_ready = False

    def group(self) -> PgWriteGroup:
        self._ensure_meta()
        return PgWriteGroup(self.store)

    def payload_dir(self) -> Path | None:
        return None

    # ------------------------------------------------------------------ projects
    def project(self, name: str) -> tuple | None:
        return self.store.find_project(name)

    def projects(self) -> list[tuple]:
        return self.store.list_projects()

    def project_keys(self) -> set[str]:
        return {r[2] for r in self.store.list_projects()}

    def bump_run_counter(self, tx: PgTx, project_pk: int, n: int) -> None:
        tx._x("UPDATE projects SET run_counter = greatest(run_counter, %s) WHERE pk = %s",
              (n, project_pk))

    def bump_version_counter(self, tx: PgTx, model_pk: int, n: int) -> None:
        tx._x("UPDATE objects SET version_counter = greatest(version_counter, %s) "
              "WHERE pk = %s", (n, model_pk))

    def next_run_number(self, tx: PgTx, project_pk: int) -> int:
        return tx.next_run_number(project_pk)

    # ------------------------------------------------------------------- objects
    def find(self, *, sys_id: str | None = None, project_pk: int | None = None,
             custom_run_id: str | None = None, tx: PgTx | None = None
             ) -> tuple[int, str, str, int] | None:
        def one(sql: str, params: Sequence[Any]) -> tuple | None:
            if tx is not None:
                row = tx._x(sql, params).fetchone()
                return tuple(row) if row else None
            return self.store.read_one(sql, params)
        if sys_id is not None:
            row = one(f"SELECT {_REF} FROM objects WHERE id = %s", (sys_id,))
            if row:
                return row
        if custom_run_id and project_pk is not None:
            return one(f"SELECT {_REF} FROM objects WHERE project_pk = %s AND "
                       "custom_run_id = %s AND kind = 'run'", (project_pk, custom_run_id))
        return None

    def repoint(self, tx: PgTx, old_pk: int, new_pk: int) -> None:
        tx._x("UPDATE objects SET parent_pk = %s WHERE parent_pk = %s", (new_pk, old_pk))
        tx._x("UPDATE objects SET model_pk = %s WHERE model_pk = %s", (new_pk, old_pk))

    def lookup(self, ident: str) -> tuple[int, str, str, int] | None:
        return self.store.read_one(f"SELECT {_REF} FROM objects WHERE id = %s AND "
                                   "kind <> 'project'", (ident,)) or self.store.read_one(
            f"SELECT {_REF} FROM objects WHERE custom_run_id = %s AND kind = 'run' "
            "ORDER BY pk LIMIT 1", (ident,))

    def delete(self, tx: PgTx, pks: Sequence[int]) -> None:
        tx.delete_objects(pks)
        tx._x("DELETE FROM imported_objects WHERE object_pk = ANY(%s)", (list(pks),))

    def insert(self, tx: PgTx, project_pk: int, kind: str, values: dict[str, Any], *,
               model_pk: int | None = None, parent_pk: int | None = None,
               running_time: float = 0.0) -> int:
        pk = tx.insert_object(project_pk, kind, values, model_pk=model_pk,
                              parent_pk=parent_pk)
        if running_time:
            tx._x("UPDATE objects SET running_acc = %s WHERE pk = %s", (running_time, pk))
        return pk

    def set_columns(self, tx: PgTx, pk: int, values: dict[str, Any]) -> None:
        for c in values:
            check_sys_column(c)
        tx.set_columns(pk, values)

    def set_model(self, tx: PgTx, pk: int, model_pk: int) -> None:
        tx._x("UPDATE objects SET model_pk = %s WHERE pk = %s", (model_pk, pk))

    def set_running_time(self, tx: PgTx, pk: int, seconds: float) -> None:
        tx._x("UPDATE objects SET running_acc = %s, active_since = NULL WHERE pk = %s",
              (seconds, pk))

    def set_parent(self, tx: PgTx, pk: int, parent_pk: int | None) -> None:
        tx._x("UPDATE objects SET parent_pk = %s WHERE pk = %s", (parent_pk, pk))

    def join_fork(self, tx: PgTx, pk: int, parent_pk: int) -> tuple[int, str]:
        """See ``Bulk.join_fork`` (store/base.py): the create's own fork copy."""
        tx.copy_fork_state(pk, parent_pk, configs=True)
        row = tx.object_row(parent_pk, ("forking_depth", "description"))
        return ((row[0] or 0), row[1] or "") if row else (0, "")

    def put_attribute(self, tx: PgTx, pk: int, path: str, type_: str, value: Any,
                      seq: int) -> None:
        self.put_attributes(tx, pk, [(path, type_, value, seq)])

    def put_attributes(self, tx: PgTx, pk: int,
                       rows: Sequence[tuple[str, str, Any, int]]) -> None:
        if not rows:
            return
        last: dict[str, tuple] = {}
        for path, type_, value, seq in rows:  # one row per path (a later one wins)
            last[path] = (path, type_, *_split_value(value), seq)
        tx._x(_ATTR_SQL, (pk, *map(list, zip(*last.values(), strict=True))))

    def add_set(self, tx: PgTx, pk: int, path: str, values: Sequence[str]) -> None:
        tx.set_add(pk, path, values)

    def add_set_rows(self, tx: PgTx, pk: int, rows: Sequence[tuple[str, str]]) -> None:
        """(path, value) members of several string sets of one object, in one statement."""
        if rows:
            tx._x("INSERT INTO string_sets SELECT %s, p, v FROM unnest(%s::text[], "
                  "%s::text[]) AS r(p, v) ON CONFLICT DO NOTHING",
                  (pk, [r[0] for r in rows], [r[1] for r in rows]))

    def put_chunks(self, tx: PgTx, pk: int, path: str, first_chunk: int, steps: Any,
                   values: Any, stamps: Any, type_: str) -> int:
        """Series points as store chunks (``CHUNK_POINTS`` each, the layout
        ``PgTx.append_chunk`` writes); returns the next chunk number."""
        rows = []
        chunk = first_chunk
        for i in range(0, len(steps), CHUNK_POINTS):
            j = i + CHUNK_POINTS
            s, t = steps[i:j], stamps[i:j]
            if type_ == "float":
                v = values[i:j].tobytes()
            else:
                v = "\x1f".join(values[i:j]).encode()
            rows.append((pk, path, chunk, float(s[0]), float(s[-1]), len(s), s.tobytes(), v,
                         t.tobytes()))
            chunk += 1
        if rows:
            tx.cur.executemany(_CHUNK_SQL, rows)
        return chunk

    def put_series(self, tx: PgTx, pk: int, path: str, type_: str, count: int,
                   last_step: float, last_value: Any, last_ts: float, seq: int) -> None:
        last_f, last_s = (last_value, None) if type_ == "float" else (None, last_value)
        tx._x(_SERIES_SQL, (pk, path, type_, count, last_step, last_f, last_s, last_ts, seq))

    def shift_timestamps(self, tx: PgTx, pk: int, seconds: float) -> None:
        """Add ``seconds`` to every series timestamp of an object, chunk by chunk."""
        from array import array
        keys = tx._x("SELECT path, chunk FROM series_chunks WHERE object_pk = %s",
                     (pk,)).fetchall()
        for path, chunk in keys:
            (blob,) = tx._x("SELECT ts FROM series_chunks WHERE object_pk = %s AND path = %s "
                            "AND chunk = %s", (pk, path, chunk)).fetchone()
            ts = array("d")
            ts.frombytes(bytes(blob))
            shifted = array("d", [t + seconds for t in ts])
            tx._x("UPDATE series_chunks SET ts = %b WHERE object_pk = %s AND path = %s AND "
                  "chunk = %s", (shifted.tobytes(), pk, path, chunk))

    # ------------------------------------------------------------- import records
    def _has_meta(self) -> bool:
        return self.store.read("SELECT to_regclass('imported_objects') IS NOT NULL")[0][0]

    def _ensure_meta(self) -> None:
        """Create ``imported_objects`` in a statement of its own (autocommit), once."""
        if self._meta_ready or self._has_meta():
            self._meta_ready = True
            return
        psycopg = _psycopg()

        def create(conn: Any) -> None:
            try:
                conn.execute(_META_DDL)
            except psycopg.errors.UniqueViolation:
                pass  # another process created it at the same moment
        self.store._run(create, "cannot create the imported_objects table")
        self._meta_ready = True

    def set_meta(self, tx: PgTx, pk: int, sys_id: str | None,
                 meta: str) -> None:
        """The object's import record (``meta``: JSON, made by the importer)."""
        tx._x("INSERT INTO imported_objects VALUES (%s, %s, %s) ON CONFLICT (object_pk) DO "
              "UPDATE SET id = excluded.id, meta = excluded.meta",
              (pk, sys_id, meta))

    def meta(self, pks: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The import records of these objects (objects made here have none)."""
        if not pks or not self._has_meta():
            return {}
        return {pk: json.loads(j) for pk, j in self.store.read(
            "SELECT m.object_pk, m.meta FROM imported_objects m JOIN objects o ON "
            "o.pk = m.object_pk AND o.id IS NOT DISTINCT FROM m.id WHERE "
            "m.object_pk = ANY(%s)", (list(pks),))}

    # --------------------------------------------------------------------- reads
    def objects(self, project_pk: int) -> list[dict[str, Any]]:
        """Sys rows (as stored) of a project's runs, models and versions, oldest first,
        with ``parent_pk``."""
        rows = self.store.sys_rows(project_pk=project_pk,
                                   kinds=["run", "model", "model_version"], order="o.pk")
        parents = dict(self.store.read("SELECT pk, parent_pk FROM objects WHERE "
                                       "project_pk = %s", (project_pk,)))
        for r in rows:
            r["parent_pk"] = parents.get(r["pk"])
        return rows

    def attributes(self, pk: int) -> list[tuple[str, str, Any]]:
        return [(p, t, bytes(v) if isinstance(v, memoryview) else v)
                for p, t, v in self.store.attributes(pk)]

    def sets(self, pk: int) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for path, value in self.store.read('SELECT path, value FROM string_sets WHERE '
                                           'object_pk = %s ORDER BY path COLLATE "C", '
                                           'value COLLATE "C"', (pk,)):
            out.setdefault(path, []).append(value)
        return out

    def series(self, pk: int) -> list[tuple[str, str]]:
        """(path, type) of an object's series, in creation order."""
        return [(r[0], r[1]) for r in self.store.read(
            "SELECT path, type FROM series WHERE object_pk = %s ORDER BY seq", (pk,))]

    def chunks(self, pk: int, path: str) -> Iterator[tuple[bytes, bytes, bytes]]:
        """(steps, values, timestamps) blobs of a series, in order, a few chunks a read."""
        last = -1
        while True:
            rows = self.store.read("SELECT chunk, steps, vals, ts FROM series_chunks WHERE "
                                   "object_pk = %s AND path = %s AND chunk > %s ORDER BY "
                                   "chunk LIMIT 16", (pk, path, last))
            if not rows:
                return
            for chunk, s, v, t in rows:
                last = chunk
                yield bytes(s), bytes(v), bytes(t)


__all__ = ["PostgresBulk", "PgWriteGroup"]
