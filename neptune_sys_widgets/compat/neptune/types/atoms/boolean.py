"""``neptune.types.atoms.boolean``."""

from .....types import Boolean

__all__ = ["Boolean"]
