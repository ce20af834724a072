"""``neptune.attributes.sets`` and its modules (see ``neptune_sys_widgets.attributes``)."""

from .. import Set, StringSet, register_modules

register_modules(__name__, {"set": ("Set",), "string_set": ("StringSet",)})

__all__ = ["Set", "StringSet"]
