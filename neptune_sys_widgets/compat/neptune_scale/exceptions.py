"""``neptune_scale.exceptions``: neptune-scale's error and warning classes.

``NeptuneScaleError`` is this package's base (``NeptuneSysError``), so ``except
NeptuneScaleError`` catches every error raised here, and the classes this package raises
under neptune-scale's names (a step that does not increase, a path that is empty or
invalid, ...) are those of ``neptune_sys_widgets.exceptions`` themselves. The rest name
failures of a server, a token or a network that a local store does not have: importable,
constructible with the keyword arguments neptune-scale passes (``reason=``,
``status_code=``, ``metric=``...), and never raised but for ``NeptuneProjectAlreadyExists``
(``projects.create_project(fail_if_exists=True)`` of an existing project). The table below
is the whole list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import exceptions as ours
from ...exceptions import NeptuneSysError as NeptuneScaleError
from ...exceptions import NeptuneWarning as NeptuneScaleWarning

NeptuneUnableToLogData = ours.NeptuneUnableToLogData  # raised by the log_* calls

# name: (base, message template)
_DECLARED: dict[str, tuple[str, str]] = {
    "NeptuneBadRequestError": ("NeptuneScaleError", "bad request ({status_code}): {reason}"),
    "NeptuneSynchronizationStopped": ("NeptuneScaleError", "synchronization stopped"),
    "NeptuneFloatValueNanInfUnsupported": (
        "NeptuneUnableToLogData", "{metric} at step {step}: {value} is not supported"),
    "GenericFloatValueNanInfUnsupported": (
        "NeptuneFloatValueNanInfUnsupported", "NaN or Inf is not supported"),
    "NeptuneUnauthorizedError": ("NeptuneScaleError", "unauthorized"),
    "NeptuneInvalidCredentialsError": ("NeptuneScaleError", "invalid credentials"),
    "NeptuneUnexpectedError": ("NeptuneScaleError", "unexpected error: {reason}"),
    "NeptuneRetryableError": ("NeptuneScaleError", "a retryable error occurred"),
    "NeptuneConnectionLostError": ("NeptuneRetryableError", "connection lost"),
    "NeptuneUnexpectedResponseError": ("NeptuneRetryableError", "unexpected response"),
    "NeptuneTooManyRequestsResponseError": ("NeptuneRetryableError", "too many requests"),
    "NeptuneInternalServerError": ("NeptuneRetryableError", "internal server error"),
    "NeptuneUnableToAuthenticateError": ("NeptuneRetryableError", "unable to authenticate"),
    "NeptuneFileUploadError": ("NeptuneScaleError", "file upload failed"),
    "NeptuneFileUploadTemporaryError": ("NeptuneRetryableError", "file upload failed"),
    "NeptuneProjectError": ("NeptuneScaleError", "project error"),
    "NeptuneProjectNotFound": ("NeptuneProjectError", "project not found"),
    "NeptuneProjectInvalidName": ("NeptuneProjectError", "invalid project name"),
    "NeptuneProjectAlreadyExists": ("NeptuneProjectError", "project already exists"),
    "NeptuneRunError": ("NeptuneScaleError", "run error"),
    "NeptuneRunNotFound": ("NeptuneRunError", "run not found"),
    "NeptuneRunDuplicate": ("NeptuneScaleWarning", "a run with this id already exists"),
    "NeptuneRunConflicting": ("NeptuneScaleWarning", "a run with this id conflicts"),
    "NeptuneRunForkParentNotFound": ("NeptuneScaleWarning", "the fork parent was not found"),
    "NeptuneRunInvalidCreationParameters": ("NeptuneRunError", "invalid run parameters"),
    "NeptuneAttributePathExceedsSizeLimit": ("NeptuneScaleError", "attribute path too long"),
    "NeptuneAttributePathNonWritable": ("NeptuneScaleError", "attribute path is read-only"),
    "NeptuneAttributeTypeUnsupported": ("NeptuneScaleError", "attribute type unsupported"),
    "NeptuneAttributeTypeMismatch": ("NeptuneScaleError", "attribute type mismatch"),
    "NeptuneSeriesPointDuplicate": ("NeptuneScaleWarning", "duplicate series point"),
    "NeptuneSeriesStepTooLarge": ("NeptuneScaleError", "series step too large"),
    "NeptuneSeriesTimestampDecreasing": ("NeptuneScaleError", "series timestamp decreases"),
    "NeptuneStringValueExceedsSizeLimit": ("NeptuneScaleError", "string value too long"),
    "NeptuneStringSetExceedsSizeLimit": ("NeptuneScaleError", "string set too large"),
    "NeptuneFileMetadataExceedsSizeLimit": ("NeptuneScaleError", "file metadata too large"),
    "NeptuneProjectNotProvided": ("NeptuneRetryableError", "no project given"),
    "NeptuneApiTokenNotProvided": ("NeptuneRetryableError", "no API token given"),
    "NeptunePreviewStepNotAfterLastCommittedStep": (
        "NeptuneScaleError", "preview step not after the last committed step"),
    "NeptuneLocalStorageInUnsupportedVersion": (
        "NeptuneScaleError", "local storage of an unsupported version"),
    "NeptuneDatabaseConflict": ("NeptuneScaleError", "database conflict"),
    "NeptuneHistogramBinEdgesContainNaN": ("NeptuneScaleError", "histogram bin edges: NaN"),
    "NeptuneHistogramTooManyBins": ("NeptuneScaleError", "histogram has too many bins"),
    "NeptuneHistogramBinEdgesNotIncreasing": (
        "NeptuneScaleError", "histogram bin edges do not increase"),
    "NeptuneHistogramValuesLengthMismatch": (
        "NeptuneScaleError", "histogram values and bin edges do not match"),
}
# raised by this package under neptune-scale's own names
NeptuneSeriesStepNonIncreasing = ours.NeptuneSeriesStepNonIncreasing
NeptuneSeriesStepNotAfterForkPoint = ours.NeptuneSeriesStepNotAfterForkPoint
NeptuneAttributePathEmpty = ours.NeptuneAttributePathEmpty
NeptuneAttributePathInvalid = ours.NeptuneAttributePathInvalid


class _WarningInit:
    """neptune-scale's warnings take keyword arguments as its errors do."""

    message = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        from ...exceptions import fill_message
        super().__init__(fill_message(self.message, args, kwargs) if kwargs or not args  # type: ignore[call-arg]
                         else args[0])


def _declare() -> None:
    scope = globals()
    for name, (base, template) in _DECLARED.items():
        parent = scope[base]
        bases: tuple[type, ...] = (_WarningInit, parent) \
            if issubclass(parent, Warning) and parent is NeptuneScaleWarning else (parent,)
        scope[name] = type(name, bases, {"message": template, "__module__": __name__,
                                         "__doc__": f"neptune-scale's {name}."})


_declare()

if TYPE_CHECKING:  # declared above; named here for the type checker where they are imported
    class NeptuneProjectNotProvided(NeptuneScaleError): ...
    class NeptuneProjectAlreadyExists(NeptuneScaleError): ...

__all__ = ["NeptuneScaleError", "NeptuneScaleWarning", "NeptuneSeriesStepNonIncreasing",
           "NeptuneSeriesStepNotAfterForkPoint", "NeptuneAttributePathEmpty",
           "NeptuneAttributePathInvalid", "NeptuneUnableToLogData", *_DECLARED]
