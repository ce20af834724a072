"""``neptune.metadata_containers.run``: where 1.x defines ``Run``.

1.x's module imports ``os`` to find the source files a run records; code written for it
patches ``neptune.metadata_containers.run.os.path.isfile``, which reaches the one
``os.path`` our source recording uses too."""

import os

from ..objects import Run

__all__ = ["Run", "os"]
