"""Migrations are frozen: each schema version's DDL is written out once (store/schema.py), a
fresh store is built by running every migration, and the result must match the catalog. A
catalog field stored as a column without a migration that adds it fails here, not in a
user's store."""

from __future__ import annotations

import sqlite3

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import catalog
from neptune_sys_widgets.store import schema


def _columns(path: str) -> list[str]:
    with sqlite3.connect(path) as db:
        return [r[1] for r in db.execute("PRAGMA table_info(objects)")]


def test_a_fresh_store_has_exactly_the_catalog_columns(tmp_path):
    path = str(tmp_path / "fresh.db")
    nsw.init_run(project="ws/schema", store=path).stop()
    cols = _columns(path)
    catalog_cols = [f.trait for f in catalog.column_fields()]
    assert sorted(set(cols) - set(schema.INTERNAL_COLUMNS)) == sorted(catalog_cols), (
        "the catalog's column fields differ from the schema built by the migrations: add a "
        f"migration v{schema.SCHEMA_VERSION + 1} for the new column(s)")


def test_migrations_are_not_derived_from_the_live_catalog(monkeypatch, tmp_path):
    """Adding a field to the catalog must not change what migration v1 creates (a later
    field comes with a migration of its own, as sys/visibility did in v3)."""
    def v1_columns(name: str) -> list[str]:
        path = str(tmp_path / name)
        with sqlite3.connect(path) as db:
            db.isolation_level = None
            db.execute("BEGIN")
            schema.migrate(db, 1)
            db.execute("COMMIT")
        return _columns(path)

    before = v1_columns("before.db")
    fields = list(catalog.column_fields())
    monkeypatch.setattr(catalog, "column_fields", lambda: [*fields, fields[0]])
    assert v1_columns("after.db") == before
    assert "visibility" not in before  # v3's


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_a_store_made_by_every_earlier_version_upgrades_and_keeps_its_data(tmp_path, version):
    path = str(tmp_path / f"v{version}.db")
    with sqlite3.connect(path) as db:
        db.isolation_level = None
        db.execute("BEGIN")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value)")
        db.execute("INSERT INTO meta VALUES ('app', ?)", (schema.APP_ID,))
        for v in range(1, version + 1):
            schema.migrate(db, v)
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (version,))
        db.execute("COMMIT")
    run = nsw.init_run(project="ws/old", store=path, name="kept", tags=["a"])
    run["x"] = 1
    run.stop()
    again = nsw.init_run(with_id=run._sys_id, store=path, mode="read-only")
    assert again["sys/name"].fetch() == "kept" and again["x"].fetch() == 1
    with sqlite3.connect(path) as db:
        got = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert int(got) == schema.SCHEMA_VERSION
