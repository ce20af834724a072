"""``neptune_query.internal.retrieval``: value types neptune-query's own e2e tests build
their expected results with (metrics, series, metric buckets, attribute values). No
retrieval happens here: this store is read by ``query/_core.py``."""

from typing import Any

from .. import submodule_by_public_name


def __getattr__(name: str) -> Any:
    return submodule_by_public_name(__name__, name)
