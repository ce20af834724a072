"""``neptune.common.exceptions``: 1.x's base exception and the classes of its hosted-service
failures. ``NeptuneException`` is this package's own base (``NeptuneSysError``), so
``except NeptuneException`` catches every error raised here. The others name failures of
a server, a token or a connection that no local store has: they are importable (code that
catches them runs) and never raised.
"""

from __future__ import annotations

import sys

from ....exceptions import FileNotFound
from ....exceptions import NeptuneSysError as NeptuneException

# 1.x coloured its error messages with these terminal codes (STYLES: the table of the
# platform); code turns that off with ``STYLES.update(EMPTY_STYLES)``, or uses them in its
# own messages. The messages here are never coloured: the tables are 1.x's, for such code.
_STYLE_KEYS = ("h1", "h2", "python", "bash", "warning", "correct", "fail", "bold",
               "underline", "end")
UNIX_STYLES = {"h1": "\033[95m", "h2": "\033[94m", "blue": "\033[94m", "python": "\033[96m",
               "bash": "\033[95m", "warning": "\033[93m", "correct": "\033[92m",
               "fail": "\033[91m", "bold": "\033[1m", "underline": "\033[4m",
               "end": "\033[0m"}
WINDOWS_STYLES = dict.fromkeys(_STYLE_KEYS, "")
EMPTY_STYLES = dict.fromkeys(_STYLE_KEYS, "")
STYLES = UNIX_STYLES if sys.platform.startswith(("linux", "darwin")) else \
    WINDOWS_STYLES if sys.platform == "win32" else EMPTY_STYLES


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
