"""Identifiers of runs and attributes, as neptune-query's internal ``identifiers`` names
them. It exists because neptune-query's own tests key their expected series by these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

ProjectIdentifier = NewType("ProjectIdentifier", str)  # "workspace/project"
SysId = NewType("SysId", str)  # a run's id (this store's tests use the custom run id)
SysName = NewType("SysName", str)
CustomRunId = NewType("CustomRunId", str)


@dataclass(frozen=True)
class RunIdentifier:
    project_identifier: ProjectIdentifier
    sys_id: SysId

    def __str__(self) -> str:
        return f"{self.project_identifier}/{self.sys_id}"


@dataclass(frozen=True)
class AttributeDefinition:
    name: str
    type: str


@dataclass(frozen=True)
class RunAttributeDefinition:
    run_identifier: RunIdentifier
    attribute_definition: AttributeDefinition


__all__ = ["ProjectIdentifier", "SysId", "SysName", "CustomRunId", "RunIdentifier",
           "AttributeDefinition", "RunAttributeDefinition"]
