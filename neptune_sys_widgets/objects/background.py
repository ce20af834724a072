"""The one background thread per process: flushes async writes, heartbeats every attached
object, and delivers stop/abort requests. One thread for all objects keeps a script that
opens many objects as cheap as one that opens one (docs/DECISIONS.md #4)."""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
import weakref

from .. import store as _store_pkg
from ..exceptions import StoreError

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from ..store.base import Store
    from .container_lifecycle import ContainerLifecycle

def _log():
    """The package logger, imported on first use: ``logging`` costs a script's startup
    ~6 ms and is needed only when something goes wrong."""
    import logging
    return logging.getLogger("neptune_sys_widgets")

FLUSH_INTERVAL = 0.1
REQUEST_POLL_INTERVAL = 0.5
IDLE_INTERVAL = 2.0  # nothing attached, nothing queued: sleep until woken


def release_after() -> float:
    """Seconds a stopped store's connections stay open unused before they are closed."""
    return float(os.environ.get("NEPTUNE_SYS_RELEASE_AFTER", "0.5"))


def heartbeat_interval() -> float:
    return float(os.environ.get("NEPTUNE_SYS_HEARTBEAT_INTERVAL", "5"))


class Background:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failing: set[tuple[str, str]] = set()  # (what, store) failing since last said
        # being flushed by the background thread
        self._in_flight: set[ContainerLifecycle] = set()
        self._attached: dict[int, ContainerLifecycle] = {}  # id(container) -> container
        self._dirty: weakref.WeakSet[ContainerLifecycle] = weakref.WeakSet()
        # objects whose last commit failed: (next retry time, current delay)
        self._retry_at: weakref.WeakKeyDictionary[ContainerLifecycle, tuple[float, float]] = \
            weakref.WeakKeyDictionary()
        self._wake = threading.Event()
        self._long_sleep = False  # the thread sleeps IDLE_INTERVAL, not FLUSH_INTERVAL
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self._closing = False
        # Held while the thread uses a store, so another thread can close this thread's
        # connection (release) knowing no statement runs on it. Re-entrant: a remote stop
        # delivered by this thread stops an object from inside a round.
        self._busy = threading.RLock()
        self._idle_stores: dict[int, Any] = {}  # stores whose last object stopped
        # Periodic work of other modules run by this thread (hardware sampling and console
        # capture, objects/monitoring.py): riding this thread keeps one thread per process
        # however many runs monitor; each is called every round and must return at once
        # when it has nothing to do.
        self._tickers: list[Any] = []
        self._to_settle: dict[int, Store] = {}  # stores whose series commits want settling
        self._held_for_fork = False  # _busy taken by _before_fork, given back after it

    def settle_soon(self, store: Store, *, wake: bool = True) -> None:
        """A commit wrote series to ``store``: this thread settles it (Store.settle) at the
        end of its next round (woken at once, unless ``wake`` is False, when the commit
        was a user's ``wait()``), so the user's next commit does not pay for it."""
        self._to_settle[id(store)] = store
        if wake and threading.current_thread() is not self._thread:
            self._wake.set()

    # ------------------------------------------------------------------------ fork
    def _before_fork(self) -> None:
        """Wait (up to 2 s) for this thread's round to end before the process forks: the
        child closes the connections it inherits (SqliteStore.after_fork_in_child), and a
        connection copied in the middle of a statement, its locks held by a thread the
        child does not have, could not be closed."""
        thread = self._thread
        if thread is not None and thread.is_alive() and self._pid == os.getpid():
            self._held_for_fork = self._busy.acquire(timeout=2.0)

    def _after_fork_in_parent(self) -> None:
        if self._held_for_fork:
            self._held_for_fork = False
            self._busy.release()

    def _after_fork_in_child(self) -> None:
        """The child starts with nothing attached: the parent's objects are the parent's.
        (Its exit used to stop them, the parent's runs then reading inactive while they
        ran.) The child's own objects start the thread again."""
        self.__init__()  # type: ignore[misc]

    # ---------------------------------------------------------------- registration
    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            _end_with_multiprocessing(self._pid)
            self._thread = threading.Thread(target=self._loop, name="neptune-sys-background",
                                            daemon=True)
            self._thread.start()

    def register(self, c: ContainerLifecycle) -> None:
        # No wake-up here: a new object's first heartbeat and request poll may wait out
        # the idle sleep (its creation just pinged it), and waking the thread at every
        # create made a create loop pay a thread switch and a round each time. What must
        # not wait, queued writes, wakes it in mark_dirty.
        with self._lock:
            self._attached[id(c)] = c
            self._ensure_thread()

    def unregister(self, c: ContainerLifecycle) -> None:
        with self._lock:
            self._attached.pop(id(c), None)
            self._dirty.discard(c)

    def mark_dirty(self, c: ContainerLifecycle) -> None:
        self._dirty.add(c)
        if self._thread is None:
            with self._lock:
                self._ensure_thread()
        if self._long_sleep:
            self._wake.set()  # queued writes must not wait out the idle sleep

    def add_ticker(self, fn: Any) -> None:
        """Call ``fn(now)`` (``time.monotonic()``) every round of this thread."""
        with self._lock:
            if fn not in self._tickers:
                self._tickers.append(fn)
            if self._thread is None:  # a ticker's run registered first, which checked it
                self._ensure_thread()

    def remove_ticker(self, fn: Any) -> None:
        with self._lock:
            if fn in self._tickers:
                self._tickers.remove(fn)

    def attached(self) -> list[ContainerLifecycle]:
        with self._lock:
            return list(self._attached.values())

    # ------------------------------------------------------------------------ loop
    def _loop(self) -> None:
        self._last_beat = time.monotonic()
        self._next_poll = 0.0
        while not self._closing:
            # set before the look at the queues, so a mark_dirty after the look sees it
            self._long_sleep = True
            busy = bool(self._attached) or bool(self._dirty) or bool(self._idle_stores)
            self._long_sleep = not busy
            self._wake.wait(FLUSH_INTERVAL if busy else IDLE_INTERVAL)
            self._long_sleep = False
            self._wake.clear()
            try:
                with self._busy:
                    self._round()
            except Exception:  # the thread must survive a transient store error
                _log().exception("neptune_sys_widgets background thread")

    def _round(self) -> None:
        for tick in list(self._tickers):  # first: what they queue is flushed this round
            try:
                tick(time.monotonic())
            except Exception:  # noqa: BLE001 - monitoring must never stop the flushing
                _log().exception("neptune_sys_widgets monitoring")
        self.flush_all()
        now = time.monotonic()
        if now >= self._next_poll:
            self._next_poll = now + REQUEST_POLL_INTERVAL
            self._deliver_requests()
        # the interval is read every round, so a changed setting takes effect now,
        # not after a beat that was scheduled with the old one
        if now - self._last_beat >= heartbeat_interval():
            self._last_beat = now
            self._heartbeat()
        if self._idle_stores:
            self._release_idle_stores()

    def release(self, store: Any) -> None:
        """Make this thread close its connection to ``store`` now (store.release_thread):
        after ``close_all()`` or the last object of a store stopping, an idle background
        thread must not keep the store's files open. Waits for a round in progress."""
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        with self._busy:
            store.release_thread(thread)

    def release_if_unused(self, store: Any) -> None:
        """After an object stopped: once no object of this process uses ``store`` and its
        connections have been idle for ``release_after()`` s, this thread closes them
        (store.release_idle), so a stopped script does not keep the store's files open."""
        if id(store) not in self._idle_stores and not self._uses(store):
            self._idle_stores[id(store)] = store  # kept until released: a loop of
            self._wake.set()  # create/stop wakes this thread once, not at every stop

    def _uses(self, store: Any) -> bool:
        with self._lock:
            users = list(self._attached.values()) + list(self._dirty)
        return any(c._store is store for c in users)

    def _release_idle_stores(self) -> None:
        for key, store in list(self._idle_stores.items()):
            if not self._uses(store) and store.release_idle(release_after()):
                self._idle_stores.pop(key, None)

    def flush_store(self, store: object) -> list[ContainerLifecycle]:
        """Commit what every object of this process queued for ``store``, and wait for the
        commits this thread is running right now: a read right after a write must see it
        even when the background thread had already taken that write off the queue.
        Returns the objects whose data stays held because the store cannot take it (a full
        disk): the caller reads around them. A write dropped for its data is left for the
        next ``wait()`` to report, not raised at a read."""
        held = []
        for c in list(self._dirty) + list(self._in_flight.copy()):
            if c._store is not store:
                continue
            try:
                c._flush()  # takes the object's flush lock: waits for an in-flight commit
            except Exception as e:
                if c._failure is not None:
                    held.append(c)
                elif isinstance(e, StoreError) and c._dropped is None:
                    c._dropped = e
                else:
                    raise
        return held

    def flush_all(self) -> None:
        """A failed commit keeps its data queued (Container._flush): retry it with backoff,
        say so once when the store starts failing and once when it recovers."""
        now = time.monotonic()
        for c in list(self._dirty):
            retry_at = self._retry_at.get(c)
            if retry_at is not None and now < retry_at[0]:
                continue
            self._dirty.discard(c)
            self._in_flight.add(c)
            try:
                c._flush()
            except Exception as e:
                if c._failure is None:  # the data was dropped, and is reported by _flush
                    continue
                self._dirty.add(c)
                delay = min(retry_at[1] * 2, 5.0) if retry_at else 0.2
                self._retry_at[c] = (now + delay, delay)
                if retry_at is None:
                    _log().error("%s: the store cannot be written (%s); %d points are kept "
                                 "in memory and retried", c._label, e, c._held)
            else:
                if retry_at is not None:
                    self._retry_at.pop(c, None)
                    _log().warning("%s: the store is writable again; the held data was "
                                   "stored", c._label)
            finally:
                self._in_flight.discard(c)
        while self._to_settle:  # after the flushes: their commits are settled too
            _, store = self._to_settle.popitem()
            if self._uses(store):  # else its last connection's close checkpoints it
                store.settle()

    def _by_store(self) -> dict[int, list[ContainerLifecycle]]:
        groups: dict[int, list[ContainerLifecycle]] = {}
        for c in self.attached():
            groups.setdefault(id(c._store), []).append(c)
        return groups

    def _each_store(self, what: str, fn: Any) -> None:
        """``fn(group)`` for each store's attached objects; one store that fails (a server
        that is down, a store that was closed or damaged) must not starve the others of
        their heartbeats and requests."""
        for group in self._by_store().values():
            key = (what, group[0]._store.path)
            try:
                fn(group)
            except Exception as e:  # noqa: BLE001 - retried on the next round
                if key not in self._failing:  # say it once per store, not every round
                    self._failing.add(key)
                    _log().warning("%s for %s failed (retrying): %s", what, key[1], e)
            else:
                self._failing.discard(key)

    def _heartbeat(self) -> None:
        self._each_store("heartbeat", self._heartbeat_store)

    @staticmethod
    def _heartbeat_store(group: list[ContainerLifecycle]) -> None:
        live = [(a, c) for c in group if (a := c._attachment) is not None]
        att = {a: c._pk for a, c in live}
        by_att = {a: c for a, c in live}
        group[0]._store.heartbeat(att, revive=lambda a, owners=by_att: not (
            getattr(owners[a], "_detaching", False) or owners[a]._stopped))

    def _deliver_requests(self) -> None:
        self._each_store("taking stop/abort requests", self._deliver_store)

    @staticmethod
    def _deliver_store(group: list[ContainerLifecycle]) -> None:
        by_pk = {}
        for c in group:
            by_pk.setdefault(c._pk, []).append(c)
        for pk, kind in group[0]._store.take_requests(list(by_pk)):
            targets = by_pk.get(pk, [])
            if targets:
                arm_interrupt()  # before the stop: the main thread may see it at once
            for c in targets:
                c._on_remote_request(kind)
            if targets:
                interrupt_main()


