"""``neptune_scale.projects``: ``create_project`` and ``list_projects`` on the store.

A project here is a row of the store (made on first use anyway); ``create_project`` makes
it now and returns its qualified name, as neptune-scale's did on the hosted service.
``visibility`` becomes the project's ``sys/visibility`` (recorded, not enforced: a store has
no access control); ``description`` is accepted and not stored; ``api_token`` is ignored,
as everywhere."""

from __future__ import annotations

from ...exceptions import InvalidTypeError, InvalidValueError

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

def _str_or_none(arg: str, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(f"create_project: {arg} must be a str or None (was "
                               f"{type(value).__name__})")


def _qualified(name: str, workspace: str | None) -> str:
    """neptune-scale's ``extract_workspace_and_project``: ``workspace/name`` from a
    qualified name or a name and ``workspace=``; the two must agree when both are given."""
    given, _, project = name.rpartition("/")
    if not project or name.count("/") > 1:
        raise InvalidValueError(f"Invalid project name `{name}`")
    if given and workspace and given != workspace:
        raise InvalidValueError(f"The provided `workspace` argument `{workspace}` is "
                                f"different from the one in project name `{name}`")
    if not (given or workspace):
        raise InvalidValueError("Workspace not provided in neither project name or the "
                                "`workspace` parameter.")
    return f"{given or workspace}/{project}"


def create_project(name: str, *, workspace: str | None = None, visibility: str = "priv",
                   description: str | None = None, key: str | None = None,
                   fail_if_exists: bool = False, api_token: str | None = None,
                   store: Any = None) -> str:
    """Make the project ``workspace/name`` (with ``key``, else one derived from the name)
    and return that name. An existing project is returned as it is, unless
    ``fail_if_exists``: then ``NeptuneProjectAlreadyExists``."""
    if not isinstance(name, str):
        raise InvalidTypeError(f"create_project: name must be a str (was "
                               f"{type(name).__name__})")
    for arg, value in (("workspace", workspace), ("description", description),
                       ("key", key), ("api_token", api_token)):
        _str_or_none(arg, value)
    from ...management import VISIBILITIES, get_project_list
    from ...management import create_project as make
    if visibility not in VISIBILITIES:  # before anything is made
        raise InvalidValueError(f"create_project: visibility must be one of "
                                f"{', '.join(VISIBILITIES)} (was {visibility!r})")
    full = _qualified(name, workspace)
    if fail_if_exists and full in get_project_list(store=store):
        from .exceptions import NeptuneProjectAlreadyExists
        raise NeptuneProjectAlreadyExists()
    return make(full, key, visibility=visibility, store=store)


def list_projects(*, api_token: str | None = None, store: Any = None) -> list[str]:
    """The store's projects, as ``workspace/name``."""
    from ...management import get_project_list
    return get_project_list(store=store)


__all__ = ["create_project", "list_projects"]
