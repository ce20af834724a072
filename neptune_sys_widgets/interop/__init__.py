"""Import and export of neptune-exporter parquet trees, and store-to-store copy.

``import_export(path, store=...)`` brings a Neptune history in, ``export_project(project,
out, store=...)`` writes one out in the exporter's exact layout (so its loaders for MLflow,
W&B and the others accept it), ``copy_store(src, dst)`` copies through the same path.
Needs the ``interop`` extra (pyarrow, numpy); the modules load only when a function is used,
so that importing this package stays as light as the rest.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {"import_export": "importer", "ImportSummary": "importer", "discover": "importer",
         "export_project": "exporter", "ExportSummary": "exporter",
         "copy_store": "exporter", "CopySummary": "exporter"}


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module(f".{mod}", __name__), name)
    except ModuleNotFoundError as e:
        if e.name in ("pyarrow", "numpy"):
            raise ModuleNotFoundError(
                f"neptune_sys_widgets.interop needs {e.name}: pip install "
                "'neptune_sys_widgets[interop]'", name=e.name) from None
        raise
    globals()[name] = value
    return value


__all__ = list(_LAZY)
