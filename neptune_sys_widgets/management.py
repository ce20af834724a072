"""``neptune.management`` counterparts that make sense for a local store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidTypeError, NotFoundError
from .objects.project import qualify, resolve_project
from .store import open_store


def create_project(name: str, key: str | None = None, *, workspace: str | None = None,
                   visibility: str | None = None, description: str | None = None,
                   api_token: str | None = None, store: Any = None) -> str:
    """Create a project (idempotent) and return its qualified name ``workspace/name``."""
    full = qualify(f"{workspace}/{name}" if workspace and "/" not in name else name)
    ref = resolve_project(full, open_store(store), key=key)
    return ref.name


def get_project_list(*, api_token: str | None = None, store: Any = None) -> list[str]:
    return [r[1] for r in open_store(store).list_projects()]


def trash_objects(project: str | None = None, ids: str | Iterable[str] = (), *,
                  api_token: str | None = None, store: Any = None) -> None:
    """Mark runs/models/model versions as trashed (left out of tables by default)."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple, set)):
        raise InvalidTypeError(f"ids must be a str or a list of str (was {type(ids).__name__})")
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = []
    for i in ids:
        hit = s.find_object("id = ? AND project_pk = ? AND kind != 'project'", (i, ref.pk))
        if hit is None:
            raise NotFoundError(f"project {ref.name!r}: no run, model or model version {i!r}")
        pks.append(hit[0])

    def tx(conn, rev):
        for pk in pks:
            conn.execute("UPDATE objects SET trashed = 1 WHERE pk = ?", (pk,))
            s.touch(conn, pk, rev, ping=False)
    s.write(tx)


def delete_objects_from_trash(project: str | None = None, ids: str | Iterable[str] = (), *,
                              api_token: str | None = None, store: Any = None) -> None:
    """Delete trashed objects for good (1.x). An id that is not in the trash raises and
    nothing is deleted."""
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, (list, tuple, set)):
        raise InvalidTypeError(f"ids must be a str or a list of str (was {type(ids).__name__})")
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = []
    for i in ids:
        hit = s.find_object("id = ? AND project_pk = ? AND kind != 'project' AND trashed = 1",
                            (i, ref.pk))
        if hit is None:
            raise NotFoundError(f"project {ref.name!r}: {i!r} is not in the trash")
        pks.append(hit[0])
    s.write(lambda conn, rev: s.delete_objects(conn, pks))


def clear_trash(project: str | None = None, *, api_token: str | None = None,
                store: Any = None) -> None:
    """Delete every trashed object of the project for good (1.x)."""
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    pks = [r[0] for r in s.read("SELECT pk FROM objects WHERE project_pk = ? AND trashed = 1 "
                                "AND kind != 'project'", (ref.pk,))]
    s.write(lambda conn, rev: s.delete_objects(conn, pks))
