"""Helper processes for imports and exports of many small objects.

Why processes: reading or writing one small parquet file costs ~0.5 ms in pyarrow, most of
it with the GIL held, so threads overlap almost nothing (measured: two threads read 10,000
files no faster than one). A tree of 10,000 runs is therefore read (import) or written
(export) by helper processes while this process does the store's part.

Why not ``multiprocessing``: its ``spawn`` and ``forkserver`` start methods re-run the
caller's ``__main__`` (a user's unguarded script would import itself, or fail at start),
and ``fork`` copies a process whose other threads (heartbeats, feed watchers, pyarrow's
pools) may hold locks. Helpers here are plain ``python -c`` subprocesses that import only
this package, and talk over two pipes with ``multiprocessing.connection.Connection``
framing (length-prefixed pickles).

A helper that fails (it died, or its call raised) never loses work: its chunk is done in
this process instead, and no later chunk is sent to the pool.
"""

from __future__ import annotations

import importlib
import os
import queue
import subprocess
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The helper must run this very copy of the package (a different installed version would
# speak another protocol): its folder goes first on the helper's path only when a plain
# interpreter would find the package elsewhere (never PYTHONPATH: that would put, say,
# site-packages ahead of the standard library for everything the helper imports).
_SERVE = """
import importlib.util, os, sys
here = sys.argv[3]
spec = importlib.util.find_spec("neptune_sys_widgets")
if spec is None or os.path.dirname(os.path.dirname(os.path.abspath(spec.origin))) != here:
    sys.path.insert(0, here)
from neptune_sys_widgets.interop.workers import serve
serve(int(sys.argv[1]), int(sys.argv[2]))
"""


class _Failed:
    """A helper's answer when its call raised or it died (the chunk is redone here)."""

    def __init__(self, why: str, ended: bool = False) -> None:
        self.why, self.ended = why, ended


WORKERS_FROM = 1000  # objects: below, starting helper processes (~0.4 s) does not pay
HELPER_CHUNK = 32  # objects per message to a helper


def helpers_for(n_objects: int, workers: int | None) -> int:
    """How many helpers a job of ``n_objects`` gets: ``workers`` when given; else none
    for a small job, two on a two-core machine (with this process, the cores stay busy),
    up to four."""
    if workers is not None:
        return workers
    return max(2, min(4, os.cpu_count() or 2)) if n_objects >= WORKERS_FROM else 0


def helper_note(problem: str, done: str) -> str:
    """The summary's line when helpers stopped: the last line of why, and who finished."""
    return f"note: helper processes stopped ({problem.splitlines()[-1]}); the rest was " \
           f"{done} by this process"


class WorkerPool:
    """``n`` helper processes running ``module.function(*args)`` calls in order."""

    def __init__(self, n: int) -> None:
        self._procs: list[subprocess.Popen] = []
        self._send: list[Connection] = []
        self._answers: list[queue.SimpleQueue] = []
        self.broken: str | None = None
        try:
            for _ in range(n):
                self._start()
        except (OSError, ValueError) as e:  # no processes to be had: all is done here
            self.broken = f"helper processes cannot start ({e})"

    def _start(self) -> None:
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        try:
            p = subprocess.Popen([sys.executable, "-c", _SERVE, str(to_r), str(from_w),
                                  _PACKAGE_PARENT], pass_fds=(to_r, from_w),
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        finally:
            os.close(to_r)
            os.close(from_w)
        self._procs.append(p)
        self._send.append(Connection(to_w, readable=False))
        answers: queue.SimpleQueue = queue.SimpleQueue()
        self._answers.append(answers)
        recv = Connection(from_r, writable=False)
        threading.Thread(target=_drain, args=(recv, answers), daemon=True,
                         name="nsw-interop-helper").start()

    def imap(self, module: str, function: str, chunks: Iterable[tuple], ahead: int = 2
             ) -> Iterator[tuple[tuple, Any]]:
        """(args, result) per chunk, in order; ``ahead`` chunks in flight per helper.
        A chunk whose helper failed is run here."""
        n = len(self._send)
        pending: deque[tuple[int, tuple]] = deque()
        it = iter(chunks)
        k = 0

        def push() -> None:
            nonlocal k
            args = next(it, None)
            if args is None:
                return
            w = k % n if n else -1
            k += 1
            if self.broken is None and w >= 0:
                try:
                    self._send[w].send((module, function, args))
                except (OSError, ValueError) as e:
                    self.broken = f"helper process gone ({e})"
                    w = -1
            else:
                w = -1
            pending.append((w, args))

        for _ in range(max(1, ahead * max(n, 1))):
            push()
        fn = getattr(importlib.import_module(module), function)
        ended: set[int] = set()  # helpers that died: nothing more comes from them
        while pending:
            w, args = pending.popleft()
            got: Any = _Failed("not sent") if w < 0 or w in ended else self._answers[w].get()
            if isinstance(got, _Failed):
                if got.ended:
                    ended.add(w)
                if w >= 0 and self.broken is None:
                    self.broken = got.why
                got = fn(*args)
            push()
            yield args, got

    def close(self) -> None:
        for c in self._send:
            try:
                c.close()  # the helper reads end-of-file and exits
            except OSError:
                pass
        for p in self._procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def kill(self) -> None:
        for p in self._procs:
            if p.poll() is None:
                p.kill()
        self.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.kill()


def _drain(recv: Connection, answers: queue.SimpleQueue) -> None:
    """Reads a helper's answers as they come, so a helper never blocks on a full pipe."""
    try:
        while True:
            answers.put(recv.recv())
    except (EOFError, OSError) as e:
        answers.put(_Failed(f"helper process ended ({type(e).__name__})", ended=True))
    finally:
        recv.close()


def serve(read_fd: int, write_fd: int) -> None:
    """A helper's loop: one call per message, until the pool closes the pipe. Ctrl-C in a
    terminal reaches the whole process group: the pool, not the helper, decides."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inp = Connection(read_fd, writable=False)
    out = Connection(write_fd, readable=False)
    while True:
        try:
            module, function, args = inp.recv()
        except EOFError:
            return
        try:
            result = getattr(importlib.import_module(module), function)(*args)
        except BaseException:  # noqa: BLE001 - told to the pool, which redoes the chunk
            result = _Failed(traceback.format_exc(limit=3))
        try:
            out.send(result)
        except (OSError, EOFError):
            return  # the pool is gone
        except Exception as e:  # noqa: BLE001 - an answer that does not pickle
            out.send(_Failed(f"answer cannot be sent ({type(e).__name__}: {e})"))
