"""One exception hierarchy (docs/DECISIONS.md #9), with the Neptune client's names kept.

Every error derives from :class:`NeptuneSysError`; where Python code commonly catches a
builtin (``KeyError``, ``ValueError``, ``TypeError``) the class derives from that too, so
code written against the Neptune client keeps catching what it caught before.
"""

from __future__ import annotations


class NeptuneSysError(Exception):
    """Base class of every error raised by neptune_sys_widgets.

    Also neptune-scale's ``NeptuneScaleError``: its errors are built with keyword arguments
    (``NeptuneUnexpectedError(reason="...")``) that fill the class's ``message`` template;
    arguments the template does not name are appended, so none is lost."""

    message = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        if kwargs or (not args and self.message):
            args = (fill_message(self.message or type(self).__name__, args, kwargs),)
        super().__init__(*args)


def fill_message(template: str, args: tuple, kwargs: dict) -> str:
    """An error's text from its ``message`` template and the call's arguments (what
    ``NeptuneException(...)`` and the neptune-scale mirror's warnings do)."""
    template = str(kwargs.pop("message", template))
    try:
        text = template.format(*args, **kwargs)
    except (KeyError, IndexError, ValueError):
        text = template
    named = {k: v for k, v in kwargs.items() if "{" + k + "}" not in template}
    if named:
        text += " (" + ", ".join(f"{k}={v!r}" for k, v in named.items()) + ")"
    return text


NeptuneException = NeptuneSysError  # the 1.x client's base-class name


class StoreError(NeptuneSysError):
    """The store file cannot be used (not ours, corrupt, newer schema, unwritable)."""


class StoreClosedError(StoreError):
    """The store was closed under a reader (``close_all()``): a watcher stops instead of
    retrying. Raised by the store in place of its driver's own "closed" error, so that
    callers need not know which driver it is. (Here, not in store/base.py, so the SQLite
    store can raise it without loading the interface's typing at every script's start.)"""


class NeptuneUnableToLogData(NeptuneSysError):
    """neptune-scale's error for an entry of a ``log_*`` call that cannot be stored (a
    metric value ``float()`` refuses, a config value of another type), raised only with
    ``NEPTUNE_LOG_FAILURE_ACTION=raise``; by default the entry is dropped with a warning
    and the rest of the call is logged. When raised, nothing of the call was logged."""

    message = "unable to log data: {reason}"


class ObjectsInUseError(NeptuneSysError):
    """A call that would delete objects a process still writes to (``delete_project``
    while one of its runs is open) was refused; the message names them."""


class InvalidValueError(NeptuneSysError, ValueError):
    """A value breaks a rule of docs/SYS_FIELDS.md; the message names object, path and rule."""


class StreamAlreadyUsedException(NeptuneSysError):
    """The stream of a ``File.from_stream`` was read already: its File gives its content
    once (1.x's error of the same name)."""


class InvalidTypeError(NeptuneSysError, TypeError):
    """A value has the wrong Python type for its path."""


class ReadOnlyAttributeError(NeptuneSysError, AttributeError):
    """A read-only ``sys/`` path (or a new ``sys/`` path) was written."""


class NeptuneCannotChangeStageManually(ReadOnlyAttributeError):
    """``sys/stage`` may only change through ``change_stage()``."""


class MissingFieldException(NeptuneSysError, KeyError, AttributeError):
    """No attribute at this path."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NotFoundError(NeptuneSysError, LookupError):
    """No object with this id exists in the store."""


class RunNotFound(NotFoundError):
    pass


class ModelNotFound(NotFoundError):
    pass


class ModelVersionNotFound(NotFoundError):
    pass


class ProjectNotFound(NotFoundError):
    pass


class ProjectDeleted(ProjectNotFound):
    """The project was deleted (``management.delete_project``) after this process found
    it: the object it was about to create in it was not created."""

    message = ("the project was deleted (management.delete_project) after this process "
               "found it; nothing was created")


class NeptuneObjectCreationConflict(NeptuneSysError):
    pass


class NeptuneModelKeyAlreadyExistsError(NeptuneObjectCreationConflict):
    pass


class NeptuneWrongInitParametersException(NeptuneSysError, ValueError):
    """The arguments of an ``init_*`` call do not fit together: the 1.x base class of the
    two below, which 1.x code catches to cover both."""


class NeptuneRunResumeAndCustomIdCollision(NeptuneWrongInitParametersException):
    pass


class NeptuneMissingRequiredInitParameter(NeptuneWrongInitParametersException):
    pass


class NeptuneMissingProjectNameException(NeptuneSysError, ValueError):
    pass


class ReadOnlyModeError(NeptuneSysError):
    """A write was attempted through a handle opened with ``mode="read-only"``."""


class NeedExistingRunForReadOnlyMode(NeptuneSysError, ValueError):
    pass


class NeedExistingModelForReadOnlyMode(NeedExistingRunForReadOnlyMode):
    pass


class NeedExistingModelVersionForReadOnlyMode(NeedExistingRunForReadOnlyMode):
    pass


class InactiveRunException(NeptuneSysError):
    """The object was stopped/closed; open it again to use it."""


class InactiveModelException(InactiveRunException):
    pass


class InactiveModelVersionException(InactiveRunException):
    pass


class InactiveProjectException(InactiveRunException):
    pass


class NeptuneUnsupportedValue(InvalidValueError):
    """NaN/Inf and other values the store cannot hold."""


class UnsupportedValueType(InvalidTypeError):
    """A value of a type no attribute can hold. 1.x-style assignment and ``append`` warn
    (``NeptuneUnsupportedType``) and skip it, as neptune 1.x did; other calls raise this."""


class NeptuneWarning(Warning):
    """Base class of the warnings neptune_sys_widgets emits."""


class NeptuneUnsupportedType(NeptuneWarning):
    """1.x's warning for a value of an unsupported type; the value is not logged."""


