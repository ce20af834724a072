"""``neptune.management``: the product's management functions (neptune_sys_widgets.
management: projects and the trash), and the rest of 1.x's list, which manage the hosted
service's users, service accounts and workspaces. A store has none of those: each of them
raises ``NotImplementedError`` naming the call and the README section, so no code goes on
believing a member was added.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any

from .... import exceptions as ours
from .... import management as _product
from . import exceptions as _management_errors


def _with_1x_errors(call: Callable[..., Any]) -> Callable[..., Any]:
    """1.x code catches ``neptune.management.exceptions.ProjectNotFound``; the product
    raises its own ``ProjectNotFound``, the base of that class, which such an ``except``
    would miss. Through this module an unknown project raises the 1.x class (still an
    instance of the product's, so both names catch it)."""
    @functools.wraps(call)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except ours.ProjectNotFound as e:
            if isinstance(e, _management_errors.ProjectNotFound):
                raise
            raise _management_errors.ProjectNotFound(*e.args) from None
    return wrapped


clear_trash = _with_1x_errors(_product.clear_trash)
create_project = _with_1x_errors(_product.create_project)
delete_objects_from_trash = _with_1x_errors(_product.delete_objects_from_trash)
delete_project = _with_1x_errors(_product.delete_project)
get_project_list = _with_1x_errors(_product.get_project_list)
trash_objects = _with_1x_errors(_product.trash_objects)


class MemberRole(str, enum.Enum):
    OWNER = "owner"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"
    NO_ACCESS = "no_access"


class WorkspaceMemberRole(str, enum.Enum):
    ADMIN = "admin"
    MEMBER = "member"


class ProjectVisibility(str, enum.Enum):
    PRIVATE = "priv"
    PUBLIC = "pub"
    WORKSPACE = "workspace"


def _unsupported(name: str, why: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"neptune.management.{name}() is not supported: {why} (README, 'Running real "
            "Neptune code')")
    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Not supported: {why}."
    return call


_NO_USERS = "a store has no users, members or service accounts; file and database " \
            "permissions decide who may use it"
add_project_member = _unsupported("add_project_member", _NO_USERS)
get_project_member_list = _unsupported("get_project_member_list", _NO_USERS)
remove_project_member = _unsupported("remove_project_member", _NO_USERS)
get_workspace_member_list = _unsupported("get_workspace_member_list", _NO_USERS)
invite_to_workspace = _unsupported("invite_to_workspace", _NO_USERS)
add_project_service_account = _unsupported("add_project_service_account", _NO_USERS)
remove_project_service_account = _unsupported("remove_project_service_account", _NO_USERS)
get_project_service_account_list = _unsupported("get_project_service_account_list",
                                                _NO_USERS)
get_workspace_service_account_list = _unsupported("get_workspace_service_account_list",
                                                  _NO_USERS)
get_workspace_status = _unsupported("get_workspace_status", "a store has no workspace "
                                    "quotas or plans")

__all__ = ["clear_trash", "get_project_list", "create_project", "delete_project",
           "delete_objects_from_trash", "get_project_member_list", "add_project_member",
           "remove_project_member", "get_workspace_member_list", "invite_to_workspace",
           "WorkspaceMemberRole", "add_project_service_account",
           "remove_project_service_account", "get_project_service_account_list",
           "get_workspace_service_account_list", "get_workspace_status", "trash_objects",
           "MemberRole", "ProjectVisibility"]
