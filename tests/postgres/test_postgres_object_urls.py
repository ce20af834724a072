"""tests/objects/test_object_urls.py again on a PostgreSQL store (tests/harness/pg.py)."""

from __future__ import annotations

import pytest

from tests.objects.test_object_urls import test_urls_name_the_store_and_the_object  # noqa: F401


@pytest.fixture
def store_path(pg_store):
    return pg_store
