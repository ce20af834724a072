"""The typical user scripts and the real-kernel card tests, run again against PostgreSQL
(issue 10: "the typical user scripts ... and one kernel test" on both backends).

As in test_postgres_suites.py, each test is imported from its SQLite module unchanged;
only ``store_path`` differs: here it names a fresh PostgreSQL database (tests/harness/pg.py) through
``NEPTUNE_SYS_STORE``, so scripts and kernels started by the tests use it too.
"""

from __future__ import annotations

import pytest

from tests.compat.test_typical_scripts import *  # noqa: F403
from tests.kernel.test_kernel import (  # noqa: F401
    k,
    test_commands_edit_the_store,
    test_update_arrives_while_a_cell_blocks,
)


@pytest.fixture
def store_path(pg_store):
    return pg_store
