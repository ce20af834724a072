"""``from neptune.types import StringSet`` keeps working as ``neptune_sys_widgets.types``."""

from .objects.handles import StringSet

__all__ = ["StringSet"]
