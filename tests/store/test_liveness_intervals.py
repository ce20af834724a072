"""Running time is the time attached (docs/SYS_FIELDS.md §2: "seconds attached, summed over
all sessions and resumes"), on both stores: a stale attachment's interval ends at its last
ping, a live one's when it detaches. Attachments are aged by moving their times back in
SQL."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """(store, execute(sql)): a fresh store and a way to run SQL on its database."""
    if request.param == "sqlite":
        from neptune_sys_widgets.store import open_store
        path = str(tmp_path / "s.db")
        store = open_store(path)

        def execute(sql: str) -> list[tuple]:
            with sqlite3.connect(path) as c:
                return c.execute(sql).fetchall()
    else:
        pg_url = request.getfixturevalue("pg_url")
        server = request.getfixturevalue("pg_server")
        from neptune_sys_widgets.store.postgres import PostgresStore
        store = PostgresStore(pg_url)
        db = pg_url.rsplit("/", 1)[1]

        def execute(sql: str) -> list[tuple]:
            return server.psql(sql, db)
    yield store, execute
    store.close()


def _run(store) -> int:
    proj = store.create_project("ws/live", None, "me", lambda n, taken: "LIVE")

    def tx(t):
        n = t.next_run_number(proj[0])
        pk = t.insert_object(proj[0], "run", {"id": f"LIVE-{n}", "name": "r",
                                              "creation_time": t.now_ms()})
        t.touch(pk)
        return pk
    return store.write(tx)


def _age(execute, attachment: int, seconds: int) -> None:
    execute(f"UPDATE attachments SET last_ping = last_ping - {seconds * 1000} "
            f"WHERE pk = {attachment}")


def _open_for(execute, pk: int, seconds: int) -> None:
    """Pretend the running interval opened ``seconds`` earlier than it did."""
    execute(f"UPDATE objects SET active_since = active_since - {seconds * 1000} "
            f"WHERE pk = {pk}")


def test_a_live_session_detaching_beside_a_stale_one_counts_until_it_detaches(backend):
    store, execute = backend
    pk = _run(store)
    live = store.attach(pk, 1, "h")
    stale = store.attach(pk, 2, "h")
    _open_for(execute, pk, 100)
    _age(execute, stale, 60)  # its process died 60 s ago; this one pinged until now
    store.write(lambda t: t.detach(live, pk))
    rec = store.sys_rows([pk])[0]
    assert rec["state"] == "inactive"
    assert 99 <= rec["running_time"] <= 105  # attached for the whole 100 s, not 40


def test_a_session_that_stopped_pinging_counts_until_its_last_ping(backend):
    store, execute = backend
    pk = _run(store)
    frozen = store.attach(pk, 1, "h")
    _open_for(execute, pk, 100)
    _age(execute, frozen, 60)  # e.g. a laptop asleep: its own detach comes late
    store.write(lambda t: t.detach(frozen, pk))
    rec = store.sys_rows([pk])[0]
    assert rec["state"] == "inactive"
    assert 39 <= rec["running_time"] <= 45
