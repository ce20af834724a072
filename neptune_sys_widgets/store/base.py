"""The store interface: every operation the rest of the package needs, by name.

Objects, queries, control, management, bindings, widgets and magics talk to a store only
through these two protocols (import, export and copy through a third, ``Bulk``); no SQL
and no connection object leaves ``store/``. That is what lets a second backend
(PostgreSQL, for teams on many machines) keep the exact semantics of the embedded SQLite
store: each backend implements the same named operations.

Two levels, because writes are batched: an object queues *ops* (callables taking a
``Transaction``) and the background thread commits a batch of them in one transaction
(``Store.write``), so a training loop pays for one commit per flush, not per call.

Conventions shared by both backends:
- times are integer milliseconds since the epoch, taken from the store's clock
  (``Store.now_ms``): the local clock for SQLite, the database server's for PostgreSQL,
  because machines' clocks differ and liveness compares pings written by many of them;
- every commit stamps the objects it changes with a new store-wide revision
  (``Transaction.rev``); ``changed_since(rev)`` is how watchers catch up;
- an object reference is the tuple ``ObjectRef``: (pk, kind, id, project_pk, model_pk,
  parent_pk);
- failures of the store itself (full disk, unreachable server, damaged file) raise
  ``StoreError``: callers keep what they queued and retry.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, runtime_checkable

from ..exceptions import StoreClosedError as StoreClosedError  # a name of this interface
from ..exceptions import StoreError

if TYPE_CHECKING:  # pathlib costs a script's import ~2 ms; only named in annotations
    from pathlib import Path

T = TypeVar("T")

ObjectRef = tuple  # (pk, kind, id, project_pk, model_pk, parent_pk)
ProjectRow = tuple  # (pk, name, key, creation_time, owner)
SeriesInfo = tuple  # (path, type, count, last_step, last_value, last_ts, seq)


@runtime_checkable
class Transaction(Protocol):
    """The named write operations available inside ``Store.write(fn)``. All of them are
    applied atomically with the rest of ``fn``; none is visible to others before commit."""

    @property
    def rev(self) -> int:
        """The revision this commit stamps on what it touches (read-only: PostgreSQL reads
        it back from the server only when it is needed)."""
        ...

    def now_ms(self) -> int: ...

    # objects
    def insert_object(self, project_pk: int, kind: str, values: dict[str, Any], *,
                      model_pk: int | None = None, parent_pk: int | None = None) -> int: ...
    def next_run_number(self, project_pk: int) -> int: ...
    def next_version_number(self, model_pk: int) -> int: ...
    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None
                   ) -> ObjectRef | None: ...
    def find_by_custom_id(self, project_pk: int, custom_run_id: str) -> ObjectRef | None: ...
    def object_row(self, pk: int, columns: Sequence[str]) -> tuple | None:
        """Catalog columns of one object, read inside the transaction."""
        ...
    def set_columns(self, pk: int, values: dict[str, Any]) -> None: ...
    def bump(self, pk: int) -> None:
        """Stamp ``pk`` with this revision only (its watchers re-read it)."""
        ...
    def touch(self, pk: int, *, modified: bool = True, ping: bool = True,
              size: bool = False) -> None:
        """Stamp ``pk`` with this revision (and modification / ping time); ``size`` also
        recomputes its sys/size (one statement on PostgreSQL)."""
        ...
    def recompute_size(self, pk: int) -> None: ...
    def raise_relative_creation_time(self, pk: int, ms: int) -> None: ...
    def trash(self, pks: Sequence[int]) -> None: ...
    def delete_objects(self, pks: Sequence[int]) -> None: ...
    def live_ids(self, project_pk: int, pinged_after_ms: int) -> list[str]:
        """sys/ids of the project's objects attached by a session that pinged since."""
        ...
    def delete_project(self, project_pk: int) -> None:
        """The project, its objects and everything they own, for good."""
        ...
    def check_project(self, project_pk: int) -> None:
        """``ProjectNotFound`` if the project was deleted (another process may hold its
        row): an object's creating transaction asks before it inserts."""
        ...

    # runs: resume, forks, experiments
    def copy_fork_state(self, child_pk: int, parent_pk: int, *, configs: bool) -> None: ...
    def claim_experiment_head(self, project_pk: int, name: str, pk: int) -> None: ...
    def discard_requests(self, pk: int) -> None: ...

    # string sets, attributes, series
    def set_add(self, pk: int, path: str, values: Iterable[str]) -> None: ...
    def set_remove(self, pk: int, path: str, values: Iterable[str]) -> None: ...
    def set_clear(self, pk: int, path: str) -> None: ...
    def set_values(self, pk: int, path: str) -> set[str]: ...
    def put_attribute(self, pk: int, path: str, type_: str, value: Any) -> None: ...
    def put_attributes(self, pk: int, items: Sequence[tuple[str, str, Any]]) -> None:
        """Several ``(path, type, value)`` atoms of one object, distinct paths, in as few
        statements as the store can (one on PostgreSQL: a round trip each, otherwise)."""
        ...
    def delete_path(self, pk: int, path: str) -> int: ...
    def append_chunk(self, pk: int, path: str, type_: str, steps: array, values: Any,
                     timestamps: array) -> tuple[int, float]:
        """Append points with increasing steps to a series. The first ones whose steps are
        not after the series' stored last step are left out, so a series keeps its steps
        increasing when two processes log to it (each judged its points against what it
        had seen): returns how many were left out and that stored last step."""
        ...

    # liveness; ``new``: ``pk`` was inserted by this same transaction (no attachment of it
    # can be stale, so none is looked for). ``attach`` returns the attachment id, which
    # ``fn`` may only return (alone or in a tuple): PostgreSQL reads it with the COMMIT's
    # reply, and ``write`` returns the int
    def attach(self, pk: int, pid: int, hostname: str, *, new: bool = False) -> int: ...
    def detach(self, attachment: int, pk: int) -> None: ...


