"""``neptune.metadata_containers`` (1.x): the object classes, for type hints and isinstance
checks in user code.

A package, as in 1.x, with one submodule per class (``run``, ``model``, ``model_version``,
``project``, ``metadata_container``): code imports ``from
neptune.metadata_containers.run import Run`` and patches names through those modules (a
test's ``mock.patch("neptune.metadata_containers.run.os.path.isfile")``)."""

from .metadata_container import MetadataContainer
from .model import Model
from .model_version import ModelVersion
from .project import Project
from .run import Run

__all__ = ["Run", "Model", "ModelVersion", "Project", "MetadataContainer"]
