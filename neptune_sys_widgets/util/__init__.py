"""``neptune_scale.util`` under this package's name (``from neptune_sys_widgets.util.envs
import PROJECT_ENV_NAME``, as an edited neptune-scale import reads): ``envs``, ``logger``
and ``source_tracking``. (``neptune_sys_widgets.utils`` is 1.x's ``neptune.utils``.)"""
