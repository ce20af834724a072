"""``neptune.metadata_containers.abstract`` (1.x): the interfaces integrations type against.
``SupportsNamespaces`` is anything that ``obj["path"]`` works on (a run, model, model
version, project, or a handle of one); ``NeptuneObject`` one that can also ``stop()``. This
package's objects and handles are registered as theirs, so ``isinstance`` checks agree."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from ..objects.container import Container
from ..objects.handles import Handle

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


class SupportsNamespaces(ABC):
    """``obj["a/b"]`` selects a namespace; assigning and deleting paths work on it."""

    @abstractmethod
    def __getitem__(self, path: str) -> Any: ...

    @abstractmethod
    def __setitem__(self, key: str, value: Any) -> None: ...

    @abstractmethod
    def __delitem__(self, path: str) -> None: ...

    @abstractmethod
    def get_root_object(self) -> SupportsNamespaces: ...


class NeptuneObject(SupportsNamespaces, ABC):
    """A run, model, model version or project: a namespace root that can be stopped."""

    @abstractmethod
    def stop(self, *, seconds: float | int | None = None) -> None: ...


NeptuneObjectCallback = Callable[[NeptuneObject], None]

NeptuneObject.register(Container)
SupportsNamespaces.register(Handle)

__all__ = ["SupportsNamespaces", "NeptuneObject", "NeptuneObjectCallback"]
