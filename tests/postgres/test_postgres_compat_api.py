"""tests/compat/test_compat_api.py run again against PostgreSQL: neptune 1.x's API (types, files,
handles, reprs, log_configs) behaves the same on the team store.

Each test is imported unchanged; only the ``store_path`` fixture differs: here it names a
fresh PostgreSQL database (tests/harness/pg.py) through ``NEPTUNE_SYS_STORE``, so the second
processes some tests start use it too.
"""

from __future__ import annotations

import pytest

from tests.compat.test_compat_api import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store
