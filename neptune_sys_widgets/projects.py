"""``neptune_scale.projects`` under this package's name, for code whose import line became
``from neptune_sys_widgets.projects import create_project`` (the drop-in answers
``neptune_scale.projects`` with the same functions)."""

from __future__ import annotations

from .compat.neptune_scale.projects import create_project, list_projects

__all__ = ["create_project", "list_projects"]
