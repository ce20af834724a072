"""Import, export and store copy with a PostgreSQL store (issue 10 item 5, issue 11's
``copy``): the same trees and assertions as tests/interop/test_interop.py, with the store a
database of the throwaway server (tests/harness/pg.py)."""

from __future__ import annotations

import json
import sys

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("psycopg")

import neptune_sys_widgets as neptune  # noqa: E402
from neptune_sys_widgets.interop import copy_store, export_project, import_export  # noqa: E402
from tests.harness.exporter_fixtures import P1, P2, make_export  # noqa: E402
from tests.interop import test_import_histograms as H  # noqa: E402
from tests.interop import test_interop as T  # noqa: E402


@pytest.fixture
def export_tree(tmp_path) -> dict:
    return make_export(tmp_path / "exports")


def _pg(url: str):
    from neptune_sys_widgets.store import open_store
    return open_store(url)


def test_import_into_postgres_reads_through_the_object_api(pg_store, export_tree):
    """Every assertion of the SQLite import test, on PostgreSQL: sys fields, every attribute
    type, series (steps, NaN/Inf, the 1.x shift taken back), forks' lineage, models and
    versions, counters moved past the imported ids."""
    T.test_import_both_generations(pg_store, export_tree)


def test_import_layout_in_postgres(pg_store, export_tree):
    s = import_export(export_tree["root"])
    assert s.created == {"run": 5, "model": 1, "model_version": 2}
    # payloads that would live beside an SQLite file are referenced, and the summary says so
    assert any("not copied" in w for w in s.warnings), s.warnings
    store = _pg(pg_store)
    from neptune_sys_widgets.store import bulk_for
    bulk = bulk_for(store)
    assert type(bulk).__name__ == "PostgresBulk"
    ref = store.find_by_id("LCV-1")
    # series chunks are the PG store's layout: the object API and series_info agree
    info = {p: (t, n) for p, t, n, *_ in store.series_info(ref[0])}
    assert info["train/loss"] == ("float", 5)
    kind, steps, values, _ = store.series_points(ref[0], "train/loss")
    assert list(steps) == [0, 1, 2, 3, 4]
    # the import record, one per object
    meta = bulk.meta([ref[0]])[ref[0]]
    assert meta["generation"] == "neptune2" and meta["run_id"] == "LCV-1"
    # all of it in few commits (groups), each one revision; ids unique
    ids = [r["id"] for p in bulk.projects() for r in bulk.objects(p[0])]
    assert len(ids) == len(set(ids)) == 8
    # a new run after the import continues the counters, its writes land normally
    run = neptune.init_run(project=P2, mode="sync")
    assert run["sys/id"].fetch() == "PROJ-4"
    run["x"].append(1.0)
    run.stop()
    assert not neptune.init_run(with_id="LCV-1", mode="read-only")["sys/state"].fetch() \
        == "Active"


def test_imported_histograms_in_postgres(pg_store, tmp_path):
    """Histogram series imported into PostgreSQL, read in a second process (issue 22)."""
    H.check_imported_histograms(tmp_path)


def test_idempotent_and_replace_in_postgres(pg_store, export_tree):
    T.test_idempotent_and_replace(pg_store, export_tree)


def test_dry_run_writes_nothing_in_postgres(pg_store, export_tree):
    s = import_export(export_tree["root"], dry_run=True)
    actions = [p["action"] for p in s.planned]  # the torn run is read as the import reads
    assert len(actions) == 9 and actions.count("error") == 1 and actions.count("create") == 8
    store = _pg(pg_store)
    assert store.list_projects() == []


def test_round_trip_tree_postgres_tree(pg_store, export_tree, tmp_path):
    T.test_round_trip_tree_store_tree(pg_store, export_tree, tmp_path)


def test_round_trip_native_postgres_objects(pg_store, tmp_path):
    """Objects made on PostgreSQL (not imported) survive export + import into SQLite."""
    T.test_round_trip_store_tree_store(pg_store, tmp_path)


def _without_file_records(objs: dict) -> dict:
    """File-reference records say whether their payload was copied beside the store (a
    PostgreSQL store keeps none): everything else must be equal."""
    out = {}
    for k, o in objs.items():
        attrs = []
        for p, t, v in o["attrs"]:
            if t in ("file_ref", "file_set", "artifact"):
                v = {**json.loads(v), "copied": None}
            attrs.append((p, t, v))
        out[k] = {**o, "attrs": sorted(attrs, key=repr)}
    return out


