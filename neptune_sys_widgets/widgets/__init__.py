"""Live cards for runs, model versions and models (anywidget). Importing this module imports
anywidget and traitlets; the core package never does."""

from __future__ import annotations

import weakref
from typing import Any

from .model_view import ModelRegistryWidget
from .run_card import RunCardWidget
from .sys_widget import SysWidget, widget_class

RunWidget = widget_class("run", RunCardWidget)
ModelVersionWidget = widget_class("model_version")
ModelWidget = widget_class("model", ModelRegistryWidget)
ProjectWidget = widget_class("project")

_by_kind = {"run": RunWidget, "model_version": ModelVersionWidget, "model": ModelWidget,
            "project": ProjectWidget}
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def widget_for(obj: Any) -> SysWidget:
    """The (one) live card of a Run, Model or ModelVersion."""
    w = _cache.get(obj)
    if w is None or w.comm is None:
        w = _by_kind[obj.kind](obj)
        _cache[obj] = w
    return w


def close_all() -> None:
    """Close every card (the extension's unload calls this)."""
    for w in list(_cache.values()):
        w.close()
    _cache.clear()


__all__ = ["RunWidget", "ModelVersionWidget", "ModelWidget", "ProjectWidget", "SysWidget",
           "widget_for", "close_all"]
