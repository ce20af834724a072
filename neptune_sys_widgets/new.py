"""``import neptune.new as neptune``: the 0.16-era spelling that 1.x kept as an alias."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    import neptune_sys_widgets
    return getattr(neptune_sys_widgets, name)
