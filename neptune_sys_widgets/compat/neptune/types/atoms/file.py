"""``neptune.types.atoms.file``."""

from .....types import File

__all__ = ["File"]