@runtime_checkable
class Store(Protocol):
    """One store: an SQLite file, an in-memory store, or a PostgreSQL database."""

    path: str  # what names the store in messages (a file path, or a URL without password)
    memory: bool

    def write(self, fn: Callable[[Transaction], T]) -> T:
        """Run ``fn(tx)`` in one transaction (retried when the store is busy)."""
        ...
    def snapshot(self) -> AbstractContextManager[None]:
        """``with store.snapshot():`` this thread's reads inside see one state of the
        store, where the backend can give one (SQLite); a query over several series uses
        it so that it never sees half of a writer's batch."""
        ...
    def preview(self, fn: Callable[[Transaction], object]) -> AbstractContextManager[bool]:
        """``with store.preview(fn) as shown:`` the body's reads on this thread see
        ``fn(tx)`` applied, and nothing of it is committed. ``shown`` False: they do not
        (the backend cannot stage it); the body then reads what is stored."""
        ...
    def now_ms(self) -> int: ...
    def close(self) -> None: ...
    def check_writable(self) -> None: ...
    def release_idle(self, idle_s: float) -> bool:
        """Close connections of any thread unused for ``idle_s`` s if holding them would
        keep the store's files open; True when none is left to close."""
        ...
    def release_thread(self, thread: Any = None) -> None:
        """Let go of the connection ``thread`` (default: the calling one) keeps, if holding
        it would keep the store's files open; the thread reconnects on its next use."""
        ...
    def after_fork_in_child(self) -> None:
        """In a forked child: let go of every connection the parent had, without touching
        what the parent still uses; the child's next use connects afresh."""
        ...
    def settle(self) -> None:
        """Housekeeping the background thread does after its flushes, so that a user's
        commit (``wait()``) does not pay for it: SQLite copies committed pages from its
        write-ahead log into the database; a server has nothing to do."""
        ...

    # revisions and change notification
    def revision(self) -> int: ...
    def changed_since(self, rev: int) -> list[tuple[int, int]]: ...
    def change_signal(self) -> ChangeSignal: ...
    def interrupter(self) -> Callable[[], None] | None:
        """A callable another thread may use to cut short the statement the calling
        thread's connection runs (a superseded table order), or None if it cannot."""
        ...

    # projects
    def find_project(self, name: str) -> ProjectRow | None: ...
    def project_by_pk(self, pk: int) -> ProjectRow | None: ...
    def create_project(self, name: str, key: str | None, owner: str,
                       derive_key: Callable[[str, set[str]], str]) -> ProjectRow: ...
    def list_projects(self) -> list[ProjectRow]: ...
    def project_object(self, project_pk: int) -> ObjectRef | None: ...

    # objects
    def find_by_id(self, sys_id: str, kinds: Sequence[str] | None = None, *,
                   project_pk: int | None = None, trashed: bool | None = None
                   ) -> ObjectRef | None: ...
    def find_by_custom_id(self, project_pk: int | None, custom_run_id: str
                          ) -> ObjectRef | None: ...
    def version_ids(self, model_pk: int) -> list[str]: ...
    def trashed_pks(self, project_pk: int) -> list[int]: ...
    def run_origin(self, pk: int) -> tuple:
        """(creation_time, forking_step, parent_pk, custom_run_id, experiment_name)."""
        ...
    def fork_parent(self, pk: int) -> tuple[int | None, float | None]:
        """(parent_pk, forking_step): one step up a run's lineage."""
        ...
    def sys_rows(self, pks: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Sys values of the objects ``pks`` (each backend's own listing keywords are for
        ``store/`` only)."""
        ...

    # attributes, sets, series
    def attributes(self, pk: int) -> list[tuple[str, str, Any]]: ...
    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None: ...
    def set_values(self, pk: int, path: str) -> set[str]: ...
    def series_info(self, pk: int, path: str | None = None) -> list[SeriesInfo]: ...
    def series_points(self, pk: int, path: str, max_step: float | None = None
                      ) -> tuple[str, array, list, array] | None: ...
    def float_arrays(self, pk: int, path: str, max_step: float | None = None
                     ) -> tuple[array, array] | None:
        """(steps, values) of a float series as arrays: no Python object per point."""
        ...
    def float_columns(self, pk: int, path: str, max_step: float | None = None, *,
                      after_step: float | None = None, timestamps: bool = False
                      ) -> tuple[array, ...] | None:
        """(steps, values[, timestamps in s]) of a float series as arrays, only the points
        after ``after_step`` if given (a live chart's new tail)."""
        ...

    # liveness and requests
    def attach(self, pk: int, pid: int, hostname: str) -> int: ...
    def heartbeat(self, attachments: dict[int, int],
                  revive: Callable[[int], bool] | None = None) -> None: ...
    def add_request(self, pk: int, kind: str) -> None: ...
    def take_requests(self, pks: Sequence[int]) -> list[tuple[int, str]]: ...

    # tables, NQL pushdown, the windowed runs table
    def listing(self) -> Listing:
        """The store's listing operations (one object per store)."""
        ...


def is_store_failure(error: BaseException) -> bool:
    """Whether ``error`` is the store failing (locked, full disk, I/O error, read-only file,
    unreachable server) rather than the data it was given: a batch that failed so may
    succeed later and is kept. Each driver's own such errors are named here, so that callers
    outside ``store/`` need not import the drivers."""
    import sqlite3  # stdlib, always loaded with the SQLite store
    return isinstance(error, (StoreError, sqlite3.OperationalError))


class ListingFilter(NamedTuple):
    """The exact filters of a listing, as data: each backend turns them into its own SQL
    over its own indexes. Conditions are ANDed; values are always bound parameters, and
    ``equal`` names catalog columns only (the store checks them). A NamedTuple, not a
    dataclass: the store is imported by every script, and dataclasses pulls in inspect
    (~9 ms of a cold start)."""

    project_pk: int
    kind: str
    model_pk: int | None = None
    trashed: bool | None = False          # None: trashed or not
    ids: Sequence[str] = ()               # sys/id is one of these
    owners: Sequence[str] = ()            # sys/owner is one of these
    tags: Sequence[str] = ()              # sys/tags contains each of these
    sets: Sequence[tuple[str, str]] = ()  # (sys string-set path, value): contains
    equal: Sequence[tuple[str, Any]] = ()  # (catalog column, value): equal
    state: str | None = None              # "active" / "inactive" (liveness, store clock)
    pks: Sequence[int] | None = None      # only these objects


Order = tuple  # (catalog column or "pk", ascending); ties are broken by pk, same direction


@runtime_checkable
class Listing(Protocol):
    """Named reads and bulk edits of many objects: ``fetch_*_table``, NQL pushdown and the
    windowed runs table (objects/tables.py, objects/live_table.py) use only these.

    ``scan`` says every match is wanted (no limit), ``limit`` that only the first ones are:
    hints a backend may use to choose between its listing index and a filter's index."""

    # matching objects
    def sys_columns(self, f: ListingFilter, *, order: Order | None = None,
                    limit: int | None = None, scan: bool = False
                    ) -> dict[str, Sequence[Any]]:
        """``Store.sys_rows`` of the matches as one sequence per name (``pk``, catalog
        columns, derived state/running time, sets). ``order`` None: the backend's order."""
        ...
    def column_values(self, f: ListingFilter, columns: Sequence[str], order: Order, *,
                      scan: bool = False) -> dict[str, list[Any]]:
        """``pk`` and only the named catalog columns of the matches (a narrow read)."""
        ...
    def list_pks(self, f: ListingFilter, order: Order, *, scan: bool = False,
                 limit: int | None = None) -> array:
        """The matches' pks in ``order`` (ties by pk); ``limit``: only the first ones."""
        ...
    def list_pks_by_user_value(self, f: ListingFilter, path: str, ascending: bool, *,
                               scan: bool = False, limit: int | None = None) -> array:
        """Ordered by the user attribute (or series' last value) at ``path``: numbers before
        text, byte order; objects without it last; ties by pk."""
        ...
    def count(self, f: ListingFilter) -> int:
        """How many objects match."""
        ...
    def attribute_exists(self, project_pk: int, kind: str, model_pk: int | None, path: str,
                         part: bool = False) -> bool:
        """Whether any object of the kind stores ``path`` (``part``: a path containing it)."""
        ...

    # values of many objects
    def atom_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                  ) -> list[tuple[int, str, str, Any]]:
        """(pk, path, type, stored value) of the objects' attributes (only at ``paths``)."""
        ...
    def user_set_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                      ) -> list[tuple[int, str, str]]:
        """(pk, path, value) of the objects' user (non-sys) string-set elements."""
        ...
    def series_last_rows(self, pks: Sequence[int], paths: Iterable[str] | None = None
                         ) -> list[tuple[int, str, str, Any]]:
        """(pk, path, type, last value) of the objects' series (a NaN last value: None)."""
        ...
    def float_chunks(self, pks: Sequence[int], paths: Sequence[str]
                     ) -> list[tuple[int, str, bytes]]:
        """(pk, path, float64 values) of the chunks of float series, in step order."""
        ...

    # the windowed table
    def window_sys_rows(self, pks: Sequence[int]) -> list[dict[str, Any]]: ...
    def ids_of(self, project_pk: int, kind: str) -> dict[int, str]: ...
    def objects_by_id(self, project_pk: int, kind: str, ids: Sequence[str]
                      ) -> dict[str, int]: ...
    def user_paths(self, project_pk: int, kind: str, limit: int = 500, sample: int = 5000
                   ) -> list[tuple[str, str]]: ...
    def bulk_set_op(self, pks: Sequence[int], path: str, op: str,
                    values: Sequence[str]) -> None: ...
    def bulk_columns(self, pks: Sequence[int], values: dict[str, Any]) -> None: ...
    def bulk_trash(self, pks: Sequence[int]) -> None: ...


