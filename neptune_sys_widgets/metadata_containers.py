"""``neptune.metadata_containers`` (1.x): the object classes, for type hints and isinstance
checks in user code."""

from .objects import Model, ModelVersion, Project, Run
from .objects.container import Container as MetadataContainer

__all__ = ["Run", "Model", "ModelVersion", "Project", "MetadataContainer"]
