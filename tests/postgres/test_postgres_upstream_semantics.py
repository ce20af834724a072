"""Semantics of tests/compat/test_upstream_semantics.py that touch the store's SQL, again on a
PostgreSQL store (tests/harness/pg.py)."""

from __future__ import annotations

import pytest

from tests.compat.test_upstream_semantics import (  # noqa: F401
    test_dict_assign_checks_what_each_path_holds,
    test_projects_carry_tags_state_and_running_time,
    test_trashing_a_model_trashes_its_versions,
)


@pytest.fixture
def store_path(pg_store):
    return pg_store
