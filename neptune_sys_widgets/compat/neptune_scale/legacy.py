"""``neptune_scale.legacy``: neptune-scale's dict-like ``Run`` (``run["foo"] = 1``,
``run["loss"].append(0.5, step=10)``, ``.add``/``.remove`` of tags, ``.extend``), a bridge
for code written against 1.x. This package's ``Run`` takes both generations' calls, so it is
that class, and ``Attribute`` (what ``run[path]`` gives) is its handle."""

from __future__ import annotations

from ...objects.handles import Handle as Attribute
from .api.run import Run

__all__ = ["Run", "Attribute"]
