"""Stores made by the package as it was before the two backends shared one schema version
sequence (SQLite at version 1, PostgreSQL at version 2) open with this code, upgrade to
``SCHEMA_VERSION`` and keep their data. The old package is taken from git history
(``git archive``), run in its own process, so the old store is exactly what users have."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from neptune_sys_widgets.store import schema
from tests.conftest import REPO

BEFORE = "3d4726e"  # the last commit with SQLite at schema 1 and PostgreSQL at schema 2

WRITE = """
import sys
import neptune_sys_widgets as n
if "://" in sys.argv[1]:
    from neptune_sys_widgets.store import postgres_schema as schema
else:
    from neptune_sys_widgets.store import schema
run = n.init_run(project="ws/old", store=sys.argv[1], name="made before", tags=["a", "b"],
                 mode="sync")
run["params/lr"] = 0.5
for i in range(3):
    run["train/loss"].append(1.0 / (i + 1), step=i)
print(run["sys/id"].fetch(), schema.SCHEMA_VERSION)
run.stop()
"""

READ = """
import json, sys
import neptune_sys_widgets as n
run = n.init_run(with_id=sys.argv[2], store=sys.argv[1], mode="read-only")
new = n.init_run(project="ws/old", store=sys.argv[1], mode="sync")
new_id = new["sys/id"].fetch()
new.stop()
print(json.dumps({"name": run["sys/name"].fetch(), "tags": sorted(run["sys/tags"].fetch()),
                  "lr": run["params/lr"].fetch(),
                  "loss": list(run["train/loss"].fetch_values()["value"]), "new": new_id}))
"""


@pytest.fixture(scope="module")
def old_package(tmp_path_factory) -> Path:
    if subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{BEFORE}^{{commit}}"],
                      capture_output=True).returncode != 0:
        pytest.skip(f"commit {BEFORE} is not in this clone (a shallow checkout?)")
    dest = tmp_path_factory.mktemp("before")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", BEFORE,
                              "neptune_sys_widgets"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def _python(code: str, pythonpath: Path, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    env.pop("NEPTUNE_SYS_STORE", None)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                          capture_output=True, text=True, timeout=120, cwd=pythonpath)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()[-1]


def _upgrade(old_package: Path, store: str, old_version: int) -> None:
    sys_id, version = _python(WRITE, old_package, store).split()
    assert int(version) == old_version
    got = json.loads(_python(READ, REPO, store, sys_id))
    assert got == {"name": "made before", "tags": ["a", "b"], "lr": 0.5,
                   "loss": [1.0, 0.5, 1.0 / 3], "new": "OLD-2"}


@pytest.mark.slow
def test_an_sqlite_store_at_version_1_upgrades(old_package, tmp_path):
    import sqlite3
    store = str(tmp_path / "old.db")
    _upgrade(old_package, store, 1)
    with sqlite3.connect(store) as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    assert int(meta["schema_version"]) == schema.SCHEMA_VERSION


def test_a_postgresql_store_at_version_2_opens(old_package, pg_server):
    name = pg_server.create_database()
    try:
        _upgrade(old_package, pg_server.url(name), 2)
        assert pg_server.psql("SELECT value FROM meta WHERE key = 'schema_version'",
                              name) == [(str(schema.SCHEMA_VERSION),)]
    finally:
        pg_server.drop_database(name)
