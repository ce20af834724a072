"""``neptune_scale.api``: ``run``."""
