"""neptune 1.x modules with no counterpart in the package: ``neptune.envs``,
``neptune.common``, ``neptune.integrations``, ``neptune.attributes``, ``neptune.table``.
(``import neptune`` itself is the package: see dropin/.)"""
