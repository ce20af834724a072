"""neptune-scale's package root: ``Run`` (the product's own, which takes both client
generations' arguments) and ``NeptuneLoggingHandler``. Its other modules resolve here
(``exceptions``, ``util.envs``, ``logging``) or to the product (``types``, ``api.run``)."""

from typing import Any

from .api.run import Run
from .logging_handler import NeptuneLoggingHandler

__all__ = ["Run", "NeptuneLoggingHandler"]


def __getattr__(name: str) -> Any:
    """``neptune_scale.types`` and the like, reached as attributes: the product's."""
    import neptune_sys_widgets
    return getattr(neptune_sys_widgets, name)
