"""``neptune_scale.util.source_tracking``: the repository state a new run records, read
with the ``git`` command (objects/source_code.py)."""

from ..objects.source_code import read_repository_info
from ..objects.source_tracking import RepositoryInfo

__all__ = ["RepositoryInfo", "read_repository_info"]
