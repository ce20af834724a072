"""The user API (Run, Model, ModelVersion, Project and their ``init_*`` factories)."""

from .container import Container
from .handles import Handle, StringSet
from .project import Project, init_project
from .registry import Model, ModelVersion, init_model, init_model_version
from .run import Run, init_run

__all__ = ["Container", "Handle", "StringSet", "Project", "init_project", "Model",
           "ModelVersion", "init_model", "init_model_version", "Run", "init_run"]
