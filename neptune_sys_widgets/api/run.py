"""``neptune_scale.api.run``: ``Run`` and ``SourceTrackingConfig`` (what a new run records
of its source code and git state; objects/source_code.py, objects/source_tracking.py)."""

from __future__ import annotations

from ..objects.run import Run
from ..objects.source_tracking import SourceTrackingConfig

__all__ = ["Run", "SourceTrackingConfig"]
