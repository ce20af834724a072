"""tests/objects/test_nql.py run again against PostgreSQL: every accepted query matches the same
runs, sorts, limits and pushdowns included, and rejected queries fail the same way.

Each test is imported unchanged; the module's store (``nql_store``, made once) and a test's
own store (``fresh_store``) are PostgreSQL databases here (tests/harness/pg.py).
"""

from __future__ import annotations

import pytest

from tests.objects.test_nql import *  # noqa: F403


@pytest.fixture(scope="module")
def _databases(_pg_session_server):
    """Databases made for this module, dropped at its end: closing stores in between (as
    ``pg_url`` does after each test) would close the module's store under its fixture."""
    names: list[str] = []
    yield names
    from neptune_sys_widgets.store import close_all
    close_all()
    for name in names:
        _pg_session_server.drop_database(name)


def _database(server, names: list[str]) -> str:
    server.ensure_running()
    names.append(server.create_database())
    return server.url(names[-1])


@pytest.fixture(scope="module")
def nql_store(_pg_session_server, _databases):
    return _database(_pg_session_server, _databases)


@pytest.fixture
def fresh_store(_pg_session_server, _databases):
    return _database(_pg_session_server, _databases)
