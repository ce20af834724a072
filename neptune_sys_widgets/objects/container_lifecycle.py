"""An object's life: attachment, the write queue and its flushes, wait/stop, modes.

The base of ``Container`` (objects/container.py): every role that writes (series, values,
files) goes through the queue kept here. Writes are closures ``op(tx)`` over the store's
named operations (store/base.py). In ``sync`` mode each call commits its op at once; in
``async``/``offline`` mode ops and series points are queued and committed by the process's
background thread within ~100 ms, in call order, in one transaction per flush. Validation
always happens at call time, so a rejected call raises in the caller and queues nothing.
"""

from __future__ import annotations

import os
import threading
import time
from array import array
from collections.abc import Callable

from ..exceptions import (
    InactiveRunException,
    InvalidValueError,
    ReadOnlyModeError,
    StoreError,
)
from ..store.interrupted_commits import was_committed
from .background import BACKGROUND, _log
from .handles import Handle

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from ..store.base import Store

    Op = Callable[[Any], object]  # op(tx): tx is the store's Transaction (store/base.py)
    Pending = tuple[str, array, Any, array]  # type, steps, values (array "d" or list), stamps

MODES = ("async", "sync", "read-only", "offline", "debug")


def resolve_mode(mode: str | None) -> str:
    mode = mode or os.environ.get("NEPTUNE_MODE") or "async"
    if mode == "read_only":
        mode = "read-only"
    elif mode == "disabled":  # neptune-scale: log nothing anywhere -> an in-memory store
        mode = "debug"
    if mode not in MODES:
        raise InvalidValueError(f"mode {mode!r} is not valid; valid modes: {', '.join(MODES)}")
    return mode


def resolve_online_mode(mode: str | None, what: str) -> str:
    """:func:`resolve_mode` for models, versions and projects, which 1.x refused to open
    offline (only a run could be synchronised later): ``what`` names the class."""
    mode = resolve_mode(mode)
    if mode == "offline":
        from ..exceptions import NeptuneOfflineModeException
        raise NeptuneOfflineModeException(f"{what} can't be initialized in OFFLINE mode "
                                          "(mode='offline' is for runs)")
    return mode


def request(store: Store, pk: int, kind: str) -> bool:
    """Store a stop/abort request; returns False when no live process is attached."""
    rows = store.sys_rows([pk])
    if not rows or rows[0]["state"] != "active":
        return False
    store.add_request(pk, kind)
    return True


def max_held_points() -> int:
    """How many series points an object keeps in memory while its store cannot be written
    (~24 bytes each): 10 million by default, ``NEPTUNE_SYS_MAX_HELD_POINTS`` to change."""
    return int(os.environ.get("NEPTUNE_SYS_MAX_HELD_POINTS", "10000000"))


def _environmental(error: BaseException) -> bool:
    """The store failed (full disk, I/O error, locked, read-only), not the data: retrying
    the same batch later may succeed, so it is kept."""
    from ..store.base import is_store_failure
    return not isinstance(error, Exception) or is_store_failure(error) or isinstance(
        error, (OSError, MemoryError))


