"""``neptune_scale.api.run``: ``Run`` and ``SourceTrackingConfig``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..objects.run import Run


@dataclass
class SourceTrackingConfig:
    """Accepted for compatibility and ignored: source code and git state were uploaded to
    the hosted service; a local store keeps none of it (see the README's differences)."""

    namespace: str = "source_code"
    repository: Path | None = None
    upload_run_command: bool = True
    upload_entry_point: bool = False
    upload_diff_head: bool = False
    upload_diff_upstream: bool = False


__all__ = ["Run", "SourceTrackingConfig"]