def test_copy_sqlite_postgres_sqlite(store_path, pg_url, export_tree, tmp_path, monkeypatch):
    """SQLite -> PostgreSQL -> SQLite keeps ids, counters, sys fields, series and File
    payloads: the two SQLite stores export the same trees. The stores share a files folder:
    without one a PostgreSQL store cannot hold file series and file sets (they would stay
    references to the copy's temporary export)."""
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(tmp_path / "shared-files"))
    import_export(export_tree["root"])
    to_pg = copy_store(store_path, pg_url)
    assert to_pg.imported.created == {"run": 5, "model": 1, "model_version": 2}
    assert not to_pg.imported.errors, to_pg
    r = neptune.init_run(with_id="LCV-1", mode="read-only", store=pg_url)
    assert r["model/summary"].fetch().content == b"layers: 50\n"
    assert r["sys/state"].fetch() == "Inactive"  # nothing of the source is attached
    back = str(tmp_path / "back" / "n.db")
    from_pg = copy_store(pg_url, back)
    assert from_pg.imported.created == {"run": 5, "model": 1, "model_version": 2}
    a, b = T._objects(store_path), T._objects(back)
    assert set(a) == set(b)
    a, b = _without_file_records(a), _without_file_records(b)
    for sys_id in a:
        sa = {k: v for k, v in a[sys_id]["sys"].items() if k != "state"}
        sb = {k: v for k, v in b[sys_id]["sys"].items() if k != "state"}
        assert sa == sb, sys_id
        assert a[sys_id]["series"] == b[sys_id]["series"], sys_id
        assert a[sys_id]["values"] == b[sys_id]["values"], sys_id
        assert a[sys_id]["sets"] == b[sys_id]["sets"], sys_id
        assert a[sys_id]["attrs"] == b[sys_id]["attrs"], sys_id
        assert a[sys_id]["parent"] == b[sys_id]["parent"], sys_id
    ea, eb = tmp_path / "ea", tmp_path / "eb"
    export_project(None, ea, store_path)
    export_project(None, eb, back)
    assert T.tree_rows(ea) == T.tree_rows(eb)
    # counters: the next ids on PostgreSQL and on the copy back continue the source's
    for store in (pg_url, back):
        run = neptune.init_run(project=P1, mode="sync", store=store)
        assert run["sys/id"].fetch() == "LCV-3"
        run.stop()
        nv = neptune.init_model_version(model="LCV-DET", project=P1, mode="sync",
                                        store=store)
        assert nv["sys/id"].fetch() == "LCV-DET-3"
        nv.stop()
    # copying again creates nothing
    assert copy_store(store_path, pg_url).imported.created["run"] == 0


def test_cli_copy_to_a_postgres_url(store_path, pg_url, tmp_path):
    import subprocess

    from tests.conftest import child_env
    facts = make_export(tmp_path / "exports")
    cmd = [sys.executable, "-m", "neptune_sys_widgets.cli"]

    def cli(*args: str, check: int = 0) -> subprocess.CompletedProcess:
        p = subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120,
                           env=child_env(COLUMNS="200"))
        assert "Traceback" not in p.stderr, p.stderr
        assert p.returncode == check, (p.returncode, p.stdout, p.stderr)
        return p

    cli("import", str(facts["root"]), "--no-progress", check=1)  # damaged files: 1
    j = json.loads(cli("--json", "copy", store_path, pg_url).stdout)
    assert j["import"]["created"] == {"run": 5, "model": 1, "model_version": 2}
    assert "nsw-test-secret" not in json.dumps(j)
    r = neptune.init_run(with_id="PROJ-2", mode="read-only", store=pg_url)
    assert r["sys/forking/parent"].fetch() == "pt-base"
    # import, export and show straight on the URL
    again = json.loads(cli("--json", "--store", pg_url, "import", str(facts["root"]),
                           "--no-progress", check=1).stdout)
    assert again["created"] == {"run": 0, "model": 0, "model_version": 0}
    out = tmp_path / "out"
    p = cli("--store", pg_url, "export", str(out), "-p", P2, "--no-progress")
    assert "exported 3 runs" in p.stdout
    assert "PROJ-2" in cli("--store", pg_url, "show", "PROJ-2").stdout
    cli("copy", pg_url, pg_url, check=2)


def test_store_copy_alias(store_path, pg_url):
    import neptune_sys_widgets.store as store_pkg
    run = neptune.init_run(project="team/alias", name="n", mode="sync")
    run["m"].extend([1.0, 2.0])
    sys_id = run["sys/id"].fetch()
    run.stop()
    c = store_pkg.copy(store_path, pg_url)
    assert c.imported.created["run"] == 1
    r = neptune.init_run(with_id=sys_id, mode="read-only", store=pg_url)
    assert list(r["m"].fetch_values()["value"]) == [1.0, 2.0]


def test_a_value_postgresql_rejects_leaves_only_that_object_out(pg_store, tmp_path):
    """PostgreSQL text cannot hold NUL (SQLite's can): the run holding one is an error
    naming its file, rolled back to its savepoint; the runs around it in the same write
    group are stored."""
    from neptune_sys_widgets.interop.format import sanitize
    from tests.harness.exporter_fixtures import T0, row, write_parts
    d = tmp_path / "e" / "data" / sanitize("w/p")
    for rid, text in (("W-1", "fine"), ("W-2", "a\x00b"), ("W-3", "fine too")):
        write_parts(d / sanitize(rid), [[
            row("w/p", rid, "sys/id", "string", string_value=rid),
            row("w/p", rid, "sys/creation_time", "datetime", datetime_value=T0),
            row("w/p", rid, "params/s", "string", string_value=text)]])
    s = import_export(tmp_path / "e")
    assert s.created["run"] == 2 and len(s.errors) == 1, s
    assert "W-2" in s.errors[0]["message"] and "W-2" in s.errors[0]["file"]
    assert neptune.init_run(with_id="W-3", mode="read-only")["params/s"].fetch() == "fine too"
    with pytest.raises(neptune.exceptions.NeptuneSysError):
        neptune.init_run(with_id="W-2", mode="read-only")
    assert import_export(tmp_path / "e").created["run"] == 0  # W-2 fails again, alone


def test_helper_processes_export_from_postgres(pg_store, export_tree, tmp_path):
    """Export helpers open their own connections with the store's full URL: their files
    equal those written here."""
    T.test_helper_processes_export_alike(pg_store, export_tree, tmp_path)


def test_file_series_and_sets_imported_into_a_shared_folder(pg_store, tmp_path, monkeypatch):
    """With NEPTUNE_SYS_FILES set, a PostgreSQL store keeps imported file series and file
    sets in that folder too: a second process downloads them
    (tests/interop/test_import_files.py)."""
    from tests.interop import test_import_files as IF
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(tmp_path / "shared-files"))
    IF.test_1x_zip_unpacked_and_series_sorted_by_index(pg_store, tmp_path)
