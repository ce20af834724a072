"""``neptune.management.exceptions``: 1.x's management errors. Those this package can
meet on a store derive from its own errors (``ProjectNotFound`` is the one raised for an
unknown project; a malformed name is an ``InvalidValueError``), so either name catches
them; the rest name failures of the hosted service's accounts and are never raised."""

from __future__ import annotations

from .... import exceptions as ours
from ....exceptions import NeptuneSysError


class ManagementOperationFailure(NeptuneSysError):
    """Base of the management errors."""


def _declare(name: str, *bases: type) -> type:
    return type(name, (*bases, ManagementOperationFailure), {
        "__module__": __name__, "__doc__": f"neptune.management's {name}."})


InvalidProjectName = _declare("InvalidProjectName", ours.InvalidValueError)
ProjectNameInvalid = _declare("ProjectNameInvalid", ours.InvalidValueError)
ProjectKeyInvalid = _declare("ProjectKeyInvalid", ours.InvalidValueError)
ProjectNotFound = _declare("ProjectNotFound", ours.ProjectNotFound)
ObjectNotFound = _declare("ObjectNotFound", ours.NotFoundError)
_NEVER = ("MissingWorkspaceName", "ConflictingWorkspaceName", "WorkspaceNotFound",
          "ProjectAlreadyExists", "AccessRevokedOnDeletion", "AccessRevokedOnMemberRemoval",
          "UserNotExistsOrWithoutAccess", "UserAlreadyHasAccess", "ProjectsLimitReached",
          "UnsupportedValue", "ServiceAccountAlreadyHasAccess",
          "AccessRevokedOnServiceAccountRemoval", "ServiceAccountNotExistsOrWithoutAccess",
          "ServiceAccountNotFound", "ProjectKeyCollision", "ProjectNameCollision",
          "BadRequestException", "IncorrectIdentifierException", "WorkspaceOrUserNotFound",
          "UserAlreadyInvited", "ProjectPrivacyRestrictedException",
          "ActiveProjectsLimitReachedException")
for _name in _NEVER:
    globals()[_name] = _declare(_name)

__all__ = ["ManagementOperationFailure", "InvalidProjectName", "ProjectNameInvalid",
           "ProjectKeyInvalid", "ProjectNotFound", "ObjectNotFound", *_NEVER]
