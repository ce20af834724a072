"""``neptune.types.atoms.datetime``."""

from .....types import Datetime

__all__ = ["Datetime"]
