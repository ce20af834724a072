"""``neptune_query.types``: the values ``fetch_series`` and ``download_files`` hand back for
histogram and file series. Neither kind is stored yet (README, "Differences from
Neptune"), so no call returns them today; code that imports or builds them runs."""

from __future__ import annotations

from dataclasses import dataclass


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

    def __post_init__(self) -> None:
        if bool(self.experiment_name) == bool(self.run_id):
            raise ValueError("File: give exactly one of experiment_name and run_id")

    @property
    def container_identifier(self) -> str:
        return self.experiment_name or self.run_id or ""


__all__ = ["Histogram", "File"]
