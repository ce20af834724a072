"""``neptune_scale.api.run``: ``Run`` as neptune-scale's code meets it, and
``SourceTrackingConfig``.

It is the product's ``Run`` (objects/run.py) with neptune-scale's own argument rules on top:
the project must be given (argument or ``NEPTUNE_PROJECT``) as ``workspace/name``,
``on_async_lag_callback`` goes with ``async_lag_threshold``, and an argument it does not
know (an older release's ``family=``) is ignored with a warning, as neptune-scale ignores
it. The product's ``Run`` stays as lenient as neptune 1.x was (a default project, a
default workspace).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ....api.run import SourceTrackingConfig
from ....objects.run import Run as _ProductRun
from ....objects.run import run_arguments
from ..exceptions import NeptuneProjectNotProvided, NeptuneScaleWarning


class Run(_ProductRun):
    """neptune-scale's ``Run``: see the module docstring for what it checks first."""

    def __init__(self, run_id: str | None = None, *, project: str | None = None,
                 **kwargs: Any) -> None:
        if (kwargs.get("on_async_lag_callback") is None) != \
                (kwargs.get("async_lag_threshold") is None):
            raise ValueError("`on_async_lag_callback` must be used with "
                             "`async_lag_threshold`.")
        name = project or os.environ.get("NEPTUNE_PROJECT")
        if name is None:
            raise NeptuneProjectNotProvided(reason="pass project= or set NEPTUNE_PROJECT")
        if not isinstance(name, str) or len(name.split("/")) != 2 or not all(
                name.split("/")):
            raise ValueError("project is not in expected format, should be "
                             "'workspace-name/project-name'")
        unknown = sorted(set(kwargs) - run_arguments() - {"mode", "store"})
        if unknown:  # neptune-scale's Run takes **kwargs and ignores what it does not know
            import warnings
            warnings.warn(f"Run() ignores {', '.join(k + '=' for k in unknown)}: neptune-scale's "
                          "Run takes no such argument and ignores it too",
                          NeptuneScaleWarning, stacklevel=2)
            kwargs = {k: v for k, v in kwargs.items() if k not in unknown}
        super().__init__(run_id, project=project, **kwargs)
        # where an offline run's log is, under neptune-scale's names: its code reaches
        # for the file to sync it (``run._operations_repo._db_path``)
        path = self.offline_log
        self._operations_repo = None if path is None else OperationsRepository(db_path=path)
        self._storage_directory_path = None if path is None else path.parent


class OperationsRepository:
    """An offline run's log as neptune-scale's code names it. Here the log is a store file
    (objects/offline_log.py), so this knows only where it is."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = Path(db_path)


__all__ = ["Run", "SourceTrackingConfig"]
