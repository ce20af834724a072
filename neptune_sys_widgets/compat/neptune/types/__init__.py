"""``neptune.types`` as a package, so that its 1.x submodules import (``neptune.types.
atoms.float``, ``neptune.types.series.float_series``, ...): every name is the product's own
class from neptune_sys_widgets/types.py, so ``isinstance`` agrees whichever path imported it.
"""

from typing import Any

from .... import types as _product
from ....types import *  # noqa: F403 - the same names, re-exported

__all__ = list(_product.__all__)


def __getattr__(name: str) -> Any:
    return getattr(_product, name)
