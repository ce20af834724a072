"""Named lookups of the SQLite store (store/base.py): what callers outside ``store/`` used to
ask with a WHERE clause of their own."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

from ..exceptions import StoreClosedError
from .clock import now_ms

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

_OBJECT_COLS = "pk, kind, id, project_pk, model_pk, parent_pk"
_PROJECT_COLS = "pk, name, key, creation_time, owner"


class SqliteFinders:
    """Mixed into ``SqliteStore``; uses its ``conn`` and ``read``."""

    conn: Any

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # pragma: no cover - provided by SqliteStore

    def now_ms(self) -> int:
        return now_ms()

    # ------------------------------------------------------------------- projects
    def project_by_pk(self, pk: int) -> tuple | None:
        rows = self.read(f"SELECT {_PROJECT_COLS} FROM projects WHERE pk = ?", (pk,))
        return rows[0] if rows else None

    def project_object(self, project_pk: int) -> tuple | None:
        """The project's own sys row (kind ``project``)."""
        rows = self.read(f"SELECT {_OBJECT_COLS} FROM objects WHERE kind = 'project' AND "
                         "project_pk = ? LIMIT 1", (project_pk,))
        return rows[0] if rows else None

    # -------------------------------------------------------------------- objects
    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None, *,
                   project_pk: int | None = None, trashed: bool | None = None,
                   _conn: sqlite3.Connection | None = None) -> tuple | None:
        """The object whose ``sys/id`` is ``sys_id`` (of one of ``kinds``; in a project;
        trashed or not), or None."""
        where: list[str] = ["id = ?"]
        params: list[Any] = [sys_id]
        if kinds is not None:
            where.append(f"kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        if project_pk is not None:
            where.append("project_pk = ?")
            params.append(project_pk)
        if trashed is not None:
            where.append("coalesce(trashed, 0) = ?")
            params.append(int(trashed))
        c = _conn or self.conn
        return c.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE {' AND '.join(where)} "
                         "LIMIT 1", params).fetchone()

    def find_by_custom_id(self, project_pk: int | None, custom_run_id: str, *,
                          _conn: sqlite3.Connection | None = None) -> tuple | None:
        """The run with this custom run id (in a project, or in any when None)."""
        c = _conn or self.conn
        if project_pk is None:
            return c.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE custom_run_id = ? "
                             "AND kind = 'run' LIMIT 1", (custom_run_id,)).fetchone()
        return c.execute(f"SELECT {_OBJECT_COLS} FROM objects WHERE project_pk = ? AND "
                         "custom_run_id = ? AND kind = 'run' LIMIT 1",
                         (project_pk, custom_run_id)).fetchone()

    def version_ids(self, model_pk: int) -> list[str]:
        """Ids of a model's versions that are not trashed, oldest first."""
        return [r[0] for r in self.read(
            "SELECT id FROM objects WHERE model_pk = ? AND kind = 'model_version' AND "
            "coalesce(trashed, 0) = 0 ORDER BY pk", (model_pk,))]

    def trashed_pks(self, project_pk: int) -> list[int]:
        return [r[0] for r in self.read("SELECT pk FROM objects WHERE project_pk = ? AND "
                                        "trashed = 1 AND kind != 'project'", (project_pk,))]

    def run_origin(self, pk: int) -> tuple:
        """(creation_time, forking_step, parent_pk, custom_run_id, experiment_name) of a
        run: what a run handle needs to judge steps and name itself."""
        return self.read("SELECT creation_time, forking_step, parent_pk, custom_run_id, "
                         "experiment_name FROM objects WHERE pk = ?", (pk,))[0]

    def fork_parent(self, pk: int) -> tuple[int | None, float | None]:
        """(parent_pk, forking_step) of a run: one step up its lineage."""
        row = self.read("SELECT parent_pk, forking_step FROM objects WHERE pk = ?", (pk,))
        return (row[0][0], row[0][1]) if row else (None, None)

    # -------------------------------------------------------------------- changes
    def interrupter(self) -> Any:
        """This thread's connection's ``interrupt``: the statement it runs then fails with
        ``OperationalError: interrupted`` (not damage), nothing else is affected."""
        return self.conn.interrupt

    def change_signal(self) -> Any:
        """Woken by inotify on the store's files where it works (store/sqlite_notify.py),
        else ``PRAGMA data_version`` polled every 40 ms."""
        from .sqlite_notify import change_signal
        return change_signal(self, lambda: PollingChangeSignal(self))


class PollingChangeSignal:
    """SQLite has no push: ``PRAGMA data_version`` on this thread's own connection changes
    when any other connection commits, and costs a few microseconds to poll."""

    def __init__(self, store: Any, interval: float = 0.04) -> None:
        self._store = store
        self._conn = store.conn  # the calling (watcher) thread's own connection
        self._conn.pinned = True  # not closed as idle while it watches (release_idle)
        self._interval = interval
        self._version = store.data_version(self._conn)
        self._closed = threading.Event()

    def wait(self, timeout: float) -> bool:
        if self._closed.wait(min(timeout, self._interval)):
            return False
        return self._changed()

    # self: Any, as sqlite_notify.FileChangeSignal (same _store, _conn, _version) calls it too
    def _changed(self: Any) -> bool:
        """Whether another connection committed since the last look."""
        try:
            v = self._store.data_version(self._conn)
        except sqlite3.ProgrammingError:  # the store was closed (close_all)
            raise StoreClosedError(f"store {self._store.path!r} was closed") from None
        if v != self._version:
            self._version = v
            return True
        return False

    def close(self) -> None:
        self._closed.set()


__all__ = ["SqliteFinders", "PollingChangeSignal"]