def interrupt_main() -> None:
    """Raise KeyboardInterrupt in the main thread, as Ctrl-C would.

    When Python handles SIGINT, a real SIGINT sent to the main thread also wakes it from a
    blocking sleep. A process started in the background by a shell (``python train.py &``,
    ``nohup``) or by many launchers ignores SIGINT, and ``_thread.interrupt_main`` then does
    nothing: there the exception is set on the main thread directly, and it is raised at the
    main thread's next bytecode (after a blocking call in progress returns)."""
    import signal  # here, for a remote stop: not every script's start
    handler = signal.getsignal(signal.SIGINT)
    main = threading.main_thread()
    ident = main.ident
    assert ident is not None  # the main thread has started
    if callable(handler) and hasattr(signal, "pthread_kill"):
        signal.pthread_kill(ident, signal.SIGINT)
        return
    if callable(handler):
        import _thread
        _thread.interrupt_main()
        return
    if _in_kernel():
        return  # an idle kernel: nothing runs that could be interrupted (see _in_kernel)
    import ctypes
    with _interrupt_lock:
        if _async_pending:  # not yet raised by raise_pending_interrupt
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident),
                                                       ctypes.py_object(RemoteInterrupt))


def arm_interrupt() -> None:
    """Note, before a remote stop lands, that the main thread is owed an interrupt that
    SIGINT cannot deliver (see :func:`interrupt_main`)."""
    global _async_pending
    import signal
    if not callable(signal.getsignal(signal.SIGINT)) and not _in_kernel():
        _async_pending = True


