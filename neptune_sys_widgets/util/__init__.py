"""``neptune_scale.util``: ``envs``."""
