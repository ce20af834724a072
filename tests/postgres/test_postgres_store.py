"""The PostgreSQL store's own operations, against a throwaway server (tests/harness/pg.py)."""

from __future__ import annotations

import math
from array import array

import pytest

from neptune_sys_widgets import catalog
from neptune_sys_widgets.exceptions import StoreError


@pytest.fixture
def pgs(pg_url):
    from neptune_sys_widgets.store.postgres import PostgresStore
    s = PostgresStore(pg_url)
    yield s
    s.close()


def _project(s, name="ws/proj"):
    return s.create_project(name, None, "me", lambda n, taken: n.split("/")[-1][:3].upper())


def _run(s, project_pk, sys_id):
    def tx(t):
        n = t.next_run_number(project_pk)
        pk = t.insert_object(project_pk, "run", {"id": f"{sys_id}-{n}", "name": "r",
                                                 "creation_time": t.now_ms()})
        t.touch(pk)
        return pk, n
    return s.write(tx)


def test_the_migrations_create_every_catalog_column():
    """The column list is the catalog's; the frozen DDL must create each column (in version
    1's CREATE TABLE or a later ADD COLUMN), as the live database check below confirms."""
    from neptune_sys_widgets.store import postgres_schema as S
    assert list(S.SYS_COLUMNS) == [f.trait for f in catalog.column_fields()]
    ddl = "\n".join(S.MIGRATIONS[v] for v in sorted(S.MIGRATIONS))
    for col in S.SYS_COLUMNS:
        assert f"\n  {col} " in S.MIGRATIONS[1] or f"ADD COLUMN {col} " in ddl, col


def test_both_backends_follow_one_version_sequence():
    from neptune_sys_widgets.store import postgres_schema as S
    from neptune_sys_widgets.store import schema
    assert S.SCHEMA_VERSION == schema.SCHEMA_VERSION
    assert sorted(S.MIGRATIONS) == sorted(schema.MIGRATIONS) == \
        list(range(1, schema.SCHEMA_VERSION + 1))


