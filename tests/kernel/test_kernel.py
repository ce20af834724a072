"""A real ipykernel (jupyter_client): live updates during a busy cell, the widget's comm
protocol, hostile front-end messages, and the magics end to end."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import run_python

# No heartbeats during these tests: the store's bytes then change only when something edits.
QUIET = {"NEPTUNE_SYS_HEARTBEAT_INTERVAL": "3600"}


@pytest.fixture
def k(kernel_factory, store_path, tmp_path):
    return kernel_factory(cwd=tmp_path, NEPTUNE_SYS_STORE=store_path, **QUIET)


def open_card(k, line: str = "--project ws/k --run-id kr --tags a") -> tuple[str, dict]:
    k.execute("%load_ext neptune_sys_widgets")
    r = k.execute(f"%neptune_run {line}")
    opened = r.comm_open(model_name="AnyModel")
    assert len(r.widget_views()) == 1, "the card is displayed exactly once"
    assert r.widget_views()[0] == opened["content"]["comm_id"]
    return opened["content"]["comm_id"], opened["content"]["data"]["state"]


def store_bytes(path: str) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(path + suffix)
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def replies(result) -> list[dict]:
    out = []
    for m in result.comm_msgs:
        data = m["content"]["data"]
        if data.get("method") == "custom" and data["content"].get("type") == "reply":
            out.append(data["content"])
    return out


def test_comm_open_carries_initial_state(k):
    comm_id, state = open_card(k, "--project ws/k --run-id kr --name first --tags a b")
    assert state["kind"] == "run" and state["read_only"] is False
    assert state["id"] == "K-1" and state["name"] == "first"
    assert state["tags"] == ["a", "b"] and state["state"] == "active"
    assert state["ping_time"].endswith("Z") and state["custom_run_id"] == "kr"
    assert {f["path"] for f in state["fields"]} >= {"sys/id", "sys/tags", "sys/failed"}
    assert "stage" not in state  # runs have no stage


def test_update_arrives_while_a_cell_blocks(k, store_path):
    comm_id, _ = open_card(k)
    cell = k.submit("import time\ntime.sleep(8)\nprint('slept')")
    k.wait_for(lambda m: m["msg_type"] == "status" and
               m["content"]["execution_state"] == "busy" and
               m["parent_header"].get("msg_id") == cell)
    run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/k", custom_run_id="kr", mode="sync")
        r["sys/tags"].add("external")
        r.stop()
    """)
    update = k.wait_for_comm_msg(comm_id, where=lambda d: "external" in
                                 d["state"].get("tags", []), timeout=30)
    done = k.wait_idle(cell, timeout=60)
    idle = [m for m in done.messages if m["msg_type"] == "status"][-1]
    assert k.log.index(update) < k.log.index(idle), "the update came during the busy cell"
    assert done.stdout == "slept\n"


def test_binding_observer_fires_during_a_blocking_cell(k):
    """The same, for a plain traitlets observer (no widget), via a thread-safe log."""
    k.execute("""
import threading, time, neptune_sys_widgets as n
run = n.init_run(project="ws/k", custom_run_id="obs")
seen = []
lock = threading.Lock()
def on_tags(change):
    with lock:
        seen.append((time.monotonic(), sorted(change["new"])))
run.sys.observe(on_tags, names="tags")
""")
    cell = k.submit("""
t0 = time.monotonic()
while time.monotonic() - t0 < 20 and not seen:
    time.sleep(0.05)   # the main thread is busy for the whole wait
with lock:
    print("delivered during the cell:", bool(seen) and seen[0][0] >= t0)
""")
    run_python("""
        import time, neptune_sys_widgets as n
        time.sleep(1)
        r = n.init_run(project="ws/k", custom_run_id="obs", mode="sync")
        r["sys/tags"].add("late")
        r.stop()
    """)
    out = k.wait_idle(cell, timeout=60, check=True).stdout
    assert "delivered during the cell: True" in out


