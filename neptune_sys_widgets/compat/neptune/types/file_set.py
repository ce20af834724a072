"""1.x ``neptune.types.file_set``."""

from ....types import FileSet

__all__ = ["FileSet"]
