"""``neptune.types.atoms``: the product's classes (neptune_sys_widgets/types.py)."""

from .....types import Boolean, Datetime, File, Float, GitRef, Integer, String

__all__ = ["Boolean", "Datetime", "File", "Float", "GitRef", "Integer", "String"]
