"""``neptune_query.internal``: the few internal names neptune-query's own e2e tests import.

Those tests build their *expected* values with neptune-query internals (identifiers,
point tuples, DataFrame builders). This package provides them, written for this store,
so the tests run unchanged; the DataFrame builders delegate to ``query/_frames.py`` and
``query/buckets.py``, the same code ``fetch_metrics`` / ``fetch_series`` /
``fetch_metric_buckets`` use, so the tests check what this package returns. Nothing else
of neptune-query's internals (HTTP clients, retrieval, composition) exists here.
"""


import importlib
import sys
from typing import Any

_PUBLIC, _OWN = "neptune_query", "neptune_sys_widgets.query"


def submodule_by_public_name(package: str, name: str) -> Any:
    """``from neptune_query.internal[.x] import name`` for a module this package lacks:
    Python looks it up under this package's own name, which nothing answers for; asking
    under the public name lets a stand-in registered for it (a test harness's) answer,
    and otherwise ends in the drop-in's "does not provide" error, as an AttributeError."""
    if name.startswith("__") or _PUBLIC not in sys.modules:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    public = _PUBLIC + package[len(_OWN):] + "." + name
    try:
        return importlib.import_module(public)
    except ImportError as e:
        raise AttributeError(f"module {package!r} has no attribute {name!r} ({e})") from None


def __getattr__(name: str) -> Any:
    return submodule_by_public_name(__name__, name)
