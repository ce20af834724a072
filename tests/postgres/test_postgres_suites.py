"""The store-facing suites of the SQLite store, run again against PostgreSQL.

Each test below is imported from its SQLite module unchanged; only the ``store_path``
fixture differs: here it names a fresh PostgreSQL database (tests/harness/pg.py) through
``NEPTUNE_SYS_STORE``, so the test's own process, its subprocesses and its kernels all use
that database.
"""

from __future__ import annotations

import pytest

from tests.binding.test_binding import *  # noqa: F403
from tests.compat.test_1x_real_code_semantics import *  # noqa: F403
from tests.interop.test_offline_sync import *  # noqa: F403
from tests.store.test_multiprocess import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store
