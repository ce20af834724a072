"""Offline runs: a run opened with ``mode="offline"`` writes to a log of its own, not to
the store, and :func:`neptune_sys_widgets.interop.offline_sync.sync` moves it into a store
later (``neptune-sys sync``).

Why a separate file: offline is for a machine that cannot reach the store, a compute node
cut off from the team's PostgreSQL server, as both Neptune clients meant it (1.x queued
offline data for ``neptune sync``, neptune-scale keeps a ``run_operations.sqlite3`` per
run). The log is a store file of this package's own format, so an offline run reads back
what it wrote, and a sync is the same export and import that ``neptune-sys copy`` runs,
with the store giving the run its ``sys/id``.

Where: ``<log directory>/<project>_<run id>_<ns>/run_operations.sqlite3``, the log
directory being ``log_directory=``, else ``NEPTUNE_LOG_DIRECTORY``, else ``.neptune``
under the current directory (neptune-scale's layout: its sync finds the same files).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

TYPE_CHECKING = False  # not typing's (see objects/run.py)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from ..store.base import Store

LOG_NAME = "run_operations.sqlite3"
LOG_DIRECTORY_ENV = "NEPTUNE_LOG_DIRECTORY"
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")


def _component(text: str) -> str:
    """A name part any file system takes: other characters become ``_`` (runs of them
    one), at most 64 characters (a project name may be 1,000 long)."""
    out: list[str] = []
    for ch in text:
        ch = ch if ch in _KEEP else "_"
        if not (ch == "_" and out and out[-1] == "_"):
            out.append(ch)
    return "".join(out).strip(".")[:64] or "_"


def log_directory(given: str | os.PathLike | None = None) -> Path:
    """The folder offline runs write their logs under (see the module docstring)."""
    base = given if given is not None else os.environ.get(LOG_DIRECTORY_ENV) or None
    return Path(base).absolute() if base is not None else Path.cwd() / ".neptune"


def new_log_path(project: str | None, run_id: str | None,
                 given: str | os.PathLike | None = None) -> Path:
    """A new run's log file, its folder made: the nanosecond stamp keeps two runs with one
    id (a resumed run, two processes) from sharing a log."""
    if given is not None and not isinstance(given, (str, os.PathLike)):
        from ..exceptions import InvalidTypeError
        raise InvalidTypeError(f"log_directory must be a str or a path "
                               f"(was {type(given).__name__})")
    name = project if isinstance(project, str) else None
    name = name or os.environ.get("NEPTUNE_PROJECT") or "sandbox"
    try:
        folder = log_directory(given) / (f"{_component(name)}_"
                                         f"{_component(run_id or 'run')}_{time.time_ns()}")
        folder.mkdir(parents=True, exist_ok=True)
    except ValueError as e:  # a NUL byte in the path
        from ..exceptions import InvalidValueError
        raise InvalidValueError(f"log_directory {str(given)!r}: {e}") from None
    except OSError as e:  # read-only, not a folder, full disk: nothing was logged yet
        from ..exceptions import StoreError
        raise StoreError(f"the offline log folder cannot be made ({e})") from e
    return folder / LOG_NAME


LOCK_NAME = "run.lock"


def lock_path(log: Path) -> Path:
    """The lock file beside a log. A file of its own, not the log: closing any descriptor
    of an SQLite file drops the POSIX locks SQLite holds on it in that process."""
    return log.parent / LOCK_NAME


def hold(log: Path) -> Any:
    """A shared lock on the log's lock file, held while its run writes: the kernel drops it
    when the process ends, however it ends, so a sync tells a live run (paused, or on a
    machine whose clock differs) from a dead one exactly. None where there are no advisory
    locks (Windows). ``release`` lets it go."""
    try:
        import fcntl
    except ImportError:
        return None
    held = open(lock_path(log), "ab")  # noqa: SIM115 - held for the run's life
    fcntl.flock(held, fcntl.LOCK_SH)
    return held


def release(held: Any) -> None:
    if held is not None:
        import fcntl
        fcntl.flock(held, fcntl.LOCK_UN)
        held.close()


def open_log(path: Path) -> Store:
    """The store an offline run writes to: its own, outside ``open_store``'s registry, so
    it is closed with the run and a sync in this process opens the file afresh."""
    from ..store import open_file_alone
    return open_file_alone(path)


def said_where(path: Path) -> None:
    """Tell, as a run stops, where its data waits (neptune-scale logged the same)."""
    from .background import _log
    _log().warning("offline run: its data is in %s; store it with `neptune-sys sync %s`",
                   path, path)


def find_logs(paths: Sequence[str | os.PathLike] | None = None) -> list[tuple[Path, bool]]:
    """The offline logs named by ``paths`` (files, or folders searched for them; none: the
    log directory), in the order their runs were made, each with whether it was named
    itself (True) or found in a folder."""
    found: list[tuple[Path, bool]] = []
    for p in [Path(p) for p in paths] if paths else [log_directory()]:
        if p.is_dir():
            found.extend((f, False) for f in sorted(p.rglob(LOG_NAME), key=_made))
        elif p.exists():
            found.append((p, True))
        else:
            raise FileNotFoundError(f"offline run log {str(p)!r} does not exist")
    # named ones too (a shell glob orders a fork's folder before its parent's)
    return sorted(found, key=lambda f: _made(f[0]))


def _made(log: Path) -> tuple[int, str]:
    """A log's order: when its run was made (its folder's nanosecond stamp), so that a
    fork's parent, made first, is synced first and the fork finds it."""
    stamp = log.parent.name.rpartition("_")[2]
    return (int(stamp) if stamp.isdigit() else 0, str(log))


def remove(path: Path) -> None:
    """A synced log: its file, SQLite's side files, its file contents, and its folder
    when nothing else is in it (something else there is left alone)."""
    import shutil
    for side in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)
    shutil.rmtree(f"{path}.files", ignore_errors=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass
