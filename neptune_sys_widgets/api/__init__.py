"""``neptune_scale.api``: where neptune-scale code imports ``Run`` and its config types."""
