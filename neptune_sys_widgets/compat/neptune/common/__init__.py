"""``neptune.common``: the 1.x package's shared warnings, exceptions and environment names
(``common.warnings``, ``common.exceptions``, ``common.envs``)."""
