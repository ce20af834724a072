"""``neptune.metadata_containers.metadata_container``: the base class of runs, models,
model versions and projects."""

from ..objects.container import Container as MetadataContainer

__all__ = ["MetadataContainer"]
