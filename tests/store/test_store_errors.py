"""A store file we cannot use raises ``StoreError`` naming the file and the reason, and leaves
the file exactly as it was (same bytes, no -wal/-shm/-journal left next to it); a store from
an earlier schema version opens and keeps its data."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from array import array
from pathlib import Path

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import NeptuneSysError, StoreError
from neptune_sys_widgets.store import schema
from tests.conftest import child_env, run_python

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def fingerprint(path: Path) -> dict[str, str | None]:
    """sha256 of the file and of each SQLite side file (None = absent)."""
    out: dict[str, str | None] = {}
    for suffix in ("", *SIDE_SUFFIXES):
        p = Path(str(path) + suffix)
        out[suffix or "main"] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() \
            else None
    return out


def make_store_with_data(path: Path) -> None:
    """A real store with a run, tags and metrics, written by another process and closed."""
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/data", store={str(path)!r}, tags=["a", "b"], name="kept")
        r["params/blob"] = "x" * 20000
        for step in range(200):
            r.log_metrics({{"loss": 1.0 / (step + 1)}}, step=step)
        r.stop()
    """)
    assert Path(str(path) + "-wal").exists() is False, "a closed store keeps no WAL file"


def assert_rejected(path: Path, *reason: str) -> StoreError:
    before = fingerprint(path)
    for attempt in range(2):  # a second attempt finds the file just as the first left it
        with pytest.raises(StoreError) as info:
            nsw.init_run(project="ws/p", store=str(path))
        error = info.value
        message = str(error)
        assert str(path) in message, message
        for fragment in reason:
            assert fragment in message, f"{fragment!r} not in {message!r}"
        # Not a chained sqlite3 traceback: the sqlite error is folded into the message.
        assert error.__cause__ is None and (error.__context__ is None
                                            or error.__suppress_context__), attempt
        assert fingerprint(path) == before, "the rejected file was modified"
    assert isinstance(error, NeptuneSysError)
    return error


# ------------------------------------------------------------ files that are not ours
def write_random(path: Path) -> None:
    path.write_bytes(random.Random(1234).randbytes(64 * 1024))


def write_text(path: Path) -> None:
    path.write_text("name,score\nalice,1\nbob,2\n" * 200, encoding="utf-8")


def write_short_text(path: Path) -> None:
    path.write_text("SQLite", encoding="utf-8")  # shorter than the 16-byte header


def write_other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.executemany("INSERT INTO bookmarks VALUES (?, ?)",
                     [(f"https://example.org/{i}", "t" * 100) for i in range(500)])
    conn.commit()
    conn.close()


def write_other_app_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE events (ts INTEGER, payload BLOB)")
    conn.executemany("INSERT INTO events VALUES (?, ?)", [(i, b"p" * 300) for i in range(300)])
    conn.commit()
    conn.close()


def write_other_app_with_meta(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value)")
    conn.execute("INSERT INTO meta VALUES ('app', 'mlflow-ish'), ('schema_version', 1)")
    conn.commit()
    conn.close()


FOREIGN = {
    "random bytes": (write_random, ["not an SQLite database"]),
    "a text file": (write_text, ["not an SQLite database"]),
    "a text file shorter than the header": (write_short_text, ["not an SQLite database"]),
    "another application's SQLite database": (write_other_app,
                                              ["not a neptune_sys_widgets store"]),
    "another application's WAL database": (write_other_app_wal,
                                           ["not a neptune_sys_widgets store"]),
    "another application's meta table": (write_other_app_with_meta, ["'mlflow-ish'"]),
}


@pytest.mark.parametrize("case", FOREIGN, ids=list(FOREIGN))
def test_a_file_that_is_not_our_store_is_rejected_untouched(store_path, tmp_path, case):
    write, reason = FOREIGN[case]
    path = tmp_path / "elsewhere" / "data.db"
    path.parent.mkdir()
    write(path)
    assert_rejected(path, *reason)
    assert sorted(p.name for p in path.parent.iterdir()) == ["data.db"]


def test_a_directory_at_the_store_path_is_rejected(store_path, tmp_path):
    path = tmp_path / "a-directory.db"
    path.mkdir()
    with pytest.raises(StoreError, match="directory"):
        nsw.init_run(project="ws/p", store=str(path))
    assert list(path.iterdir()) == []


