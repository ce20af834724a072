"""Failure marking (docs/SYS_FIELDS.md §5): an uncaught exception in any thread, or one leaving a
``with run:`` block, appends the traceback to ``monitoring/traceback`` and sets
``sys/failed``. The hooks are installed once per process and chain to the previous ones."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from .background import BACKGROUND
from .host import hostname

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from .run import Run

_installed = False
_lock = threading.Lock()
MAX_LINE = 1000


def traceback_lines(exc: BaseException, tb: TracebackType | None) -> list[str]:
    lines = [
        f"An uncaught exception occurred while run was active on worker "
        f"{hostname()}.",
        "Marking run as failed",
        "Traceback:",
    ]
    import traceback  # only when a run fails: it loads linecache, textwrap
    for chunk in traceback.format_exception(type(exc), exc, tb):
        lines.extend(chunk.rstrip("\n").split("\n"))
    return [line[:MAX_LINE] for line in lines]


def abort_lines(sys_id: str) -> list[str]:
    """What an aborted run keeps in ``monitoring/traceback``: that it was aborted from
    elsewhere, and where its main thread was when the request arrived (the frames a Ctrl-C
    would have shown), so ``neptune-sys show`` and the card say why the run failed."""
    lines = [f"Run {sys_id} received an abort request from another process (neptune-sys "
             f"abort, the card's Abort button or request_abort) on worker "
             f"{hostname()}. Exiting",
             "Marking run as failed",
             "Traceback of the main thread when the abort arrived (most recent call last):"]
    frame = sys._current_frames().get(threading.main_thread().ident or -1)
    if frame is not None:
        import traceback
        for chunk in traceback.format_stack(frame):
            lines.extend(chunk.rstrip("\n").split("\n"))
    return [line[:MAX_LINE] for line in lines]


def mark_runs(exc: BaseException, tb: TracebackType | None, runs: list[Run] | None = None
              ) -> None:
    from .run import Run
    targets = runs if runs is not None else [
        c for c in BACKGROUND.attached() if isinstance(c, Run)]
    lines = None
    for run in targets:
        if run._stopped or not run._policy.capture_traceback:
            continue
        lines = lines or traceback_lines(exc, tb)
        try:
            run._record_failure(lines, mark=run._policy.fail_on_exception)
        except Exception:  # never hide the user's exception behind ours
            pass


def install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
        previous = sys.excepthook
        previous_thread = threading.excepthook

        def excepthook(exc_type, exc, tb):
            mark_runs(exc, tb)
            previous(exc_type, exc, tb)

        def thread_excepthook(args):
            if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
                mark_runs(args.exc_value, args.exc_traceback)
            previous_thread(args)

        sys.excepthook = excepthook
        threading.excepthook = thread_excepthook
