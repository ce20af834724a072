"""``neptune.types.sets.string_set``."""

from .....types import StringSet

__all__ = ["StringSet"]
