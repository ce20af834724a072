"""``neptune.types.atoms.integer``."""

from .....types import Integer

__all__ = ["Integer"]
