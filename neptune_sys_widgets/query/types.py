"""``neptune_query.types``: the values tables and ``fetch_series`` hand back for histogram
series, files and file series; ``download_files`` takes the files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Histogram:
    type: str
    edges: list[float]
    values: list[float]


@dataclass(frozen=True)
class File:
    project_identifier: str
    experiment_name: str | None
    run_id: str | None
    attribute_path: str
    step: float | None
    path: str
    size_bytes: int
    mime_type: str
    # where the content is in the store's files folder (not part of neptune-query's
    # File: it neither compares nor shows; download_files reads it)
    _sha256: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if bool(self.experiment_name) == bool(self.run_id):
            raise ValueError("File: give exactly one of experiment_name and run_id")

    @property
    def container_identifier(self) -> str:
        return self.experiment_name or self.run_id or ""


__all__ = ["Histogram", "File"]
