"""neptune-scale's source-tracking types: ``RepositoryInfo`` (what git says of the
repository a run is made in) and ``SourceTrackingConfig`` (what a new ``Run`` records).

Apart from ``source_code`` (which fills them) because they are dataclasses, as upstream's
are: ``dataclasses`` loads ``inspect``, and a 1.x script's first ``init_run`` needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass
class RepositoryInfo:
    """neptune-scale's ``source_tracking.RepositoryInfo`` fields."""

    commit_id: str
    commit_message: str
    commit_author_name: str
    commit_author_email: str
    commit_date: datetime
    dirty: bool
    branch: str | None
    remotes: dict[str, str] = field(default_factory=dict)
    run_command: str | None = None
    entry_point_path: Path | None = None
    head_diff_content: bytes | None = None
    upstream_diff_commit_id: str | None = None
    upstream_diff_content: bytes | None = None


@dataclass
class SourceTrackingConfig:
    """neptune-scale's ``SourceTrackingConfig``: what a new run records of its source."""

    namespace: str = "source_code"
    repository: Path | None = None
    upload_run_command: bool = True
    upload_entry_point: bool = False
    upload_diff_head: bool = False
    upload_diff_upstream: bool = False


DEFAULT_SCALE = SourceTrackingConfig()
