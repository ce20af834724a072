"""``neptune.common.exceptions``: 1.x's base exception and the classes of its hosted-service
failures. ``NeptuneException`` is this package's own base (``NeptuneSysError``), so
``except NeptuneException`` catches every error raised here. The others name failures of
a server, a token or a connection that no local store has: they are importable (code that
catches them runs) and never raised.
"""

from __future__ import annotations

from ....exceptions import FileNotFound
from ....exceptions import NeptuneSysError as NeptuneException


class NeptuneInvalidApiTokenException(NeptuneException):
    """Never raised: there is no API token."""


class UploadedFileChanged(NeptuneException):
    """Never raised: files are stored in the same transaction as the run."""


class InternalClientError(NeptuneException):
    """Never raised."""


class ClientHttpError(NeptuneException):
    """Never raised: there is no HTTP."""


class NeptuneApiException(NeptuneException):
    """Never raised: there is no API server."""


class Forbidden(NeptuneApiException):
    """Never raised."""


class Unauthorized(NeptuneApiException):
    """Never raised."""


class NeptuneAuthTokenExpired(Unauthorized):
    """Never raised."""


class InternalServerError(NeptuneApiException):
    """Never raised."""


class NeptuneConnectionLostException(NeptuneException):
    """Never raised: a PostgreSQL store that is unreachable raises StoreError."""


class NeptuneSSLVerificationError(NeptuneException):
    """Never raised."""


class InvalidNotebookPath(NeptuneException):
    """Never raised."""


class NeptuneIncorrectProjectQualifiedNameException(NeptuneException):
    """Never raised: project names are judged with InvalidValueError."""


class NeptuneMissingProjectQualifiedNameException(NeptuneException):
    """Never raised: a missing project falls back to NEPTUNE_PROJECT or the default."""


class NotAFile(NeptuneException):
    """Never raised: upload() of a folder raises InvalidValueError."""


class NotADirectory(NeptuneException):
    """Never raised."""


class WritingToArchivedProjectException(NeptuneException):
    """Never raised: projects are not archived."""


__all__ = [name for name in dir() if name[0].isupper()]
_ = FileNotFound  # re-exported: 1.x's common.exceptions.FileNotFound
