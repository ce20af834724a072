"""``neptune_scale.api.run``: ``Run`` as neptune-scale's code meets it, and
``SourceTrackingConfig``.

It is the product's ``Run`` (objects/run.py) with neptune-scale's own argument rules on top:
the project must be given (argument or ``NEPTUNE_PROJECT``) as ``workspace/name``, and
``on_async_lag_callback`` goes with ``async_lag_threshold``. The product's ``Run`` stays as
lenient as neptune 1.x was (a default project, a default workspace).
"""

from __future__ import annotations

import os
from typing import Any

from ....api.run import SourceTrackingConfig
from ....objects.run import Run as _ProductRun
from ..exceptions import NeptuneProjectNotProvided


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
        super().__init__(run_id, project=project, **kwargs)


__all__ = ["Run", "SourceTrackingConfig"]
