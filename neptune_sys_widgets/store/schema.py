"""SQLite schema: each version's DDL written out once, and the migrations between them.

Both backends follow one numbered sequence of schema versions (``SCHEMA_VERSION``, here;
``store/postgres_schema.py`` has the PostgreSQL DDL of the same numbers): version N means
the same tables and columns in either store, so a field added in version N is in both. A
version that one backend needs and the other does not (PostgreSQL's listing index in
version 2) is an empty step for the other, which keeps the numbers aligned.

The ``objects`` table has one column per catalog field stored as a column; string sets,
user attributes and series live in their own tables. ``objects.rev`` is the store-wide change
revision of the object's last user-visible change: the change feed reads
``WHERE rev > last_seen`` through an index, so "what changed" costs one index range scan.
"""

from __future__ import annotations

import sqlite3

from .. import catalog

APP_ID = "neptune_sys_widgets"


def sys_columns() -> list[str]:
    return [f.trait for f in catalog.column_fields()]


# Written out once and never derived from the live catalog: a column added to the catalog
# must come with a migration (the next version) that adds it, and a fresh store is built by running
# every migration in order, so it has exactly the columns an upgraded one has.
# tests/store/test_schema.py checks that the columns after the last migration equal the catalog's.
_OBJECTS_V1 = """CREATE TABLE objects (
  pk INTEGER PRIMARY KEY,
  project_pk INTEGER NOT NULL,
  kind TEXT NOT NULL,
  model_pk INTEGER,
  version_counter INTEGER NOT NULL DEFAULT 0,
  parent_pk INTEGER,
  running_acc REAL NOT NULL DEFAULT 0,
  active_since INTEGER,
  rev INTEGER NOT NULL DEFAULT 0,
  id TEXT,
  custom_run_id TEXT,
  name TEXT,
  description TEXT,
  owner TEXT,
  hostname TEXT,
  creation_time INTEGER,
  modification_time INTEGER,
  ping_time INTEGER,
  failed INTEGER,
  size REAL,
  trashed INTEGER,
  model_id TEXT,
  stage TEXT,
  experiment_name TEXT,
  experiment_is_head INTEGER,
  forking_parent TEXT,
  forking_requested_parent TEXT,
  forking_depth INTEGER,
  forking_step REAL,
  relative_creation_time_ms INTEGER
)"""

# Columns of ``objects`` that are the store's own bookkeeping, not catalog fields.
INTERNAL_COLUMNS = ("pk", "project_pk", "kind", "model_pk", "version_counter", "parent_pk",
                    "running_acc", "active_since", "rev")


# Version 1: every table.
V1 = f"""
CREATE TABLE projects (
  pk INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  key TEXT NOT NULL UNIQUE,
  run_counter INTEGER NOT NULL DEFAULT 0,
  creation_time INTEGER NOT NULL,
  owner TEXT NOT NULL,
  name_display TEXT
);
{_OBJECTS_V1};
CREATE UNIQUE INDEX objects_id ON objects(id);
CREATE UNIQUE INDEX objects_custom_id ON objects(project_pk, custom_run_id)
  WHERE custom_run_id IS NOT NULL AND custom_run_id != '';
CREATE INDEX objects_listing ON objects(project_pk, kind, creation_time);
CREATE INDEX objects_rev ON objects(rev);
CREATE INDEX objects_model ON objects(model_pk) WHERE model_pk IS NOT NULL;
CREATE INDEX objects_experiment ON objects(project_pk, experiment_name)
  WHERE experiment_name IS NOT NULL;
CREATE TABLE string_sets (
  object_pk INTEGER NOT NULL,
  path TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (object_pk, path, value)
) WITHOUT ROWID;
CREATE INDEX string_sets_value ON string_sets(path, value, object_pk);
CREATE TABLE attributes (
  object_pk INTEGER NOT NULL,
  path TEXT NOT NULL,
  type TEXT NOT NULL,
  value,
  seq INTEGER NOT NULL,
  PRIMARY KEY (object_pk, path)
) WITHOUT ROWID;
CREATE TABLE series (
  object_pk INTEGER NOT NULL,
  path TEXT NOT NULL,
  type TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  last_step REAL,
  last_value,
  last_ts REAL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (object_pk, path)
) WITHOUT ROWID;
CREATE TABLE series_chunks (
  object_pk INTEGER NOT NULL,
  path TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  first_step REAL NOT NULL,
  last_step REAL NOT NULL,
  n INTEGER NOT NULL,
  steps BLOB NOT NULL,
  vals BLOB NOT NULL,
  ts BLOB NOT NULL,
  PRIMARY KEY (object_pk, path, chunk)
) WITHOUT ROWID;
CREATE TABLE attachments (
  pk INTEGER PRIMARY KEY,
  object_pk INTEGER NOT NULL,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  attached_at INTEGER NOT NULL,
  last_ping INTEGER NOT NULL
);
CREATE INDEX attachments_object ON attachments(object_pk, last_ping);
CREATE TABLE requests (
  pk INTEGER PRIMARY KEY,
  object_pk INTEGER NOT NULL,
  kind TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX requests_pending ON requests(object_pk) WHERE delivered_at IS NULL;
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statement by statement: ``executescript`` would commit the caller's transaction."""
    for stmt in script.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


# Version 2: nothing in SQLite. (PostgreSQL reorders its listing index; SQLite already walks
# its ascending index backwards for the newest-first order and stops at the limit.)
V2 = ""
# Version 3: projects' sys/visibility (what create_project(visibility=) gave; priv before).
V3 = """
ALTER TABLE objects ADD COLUMN visibility TEXT;
UPDATE objects SET visibility = 'priv' WHERE kind = 'project';
"""

# version -> DDL upgrading a store at version-1 to version (frozen: never edit a released
# entry, add the next one, with the same number in postgres_schema.py).
MIGRATIONS: dict[int, str] = {1: V1, 2: V2, 3: V3}
# the current version of both backends: postgres_schema.py has the same keys
SCHEMA_VERSION = max(MIGRATIONS)


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Run the migration to ``version`` inside the caller's transaction."""
    _run_script(conn, MIGRATIONS[version])
