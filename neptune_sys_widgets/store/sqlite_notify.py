"""A change signal for a SQLite store woken by the kernel, not by a 40 ms poll.

Why: polling ``PRAGMA data_version`` every 40 ms costs a wake-up 25 times a second per
store and adds up to 40 ms to every cross-process update. A commit in WAL mode writes its
frames to the ``-wal`` file, which inotify reports at once, so the watcher sleeps in
``select`` until a write happens and then asks ``data_version`` as before (that, not the
event, decides whether another connection committed).

One subtlety: a committer writes its WAL frames *before* it publishes the commit in the
shared-memory wal-index (an mmap write, which inotify does not see). A watcher woken by the
last frame may look before the commit is published, so after each event it keeps checking
every 2 ms for ``HOT_SECONDS``; a slow safety poll (``SAFETY_INTERVAL``) covers anything
else that goes unnoticed (a filesystem without inotify events, an overflowed queue).

Linux only (libc's ``inotify_*`` through ctypes; no dependency); elsewhere, or when the
kernel refuses a watch, :func:`change_signal` returns the polling signal.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import struct
import sys
import threading
import time
from typing import Any

from .sqlite_finders import PollingChangeSignal

IN_MODIFY = 0x002
IN_CLOSE_WRITE = 0x008
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = os.O_CLOEXEC
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)

HOT_SECONDS = 0.05
HOT_STEP = 0.002
SAFETY_INTERVAL = 0.5

_libc: Any = None
_libc_lock = threading.Lock()


def _inotify() -> Any:
    """libc with the inotify functions, or None (not Linux, or no such symbols)."""
    global _libc
    with _libc_lock:
        if _libc is None:
            _libc = False
            if sys.platform.startswith("linux"):
                try:
                    lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6",
                                      use_errno=True)
                    lib.inotify_init1.argtypes = [ctypes.c_int]
                    lib.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p,
                                                      ctypes.c_uint32]
                    _libc = lib
                except (OSError, AttributeError):
                    _libc = False
        return _libc or None


class FileChangeSignal:
    """The store's ``ChangeSignal`` (store/base.py), woken by writes to its files."""

    def __init__(self, store: Any, fd: int, names: frozenset[bytes]) -> None:
        self._store = store
        self._conn = store.conn  # the calling (watcher) thread's own connection
        self._conn.pinned = True  # not closed as idle while it watches (release_idle)
        self._fd = fd
        self._names = names
        self._version = store.data_version(self._conn)
        self._wake_r, self._wake_w = os.pipe()
        self._closed = False
        self._hot_until = 0.0
        self.wakeups = 0  # for tests and benchmarks: how often the thread woke up

    def wait(self, timeout: float) -> bool:
        if self._closed:
            return False
        now = time.monotonic()
        if now < self._hot_until:  # just after a write: the commit may not be published
            wait = min(timeout, HOT_STEP)
        else:
            wait = min(timeout, SAFETY_INTERVAL)
        try:
            ready, _, _ = select.select([self._fd, self._wake_r], [], [], wait)
        except (OSError, ValueError):  # closed meanwhile
            return False
        self.wakeups += 1
        if self._wake_r in ready or self._closed:
            return False
        if self._fd in ready and self._drain():
            self._hot_until = time.monotonic() + HOT_SECONDS
        return self._changed()

    def _drain(self) -> bool:
        """Read the queued events; True if one concerns the store's files."""
        hit = False
        while True:
            try:
                buf = os.read(self._fd, 65536)
            except BlockingIOError:
                return hit
            except OSError:
                return hit
            if not buf:
                return hit
            off = 0
            while off + _EVENT.size <= len(buf):
                _wd, _mask, _cookie, n = _EVENT.unpack_from(buf, off)
                name = buf[off + _EVENT.size: off + _EVENT.size + n].rstrip(b"\0")
                off += _EVENT.size + n
                if not n or name in self._names:
                    hit = True

    def _changed(self) -> bool:
        if PollingChangeSignal._changed(self):  # the same data_version check
            self._hot_until = 0.0
            return True
        return False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        for fd in (self._fd, self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass


def change_signal(store: Any, fallback: Any) -> Any:
    """A :class:`FileChangeSignal` for a file store where inotify works, else
    ``fallback()`` (the polling signal). ``NEPTUNE_SYS_FEED=poll`` forces the fallback."""
    path = getattr(store, "path", None)
    lib = _inotify()
    if lib is None or getattr(store, "memory", False) or not path or \
            os.environ.get("NEPTUNE_SYS_FEED", "").lower() == "poll":
        return fallback()
    folder = os.path.dirname(os.path.abspath(str(path))) or "."
    fd = lib.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
    if fd < 0:
        return fallback()
    wd = lib.inotify_add_watch(fd, os.fsencode(folder),
                               IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
    if wd < 0:  # out of watches (ENOSPC), no permission, ...: poll instead
        os.close(fd)
        return fallback()
    base = os.fsencode(os.path.basename(str(path)))
    return FileChangeSignal(store, fd, frozenset((base, base + b"-wal", base + b"-journal")))


__all__ = ["FileChangeSignal", "change_signal"]