def test_fresh_database_gets_the_schema_and_reopens(pgs, pg_url, pg_server):
    from neptune_sys_widgets.store.postgres import PostgresStore
    db = pg_url.rsplit("/", 1)[1]
    meta = dict(pg_server.psql("SELECT key, value FROM meta", db))
    from neptune_sys_widgets.store import postgres_schema as S
    assert meta == {"app": "neptune_sys_widgets", "schema_version": str(S.SCHEMA_VERSION)}
    cols = {r[0] for r in pg_server.psql(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'objects'", db)}
    assert {f.trait for f in catalog.column_fields()} <= cols
    PostgresStore(pg_url).close()  # a second open finds the schema and changes nothing


def test_counters_sets_attributes_series(pgs):
    proj = _project(pgs)
    assert _project(pgs)[0] == proj[0]  # idempotent
    pk1, n1 = _run(pgs, proj[0], "PRO")
    pk2, n2 = _run(pgs, proj[0], "PRO")
    assert (n1, n2) == (1, 2)
    assert pgs.find_by_id("PRO-2")[0] == pk2
    assert pgs.find_by_id("PRO-2", ["model"]) is None
    pgs.write(lambda t: t.set_add(pk1, "sys/tags", ["a", "b", "a"]))
    pgs.write(lambda t: t.set_remove(pk1, "sys/tags", ["b", "zz"]))
    assert pgs.set_values(pk1, "sys/tags") == {"a"}
    pgs.write(lambda t: [t.put_attribute(pk1, "p/i", "int", 2**62),
                         t.put_attribute(pk1, "p/f", "float", 0.5),
                         t.put_attribute(pk1, "p/nan", "float", "nan"),
                         t.put_attribute(pk1, "p/s", "string", "x%_'\\"),
                         t.put_attribute(pk1, "p/b", "file", b"\x00\x01"),
                         t.put_attribute(pk1, "p/i", "int", 3)])
    assert pgs.attributes(pk1) == [("p/i", "int", 3), ("p/f", "float", 0.5),
                                   ("p/nan", "float", "nan"), ("p/s", "string", "x%_'\\"),
                                   ("p/b", "file", b"\x00\x01")]
    steps = array("d", range(20000))
    pgs.write(lambda t: t.append_chunk(pk1, "train/loss", "float", steps,
                                       array("d", [s / 2 for s in steps]), array("d", steps)))
    pgs.write(lambda t: t.append_chunk(pk1, "train/loss", "float", array("d", [20000]),
                                       [math.nan], array("d", [1.0])))
    info = pgs.series_info(pk1, "train/loss")[0]
    assert info[2] == 20001 and math.isnan(info[4])
    type_, st, vals, _ = pgs.series_points(pk1, "train/loss", max_step=9999)
    assert type_ == "float" and len(st) == 10000 and vals[-1] == 9999 / 2
    pgs.write(lambda t: t.append_chunk(pk1, "log", "string", array("d", [0, 1]), ["a", "b"],
                                       array("d", [0, 0])))
    assert pgs.series_points(pk1, "log")[2] == ["a", "b"]
    assert pgs.write(lambda t: t.delete_path(pk1, "p")) == 5
    pgs.write(lambda t: t.recompute_size(pk1))
    rec = pgs.sys_rows([pk1])[0]
    assert rec["tags"] == {"a"} and rec["size"] > 0 and rec["id"] == "PRO-1"


@pytest.mark.parametrize("why", [ValueError, KeyboardInterrupt])
def test_a_write_that_raises_halfway_stores_nothing(pgs, why):
    """Writes are one implicit transaction up to the pipeline's Sync, which would commit
    it: statements already sent when the function raises must still come to nothing, and
    the connection must stay usable (no half-open transaction)."""
    ppk = _project(pgs)[0]
    rev = pgs.revision()
    before = pgs.read("SELECT count(*) FROM objects")[0][0]

    def tx(t):
        n = t.next_run_number(ppk)
        pk = t.insert_object(ppk, "run", {"id": f"HALF-{n}", "name": "r",
                                          "creation_time": t.now_ms()})
        t.set_add(pk, "sys/tags", ["x"])
        raise why("given up halfway")

    with pytest.raises(why):
        pgs.write(tx)
    assert pgs.read("SELECT count(*) FROM objects")[0][0] == before
    assert pgs.read("SELECT count(*) FROM objects WHERE left(id, 5) = 'HALF-'") == [(0,)]
    assert pgs.revision() == rev
    assert pgs.read("SELECT run_counter FROM projects WHERE pk = %s", (ppk,)) == [(0,)]
    pk, n = _run(pgs, ppk, "OK")  # the same connection goes on, and commits
    assert n == 1 and pgs.revision() == rev + 1


def test_revisions_and_changes(pgs):
    proj = _project(pgs)
    r0 = pgs.revision()
    pk, _ = _run(pgs, proj[0], "PRO")
    r1 = pgs.revision()
    assert r1 > r0 and pgs.changed_since(r0) == [(pk, r1)]
    assert pgs.changed_since(r1) == []


def test_liveness_uses_the_server_clock(pgs, monkeypatch):
    import time
    proj = _project(pgs)
    pk, _ = _run(pgs, proj[0], "PRO")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)  # this machine is 1 h ahead
    a = pgs.attach(pk, 1, "h")
    rec = pgs.sys_rows([pk])[0]
    assert rec["state"] == "active"
    assert abs(rec["ping_time"] - real() * 1000) < 5000
    pgs.heartbeat({a: pk})
    pgs.write(lambda t: t.detach(a, pk))
    rec = pgs.sys_rows([pk])[0]
    assert rec["state"] == "inactive" and rec["running_time"] < 60


def test_reaping_closes_the_interval_at_the_last_ping_only_when_nothing_is_live(
        pgs, pg_url, pg_server):
    """A stale attachment is dropped by the next attach or detach of its object; the
    running-time interval ends at its last ping, and stays open while another is live."""
    db = pg_url.rsplit("/", 1)[1]
    proj = _project(pgs)
    pk, _ = _run(pgs, proj[0], "PRO")

    def age(attachment, seconds):
        pg_server.psql(f"UPDATE attachments SET last_ping = last_ping - {seconds * 1000} "
                       f"WHERE pk = {attachment}", db)

    def open_since():
        return pg_server.psql(f"SELECT active_since FROM objects WHERE pk = {pk}", db)[0][0]

    a = pgs.attach(pk, 1, "h")
    pg_server.psql(f"UPDATE objects SET active_since = active_since - 100000 WHERE pk = {pk}",
                   db)
    age(a, 50)
    b = pgs.attach(pk, 2, "h")  # reaps a: 100 s open, last ping 50 s ago -> 50 s counted
    rec = pgs.sys_rows([pk])[0]
    assert rec["state"] == "active" and 49 <= rec["running_time"] <= 52
    since = open_since()
    c = pgs.attach(pk, 3, "h")
    age(c, 50)
    pgs.attach(pk, 4, "h")  # reaps c while b is live: the interval stays open
    assert open_since() == since
    assert pg_server.psql(f"SELECT count(*) FROM attachments WHERE object_pk = {pk}",
                          db)[0][0] == 2
    for attachment, in pg_server.psql(f"SELECT pk FROM attachments WHERE object_pk = {pk}",
                                      db):
        if attachment != b:
            pgs.write(lambda t, x=attachment: t.detach(x, pk))
    assert pgs.sys_rows([pk])[0]["state"] == "active"  # b is still attached
    pgs.write(lambda t: t.detach(b, pk))
    rec = pgs.sys_rows([pk])[0]
    assert rec["state"] == "inactive" and open_since() is None
    assert 49 <= rec["running_time"] <= 55


def test_requests_are_taken_once(pgs):
    proj = _project(pgs)
    pk, _ = _run(pgs, proj[0], "PRO")
    pgs.add_request(pk, "stop")
    pgs.add_request(pk, "stop")
    assert pgs.take_requests([pk]) == [(pk, "stop")]
    assert pgs.take_requests([pk]) == []


def test_experiment_head_and_forks(pgs):
    proj = _project(pgs)
    a, _ = _run(pgs, proj[0], "PRO")
    b, _ = _run(pgs, proj[0], "PRO")
    pgs.write(lambda t: t.claim_experiment_head(proj[0], "exp", a))
    pgs.write(lambda t: t.claim_experiment_head(proj[0], "exp", b))
    heads = {r["pk"]: r["experiment_is_head"] for r in pgs.sys_rows([a, b])}
    assert heads == {a: 0, b: 1}
    pgs.write(lambda t: [t.set_add(a, "sys/tags", ["t"]), t.put_attribute(a, "cfg", "int", 1),
                         t.put_attribute(a, "monitoring/x", "int", 1)])
    pgs.write(lambda t: t.copy_fork_state(b, a, configs=True))
    assert pgs.set_values(b, "sys/tags") == {"t"}
    assert [p for p, _, _ in pgs.attributes(b)] == ["cfg"]


def _msg(excinfo) -> str:
    msg = str(excinfo.value)
    assert "\n" not in msg
    return msg


def test_refused_connection_is_one_line(pg_server):
    from neptune_sys_widgets.store.postgres import PostgresStore
    from tests.harness.pg import free_port
    port = free_port()
    with pytest.raises(StoreError) as ei:
        PostgresStore(pg_server.url("x", port=port, password="s3cret-pw"))
    msg = _msg(ei)
    assert f"127.0.0.1:{port}" in msg and "refused" in msg and "s3cret-pw" not in msg


def test_bad_password_is_one_line(pg_server):
    from neptune_sys_widgets.store.postgres import PostgresStore
    with pytest.raises(StoreError) as ei:
        PostgresStore(pg_server.url("postgres", password="wrong-pw-123"))
    msg = _msg(ei)
    assert "authentication failed" in msg and f"{pg_server.host}:{pg_server.port}" in msg
    assert "wrong-pw-123" not in msg


def test_missing_database_and_bad_url(pg_server):
    from neptune_sys_widgets.store.postgres import PostgresStore
    with pytest.raises(StoreError) as ei:
        PostgresStore(pg_server.url("no_such_db"))
    assert "'no_such_db' does not exist" in _msg(ei)
    with pytest.raises(StoreError) as ei:
        PostgresStore("postgresql://u:pw-xyz@127.0.0.1:notaport/db")
    assert "pw-xyz" not in _msg(ei)
    with pytest.raises(StoreError) as ei:
        PostgresStore("postgresql://u:pw-xyz@no-such-host.invalid:5432/db")
    assert "no-such-host.invalid" in _msg(ei) and "pw-xyz" not in _msg(ei)


def test_database_of_another_application_is_refused_unmodified(pg_url, pg_server):
    from neptune_sys_widgets.store.postgres import PostgresStore
    db = pg_url.rsplit("/", 1)[1]
    pg_server.psql("CREATE TABLE users (id int)", db)
    with pytest.raises(StoreError) as ei:
        PostgresStore(pg_url)
    assert "another application" in _msg(ei)
    tables = {r[0] for r in pg_server.psql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", db)}
    assert tables == {"users"}


def test_the_readme_team_setup_works(pg_server):
    """The README's server set-up, run as written (the role and database names made unique
    for this test): the role it creates can make the schema and track a run."""
    import re
    import uuid

    from neptune_sys_widgets.store.postgres import PostgresStore
    from tests.conftest import REPO
    text = (REPO / "README.md").read_text()
    section = text[text.index("## Teams across machines: PostgreSQL"):]
    sql = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    tag = uuid.uuid4().hex[:8]
    role, db = f"neptune_team_{tag}", f"neptune_{tag}"
    sql = re.sub(r"\bneptune_team\b", role, sql)
    sql = re.sub(r"\bDATABASE neptune\b", f"DATABASE {db}", sql)
    statements = [s.split("--")[0].strip() for s in sql.splitlines()]
    try:
        for statement in filter(None, statements):
            pg_server.psql(statement)
        s = PostgresStore(pg_server.url(db, user=role, password="change-me"))
        try:
            proj = _project(s)
            pk, _ = _run(s, proj[0], "PRO")
            assert s.sys_rows([pk])[0]["id"] == "PRO-1"
        finally:
            s.close()
    finally:
        pg_server.drop_database(db)
        pg_server.psql(f"DROP ROLE IF EXISTS {role}")


def test_a_database_made_by_every_earlier_version_upgrades(pg_url, pg_server, monkeypatch):
    """A database left at each earlier schema version (made by this code with the later
    migrations held back), with a run in it, opens at the current version with the run
    intact and the current indexes."""
    from neptune_sys_widgets.store import postgres_schema as S
    from neptune_sys_widgets.store.postgres import PostgresStore
    current = S.SCHEMA_VERSION
    db = pg_url.rsplit("/", 1)[1]
    PostgresStore(pg_url).close()  # a fresh database at the current version, to compare
    for old in range(1, current):
        name = pg_server.create_database()
        url = pg_server.url(name)
        try:
            monkeypatch.setattr(S, "SCHEMA_VERSION", old)
            s = PostgresStore(url)
            proj = _project(s)
            pk, _ = _run(s, proj[0], "PRO")
            s.write(lambda t, pk=pk: t.set_add(pk, "sys/tags", ["kept"]))
            s.close()
            assert pg_server.psql("SELECT value FROM meta WHERE key = 'schema_version'",
                                  name) == [(str(old),)]
            monkeypatch.setattr(S, "SCHEMA_VERSION", current)
            s = PostgresStore(url)
            try:
                assert s.find_by_id("PRO-1")[0] == pk
                assert s.sys_rows([pk])[0]["tags"] == {"kept"}
                assert _run(s, proj[0], "PRO")[1] == 2  # the counter carried over
            finally:
                s.close()
            assert pg_server.psql("SELECT value FROM meta WHERE key = 'schema_version'",
                                  name) == [(str(current),)]
            fresh = dict(pg_server.psql("SELECT indexname, indexdef FROM pg_indexes WHERE "
                                        "tablename = 'objects'", db))
            upgraded = dict(pg_server.psql("SELECT indexname, indexdef FROM pg_indexes WHERE "
                                           "tablename = 'objects'", name))
            assert upgraded == fresh and "DESC NULLS LAST" in upgraded["objects_listing"]
        finally:
            pg_server.drop_database(name)


def test_two_processes_on_one_series_keep_its_steps_increasing_on_the_server(pg_store):
    from tests.store.test_multiprocess import (
        test_two_processes_on_one_series_keep_its_steps_increasing as same_test,
    )
    same_test(pg_store)  # the same two writers, through the team store
