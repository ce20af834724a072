"""``neptune.types.atoms.float``."""

from .....types import Float

__all__ = ["Float"]
