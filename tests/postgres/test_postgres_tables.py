"""tests/objects/test_tables_compat.py run again against PostgreSQL: ``fetch_*_table`` gives the
values neptune 1.x gave on either store.

Each test is imported unchanged; only the ``store_path`` fixture differs: here it names a
fresh PostgreSQL database (tests/harness/pg.py) through ``NEPTUNE_SYS_STORE``.
"""

from __future__ import annotations

import pytest

from tests.objects.test_tables_compat import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store
