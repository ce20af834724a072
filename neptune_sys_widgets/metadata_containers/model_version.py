"""``neptune.metadata_containers.model_version``: where 1.x defines ``ModelVersion``."""

from ..objects import ModelVersion

__all__ = ["ModelVersion"]
