"""``neptune.metadata_containers.model``: where 1.x defines ``Model``."""

from ..objects import Model

__all__ = ["Model"]
