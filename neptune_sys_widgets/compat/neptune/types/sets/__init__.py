"""``neptune.types.sets``: the product's classes (neptune_sys_widgets/types.py)."""

from .....types import StringSet

__all__ = ["StringSet"]
