"""tests/query/test_metric_buckets.py again on a PostgreSQL store (tests/harness/pg.py)."""

from __future__ import annotations

import pytest

from tests.query.test_metric_buckets import (  # noqa: F401
    logged,
    test_a_long_series_keeps_both_ends_in_at_most_limit_rows,
    test_frame_shape_and_values,
    test_lineage_and_runs_variant,
    test_no_python_object_per_point,
)


@pytest.fixture
def store_path(pg_store):
    return pg_store
