"""tests/query/test_query_api.py run again against PostgreSQL: the neptune-query API (runs,
experiments, attributes, tables, metrics, series) reads the team store the same way.

Each test is imported unchanged; only the ``store_path`` fixture differs: here it names a
fresh PostgreSQL database (tests/harness/pg.py) through ``NEPTUNE_SYS_STORE``.
"""

from __future__ import annotations

import pytest

from tests.query.test_query_api import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store