def _in_kernel() -> bool:
    """ipykernel ignores SIGINT while idle and handles it while a cell runs: there an
    ignored SIGINT means "no cell to interrupt", and the kernel's own loop must be spared."""
    import sys
    app = sys.modules.get("ipykernel.kernelapp")
    return app is not None and app.IPKernelApp.initialized()


class RemoteInterrupt(KeyboardInterrupt):
    """The KeyboardInterrupt of a remote stop/abort delivered without SIGINT."""

    def __init__(self, *args: object) -> None:
        global _async_pending
        _async_pending = False  # created = delivered to the main thread
        super().__init__(*(args or ("the run was stopped from another process",)))


_async_pending = False
_interrupt_lock = threading.Lock()


def raise_pending_interrupt() -> None:
    """Called by the main thread when it touches an object stopped from another process: if
    the interrupt set on it has not fired yet (it fires at a later bytecode), raise it now
    and cancel the pending one, so the script sees KeyboardInterrupt, not a confusing
    InactiveRunException, and exactly once."""
    global _async_pending
    if not _async_pending or threading.current_thread() is not threading.main_thread():
        return
    import ctypes
    with _interrupt_lock:
        if not _async_pending:
            return
        _async_pending = False
        ident = threading.main_thread().ident
        assert ident is not None  # the main thread has started
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
    raise RemoteInterrupt()