class ChangeSignal(Protocol):
    """Tells a watcher thread that another process (or thread) may have committed: polled
    cheaply for SQLite (``PRAGMA data_version``), pushed by the server for PostgreSQL
    (``LISTEN``). A watcher then reads ``changed_since`` its last revision, so a signal that
    is lost or spurious costs nothing but a read."""

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` s; True if something may have changed."""
        ...
    def close(self) -> None: ...


ObjectKey = tuple  # (pk, kind, id, project_pk): what an import matches an object by


class BulkGroup(Protocol):
    """Several objects' writes in one commit, each object in a savepoint of its own (a
    damaged object rolls back alone; the commit is paid once per group)."""

    def write(self, fn: Callable[[Any], T]) -> T:
        """``fn(tx)`` inside the open group (opened on demand); ``tx`` is the backend's
        own transaction handle, opaque to callers, passed back to the writing operations
        of :class:`Bulk`. An exception from ``fn`` rolls back only what it wrote."""
        ...
    def commit(self) -> None:
        """Make the group durable (a no-op when none is open)."""
        ...
    def rollback(self) -> None: ...


class Bulk(Protocol):
    """The operations of import, export and store-to-store copy (``interop/``), which
    take ids, times and counters as given instead of allocating them, yet keep the store's
    invariants (ids unique, counters past every id, one revision per commit). Obtained with
    ``store.bulk_for(store)``; a backend implements it next to its ``Store`` (SQLite:
    store/bulk.py, PostgreSQL: store/postgres_bulk.py), and import, export and copy work on
    it unchanged. Writing operations take the ``tx`` a ``group().write(fn)`` hands ``fn``.
    """

    @property
    def store(self) -> Store: ...
    def group(self) -> BulkGroup: ...
    def payload_dir(self) -> Path | None:
        """The folder for payloads that are not File values (file series, file sets,
        artifacts, large files), or None where the store has none beside it."""
        ...

    # projects and counters
    def project(self, name: str) -> ProjectRow | None: ...
    def projects(self) -> list[ProjectRow]: ...
    def project_keys(self) -> set[str]: ...
    def bump_run_counter(self, tx: Any, project_pk: int, n: int) -> None:
        """New runs never collide with imported ``KEY-N`` ids."""
        ...
    def next_run_number(self, tx: Any, project_pk: int) -> int: ...
    def bump_version_counter(self, tx: Any, model_pk: int, n: int) -> None: ...

    # objects
    def find(self, *, sys_id: str | None = None, project_pk: int | None = None,
             custom_run_id: str | None = None, tx: Any = None) -> ObjectKey | None:
        """The object with this sys/id (unique in a store), else with this custom run id
        in the project."""
        ...
    def repoint(self, tx: Any, old_pk: int, new_pk: int) -> None:
        """Forks and versions of a replaced object follow it to its new row."""
        ...
    def lookup(self, ident: str) -> ObjectKey | None:
        """A run, model or version by sys/id, else by custom run id (any project)."""
        ...
    def delete(self, tx: Any, pks: Sequence[int]) -> None: ...
    def insert(self, tx: Any, project_pk: int, kind: str, values: dict[str, Any], *,
               model_pk: int | None = None, parent_pk: int | None = None,
               running_time: float = 0.0) -> int:
        """An object row with the given sys columns, inactive, ``running_time`` seconds."""
        ...
    def set_columns(self, tx: Any, pk: int, values: dict[str, Any]) -> None: ...
    def set_model(self, tx: Any, pk: int, model_pk: int) -> None: ...
    def set_running_time(self, tx: Any, pk: int, seconds: float) -> None: ...
    def set_parent(self, tx: Any, pk: int, parent_pk: int | None) -> None: ...
    def join_fork(self, tx: Any, pk: int, parent_pk: int) -> tuple[int, str]:
        """A run that asked to fork from ``parent_pk`` while its parent was out of reach
        (an offline run's log) gets what a fork made online starts with: the parent's tags,
        group tags and configs. Returns the parent's forking depth and description."""
        ...

    # values
    def put_attribute(self, tx: Any, pk: int, path: str, type_: str, value: Any,
                      seq: int) -> None: ...
    def put_attributes(self, tx: Any, pk: int,
                       rows: Sequence[tuple[str, str, Any, int]]) -> None:
        """(path, type, value, seq) rows of one object, in one statement."""
        ...
    def add_set(self, tx: Any, pk: int, path: str, values: Sequence[str]) -> None: ...
    def add_set_rows(self, tx: Any, pk: int, rows: Sequence[tuple[str, str]]) -> None: ...
    def put_chunks(self, tx: Any, pk: int, path: str, first_chunk: int, steps: Any,
                   values: Any, stamps: Any, type_: str) -> int:
        """Series points as store chunks; returns the next chunk number. ``steps`` and
        ``stamps`` are float64 columns (``array("d")`` or a numpy array: the importer hands
        pyarrow's buffers over without a copy); ``values`` too for floats, else a list of
        str."""
        ...
    def put_series(self, tx: Any, pk: int, path: str, type_: str, count: int,
                   last_step: float, last_value: Any, last_ts: float, seq: int) -> None: ...
    def shift_timestamps(self, tx: Any, pk: int, seconds: float) -> None: ...
    def set_meta(self, tx: Any, pk: int, sys_id: str | None, meta: str) -> None:
        """The object's import record (JSON made by the importer)."""
        ...

    # reads (for export and copy)
    def meta(self, pks: Sequence[int]) -> dict[int, dict[str, Any]]: ...
    def objects(self, project_pk: int) -> list[dict[str, Any]]:
        """Sys rows (as stored) of a project's runs, models and versions, oldest first,
        with ``parent_pk``."""
        ...
    def attributes(self, pk: int) -> list[tuple[str, str, Any]]: ...
    def sets(self, pk: int) -> dict[str, list[str]]: ...
    def series(self, pk: int) -> list[tuple[str, str]]:
        """(path, type) of an object's series, in creation order."""
        ...
    def chunks(self, pk: int, path: str) -> Iterator[tuple[bytes, bytes, bytes]]:
        """(steps, values, timestamps) blobs of a series, in order."""
        ...


__all__ = ["Store", "Transaction", "ChangeSignal", "Listing", "ListingFilter", "Order",
           "Bulk", "BulkGroup", "ObjectKey",
           "StoreClosedError", "is_store_failure", "ObjectRef", "ProjectRow", "SeriesInfo"]
