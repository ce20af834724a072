"""``neptune.management`` counterparts that make sense for a local store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidTypeError, InvalidValueError, NotFoundError, ObjectsInUseError
from .objects.project import qualify, resolve_project
from .objects.values import check_text
from .store import open_store


def _id_list(ids: Any) -> list[str]:
    """``ids`` as a list of str: one str, or a list, tuple or set of them."""
    if isinstance(ids, str):
        return [check_text(ids, "ids", "the id", stored=False)]
    if not isinstance(ids, (list, tuple, set)):
        raise InvalidTypeError(f"ids must be a str or a list of str (was {type(ids).__name__})")
    for i in ids:
        if not isinstance(i, str):
            raise InvalidTypeError(f"ids must be a str or a list of str: {i!r} is a "
                                   f"{type(i).__name__}; nothing was changed")
        check_text(i, "ids", "an id", stored=False)
    return list(ids)

_TRASHABLE = ("run", "model", "model_version")


VISIBILITIES = ("priv", "pub", "workspace")


def create_project(name: str, key: str | None = None, *, workspace: str | None = None,
                   visibility: str | None = None, description: str | None = None,
                   api_token: str | None = None, store: Any = None) -> str:
    """Create a project (idempotent) and return its qualified name ``workspace/name``. A
    project made by this call records ``visibility`` (``priv`` by default) as its
    ``sys/visibility``; an existing one keeps its own."""
    if visibility is not None and visibility not in VISIBILITIES:
        raise InvalidValueError(f"create_project: visibility must be one of "
                                f"{', '.join(VISIBILITIES)} (was {visibility!r})")
    full = qualify(f"{workspace}/{name}" if workspace and "/" not in name else name)
    s = open_store(store)
    existed = s.find_project(full) is not None
    ref = resolve_project(full, s, key=key)
    if not existed and visibility not in (None, "priv"):
        pk = ref.object_pk
        s.write(lambda t: t.set_columns(pk, {"visibility": visibility}))
    return ref.name


def get_project_list(*, api_token: str | None = None, store: Any = None) -> list[str]:
    return [r[1] for r in open_store(store).list_projects()]


def trash_objects(project: str | None = None, ids: str | Iterable[str] = (), *,
                  api_token: str | None = None, store: Any = None) -> None:
    """Mark runs/models/model versions as trashed (left out of tables by default)."""
    ids = _id_list(ids)
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = []
    for i in ids:
        hit = s.find_by_id(i, _TRASHABLE, project_pk=ref.pk)
        if hit is None:
            raise NotFoundError(f"project {ref.name!r}: no run, model or model version {i!r}")
        pks.append(hit[0])

    def tx(t):
        t.trash(pks)
        for pk in pks:
            t.touch(pk, ping=False)
    s.write(tx)


def delete_objects_from_trash(project: str | None = None, ids: str | Iterable[str] = (), *,
                              api_token: str | None = None, store: Any = None) -> None:
    """Delete trashed objects for good (1.x). An id that is not in the trash raises and
    nothing is deleted."""
    ids = _id_list(ids)
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = []
    for i in ids:
        hit = s.find_by_id(i, _TRASHABLE, project_pk=ref.pk, trashed=True)
        if hit is None:
            raise NotFoundError(f"project {ref.name!r}: {i!r} is not in the trash")
        pks.append(hit[0])
    s.write(lambda tx: tx.delete_objects(pks))


def clear_trash(project: str | None = None, *, api_token: str | None = None,
                store: Any = None) -> None:
    """Delete every trashed object of the project for good (1.x)."""
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = s.trashed_pks(ref.pk)
    s.write(lambda tx: tx.delete_objects(pks))


def delete_project(project: str | None = None, *, workspace: str | None = None,
                   api_token: str | None = None, name: str | None = None,
                   store: Any = None) -> None:
    """Delete a project and everything in it, for good (1.x; ``name=`` is the older
    clients' spelling of ``project``). Refused, with nothing deleted, while a run or model
    of the project is open in a process (it would go on writing into a deleted object):
    the error names them. Unknown project: ``ProjectNotFound``."""
    if project is None:
        project = name
    if project is None:
        raise InvalidValueError("delete_project: name the project (workspace/name)")
    if not isinstance(project, str):
        raise InvalidTypeError(f"delete_project: project must be a str (was "
                               f"{type(project).__name__})")
    full = qualify(f"{workspace}/{project}" if workspace and "/" not in project else project)
    s = open_store(store)
    ref = resolve_project(full, s, create=False)
    from .store.clock import liveness_timeout_ms

    def tx(t: Any) -> list[str]:
        live = t.live_ids(ref.pk, t.now_ms() - liveness_timeout_ms())
        if not live:
            t.delete_project(ref.pk)
        return live
    live = s.write(tx)
    if live:
        raise ObjectsInUseError(f"delete_project: {ref.name!r} was not deleted: "
                         f"{', '.join(live[:5])}{' ...' if len(live) > 5 else ''} "
                         "still open in a process; stop them first")