def _end_with_multiprocessing(pid: int) -> None:
    """In a process multiprocessing started, stop this process's objects from
    multiprocessing's own exit hook: it ends a forked child with ``os._exit``, past
    ``atexit``, and what the child's runs queued since their last commit was lost (they
    read active until their heartbeat went stale). Once per process, when its first
    object starts the thread; nothing when multiprocessing is not loaded."""
    global _MP_FINALIZER_PID
    mp_process = sys.modules.get("multiprocessing.process")
    if _MP_FINALIZER_PID == pid or mp_process is None or mp_process.parent_process() is None:
        return
    _MP_FINALIZER_PID = pid
    import multiprocessing.util as mp_util
    mp_util.Finalize(None, _at_exit, exitpriority=0)


_MP_FINALIZER_PID = 0
BACKGROUND = Background()
_store_pkg.add_release_hook(BACKGROUND.release)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=BACKGROUND._before_fork,
                        after_in_parent=BACKGROUND._after_fork_in_parent,
                        after_in_child=BACKGROUND._after_fork_in_child)


def _at_exit() -> None:
    """Stop every object, then the thread, then close the stores: a store whose last
    connection is closed leaves no -wal/-shm files behind (a daemon thread frozen at exit
    with an open connection left them, now and then)."""
    unreachable: dict[str, list[str]] = {}  # store -> what could not be stopped in it
    for c in BACKGROUND.attached():
        try:
            c.stop()
        except StoreError as e:
            unreachable.setdefault(str(getattr(c._store, "path", "")), []).append(str(e))
        except Exception:
            _log().exception("stopping %s at exit", c)
    for c in list(BACKGROUND._dirty):  # objects that were never attached (read-only views)
        try:
            c._flush()
        except StoreError as e:
            unreachable.setdefault(str(getattr(c._store, "path", "")), []).append(str(e))
        except Exception:
            _log().exception("storing what %s queued at exit", c)
    for store, errors in unreachable.items():
        # one line per store: a dropped database is one fact, not a traceback per object
        _log().warning("%d open object(s) could not be stopped at exit: the store %s cannot "
                       "be written (%s); what they queued since their last stored write "
                       "was not stored", len(errors), store, errors[0])
    BACKGROUND._closing = True
    BACKGROUND._wake.set()
    thread = BACKGROUND._thread
    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        thread.join(timeout=2.0)
        if thread.is_alive():
            return  # still busy: closing its connection under it would be worse
    import sys
    feed = sys.modules.get("neptune_sys_widgets.feed")
    if feed is not None:
        feed.stop_watching(timeout=1.0)
    from ..store import close_all
    close_all()


atexit.register(_at_exit)
