"""The process-wide change feed: one watcher thread per store, not one per object.

Why a thread: a notebook's training loop blocks the kernel's main thread exactly when live
status matters, and an asyncio task would freeze with it (docs/DECISIONS.md #5).

Why it is cheap: the store's change signal tells whether any *other* connection committed
since the last look (SQLite: ``PRAGMA data_version``, a few microseconds, polled every 40 ms;
PostgreSQL: ``LISTEN/NOTIFY``, pushed by the server to one listening connection per process
per store, which reconnects by itself). Only then does the watcher read ``objects`` rows
whose revision is newer than the last one it saw, through an index. Time passing alone can
flip ``sys/state`` (a crashed writer stops pinging), so active objects whose last ping is
older than the liveness timeout are re-read on a slow timer too.

Subscribers are held weakly: a binding that nobody references any more costs nothing.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any

from .exceptions import StoreError
from .store.base import Store, StoreClosedError
from .store.clock import liveness_timeout_ms, now_ms

if TYPE_CHECKING:
    from .binding import SysNamespace

log = logging.getLogger("neptune_sys_widgets.feed")

POLL_INTERVAL = 0.04
LIVENESS_INTERVAL = 0.5


class StoreWatcher:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._subs: dict[int, weakref.WeakSet[SysNamespace]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rev = store.revision()
        self._listeners: weakref.WeakSet[Any] = weakref.WeakSet()
        self.polls = 0
        self.deliveries = 0
        self.problem: str | None = None  # why the store does not answer, while it does not

    # ------------------------------------------------------------- subscriptions
    def subscribe(self, binding: SysNamespace) -> None:
        with self._lock:
            self._subs.setdefault(binding.pk, weakref.WeakSet()).add(binding)
        self._ensure_thread()

    def subscribe_all(self, listener: Any) -> None:
        """``listener.on_store_change()`` runs (in the watcher thread) after any change to
        the store and on the liveness timer: for views over many objects, like a table."""
        with self._lock:
            self._listeners.add(listener)
        self._ensure_thread()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, daemon=True,
                                                name=f"neptune-sys-feed:{self.store.path}")
                self._thread.start()

    def unsubscribe(self, binding: SysNamespace) -> None:
        with self._lock:
            subs = self._subs.get(binding.pk)
            if subs is not None:
                subs.discard(binding)

    def _targets(self, pks: Any = None) -> dict[int, list[SysNamespace]]:
        with self._lock:
            out = {}
            for pk, subs in list(self._subs.items()):
                live = list(subs)
                if not live:
                    del self._subs[pk]
                elif pks is None or pk in pks:
                    out[pk] = live
            return out

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout)
        self._thread = None

    # ---------------------------------------------------------------------- loop
    def _signal(self) -> Any:
        """What tells this thread that someone committed: the store's ``change_signal()``
        (pushed by LISTEN/NOTIFY for PostgreSQL, ``PRAGMA data_version`` polled for
        SQLite)."""
        return self.store.change_signal()

    def _loop(self) -> None:
        try:
            signal = self._signal()  # this thread's own connection / the shared listener
        except Exception:
            log.exception("change feed for %s", self.store.path)
            with self._lock:
                self._thread = None
            return
        self._signal_obj = signal
        next_liveness = 0.0
        unreachable = False
        try:
            while not self._stop.is_set():
                try:
                    self.polls += 1
                    # a polling signal returns after POLL_INTERVAL; a pushed one when told
                    wait = max(0.001, next_liveness - time.monotonic())
                    if signal.wait(wait) and not self._stop.is_set():
                        if self._deliver_changes():
                            self._notify_listeners()
                    now = time.monotonic()
                    if now >= next_liveness:  # the slow timer; the fast path waits on a signal
                        next_liveness = now + LIVENESS_INTERVAL
                        self._check_liveness()
                        self._notify_listeners(timer=True)
                        if not self._targets():
                            with self._lock:
                                if not len(self._listeners) and \
                                        not any(len(s) for s in self._subs.values()):
                                    self._thread = None
                                    _forget_private(self)
                                    return
                    if unreachable:
                        # this round may not have read anything (no signal, no timer): only
                        # a read that succeeds says the store answers again
                        self.store.revision()
                        unreachable = False
                        log.warning("change feed for %s: the store answers again",
                                    self.store.path)
                        self._tell_status(None)
                except StoreClosedError:  # the store was closed: nothing left to watch
                    return
                except StoreError as e:  # unreachable server: keep trying, say it once
                    if not unreachable:
                        unreachable = True
                        log.warning("change feed for %s: %s (retrying)", self.store.path, e)
                        self._tell_status(str(e))
                    self._stop.wait(0.5)
                except Exception:  # a transient store error must not kill live updates
                    log.exception("change feed for %s", self.store.path)
                    self._stop.wait(0.5)
        finally:
            try:
                signal.close()
            except Exception:
                pass

    def _tell_status(self, problem: str | None) -> None:
        """Tell every binding that the store stopped (a message) or started again (None)
        answering, so a card can say so instead of silently freezing."""
        self.problem = problem
        for subs in self._targets().values():
            for b in subs:
                try:
                    b._store_status(problem)
                except Exception:
                    log.exception("store status for %r", b)

    def _deliver_changes(self) -> bool:
        changed = self.store.changed_since(self._rev)
        if not changed:
            return False
        self._rev = max(r for _, r in changed)
        targets = self._targets({pk for pk, _ in changed})
        if targets:
            self._refresh(targets)
        return True

    def _notify_listeners(self, timer: bool = False) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener.on_store_change(timer)
            except Exception:
                log.exception("store listener %r", listener)

    def _refresh(self, targets: dict[int, list[SysNamespace]]) -> None:
        for rec in self.store.sys_rows(list(targets)):
            for b in targets.get(rec["pk"], ()):
                self.deliveries += 1
                b._apply_record(rec)

    def _check_liveness(self) -> None:
        """Re-read objects that look active but whose last ping is older than the timeout."""
        clock = getattr(self.store, "now_ms", None)  # the store's clock (a server's, maybe)
        cutoff = (clock() if clock is not None else now_ms()) - liveness_timeout_ms()
        stale = {}
        for pk, bindings in self._targets().items():
            b = bindings[0]
            if b._state_active and (b._ping_ms or 0) < cutoff:
                stale[pk] = bindings
        if stale:
            self._refresh(stale)


_watchers: dict[int, StoreWatcher] = {}
_wlock = threading.Lock()


def watcher_for(store: Store) -> StoreWatcher:
    with _wlock:
        w = _watchers.get(id(store))
        if w is None or w.store is not store:
            w = _watchers[id(store)] = StoreWatcher(store)
        return w


def _forget_private(w: StoreWatcher) -> None:
    """A debug object's private in-memory store lives as long as its objects: once nobody
    watches it, the table of watchers must not keep it (and its data) alive."""
    if getattr(w.store, "memory", False):
        with _wlock:
            if _watchers.get(id(w.store)) is w:
                del _watchers[id(w.store)]


def watchers() -> list[StoreWatcher]:
    with _wlock:
        return list(_watchers.values())


def stop_watching(timeout: float = 5.0) -> None:
    """Stop every watcher thread of this process (the extension's unload calls this).
    Bindings stay usable; the next subscription starts a watcher again."""
    with _wlock:
        ws = list(_watchers.values())
        _watchers.clear()
    for w in ws:
        w.stop(timeout)


shutdown = stop_watching
