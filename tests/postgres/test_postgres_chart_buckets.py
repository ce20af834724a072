"""tests/query/test_chart_buckets.py's store tests again on a PostgreSQL store
(tests/harness/pg.py)."""

from __future__ import annotations

import pytest

from tests.query.test_chart_buckets import (  # noqa: F401
    logged,
    test_a_zoomed_range_shows_detail_and_the_spike_everywhere,
    test_fork_lineage_is_one_line,
    test_the_cache_reads_new_points_as_a_full_read_would,
    test_time_axes,
)


@pytest.fixture
def store_path(pg_store):
    return pg_store
