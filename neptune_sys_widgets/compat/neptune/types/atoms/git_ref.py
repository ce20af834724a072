"""``neptune.types.atoms.git_ref``."""

from .....types import GitRef

__all__ = ["GitRef"]
