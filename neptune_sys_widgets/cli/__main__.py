"""``python -m neptune_sys_widgets.cli``: the same as the ``neptune-sys`` command."""

from . import entry

entry()
