"""``neptune.metadata_containers.project``: where 1.x defines ``Project``."""

from ..objects import Project

__all__ = ["Project"]
