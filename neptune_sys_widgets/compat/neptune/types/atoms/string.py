"""``neptune.types.atoms.string``."""

from .....types import String

__all__ = ["String"]