class NeptuneAttributePathEmpty(InvalidValueError):
    """An attribute path that is empty (neptune-scale's name)."""


class NeptuneAttributePathInvalid(InvalidValueError):
    """An attribute path with an empty segment, or a leading or trailing '/'."""


class NeptuneSeriesStepNonIncreasing(InvalidValueError):
    pass


class NeptuneSeriesStepNotAfterForkPoint(InvalidValueError):
    pass


class NeptuneInvalidQueryException(NeptuneSysError, ValueError):
    pass


# --------------------------------------------------------------------------------------
# The rest of neptune 1.x's ``neptune.exceptions`` names, so ``except`` clauses and imports
# in user code keep working. Most are about the hosted service and are never raised here.
class MetadataInconsistency(NeptuneSysError, ValueError):
    """1.x: a value does not fit the attribute already at its path (a str assigned where an
    int is stored)."""


class TypeDoesNotSupportAttributeException(InvalidTypeError, AttributeError):
    """1.x: a method that the field's type does not have (``download()`` of a string). An
    AttributeError, as 1.x's was, and an InvalidTypeError, as the field's type is wrong."""


class FileHasNoPath(TypeDoesNotSupportAttributeException):
    """``File.path`` of a File whose content is in memory or a stream (1.x raised for it)."""


class NeptuneUnsupportedFunctionalityException(NeptuneSysError):
    """A feature of the hosted service that a local store cannot offer."""


class FileNotFound(NotFoundError):
    pass


class FileContentUnreadable(FileNotFound, FileNotFoundError):
    """``File(path).content`` of a path that cannot be read: also the builtin
    ``FileNotFoundError`` (an ``OSError``) that reading a missing file raises, and a
    ``NeptuneException``, which 1.x raised for any path's ``content``."""


class FileUploadError(NeptuneSysError):
    pass


class FileSizeLimitExceeded(InvalidValueError):
    """A file or file set over a configured size limit (``objects/file_limits.py``): the
    message names the attribute path, the size and the limit with its variable."""


MetadataContainerNotFound = NotFoundError
ContainerUUIDNotFound = RunUUIDNotFound = NotFoundError
InactiveContainerException = InactiveRunException
NeedExistingExperimentForReadOnlyMode = NeedExistingRunForReadOnlyMode
NeptuneParametersCollision = NeptuneRunResumeAndCustomIdCollision
NeptuneProtectedPathException = ReadOnlyAttributeError
FetchAttributeNotFoundException = MissingFieldException
NeptuneOfflineModeFetchException = NeptuneOfflineModeException = \
    NeptuneOfflineModeChangeStageException = NeptuneUnsupportedFunctionalityException
NeptuneFeatureNotAvailableException = OperationNotSupported = \
    NeptuneUnsupportedFunctionalityException
NeptuneUserApiInputException = InvalidValueError
ProjectNotFoundWithSuggestions = ProjectNotFound
_NEVER_RAISED = ("NeptuneInvalidApiTokenException", "NeptuneApiException", "ClientHttpError",
                 "NeptuneMissingApiTokenException", "CannotResolveHostname",
                 "NeptuneSSLVerificationError", "NeptuneConnectionLostException",
                 "InternalServerError", "Unauthorized", "Forbidden", "InternalClientError",
                 "NeptuneClientUpgradeRequiredError", "NeptuneLimitExceedException",
                 "NeptuneFieldCountLimitExceedException", "NeptuneStorageLimitException",
                 "MalformedOperation", "FileSetUploadError", "FileSetNotFound",
                 "AmbiguousProjectName", "ExceptionWithProjectsWorkspacesListing",
                 "CannotSynchronizeOfflineRunsWithoutProject", "PlotlyIncompatibilityException",
                 "NeptuneLocalStorageAccessException", "NeptuneMissingRequirementException",
                 "NeptuneSynchronizationAlreadyStoppedException",
                 "NeptuneMaxDiskUtilizationExceeded", "NeptuneApiTokenNotProvided",
                 "NeptuneScaleError", "NeptuneScaleWarning", "NeptuneUnexpectedError")
# hosted-service errors: nameable, catchable, never raised
globals().update({name: type(name, (NeptuneSysError,), {"__module__": __name__})
                  for name in _NEVER_RAISED})


def __getattr__(name: str) -> type:
    """neptune-scale's error names too (``NeptuneAttributePathNonWritable``, ...), for code
    whose ``from neptune_scale.exceptions import ...`` became ``from
    neptune_sys_widgets.exceptions import ...``: the classes of ``neptune_scale.exceptions``
    themselves, loaded on first such use."""
    if name.startswith("Neptune"):  # never for __path__ and the like (imports ask those)
        from .compat.neptune_scale import exceptions as scale
        if name in scale.__all__:
            return getattr(scale, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