def test_commands_edit_the_store(k, store_path):
    comm_id, _ = open_card(k)
    for cmd in ({"cmd": "add", "field": "tags", "value": "from-ui"},
                {"cmd": "remove", "field": "tags", "value": "a"},
                {"cmd": "set", "field": "name", "value": "renamed"},
                {"cmd": "set", "field": "description", "value": "<b>not html</b>"},
                {"cmd": "set", "field": "failed", "value": True}):
        r = k.send_custom(comm_id, {"type": "command", "id": 1, **cmd})
        assert replies(r) == [{"type": "reply", "id": 1, "ok": True}], cmd
    run = nsw.init_run(project="ws/k", custom_run_id="kr", mode="read-only")
    assert run["sys/tags"].fetch() == {"from-ui"}
    assert run["sys/name"].fetch() == "renamed"
    assert run["sys/description"].fetch() == "<b>not html</b>"
    assert run["sys/failed"].fetch() is True


HOSTILE_UPDATES = [{"id": "FAKE-1"}, {"owner": "mallory"}, {"state": "inactive"},
                   {"tags": ["x"]}, {"name": "sneaky"}, {"unknown_field": 1}]
HOSTILE_COMMANDS = [
    {"cmd": "set", "field": "id", "value": "FAKE-1"},
    {"cmd": "set", "field": "owner", "value": "mallory"},
    {"cmd": "set", "field": "state", "value": "inactive"},
    {"cmd": "add", "field": "tags", "value": 42},
    {"cmd": "add", "field": "tags", "value": ["a", "b"]},
    {"cmd": "add", "field": "tags", "value": ""},
    {"cmd": "set", "field": "name", "value": "x" * (10 * 1024 * 1024)},
    {"cmd": "set", "field": "failed", "value": "yes"},
    {"cmd": "set", "field": "nonexistent", "value": 1},
    {"cmd": "rm -rf", "field": "tags", "value": "a"},
    {"cmd": "change_stage", "value": "production"},
]


def test_hostile_messages_change_nothing(k, store_path):
    comm_id, _ = open_card(k)
    k.execute("run.wait()")
    before = store_bytes(store_path)
    for state in HOSTILE_UPDATES:
        r = k.update_widget(comm_id, state)
        errs = [x for x in replies(r) if not x["ok"]]
        assert errs, f"update {state} was not answered with an error"
    for i, cmd in enumerate(HOSTILE_COMMANDS):
        r = k.send_custom(comm_id, {"type": "command", "id": i, **cmd}, timeout=120)
        rep = replies(r)
        assert rep and rep[0]["ok"] is False and rep[0]["id"] == i, cmd
        assert rep[0]["error"]["message"]
    r = k.send_custom(comm_id, "not even a dict")
    assert replies(r) == [] or replies(r)[0]["ok"] is False
    assert store_bytes(store_path) == before, "the store changed"
    state = k.execute("print(run.sys.id, run.sys.owner, run.sys.state, sorted(run.sys.tags))")
    assert state.stdout.split() == ["K-1", os.environ.get("NEPTUNE_SYS_OWNER") or
                                    __import__("getpass").getuser(), "active", "['a']"]


def test_stage_command_on_a_model_version(k, store_path):
    k.execute("%load_ext neptune_sys_widgets")
    k.execute("import neptune_sys_widgets as n\nn.init_model(key='CLF', project='ws/k')\n"
              "n.init_model_version(model='K-CLF', project='ws/k').stop()")
    r = k.execute("%neptune_model_version K-CLF-1 --project ws/k")
    opened = r.comm_open(model_name="AnyModel")
    comm_id = opened["content"]["comm_id"]
    assert r.widget_views() == [comm_id]  # the view points at the card's model
    assert opened["content"]["data"]["state"]["sys_model_id"] == "K-CLF"
    r = k.execute("%neptune_model CLF --project ws/k")
    model_card = r.comm_open(model_name="AnyModel")["content"]
    assert r.widget_views() == [model_card["comm_id"]]
    assert [v["id"] for v in model_card["data"]["state"]["versions"]] == ["K-CLF-1"]
    ok = k.send_custom(comm_id, {"type": "command", "id": 7, "cmd": "change_stage",
                                 "value": "production"})
    assert replies(ok) == [{"type": "reply", "id": 7, "ok": True}]
    bad = k.send_custom(comm_id, {"type": "command", "id": 8, "cmd": "change_stage",
                                  "value": "Production"})
    assert replies(bad)[0]["error"]["type"] == "InvalidValueError"
    mv = nsw.init_model_version(with_id="K-CLF-1", mode="read-only")
    assert mv["sys/stage"].fetch() == "production"


