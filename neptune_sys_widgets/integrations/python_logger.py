"""``neptune.integrations.python_logger`` under this package's name: the same
``NeptuneHandler`` class as the drop-in's module (so ``isinstance`` agrees)."""

from __future__ import annotations

from ..compat.neptune.integrations.python_logger import VERSION_PATH, NeptuneHandler

__all__ = ["NeptuneHandler", "VERSION_PATH"]
