"""``neptune_query.exceptions``: the errors of the read API that are not plain argument
errors (those are ``ValueError`` / ``TypeError`` naming the argument, as in neptune-query)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..exceptions import NeptuneSysError


class NeptuneError(NeptuneSysError):
    """Base class of the ``neptune_sys_widgets.query`` errors (neptune-query's name)."""


class NeptuneUserError(NeptuneError):
    pass


class NeptuneWarning(Warning):
    """neptune-query's warning class (code filters it with ``warnings.simplefilter``)."""


class NeptuneProjectNotProvided(NeptuneUserError):
    """Never raised: without a project the reads use ``NEPTUNE_PROJECT``, else the
    store's default project."""

    def __init__(self) -> None:
        super().__init__("No project was given: pass project= or set NEPTUNE_PROJECT")


class NeptuneApiTokenNotProvided(NeptuneUserError):
    """Never raised: a store needs no API token."""

    def __init__(self) -> None:
        super().__init__("No API token was given (a store needs none)")


class NeptuneInvalidCredentialsError(NeptuneUserError):
    """Never raised: a store has no credentials."""

    def __init__(self) -> None:
        super().__init__("The API token is invalid (a store needs none)")


class NeptuneProjectInaccessible(NeptuneError):
    """Never raised: an unknown project reads as empty or raises ``ProjectNotFound``."""

    def __init__(self) -> None:
        super().__init__("The project does not exist or is not accessible")


class NeptuneFailedToFetchClientConfig(NeptuneError):
    """Never raised: there is no server to ask for a client configuration."""

    def __init__(self, exception: Exception) -> None:
        self.exception = exception
        super().__init__(f"Failed to fetch the client configuration: {exception}")


class NeptuneUnexpectedResponseError(NeptuneError):
    """Never raised: there are no HTTP responses."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code, self.content = status_code, content
        super().__init__(f"Unexpected response from the server: {status_code}")


class NeptuneRetryError(NeptuneError):
    """Never raised: nothing is retried over a network."""

    def __init__(self, retries: int, time: float, last_status_code: int | None = None,
                 last_content: bytes | None = None, url: str | None = None) -> None:
        self.retries, self.time = retries, time
        self.last_status_code, self.last_content, self.url = last_status_code, last_content, url
        super().__init__(f"The server returned an error after {retries} retries, "
                         f"{time:.2f} seconds")


class NeptuneFileDownloadError(NeptuneError):
    """Never raised by name: a missing file content raises this package's ``FileNotFound``."""

    def __init__(self, details: str | None = None, last_status_code: int | None = None,
                 last_content: str | bytes | None = None) -> None:
        self.details, self.last_status_code = details, last_status_code
        super().__init__(f"File download ended in an unexpected error: {details}")


class AttributeTypeInferenceError(NeptuneError):
    """An attribute in a filter has no type and the project holds it with several types."""

    def __init__(self, attribute_names: Sequence[str], details: Iterable[str] = ()) -> None:
        self.attribute_names = list(attribute_names)
        what = (f"attribute {self.attribute_names[0]}" if len(self.attribute_names) == 1
                else f"attributes [{', '.join(self.attribute_names)}]")
        lines = [f"Failed to infer types for {what}", *details,
                 'Specify the type explicitly: Attribute("name", type="int").']
        super().__init__("\n".join(lines))


class ConflictingAttributeTypes(NeptuneError):
    """One attribute name holds values of several types across the returned rows."""

    def __init__(self, attribute_names: Iterable[str]) -> None:
        self.attribute_names = sorted(attribute_names)
        super().__init__(
            f"Multiple types detected for attributes [{', '.join(self.attribute_names)}]: "
            "pass type_suffix_in_column_names=True to get one column per type, or select one "
            "type with AttributeFilter(name=..., type=...)")


__all__ = ["NeptuneError", "NeptuneUserError", "NeptuneWarning", "NeptuneProjectNotProvided",
           "NeptuneApiTokenNotProvided", "NeptuneInvalidCredentialsError",
           "NeptuneProjectInaccessible", "NeptuneFailedToFetchClientConfig",
           "NeptuneUnexpectedResponseError", "NeptuneRetryError", "NeptuneFileDownloadError",
           "AttributeTypeInferenceError", "ConflictingAttributeTypes"]
