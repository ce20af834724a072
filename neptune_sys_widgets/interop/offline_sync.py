"""``sync``: offline runs' logs (objects/offline_log.py) into a store.

Each log is exported and imported as ``neptune-sys copy`` does (every attribute type, file
contents and series with their steps and times), with one difference: the store gives the
run its ``sys/id`` (the log numbered its run alone, so its id may be another run's here).
A log is deleted once its run is in the store, and kept when anything went wrong, so
nothing is lost to a failed sync: a run whose custom run id is already in the store (it
was synced before, or made there) is left in its log and named in the summary.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import InvalidValueError
from ..objects import offline_log
from ..objects.project import project_by_pk, qualify
from ..store import not_a_store, open_file_alone, open_store


class NotAnOfflineLog(InvalidValueError):
    """The file given to ``sync`` is not an offline run's log of this package (a text
    file, a damaged file, neptune-scale's own log, whose sync needed the hosted service)."""


@dataclass
class SyncSummary:
    """What a sync did: logs moved into the store (their runs' new ids), logs kept."""

    synced: list[dict[str, str]] = field(default_factory=list)
    kept: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"synced": self.synced, "kept": self.kept}

    def __str__(self) -> str:
        lines = [f"synced {len(self.synced)} offline run(s), kept {len(self.kept)}"]
        lines += [f"  {s['log']} -> {s['project']}/{s['id']}" for s in self.synced]
        lines += [f"  kept {k['log']}: {k['reason']}" for k in self.kept]
        return "\n".join(lines)


def _sync_one(path: Path, dst: Any, project: str | None
              ) -> tuple[dict[str, str] | None, str]:
    """``_move`` under an exclusive lock on the log's lock file (see ``_exclusive``).
    ({}, "") when another sync moved it meanwhile."""
    with _exclusive(path) as why:
        if why == _GONE:
            return {}, ""
        if why is not None:
            return None, why + " (sync it after the run stops)"
        return _move(path, dst, project)


_GONE = "moved by another sync"


@contextmanager
def _exclusive(path: Path) -> Iterator[str | None]:
    """Hold the log alone, or say why not. Its run holds a shared lock on the log's lock
    file while it writes (objects/offline_log.py), and two syncs at once (a cron job and a
    person) must not both import it: a run without a custom run id would be stored twice.
    Another program's file is refused before a lock file is made beside it."""
    why = not_a_store(path)
    if why is not None:
        raise NotAnOfflineLog(f"{str(path)!r} is not a store of neptune_sys_widgets ({why}), "
                              "so not an offline run log")
    try:
        import fcntl
    except ImportError:  # (Windows: no advisory locks here; one sync at a time)
        yield None
        return
    try:
        held = open(offline_log.lock_path(path), "ab")  # noqa: SIM115 - closed below
    except FileNotFoundError:  # its folder went with the log: another sync moved it
        yield _GONE
        return
    with held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield "its run is still running, or another sync is moving it"
            return
        if not path.exists():
            offline_log.lock_path(path).unlink(missing_ok=True)
            yield _GONE
            return
        yield None


def _move(path: Path, dst: Any, project: str | None) -> tuple[dict[str, str] | None, str]:
    """({"id", "project"} of the run in the store, "") once it is there and the log is
    deleted, else (None, why it was kept)."""
    from .exporter import export_project
    from .importer import import_export
    log = open_file_alone(path)  # (_exclusive asked whether it is one)
    try:
        with tempfile.TemporaryDirectory(prefix="neptune-sys-sync-") as tmp:
            export_project(None, tmp, log)
            summary = import_export(tmp, dst, on_conflict="skip", timestamp_offset=None,
                                    workers=0, new_run_ids=True, project=project)
    finally:
        log.close()
    if summary.errors:
        return None, "; ".join(str(e.get("message", e)) for e in summary.errors)
    if summary.existing:
        return None, (f"a run with its custom run id is already in the store "
                      f"({', '.join(summary.existing)}): it was synced before or made there")
    if len(summary.ids) != 1:  # an offline log holds one run: anything else is not ours
        return None, f"the log holds {len(summary.ids)} runs, not one"
    found = dst.find_by_id(summary.ids[0], ("run",))
    offline_log.remove(path)
    return {"id": summary.ids[0], "project": project_by_pk(dst, found[3]).name}, ""


def busy_or_foreign(path: Path) -> str | None:
    """Why the log at ``path`` may not be synced or deleted now: not one of this package's
    logs, or its run still running (or a sync moving it). None: it may."""
    try:
        with _exclusive(path) as why:
            return why
    except NotAnOfflineLog as e:
        return str(e)


def sync(paths: Sequence[str | os.PathLike] | str | os.PathLike | None = None,
         store: Any = None, *, project: str | None = None) -> SyncSummary:
    """Move offline runs' logs into ``store`` (default: the usual store). ``paths``: log
    files, or folders searched for them (default: the log directory, ``.neptune``). A
    file named here that is not a log raises ``NotAnOfflineLog``; one found in a folder is
    listed as kept, with the reason, and the others are synced. ``project``: the runs go
    to this project (``workspace/name``) instead of the one each was opened with."""
    if project is not None:
        if not isinstance(project, str) or not project.strip():
            raise InvalidValueError("project must name a project (workspace/name); it was "
                                    "empty (an unset variable?)")
        project = qualify(project)  # a wrong name is refused before any log is read
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    logs = offline_log.find_logs(list(paths) if paths else None)
    dst = store if hasattr(store, "write") else open_store(store)
    out = SyncSummary()
    for path, named in logs:
        try:
            got, why = _sync_one(path, dst, project)
        except NotAnOfflineLog as e:
            if named:  # a file given by name: the caller's mistake, said at once
                raise
            got, why = None, str(e)  # found in a folder: the others still go in
        if got is None:
            out.kept.append({"log": str(path), "reason": why})
        elif got:  # (empty: another sync moved it while this one waited)
            out.synced.append({"log": str(path), **got})
    return out


__all__ = ["sync", "SyncSummary", "NotAnOfflineLog", "busy_or_foreign"]
