"""tests/widgets/test_runs_table.py run again against PostgreSQL: windows, sort, NQL and quick
filters, live updates by revision, bulk commands and ``%neptune_runs`` on the team store.

Each test is imported unchanged; the ``store_path`` fixture names a fresh PostgreSQL
database (tests/harness/pg.py) through ``NEPTUNE_SYS_STORE``, so subprocesses use it too, and
``store_digest`` says what "nothing was written" means for a database.
"""

from __future__ import annotations

import pytest

from tests.widgets.test_runs_table import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store


@pytest.fixture
def store_digest(store_path):
    """A database has no file to compare: every PostgreSQL write transaction bumps the
    store's revision counter first (store/postgres.py), so an unchanged revision and
    unchanged object revisions mean nothing was written."""
    from neptune_sys_widgets.store import open_store
    s = open_store(store_path)
    return lambda: (s.revision(), sorted(map(tuple, s.changed_since(0))))


def test_the_database_digest_sees_a_write(store_digest):
    make_runs(1)  # noqa: F405 - from test_runs_table
    before = store_digest()
    make_runs(1)  # noqa: F405
    assert store_digest() != before
