"""Remote stop/abort by id, for a CLI, a notebook or a widget in another process."""

from __future__ import annotations

from typing import Any

from .exceptions import InvalidTypeError, RunNotFound
from .objects.container import request
from .objects.values import check_text
from .store import open_store


def _find(run_id: str, store: Any):
    if not isinstance(run_id, str):
        raise InvalidTypeError(f"run_id must be a str: a sys/id or custom run id (was "
                               f"{type(run_id).__name__})")
    check_text(run_id, "run_id", "the id", stored=False)
    s = open_store(store)
    hit = s.find_by_id(run_id, ("run", "model", "model_version"))
    if hit is None:
        hit = s.find_by_custom_id(None, run_id)
    if hit is None:
        raise RunNotFound(f"No existing run was found at {run_id!r} in store {s.path!r}")
    return s, hit[0]


def request_stop(run_id: str, *, store: Any = None) -> bool:
    """Ask the process attached to run ``run_id`` (a sys/id or custom run id) to stop it, as
    Ctrl-C would. Returns False if no live process is attached."""
    s, pk = _find(run_id, store)
    return request(s, pk, "stop")


def request_abort(run_id: str, *, store: Any = None) -> bool:
    """Like :func:`request_stop`, and the run is marked ``sys/failed``."""
    s, pk = _find(run_id, store)
    return request(s, pk, "abort")
