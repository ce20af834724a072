"""``neptune_scale.legacy`` under this package's name, for code whose import line became
``from neptune_sys_widgets.legacy import Run`` (1.x's ``neptune.legacy``, the 0.x API, is
not mirrored: README, "Running real Neptune code")."""

from __future__ import annotations

from .compat.neptune_scale.legacy import Attribute, Run

__all__ = ["Run", "Attribute"]
