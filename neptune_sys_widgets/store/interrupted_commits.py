"""A Ctrl-C that arrives while a commit runs: Python raises it as soon as the commit call
returns, so the caller meets a KeyboardInterrupt for a write that was stored. Told apart
here, a caller neither keeps the batch to store it a second time nor loses the user's
interrupt (it is raised on, after the caller's bookkeeping)."""

from __future__ import annotations


def mark_committed(interrupt: BaseException) -> None:
    """Say that ``interrupt`` (a Ctrl-C, a signal handler's SystemExit) was raised at the
    end of a commit the store had completed: Python raises a signal that came during the
    commit as soon as the call returns, and a caller that took it for a failed write kept
    the batch and stored it a second time."""
    interrupt.__dict__["_nsw_committed"] = True


def was_committed(error: BaseException) -> bool:
    """``error`` is an interrupt raised after its write was committed (mark_committed)."""
    return bool(error.__dict__.get("_nsw_committed"))