def test_magic_in_a_real_kernel_and_restart_reattaches(k, store_path):
    comm_id, state = open_card(k, "--project ws/k --run-id again")
    r = k.execute("%neptune_run --bogus", check=False)
    assert r.error["ename"] == "UsageError"
    assert "unrecognized arguments" in r.error["evalue"]
    k.restart()
    _, state2 = open_card(k, "--project ws/k --run-id again")
    assert state2["id"] == state["id"]
    r = k.execute("%neptune_run?")  # help goes to the pager: a payload of the reply
    pages = [p["data"]["text/plain"] for p in r.reply["content"]["payload"]]
    assert any("--with-id" in page and "--read-only" in page for page in pages)


def test_unload_stops_watcher_in_kernel(k):
    open_card(k)
    r = k.execute("import threading\n"
                  "print(sum(t.name.startswith('neptune-sys-feed') for t in "
                  "threading.enumerate()))")
    assert r.stdout.strip() == "1"
    k.execute("%unload_ext neptune_sys_widgets")
    r = k.execute("print(sum(t.name.startswith('neptune-sys-feed') and t.is_alive() for t "
                  "in threading.enumerate()))")
    assert r.stdout.strip() == "0"


def test_card_shown_once_whether_or_not_last_line(k):
    k.execute("%load_ext neptune_sys_widgets")
    r = k.execute("%neptune_run --project ws/k --name middle\nx = 41 + 1")
    assert len(r.widget_views()) == 1
    r = k.execute("%neptune_run --project ws/k --name last --var other")
    assert len(r.widget_views()) == 1
    assert k.execute("print(x, run.sys.name, other.sys.name)").stdout.split() == \
        ["42", "middle", "last"]


def test_cell_magic_failure_in_a_real_kernel(k, store_path):
    k.execute("%load_ext neptune_sys_widgets")
    r = k.execute("%%neptune_run --project ws/k --run-id cellrun\nloss = 1\nraise "
                  "RuntimeError('diverged')", check=False)
    assert r.error["ename"] == "RuntimeError"
    # an ordinary cell's error does not fail a run started with %neptune_run
    k.execute("%neptune_run --project ws/k --run-id linerun")
    assert k.execute("1 / 0", check=False).error["ename"] == "ZeroDivisionError"
    k.execute("run.wait()")
    failed = nsw.init_run(project="ws/k", custom_run_id="cellrun", mode="read-only")
    assert failed["sys/failed"].fetch() is True
    assert "RuntimeError: diverged" in failed["monitoring/traceback"].fetch_values()[
        "value"].tolist()
    assert failed["sys/state"].fetch() == "Inactive"
    fine = nsw.init_run(project="ws/k", custom_run_id="linerun", mode="read-only")
    assert fine["sys/failed"].fetch() is False


def test_stop_from_the_card_interrupts_the_busy_kernel_and_spares_an_idle_one(k):
    comm_id, _ = open_card(k, "--project ws/k --run-id own")
    r = k.send_custom(comm_id, {"type": "command", "id": 1, "cmd": "stop"})
    assert replies(r) == [{"type": "reply", "id": 1, "ok": True}]
    k.wait_for_comm_msg(comm_id, where=lambda d: d["state"].get("state") == "inactive",
                        timeout=30)
    assert k.is_alive()
    assert k.execute("print(run._stopped)").stdout == "True\n"  # the kernel still works

    comm_id, _ = open_card(k, "--project ws/k --run-id busy --var busy")
    cell = k.submit("import time\ntry:\n    time.sleep(60)\nexcept KeyboardInterrupt:\n"
                    "    print('interrupted')\n    raise")
    k.wait_for(lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] ==
               "busy" and m["parent_header"].get("msg_id") == cell)
    assert run_python("""
        import neptune_sys_widgets as n
        print(n.request_abort(n.init_run(project="ws/k", custom_run_id="busy",
                                         mode="read-only")._sys_id))
    """).stdout.strip() == "True"
    done = k.wait_idle(cell, timeout=60)
    assert done.stdout == "interrupted\n" and done.error["ename"] == "KeyboardInterrupt"
    aborted = nsw.init_run(project="ws/k", custom_run_id="busy", mode="read-only")
    assert aborted["sys/failed"].fetch() is True
    assert aborted["sys/state"].fetch() == "Inactive"
