"""``neptune.cli``: 1.x's ``neptune sync``, ``neptune status`` and ``neptune clear`` as
click commands, over this package's offline run logs (objects/offline_log.py)."""

from .commands import clear, status, sync

__all__ = ["sync", "status", "clear"]
