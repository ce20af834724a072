"""``neptune.integrations`` under this package's name, for code whose import line became
``from neptune_sys_widgets.integrations.python_logger import NeptuneHandler``; the drop-in
answers ``neptune.integrations`` with ``compat/neptune/integrations`` itself."""
