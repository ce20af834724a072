"""neptune_sys_widgets: the Neptune client API on a local store, with live Jupyter widgets.

``import neptune_sys_widgets`` loads nothing but this file: the API is resolved lazily on
first attribute access, so a training script pays only for what it uses, and IPython,
traitlets, anywidget and pandas are never imported unless a notebook feature asks for them.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs a script ~9 ms at start

__version__ = "0.1.0"
ANONYMOUS_API_TOKEN = "ANONYMOUS"  # 1.x's public token constant; tokens are ignored here

_LAZY = {
    "init_run": "objects.run", "Run": "objects.run", "init_model": "objects.registry",
    "Model": "objects.registry", "init_model_version": "objects.registry",
    "ModelVersion": "objects.registry", "init_project": "objects.project",
    "Project": "objects.project", "StringSet": "objects.handles",
    "request_stop": "control", "request_abort": "control",
    "load_ipython_extension": "magics", "unload_ipython_extension": "magics",
    "chart": "widgets.chart",
    # neptune-scale's package root exports it; code whose `from neptune_scale import ...`
    # became `from neptune_sys_widgets import ...` finds it here
    "NeptuneLoggingHandler": "compat.neptune_scale.logging_handler",
}
_SUBMODULES = {"exceptions", "management", "catalog", "types", "query", "binding", "feed",
               "widgets", "magics", "store", "objects", "control", "utils",
               "metadata_containers", "api", "new", "interop", "cli", "projects",
               "integrations", "legacy", "typing"}

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from . import exceptions, management  # noqa: F401
    from .control import request_abort, request_stop  # noqa: F401
    from .objects import (  # noqa: F401
        Model,
        ModelVersion,
        Project,
        Run,
        StringSet,
        init_model,
        init_model_version,
        init_project,
        init_run,
    )
    from .widgets.chart import chart  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, *_SUBMODULES])

