"""``neptune_scale.cli``: ``sync`` (offline runs' logs into the store)."""
