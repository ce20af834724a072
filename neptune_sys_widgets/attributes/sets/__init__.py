"""``neptune.attributes.sets`` (see ``neptune_sys_widgets.attributes``)."""

from .. import StringSet  # noqa: F401

__all__ = ["StringSet"]