def test_a_newer_schema_version_is_rejected_untouched(store_path, tmp_path):
    path = tmp_path / "newer.db"
    make_store_with_data(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                 (schema.SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    assert_rejected(path, f"schema version {schema.SCHEMA_VERSION + 1}",
                    f"({schema.SCHEMA_VERSION})", "upgrade")


# ------------------------------------------------------------- truncated and corrupt
def truncate_to(size: int | str):
    def damage(data: bytes) -> bytes:
        n = {"half": len(data) // 2, "one page short": len(data) - 4096}.get(size, size)
        return data[:n]
    return damage


def corrupt(start: int, end: int):
    def damage(data: bytes) -> bytes:
        noise = random.Random(start).randbytes(end - start)
        return data[:start] + noise + data[end:]
    return damage


DAMAGE = {
    "truncated to the header": (truncate_to(16), "not a database"),
    "truncated to 100 bytes": (truncate_to(100), "malformed"),
    "truncated to one page": (truncate_to(4096), "malformed"),
    "truncated to half": (truncate_to("half"), "malformed"),
    "truncated by one page": (truncate_to("one page short"), "malformed"),
    "header fields overwritten": (corrupt(16, 100), ""),
    "schema page overwritten": (corrupt(100, 4096), "malformed"),
}


@pytest.mark.parametrize("case", DAMAGE, ids=list(DAMAGE))
def test_a_truncated_or_corrupt_store_is_rejected_untouched(store_path, tmp_path, case):
    damage, reason = DAMAGE[case]
    good = tmp_path / "good.db"
    make_store_with_data(good)
    path = tmp_path / "damaged.db"
    path.write_bytes(damage(good.read_bytes()))
    assert_rejected(path, *([reason] if reason else []))


def test_the_store_error_reaches_a_script_as_one_clear_line(store_path, tmp_path):
    good = tmp_path / "good.db"
    make_store_with_data(good)
    path = Path(store_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(good.read_bytes()[: 3 * 4096])
    before = fingerprint(path)
    proc = run_python("""
        import neptune_sys_widgets as neptune
        run = neptune.init_run(project="ws/p")
    """, check=False)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("neptune_sys_widgets.exceptions.StoreError: "), proc.stderr
    assert store_path in last and "malformed" in last
    assert "sqlite3." not in proc.stderr, "a sqlite traceback leaked to the user"
    assert fingerprint(path) == before


# ------------------------------------------------------------ an unwritable directory
def _drop_dac_capabilities() -> None:  # runs in the child between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_without_write_override(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a second process for which file permissions apply. As root, the
    process keeps uid 0 but loses CAP_DAC_OVERRIDE (dropped from the bounding set before
    exec), so a 0o555 directory owned by root really is read-only to it."""
    kwargs = {}
    if os.geteuid() == 0:
        kwargs["preexec_fn"] = _drop_dac_capabilities
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                              capture_output=True, text=True, timeout=120, env=child_env(),
                              **kwargs)
    except subprocess.SubprocessError as e:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE for the child ({e}); "
                    "chmod alone does not stop root from writing")


PROBE = """
    import json, os, sys
    import neptune_sys_widgets as n
    target = sys.argv[1] if len(sys.argv) > 1 else {target!r}
    try:
        with open(os.path.join({directory!r}, ".probe"), "w"):
            pass
        print(json.dumps({{"writable": True}}))
        raise SystemExit(0)
    except PermissionError:
        pass
    try:
        n.init_run(project="ws/p", store=target)
        print(json.dumps({{"writable": False, "error": None}}))
    except Exception as e:
        print(json.dumps({{"writable": False, "error": type(e).__name__, "message": str(e),
                          "chained": e.__cause__ is not None}}))
"""


def try_in_read_only_dir(directory: Path, target: Path) -> dict:
    proc = run_without_write_override(PROBE.format(target=str(target),
                                                   directory=str(directory)))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["writable"]:
        (directory / ".probe").unlink()
        pytest.skip(f"running as uid {os.geteuid()}: the 0o555 directory is still writable "
                    "to the child, so the read-only case cannot be produced here")
    return out


@pytest.fixture
def read_only_dir(tmp_path):
    directory = tmp_path / "ro"
    directory.mkdir()
    yield directory
    directory.chmod(0o755)  # let pytest clean up


def test_a_new_store_in_a_read_only_directory(store_path, read_only_dir):
    read_only_dir.chmod(0o555)
    target = read_only_dir / "neptune.db"
    out = try_in_read_only_dir(read_only_dir, target)
    assert out["error"] == "StoreError", out
    assert str(target) in out["message"] and "read-only" in out["message"], out
    assert not out["chained"]
    assert list(read_only_dir.iterdir()) == []


def test_a_store_below_a_read_only_directory(store_path, read_only_dir):
    read_only_dir.chmod(0o555)
    target = read_only_dir / "sub" / "neptune.db"
    out = try_in_read_only_dir(read_only_dir, target)
    assert out["error"] == "StoreError", out
    assert str(read_only_dir / "sub") in out["message"] and "Permission denied" in \
        out["message"], out
    assert list(read_only_dir.iterdir()) == []


def test_an_existing_store_in_a_read_only_directory(store_path, read_only_dir):
    target = read_only_dir / "neptune.db"
    make_store_with_data(target)
    before = fingerprint(target)
    read_only_dir.chmod(0o555)
    out = try_in_read_only_dir(read_only_dir, target)
    assert out["error"] == "StoreError", out
    assert str(target) in out["message"] and "not writable" in out["message"], out
    assert fingerprint(target) == before
    assert sorted(p.name for p in read_only_dir.iterdir()) == ["neptune.db"]


# ----------------------------------------------------------------------- migration
# The schema as version 1 shipped it, frozen here: later versions must migrate from it.
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value);
CREATE TABLE projects (
  pk INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE,
  run_counter INTEGER NOT NULL DEFAULT 0, creation_time INTEGER NOT NULL,
  owner TEXT NOT NULL, name_display TEXT);
CREATE TABLE objects (
  pk INTEGER PRIMARY KEY, project_pk INTEGER NOT NULL, kind TEXT NOT NULL, model_pk INTEGER,
  version_counter INTEGER NOT NULL DEFAULT 0, parent_pk INTEGER,
  running_acc REAL NOT NULL DEFAULT 0, active_since INTEGER, rev INTEGER NOT NULL DEFAULT 0,
  id TEXT, custom_run_id TEXT, name TEXT, description TEXT, owner TEXT, hostname TEXT,
  creation_time INTEGER, modification_time INTEGER, ping_time INTEGER, failed INTEGER,
  size REAL, trashed INTEGER, model_id TEXT, stage TEXT, experiment_name TEXT,
  experiment_is_head INTEGER, forking_parent TEXT, forking_requested_parent TEXT,
  forking_depth INTEGER, forking_step REAL, relative_creation_time_ms INTEGER);
CREATE UNIQUE INDEX objects_id ON objects(id);
CREATE UNIQUE INDEX objects_custom_id ON objects(project_pk, custom_run_id)
  WHERE custom_run_id IS NOT NULL AND custom_run_id != '';
CREATE INDEX objects_listing ON objects(project_pk, kind, creation_time);
CREATE INDEX objects_rev ON objects(rev);
CREATE INDEX objects_model ON objects(model_pk) WHERE model_pk IS NOT NULL;
CREATE INDEX objects_experiment ON objects(project_pk, experiment_name)
  WHERE experiment_name IS NOT NULL;
CREATE TABLE string_sets (
  object_pk INTEGER NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (object_pk, path, value)) WITHOUT ROWID;
CREATE INDEX string_sets_value ON string_sets(path, value, object_pk);
CREATE TABLE attributes (
  object_pk INTEGER NOT NULL, path TEXT NOT NULL, type TEXT NOT NULL, value,
  seq INTEGER NOT NULL, PRIMARY KEY (object_pk, path)) WITHOUT ROWID;
CREATE TABLE series (
  object_pk INTEGER NOT NULL, path TEXT NOT NULL, type TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0, last_step REAL, last_value, last_ts REAL,
  seq INTEGER NOT NULL, PRIMARY KEY (object_pk, path)) WITHOUT ROWID;
CREATE TABLE series_chunks (
  object_pk INTEGER NOT NULL, path TEXT NOT NULL, chunk INTEGER NOT NULL,
  first_step REAL NOT NULL, last_step REAL NOT NULL, n INTEGER NOT NULL, steps BLOB NOT NULL,
  vals BLOB NOT NULL, ts BLOB NOT NULL, PRIMARY KEY (object_pk, path, chunk)) WITHOUT ROWID;
CREATE TABLE attachments (
  pk INTEGER PRIMARY KEY, object_pk INTEGER NOT NULL, pid INTEGER NOT NULL,
  hostname TEXT NOT NULL, attached_at INTEGER NOT NULL, last_ping INTEGER NOT NULL);
CREATE INDEX attachments_object ON attachments(object_pk, last_ping);
CREATE TABLE requests (
  pk INTEGER PRIMARY KEY, object_pk INTEGER NOT NULL, kind TEXT NOT NULL,
  requested_at INTEGER NOT NULL, delivered_at INTEGER);
CREATE INDEX requests_pending ON requests(object_pk) WHERE delivered_at IS NULL;
"""

T0 = 1_700_000_000_000  # 2023-11-14T22:13:20Z, in epoch ms


def write_v1_store(path: Path) -> None:
    """A version-1 store with a project, a run (tags, attributes, a metric) and a model with
    a version in production, written with plain sqlite3 as version 1 laid it out."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    for stmt in V1_SCHEMA.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)
    conn.executemany("INSERT INTO meta VALUES (?, ?)",
                     [("app", "neptune_sys_widgets"), ("schema_version", 1)])
    conn.execute("INSERT INTO projects VALUES (1, 'ws/legacy', 'LEG', 1, ?, 'alice', NULL)",
                 (T0,))

    def obj(pk, kind, sys_id, name, **cols):
        base = {"pk": pk, "project_pk": 1, "kind": kind, "rev": pk, "id": sys_id,
                "name": name, "description": "", "owner": "alice", "creation_time": T0,
                "modification_time": T0 + 5, "ping_time": T0 + 5, "size": 0.0, "trashed": 0}
        base.update(cols)
        conn.execute(f"INSERT INTO objects ({', '.join(base)}) VALUES "
                     f"({', '.join('?' * len(base))})", list(base.values()))

    obj(1, "project", "LEG", "legacy", ping_time=None)
    obj(2, "run", "LEG-1", "old baseline", custom_run_id="old-run", hostname="h1",
        description="from version 1", failed=1, running_acc=12.5, experiment_is_head=0,
        forking_depth=0, relative_creation_time_ms=3000)
    obj(3, "model", "LEG-CLF", "classifier", version_counter=1)
    obj(4, "model_version", "LEG-CLF-1", "v1", model_pk=3, model_id="LEG-CLF",
        stage="production")
    conn.executemany("INSERT INTO string_sets VALUES (?, ?, ?)",
                     [(2, "sys/tags", "legacy"), (2, "sys/tags", "v1"),
                      (2, "sys/group_tags", "grp"), (4, "sys/tags", "prod-ready")])
    conn.executemany("INSERT INTO attributes VALUES (?, ?, ?, ?, ?)",
                     [(2, "params/lr", "float", 0.01, 1), (2, "params/epochs", "int", 10, 2),
                      (2, "params/note", "string", "kept", 3),
                      (2, "params/when", "datetime", T0 + 1234, 4)])
    steps, vals = array("d", [0.0, 1.0, 2.0]), array("d", [0.9, 0.5, 0.25])
    stamps = array("d", [T0 / 1000 + 1, T0 / 1000 + 2, T0 / 1000 + 3])
    conn.execute("INSERT INTO series_chunks VALUES (2, 'train/loss', 0, 0, 2, 3, ?, ?, ?)",
                 (steps.tobytes(), vals.tobytes(), stamps.tobytes()))
    conn.execute("INSERT INTO series VALUES (2, 'train/loss', 'float', 3, 2.0, 0.25, ?, 1)",
                 (stamps[-1],))
    conn.execute("COMMIT")
    conn.close()


READ_V1 = """
    import json
    import neptune_sys_widgets as n
    run = n.init_run(project="ws/legacy", with_id="LEG-1", mode="read-only")
    version = n.init_model_version(project="ws/legacy", with_id="LEG-CLF-1", mode="read-only")
    loss = run["train/loss"]._container._fetch_points("train/loss", True)
    print(json.dumps({
        "name": run["sys/name"].fetch(), "description": run["sys/description"].fetch(),
        "custom": run["sys/custom_run_id"].fetch(), "failed": run["sys/failed"].fetch(),
        "tags": sorted(run["sys/tags"].fetch()),
        "group_tags": sorted(run["sys/group_tags"].fetch()),
        "created": run["sys/creation_time"].fetch().isoformat(),
        "running_time": run["sys/running_time"].fetch(),
        "state": run["sys/state"].fetch(),
        "params": {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                   for k, v in run.fetch()["params"].items()},
        "loss": [list(loss[0]), list(loss[1])],
        "stage": version["sys/stage"].fetch(), "model_id": version["sys/model_id"].fetch(),
        "version_tags": sorted(version["sys/tags"].fetch()),
        "runs": sorted(e["sys/id"].get() for e in
                       n.init_project("ws/legacy").fetch_runs_table()),
    }))
"""

V1_EXPECTED = {
    "name": "old baseline", "description": "from version 1", "custom": "old-run",
    "failed": True, "tags": ["legacy", "v1"], "group_tags": ["grp"],
    "created": "2023-11-14T22:13:20+00:00", "running_time": 12.5, "state": "Inactive",
    "params": {"lr": 0.01, "epochs": 10, "note": "kept",
               "when": "2023-11-14T22:13:21.234000+00:00"},
    "loss": [[0.0, 1.0, 2.0], [0.9, 0.5, 0.25]],
    "stage": "production", "model_id": "LEG-CLF", "version_tags": ["prod-ready"],
    "runs": ["LEG-1"],
}


def test_a_version_1_store_opens_and_keeps_its_data(store_path):
    path = Path(store_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_v1_store(path)

    first = json.loads(run_python(READ_V1).stdout.strip().splitlines()[-1])
    assert first == V1_EXPECTED

    # A writer in another process carries on where version 1 left off.
    run_python("""
        import neptune_sys_widgets as n
        run = n.init_run(project="ws/legacy", custom_run_id="old-run", tags=["resumed"])
        assert run["sys/id"].fetch() == "LEG-1"
        run.log_metrics({"train/loss": 0.125}, step=3)
        run["sys/failed"] = False
        run.stop()
        new = n.init_run(project="ws/legacy", mode="sync")
        assert new["sys/id"].fetch() == "LEG-2", new["sys/id"].fetch()
        new.stop()
        version = n.init_model_version(project="ws/legacy", model="LEG-CLF")
        assert version["sys/id"].fetch() == "LEG-CLF-2"
        version.stop()
    """)

    again = json.loads(run_python(READ_V1).stdout.strip().splitlines()[-1])
    expected = dict(V1_EXPECTED, failed=False, tags=["legacy", "resumed", "v1"],
                    loss=[[0.0, 1.0, 2.0, 3.0], [0.9, 0.5, 0.25, 0.125]],
                    runs=["LEG-1", "LEG-2"])
    assert again.pop("running_time") >= 12.5
    expected.pop("running_time")
    assert again == expected
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert dict(conn.execute("SELECT key, value FROM meta")) == {
        "app": "neptune_sys_widgets", "schema_version": schema.SCHEMA_VERSION}
    conn.close()


def _normalized_schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {(t, n, " ".join(sql.replace("(", " ( ").replace(")", " ) ").replace(",", " , ")
                            .split()))
            for t, n, sql in conn.execute("SELECT type, name, sql FROM sqlite_master "
                                          "WHERE sql IS NOT NULL")}


@pytest.mark.skipif(schema.SCHEMA_VERSION != 1, reason="the schema has moved past version 1; "
                    "test_a_version_1_store_opens_and_keeps_its_data covers the migration")
def test_a_fresh_store_is_exactly_version_1(store_path, tmp_path):
    """While SCHEMA_VERSION is 1, a new store must have the frozen v1 layout: a catalog
    change that alters the tables needs a new schema version and a migration."""
    fresh = tmp_path / "fresh.db"
    nsw.init_run(project="ws/p", store=str(fresh)).stop()
    frozen = tmp_path / "frozen.db"
    conn = sqlite3.connect(frozen)
    for stmt in V1_SCHEMA.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)
    expected = _normalized_schema(conn)
    conn.close()
    conn = sqlite3.connect(f"file:{fresh}?mode=ro", uri=True)
    actual = _normalized_schema(conn)
    conn.close()
    assert actual == expected, (
        "the store layout differs from schema version 1 although SCHEMA_VERSION is still 1; "
        "bump it and add a migration")


def test_damage_deep_in_the_file_is_a_store_error_on_read(store_path):
    """Corruption past the first pages shows only when those pages are read: still a
    StoreError naming the file, not a raw sqlite3 traceback."""
    import neptune_sys_widgets as nsw
    from neptune_sys_widgets.store import close_all
    for i in range(300):
        nsw.init_run(project="ws/deep", mode="sync", description="x" * 500,
                     tags=[f"t{i}"]).stop()
    close_all()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    size = os.path.getsize(store_path)
    with open(store_path, "r+b") as fh:  # scribble over the middle half of the file
        for offset in range(size // 4 // page_size * page_size, 3 * size // 4, page_size):
            fh.seek(offset)
            fh.write(b"\xff" * page_size)
    with pytest.raises(StoreError, match="neptune.db"):
        nsw.init_project("ws/deep", mode="read-only").fetch_runs_table().to_pandas()


# ------------------------------------------------- damage found while reading (issue 9 #9)
def _make_big_store(path: Path) -> None:
    """Many runs with tags, attributes, float series (some longer than one 8192-point chunk)
    and a string series, written by another process, closed and checkpointed."""
    run_python(f"""
        import neptune_sys_widgets as n
        for i in range(150):
            r = n.init_run(project="ws/deep", store={str(path)!r}, name=f"n{{i}}",
                           description="x" * 500, tags=[f"t{{i}}", "all"])
            r["params/blob"] = "y" * 300
            r["params/i"] = i
            for s in range(40 if i % 10 else 20000):
                r.log_metrics({{"train/loss": 1.0 / (s + 1)}}, step=s)
            r["text"].append("hello")
            r.stop()
    """)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert not Path(str(path) + "-wal").exists() or not Path(str(path) + "-wal").stat().st_size


def _scribble(path: Path, start: float, stride_pages: int) -> None:
    """Overwrite every ``stride_pages``-th page from ``start`` (a fraction of the file)
    through the next half of the file with 0xff."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        for offset in range(int(size * start) // 4096 * 4096, int(size * (start + 0.5)),
                            4096 * stride_pages):
            fh.seek(offset)
            fh.write(b"\xff" * 4096)


def _read_everything(path: Path) -> list[str]:
    """Every public read path over every run; returns the StoreError messages seen. Any
    other exception fails the test (a bare sqlite3 error above all)."""
    import neptune_sys_widgets.query as nq
    import neptune_sys_widgets.query.runs as nq_runs
    store = str(path)
    errors: list[str] = []

    def read(fn):
        try:
            fn()
        except StoreError as e:
            errors.append(str(e))

    project = nsw.init_project("ws/deep", store=store, mode="read-only")
    read(lambda: project.fetch_runs_table().to_pandas())
    read(lambda: project.fetch_runs_table(query='`params/i`:int > 3').to_pandas())
    read(lambda: project.fetch_runs_table(tag="all", state="inactive", sort_by="params/i",
                                          limit=100).to_pandas())
    read(lambda: project.fetch_runs_table(columns=["sys/name", "train/loss"]).to_pandas())
    read(lambda: project.fetch_models_table().to_pandas())
    read(lambda: nq_runs.list_runs(project="ws/deep", store=store))
    read(lambda: nq_runs.fetch_runs_table(project="ws/deep", store=store))
    read(lambda: nq_runs.fetch_metrics(project="ws/deep", store=store, attributes="train/loss"))
    read(lambda: nq.list_experiments(project="ws/deep", store=store))
    for i in range(1, 151, 7):
        def one(i=i):
            run = nsw.init_run(with_id=f"DEEP-{i}", store=store, mode="read-only")
            for fn in (run.fetch, run.get_structure, lambda: run.exists("params/i"),
                       lambda: run["train/loss"].fetch_values(),
                       lambda: run["train/loss"].fetch_last(),
                       lambda: run["text"].fetch_values(),
                       lambda: run["params/blob"].fetch(),
                       lambda: run["sys/tags"].fetch(),
                       lambda: (run.sys.name, run.sys.tags, run.sys.state)):
                read(fn)
        read(one)
    return errors


def _try_writes(path: Path) -> list[BaseException]:
    """Write attempts after the damage was found: each must be a StoreError."""
    store = str(path)
    outcomes: list[BaseException] = []

    def attempt(fn):
        try:
            fn()
        except StoreError as e:
            outcomes.append(e)
        else:
            raise AssertionError("a write to a damaged store was accepted")

    attempt(lambda: nsw.init_run(project="ws/deep", store=store))
    attempt(lambda: nsw.init_run(with_id="DEEP-1", store=store))
    attempt(lambda: nsw.init_run(project="ws/other", store=store, mode="sync"))
    attempt(lambda: nsw.management.trash_objects("ws/deep", ["DEEP-2"], store=store))
    try:  # no live process is attached: nothing to write, False; else refused
        assert nsw.request_stop("DEEP-3", store=store) is False
    except StoreError as e:
        outcomes.append(e)
    return outcomes


@pytest.mark.slow
@pytest.mark.parametrize("start,stride", [(0.1, 7), (0.25, 3), (0.5, 11)])
def test_damage_found_while_reading_rows_is_a_store_error_and_stops_all_writes(
        store_path, tmp_path, start, stride):
    from neptune_sys_widgets.store import close_all
    good = tmp_path / "good.db"
    _make_big_store(good)
    path = tmp_path / "damaged" / "neptune.db"
    path.parent.mkdir()
    path.write_bytes(good.read_bytes())
    _scribble(path, start, stride)
    damaged = path.read_bytes()

    errors = _read_everything(path)
    assert errors, "the damage was never read: the test proves nothing"
    for message in errors:
        assert str(path) in message and "damaged" in message, message
    refused = _try_writes(path)
    for e in refused:
        message = str(e)
        assert str(path) in message and "damaged" in message and ".recover" in message, message
        assert "will not write" in message, message
        assert e.__cause__ is None and (e.__context__ is None or e.__suppress_context__)
    close_all()
    assert path.read_bytes() == damaged, "something was written to the damaged store"
    wal = Path(str(path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "a write reached the WAL"


@pytest.mark.slow
def test_a_damaged_store_refuses_writes_of_a_run_opened_before_the_damage_was_found(
        store_path, tmp_path, monkeypatch):
    """A run attached before the damage showed (as a long training run would be): its later
    writes, its heartbeat and its stop all stay out of the file."""
    from neptune_sys_widgets.store import close_all, open_store
    monkeypatch.setenv("NEPTUNE_SYS_HEARTBEAT_INTERVAL", "600")  # beat only when called
    good = tmp_path / "good.db"
    _make_big_store(good)
    path = tmp_path / "damaged" / "neptune.db"
    path.parent.mkdir()
    path.write_bytes(good.read_bytes())
    run = nsw.init_run(project="ws/fresh", store=str(path), mode="sync")
    store = open_store(str(path))
    busy, frames, copied = store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == copied  # the attach is in the file now
    _scribble(path, 0.25, 3)  # then the disk goes bad under the running process
    snapshot = path.read_bytes()
    errors = _read_everything(path)
    assert errors and store.damage is not None
    with pytest.raises(StoreError, match="damaged"):
        run["params/x"] = 1
    with pytest.raises(StoreError, match="damaged"):
        run["sys/tags"].add("late")
    store.heartbeat({run._attachment: run._pk})  # the heartbeat thread's call: a no-op
    assert store.take_requests([run._pk]) == []
    with pytest.raises(StoreError, match="damaged"):
        run.stop()
    close_all()
    assert path.read_bytes() == snapshot, "something was written to the damaged store"


def test_closing_a_store_while_another_thread_queries_it_does_not_crash(tmp_path):
    """close() used to close every thread's connection, also one another thread was running
    a statement on: the interpreter crashed (a heartbeat during close_all() in CI). Now a
    live thread's connection is closed by that thread; a child process shows it: it must
    exit 0, not die of SIGSEGV."""
    import subprocess
    import sys
    import textwrap
    code = textwrap.dedent(f"""
        import threading
        from neptune_sys_widgets.store.sqlite import SqliteStore
        s = SqliteStore({str(tmp_path / 's.db')!r})
        stop = threading.Event()
        def hammer():
            while not stop.is_set():
                try:
                    s.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                   "FROM c WHERE x < 2000) SELECT count(*) FROM c").fetchone()
                    s.data_version()
                except Exception:
                    pass
        ts = [threading.Thread(target=hammer) for _ in range(3)]
        for t in ts:
            t.start()
        for _ in range(300):
            s.close()
        stop.set()
        for t in ts:
            t.join()
        s.close()
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", (proc.returncode,
                                                                 proc.stderr[-2000:])