class ContainerLifecycle:
    """Attachment, the write queue, flushes, wait/stop and modes."""

    if TYPE_CHECKING:  # the series role's (objects/container_series.py), built on this
        def _pending_op(self, pending: dict[str, Pending]) -> Op: ...
        def _report_overtaken(self, ops: list[Op]) -> None: ...

    _kind = ""
    _inactive_error: type[InactiveRunException] = InactiveRunException
    # Set on an instance only when a failure happens: the common object keeps at most 30
    # attributes, so CPython shares its dict keys and reads self._x at the fast path
    # (an append or a tag edit is ~10 % slower past 30: benchmarks/README.md, issue 21).
    _said_held = False  # a read said data is held (again after a recovery)
    _errors_seen: dict[str, float] | None = None  # error class -> when last reported

    def __init__(self, store: Store, pk: int, sys_id: str, mode: str,
                 attach: bool) -> None:
        self._store = store
        self._pk = pk
        self._sys_id = sys_id
        self._mode = mode
        self._stopped = False
        self._detaching = False
        self._attachment: int | None = None
        self._ops: list[Op] = []
        # Queued series points, per path: (type, steps, values, timestamps). Compact arrays,
        # grouped at call time, so a flush has nothing left to regroup and 100k queued
        # float points take ~2.4 MB instead of ~16 MB of tuples.
        self._pending: dict[str, Pending] = {}
        self._last: dict[str, tuple[float, Any]] = {}
        # paths this handle gave a single value (atom, file, set): an append there is refused
        # even while that assignment still waits in the queue, not yet in the store
        self._atoms: set[str] = set()
        # paths (and namespaces) this handle deleted: what the store still holds there goes
        # with the queued delete, so it must not refuse an append meanwhile
        self._cleared: set[str] = set()
        self._ops_lock = threading.RLock()
        self._flush_lock = threading.Lock()
        self._last_commit = time.monotonic()  # end of the last commit: the age of a queue
        self._fork_floor: float | None = None
        self._on_error_callback: Callable[[BaseException, float | None], None] | None = None
        self._failure: BaseException | None = None  # the last failed commit, while data is held
        self._held = 0  # series points held after a failed commit
        self._dropped: StoreError | None = None  # to raise from the next wait()
        self._handles: dict[str, Handle] = {}  # run["x"] in a loop builds one handle
        self._sys_binding = None
        if attach:
            self._attachment = self._attach()
            BACKGROUND.register(self)

    def _attach(self) -> int:
        from .host import hostname
        return self._store.attach(self._pk, os.getpid(), hostname())

    @property
    def _label(self) -> str:
        return f"{self._kind.replace('_', ' ')} {self._sys_id}"

    def _ensure_open(self) -> None:
        if self._stopped:
            from .background import raise_pending_interrupt
            raise_pending_interrupt()
            raise self._inactive_error(f"{self._label} was stopped; open it again with "
                                       f"with_id={self._sys_id!r} to use it")

    def _ensure_writable(self) -> None:
        self._ensure_open()
        if self._mode == "read-only":
            raise ReadOnlyModeError(f"{self._label} was opened in read-only mode; writes "
                                    "are not allowed")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc is not None:
            self._on_exception_in_context(exc, tb)
        self.stop()

    def _on_exception_in_context(self, exc: BaseException, tb: Any) -> None:
        """Runs override this to mark failure (docs/SYS_FIELDS.md §5)."""

    def _write(self, op: Op) -> None:
        if self._mode == "sync":
            self._commit([op])
            return
        if self._failure is not None:
            self._check_held()
        with self._ops_lock:
            if self._pending:
                self._ops.append(self._pending_op(self._pending))
                self._pending = {}
            self._ops.append(op)
        BACKGROUND.mark_dirty(self)

    def _commit(self, ops: list[Op]) -> None:
        pk, store = self._pk, self._store

        def tx(t: Any) -> None:
            for op in ops:
                op(t)
            t.touch(pk, ping=self._attachment is not None, size=True)
        store.write(tx)

    def _flush(self) -> None:
        """Commit everything queued. A commit that fails keeps its batch, in order, at the
        head of the queue (bounded by ``max_held_points()``), to be retried by the
        background thread and by the next ``wait()``/``stop()``, which raise if it still
        fails: nothing a call accepted is dropped behind a successful ``wait()``."""
        with self._flush_lock:
            with self._ops_lock:
                ops, self._ops = self._ops, []
                points = bool(self._pending)
                if points:
                    ops.append(self._pending_op(self._pending))
                    self._pending = {}
            if not ops:
                return
            since = self._last_commit
            try:
                self._commit(ops)
            except BaseException as e:
                if was_committed(e):  # a Ctrl-C at the end of a stored commit: not kept
                    self._committed(ops, points, since)
                    raise
                kept = self._salvage(ops, e)
                if kept:
                    with self._ops_lock:
                        self._ops[:0] = kept
                        self._held = sum(getattr(op, "points", 0) for op in kept)
                    self._failure = e
                    raise
            self._committed(ops, points, since)
        dropped, self._dropped = self._dropped, None
        if dropped is not None:
            raise dropped

    def _committed(self, ops: list[Op], points: bool, since: float) -> None:
        if points:
            self._report_overtaken(ops)
        self._held = 0
        self._failure = None
        if self._said_held:
            self._said_held = False
        self._last_commit = time.monotonic()
        if points:
            BACKGROUND.settle_soon(self._store)
        self._after_commit(self._last_commit - since)

    def _after_commit(self, lag: float) -> None:
        """Called once a batch is stored, with how long it waited (at most the time since
        the previous commit ended, plus this commit's): a Run checks its async-lag
        callback here."""

    def _salvage(self, ops: list[Op], error: BaseException) -> list[Op]:
        """After a failed commit: the ops to keep. When the store itself failed (full disk,
        I/O error, locked, read-only, an interrupt) all of them; when the data did (a value
        no check caught could not be encoded), commit op by op, drop only the ones that
        fail, report each (the next ``wait()`` raises) and forget the steps they would have
        stored."""
        if _environmental(error):
            return ops
        if len(ops) == 1:
            return self._drop(ops, error)
        kept: list[Op] = []
        for op in ops:
            if kept:
                kept.append(op)
                continue
            try:
                self._commit([op])
            except BaseException as e:
                if _environmental(e):
                    kept.append(op)
                else:
                    self._drop([op], e)
        return kept

    def _drop(self, ops: list[Op], error: BaseException) -> list[Op]:
        for op in ops:
            for path, last in getattr(op, "paths", {}).items():
                if self._last.get(path) == last:
                    del self._last[path]  # re-read from the store on the next append
        dropped = StoreError(f"{self._label}: a queued write could not be stored and was "
                             f"dropped: {type(error).__name__}: {error}")
        self._dropped = dropped
        _log().error("%s", dropped)
        return []

    def _check_held(self) -> None:
        """While the store cannot be written, queued data stays in memory up to a bound;
        past it new writes are refused loudly rather than lost quietly."""
        failure = self._failure
        if failure is not None and self._held + self._pending_points() >= max_held_points():
            raise StoreError(f"{self._label}: not accepted: {self._held} points are held in "
                             f"memory because the store cannot be written ({failure}); "
                             "free the store and call wait()")

    def _pending_points(self) -> int:
        return sum(len(b[1]) for b in self._pending.values())

    def _held_op(self) -> Op:
        """What this object holds, as one op: the queue and a copy of the points not yet
        queued, as a commit would apply them (for a read that must see them)."""
        with self._ops_lock:
            ops = list(self._ops)
            if self._pending:
                ops.append(self._pending_op({p: (b[0], b[1][:], b[2][:], b[3][:])
                                             for p, b in self._pending.items()}))
        pk, ping = self._pk, self._attachment is not None

        def op(tx: Any) -> None:
            for o in ops:
                o(tx)
            tx.touch(pk, ping=ping, size=True)
        return op

    def _held_counts(self) -> tuple[int, int]:
        with self._ops_lock:
            return self._held + self._pending_points(), len(self._ops)

    def wait(self, disk_only: bool = False) -> None:
        """Block until everything written so far is durable in the store; raise
        ``StoreError`` if it cannot be stored (it stays queued and is retried)."""
        self._flush_or_raise()

    def sync(self, wait: bool = True) -> None:
        self._flush_or_raise()

    def wait_for_processing(self, timeout: float | None = None, verbose: bool = True) -> bool:
        """neptune-scale spelling of :meth:`wait`; True once everything is stored."""
        self._flush_or_raise()
        return True

    def _flush_or_raise(self) -> None:
        try:
            self._flush()
        except StoreError as e:
            if self._failure is None:
                raise
            raise StoreError(f"{self._label}: {self._held} queued points and "
                             f"{len(self._ops)} queued operations could not be stored: {e}; "
                             "they are kept in memory and retried") from None

    wait_for_submission = wait_for_processing

    def _detach_op(self, tx: Any) -> None:
        tx.detach(self._attachment, self._pk)

    def stop(self, seconds: float | None = None) -> None:
        """Flush, detach (the object turns inactive at once if nobody else is attached)."""
        if self._stopped:
            return
        self._flush_or_raise()  # on failure the object stays open: stop() again later
        try:
            if self._attachment is not None:
                # set before the detach commits: a heartbeat that collected this attachment
                # earlier must not bring it back as "reaped while frozen" (a ghost attachment
                # kept the run active for 20 s after stop)
                self._detaching = True
                self._store.write(self._detach_op)
        finally:
            self._stopped = True
            BACKGROUND.unregister(self)
        BACKGROUND.release_if_unused(self._store)

    def close(self, timeout: float | None = None) -> None:
        self.stop()

    def terminate(self) -> None:
        self.stop()

    def get_state(self) -> str:
        return "stopped" if self._stopped else "started"

    def request_stop(self) -> bool:
        """Ask the process(es) attached to this object to stop it (as Ctrl-C would).
        Allowed on a read-only handle: it writes none of the run's data, it asks the run's
        owner, which is what watching a training script from a ``--read-only`` card needs
        (the Neptune app's Stop button did the same)."""
        return request(self._store, self._pk, "stop")

    def request_abort(self) -> bool:
        """Like :meth:`request_stop`, and the run is marked failed (by its owner)."""
        return request(self._store, self._pk, "abort")

    def _on_remote_request(self, kind: str) -> None:
        self.stop()

