"""``neptune_query.experimental``: tables across every project of the workspace. Not
offered yet: each call raises NotImplementedError naming itself and the README section;
``fetch_experiments_table``/``runs.fetch_runs_table`` per project are."""

from __future__ import annotations

from typing import Any


def _unsupported(name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"neptune_query.experimental.{name}() is not supported yet: query one project "
            "at a time (README, 'Running real Neptune code')")
    call.__name__ = call.__qualname__ = name
    call.__doc__ = "Not supported yet: tables across projects."
    return call


fetch_experiments_table_global = _unsupported("fetch_experiments_table_global")
fetch_runs_table_global = _unsupported("fetch_runs_table_global")

__all__ = ["fetch_experiments_table_global", "fetch_runs_table_global"]
