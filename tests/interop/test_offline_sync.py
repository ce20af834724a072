"""Offline runs (objects/offline_log.py) and ``sync`` (interop/offline_sync.py): a script
logs offline in one process, ``neptune-sys sync`` moves its log in another, and this
process reads the run from the store; a failed sync changes nothing."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("click")

import neptune_sys_widgets as nsw  # noqa: E402
from neptune_sys_widgets.exceptions import InvalidValueError  # noqa: E402
from tests.conftest import child_env, run_python  # noqa: E402

OFFLINE_SCRIPT = """
import neptune_sys_widgets as nsw
from datetime import datetime, timezone
run = nsw.Run(project="ws/off", run_id="offline-1", mode="offline", experiment_name="exp")
run.log_configs({"lr": 0.5, "name": "adam", "on": True,
                 "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)})
for step in range(5):
    run.log_metrics({"loss": 1.0 / (step + 1)}, step=step)
run.log_string_series({"notes": "first"}, step=0)
run.add_tags(["a", "b"])
run.add_tags(["grp"], group_tags=True)
run.assign_files({"weights": b"\\x00\\x01payload"})
print(run.offline_log)
run.close()
"""


def sync_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "sync", *args],
                          capture_output=True, text=True, timeout=120, env=child_env(**env))
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def offline_run(**env: str) -> Path:
    out = run_python(OFFLINE_SCRIPT, **env)
    assert "neptune-sys sync" in out.stderr  # where the data waits is said at close
    return Path(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_an_offline_run_never_touches_the_store_and_syncs_with_a_new_id(store_path, tmp_path):
    with nsw.Run(project="ws/off", run_id="online") as first:  # takes the log's OFF-1
        first_id = first["sys/id"].fetch()
    # the store is out of reach (a server that is not there): offline must not care
    log = offline_run(NEPTUNE_SYS_STORE="postgresql://nobody@127.0.0.1:9/none")
    assert log.name == "run_operations.sqlite3" and log.parent.parent == tmp_path / ".neptune"
    assert not nsw.init_project("ws/off", mode="read-only").fetch_runs_table(
        query='`sys/custom_run_id`:string = "offline-1"').to_rows()

    p = sync_cli("--json")
    assert p.returncode == 0, p.stderr
    synced = json.loads(p.stdout)["synced"]
    assert [s["log"] for s in synced] == [str(log)]
    assert not log.exists() and not log.parent.exists()

    run = nsw.Run(project="ws/off", run_id="offline-1", mode="read-only")
    assert run["sys/id"].fetch() == synced[0]["id"] != first_id
    assert run["lr"].fetch() == 0.5 and run["name"].fetch() == "adam" and run["on"].fetch()
    assert run["at"].fetch().isoformat().startswith("2026-01-02T03:04:05")
    assert list(run["loss"].fetch_values()["value"]) == [1.0, 0.5, 1 / 3, 0.25, 0.2]
    assert list(run["notes"].fetch_values()["value"]) == ["first"]
    assert run["sys/tags"].fetch() == {"a", "b"} and run["sys/group_tags"].fetch() == {"grp"}
    assert run["sys/experiment/name"].fetch() == "exp"
    assert run["sys/state"].fetch() == "Inactive"
    run["weights"].download(str(tmp_path / "w.bin"))
    assert (tmp_path / "w.bin").read_bytes() == b"\x00\x01payload"


@pytest.mark.slow
def test_a_run_already_in_the_store_keeps_its_log_and_the_store_is_unchanged(store_path):
    log = offline_run()
    assert sync_cli().returncode == 0
    again = offline_run()  # the same run id, logged offline a second time
    before = nsw.Run(project="ws/off", run_id="offline-1", mode="read-only")
    loss_before = list(before["loss"].fetch_values()["value"])
    p = sync_cli(str(again))
    assert p.returncode == 1 and "already in the store" in p.stdout
    assert again.exists() and not log.exists()  # nothing lost: the log waits
    after = nsw.Run(project="ws/off", run_id="offline-1", mode="read-only")
    assert list(after["loss"].fetch_values()["value"]) == loss_before
    assert len(nsw.init_project("ws/off", mode="read-only").fetch_runs_table().to_rows()) == 1


@pytest.mark.slow
def test_what_is_not_a_log_is_refused_by_name(store_path, tmp_path):
    bad = tmp_path / "invalid.db"
    bad.write_text("invalid")
    p = sync_cli(str(bad))
    assert p.returncode == 1
    assert "not an SQLite file), so not an offline run log" in p.stderr
    assert bad.read_text() == "invalid"
    # another program's SQLite file in the folder sync searches: refused by name, not a
    # byte written to it
    foreign = _foreign_log(tmp_path)
    data = foreign.read_bytes()
    log = offline_run()  # a real log beside it still goes in
    p = sync_cli("--json")
    kept = json.loads(p.stdout)["kept"]
    assert p.returncode == 1 and [k["log"] for k in kept] == [str(foreign)]
    assert "another program's SQLite file" in kept[0]["reason"] and not log.exists()
    assert foreign.read_bytes() == data and len(list(foreign.parent.iterdir())) == 1
    p = sync_cli(str(foreign))
    assert p.returncode == 1 and "another program's SQLite file" in p.stderr
    p = sync_cli(str(tmp_path / "missing.db"))
    assert p.returncode == 1 and "does not exist" in p.stderr


@pytest.mark.slow
def test_the_log_directory_comes_from_the_argument_then_the_environment(store_path, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("NEPTUNE_LOG_DIRECTORY", str(tmp_path / "from-env"))
    with nsw.Run(project="ws/off", mode="offline") as run:
        env_log = run.offline_log
    with nsw.Run(project="ws/off", mode="offline", log_directory="from-arg") as run:
        arg_log = run.offline_log
    assert env_log.is_relative_to(tmp_path / "from-env")
    assert arg_log.is_relative_to(tmp_path / "from-arg")
    # a folder given to sync is searched; the environment's is the default
    assert sync_cli().returncode == 0 and not env_log.exists() and arg_log.exists()
    assert sync_cli("from-arg").returncode == 0 and not arg_log.exists()


@pytest.mark.slow
def test_offline_with_a_store_is_a_contradiction(store_path):
    with pytest.raises(InvalidValueError, match="offline"):
        nsw.Run(project="ws/off", mode="offline", store=store_path)


@pytest.mark.slow
def test_neptune_scale_sync_all_through_the_drop_in(store_path, tmp_path):
    """neptune-scale's own calls, unchanged (its e2e tests make the same ones)."""
    script = tmp_path / "scale_sync.py"
    script.write_text(
        "from pathlib import Path\n"
        "from neptune_scale import Run\n"
        "from neptune_scale.cli import sync\n"
        "from neptune_scale.exceptions import NeptuneUnableToLogData\n"
        "with Run(project='ws/off', run_id='scale-1', mode='offline') as run:\n"
        "    db_path = run._operations_repo._db_path\n"
        "    run.log_metrics({'m': 2.0}, step=1)\n"
        "sync.sync_all(run_log_file=db_path, api_token='unused')\n"
        "assert not db_path.exists()\n"
        "try:\n"
        "    sync.sync_all(run_log_file=Path('missing.db'), api_token='unused')\n"
        "except FileNotFoundError:\n"
        "    print('missing refused')\n"
        "Path('junk.db').write_text('invalid')\n"
        "try:\n"
        "    sync.sync_all(run_log_file=Path('junk.db'), api_token='unused')\n"
        "except NeptuneUnableToLogData:\n"
        "    print('junk refused')\n")
    p = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.run", str(script)],
                       capture_output=True, text=True, timeout=120, env=child_env())
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["missing", "refused", "junk", "refused"]
    run = nsw.Run(project="ws/off", run_id="scale-1", mode="read-only")
    assert list(run["m"].fetch_values()["value"]) == [2.0]


def neptune_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """1.x's ``neptune`` command, as ``python -m neptune.cli`` through the drop-in."""
    proc = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.run", "-m",
                           "neptune.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env=child_env())
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.slow
def test_neptune_1x_sync_status_and_clear_commands(store_path, tmp_path):
    """1.x's ``neptune sync -p`` sends offline runs to a project (its offline runs had
    none); its output names ``workspace/project/SYS-ID``, which code parses."""
    log = offline_run()
    p = neptune_cli("status", "--path", str(tmp_path))
    assert str(log) in p.stdout
    p = neptune_cli("sync", "--object", "ws/off/OFF-1", "--path", str(tmp_path))
    assert p.returncode == 2 and "nothing to synchronize" in p.stderr and log.exists()
    p = neptune_cli("sync", "--path", str(tmp_path), "-p", "ws/elsewhere")
    assert p.returncode == 0, p.stderr
    sys_id = re.search(r"[\w-]+/[\w-]+/([\w-]+)", p.stdout).group(1)
    assert "registered as ws/elsewhere/" in p.stdout and not log.exists()
    run = nsw.init_run(with_id=sys_id, project="ws/elsewhere", mode="read-only")
    assert run["sys/custom_run_id"].fetch() == "offline-1" and run["lr"].fetch() == 0.5
    run["weights"].download(str(tmp_path / "w.bin"))  # files follow the run to -p's project
    assert (tmp_path / "w.bin").read_bytes() == b"\x00\x01payload"
    assert "no offline objects" in neptune_cli("status", "--path", str(tmp_path)).stdout

    log = offline_run()
    assert neptune_cli("clear", "--path", str(tmp_path), stdin="n\n").returncode == 0
    assert log.exists()  # answered no: nothing deleted
    assert neptune_cli("clear", "--path", str(tmp_path), stdin="y\n").returncode == 0
    assert not log.exists()


FORK_SCRIPT = """
import neptune_sys_widgets as nsw
with nsw.Run(project="ws/off", run_id="parent", mode="offline") as parent:
    parent["sys/description"] = "the base run"
    parent.log_configs({"lr": 0.1, "opt": "sgd"})
    parent.add_tags(["from-parent"])
    for step in range(5):
        parent.log_metrics({"loss": float(step)}, step=step)
with nsw.Run(project="ws/off", run_id="child", mode="offline", fork_run_id="parent",
             fork_step=2) as child:
    child.log_configs({"lr": 0.2})
    for step in (3, 4):
        child.log_metrics({"loss": 10.0 + step}, step=step)
"""


@pytest.mark.slow
def test_an_offline_fork_joins_its_parent_at_sync(store_path):
    """Both made offline: the log directory syncs the parent first (logs go in the order
    their runs were made), and the fork finds it as a fork made online would have."""
    run_python(FORK_SCRIPT)
    p = sync_cli("--json")
    assert p.returncode == 0, p.stderr
    assert [s["id"] for s in json.loads(p.stdout)["synced"]] == ["OFF-1", "OFF-2"]
    child = nsw.Run(project="ws/off", run_id="child", mode="read-only")
    assert child["sys/forking/parent"].fetch() == "parent"
    assert child["sys/forking/depth"].fetch() == 1
    assert child["sys/forking/step"].fetch() == 2
    assert child["lr"].fetch() == 0.2 and child["opt"].fetch() == "sgd"  # own value wins
    assert "from-parent" in child["sys/tags"].fetch()
    assert child["sys/description"].fetch() == "the base run"  # as an online fork starts
    import neptune_sys_widgets.query.runs as nq_runs
    df = nq_runs.fetch_metrics(project="ws/off", runs=["child"], attributes="^loss$")
    assert df["loss"].tolist() == [0.0, 1.0, 2.0, 13.0, 14.0]  # the parent's up to step 2


@pytest.mark.slow
def test_a_log_whose_run_still_runs_is_kept(store_path, tmp_path):
    """A sync while the offline script still logs would delete what it writes next; its
    lock, not its pings, says it lives (a paused script stops pinging)."""
    import signal
    import time

    from tests.conftest import spawn_python
    child = spawn_python("""
        import sys, neptune_sys_widgets as nsw
        run = nsw.Run(project="ws/off", run_id="live", mode="offline")
        run.log_configs({"a": 1})
        run.wait()
        print(run.offline_log, flush=True)
        sys.stdin.readline()  # keeps running until the test says
        run.log_configs({"b": 2})
        run.close()
    """, stdin=True)
    try:
        log = Path(child.stdout.readline().strip())
        p = sync_cli("--json")
        assert p.returncode == 1 and "still running" in json.loads(p.stdout)["kept"][0]["reason"]
        # paused (Ctrl-Z, a scheduler) past the liveness timeout: its pings stop, it lives
        child.send_signal(signal.SIGSTOP)
        time.sleep(2.5)
        p = sync_cli("--json", NEPTUNE_SYS_LIVENESS_TIMEOUT="2")
        assert p.returncode == 1 and "still running" in json.loads(p.stdout)["kept"][0]["reason"]
        assert log.exists()
    finally:
        child.send_signal(signal.SIGCONT)
        child.communicate("go\n", timeout=60)
    assert sync_cli().returncode == 0 and not log.exists()
    run = nsw.Run(project="ws/off", run_id="live", mode="read-only")
    assert run["a"].fetch() == 1 and run["b"].fetch() == 2


@pytest.mark.slow
def test_a_killed_offline_run_syncs_what_it_stored(store_path):
    """SIGKILL mid-run (an OOM killer, a preempted node): the kernel drops the run's lock
    with the process, so what the log committed goes in at once."""
    import signal

    from tests.conftest import spawn_python
    child = spawn_python(code="""
        import time, neptune_sys_widgets as nsw
        run = nsw.Run(project="ws/off", run_id="killed", mode="offline")
        for step in range(500):
            run.log_metrics({"loss": float(step)}, step=step)
        run.wait()
        print("stored", flush=True)
        time.sleep(60)
    """)
    try:
        assert child.stdout.readline().strip() == "stored"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert sync_cli().returncode == 0
    run = nsw.Run(project="ws/off", run_id="killed", mode="read-only")
    assert run["loss"].fetch_values()["step"].tolist() == [float(s) for s in range(500)]
    assert run["sys/state"].fetch() == "Inactive"


@pytest.mark.slow
def test_a_log_another_sync_is_moving_is_left_to_it(store_path):
    """Two syncs at once (a cron job and a person) must not both import one log: a 1.x
    offline run has no custom run id to tell the second import it is there already."""
    import fcntl
    run_python("""
        import neptune_sys_widgets as nsw
        with nsw.init_run(project="ws/off", mode="offline") as run:
            run["x"] = 1
    """)
    (log,) = Path(".neptune").rglob("run_operations.sqlite3")
    with open(log.parent / "run.lock", "ab") as held:  # what the other sync holds
        fcntl.flock(held, fcntl.LOCK_EX)
        p = sync_cli("--json")
        assert p.returncode == 1
        assert "another sync" in json.loads(p.stdout)["kept"][0]["reason"]
    assert sync_cli().returncode == 0 and sync_cli().returncode == 0  # the second: nothing
    assert len(nsw.init_project("ws/off", mode="read-only").fetch_runs_table().to_rows()) == 1


def _foreign_log(root: Path) -> Path:
    """Another program's SQLite file where this package's logs go (neptune-scale's own
    offline log has the same name)."""
    foreign = root / ".neptune" / "ws_p_r_1" / "run_operations.sqlite3"
    foreign.parent.mkdir(parents=True)
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE run_operations (sequence_id INTEGER, operation BLOB)")
    conn.commit()
    conn.close()
    return foreign


@pytest.mark.slow
def test_refusals_leave_no_log_and_change_nothing(store_path, tmp_path):
    with pytest.raises(InvalidValueError):  # a bad project: refused before a log is made
        nsw.Run(project="ws/a\\b", run_id="bad", mode="offline")
    assert not (tmp_path / ".neptune").exists()
    log = offline_run()
    p = sync_cli("-p", "")  # an unset variable
    assert p.returncode == 1 and "empty" in p.stderr and log.exists()


@pytest.mark.slow
def test_named_logs_sync_in_the_order_their_runs_were_made(store_path, tmp_path):
    """A shell glob names the fork's folder (ws_off_child_...) before its parent's."""
    run_python(FORK_SCRIPT)
    named = sorted(str(p) for p in (tmp_path / ".neptune").rglob("run_operations.sqlite3"))
    assert "child" in named[0]
    assert sync_cli(*named).returncode == 0
    child = nsw.Run(project="ws/off", run_id="child", mode="read-only")
    assert child["sys/forking/parent"].fetch() == "parent"


@pytest.mark.slow
def test_neptune_1x_commands_leave_another_programs_file_alone(store_path, tmp_path):
    foreign = _foreign_log(tmp_path)
    data = foreign.read_bytes()
    log = offline_run()
    assert str(foreign) not in neptune_cli("status", "--path", str(tmp_path)).stdout
    p = neptune_cli("sync", "--path", str(tmp_path), "-p", "ws/off")
    assert p.returncode == 1 and "registered as ws/off/" in p.stdout and not log.exists()
    assert neptune_cli("clear", "--path", str(tmp_path), stdin="y\n").returncode == 0
    assert foreign.read_bytes() == data


@pytest.mark.slow
def test_a_full_disk_during_sync_is_named_and_the_log_kept(store_path, tmp_path):
    """SQLite rolls an import's whole open group back on a full disk: the sync must say
    so (it said "cannot commit - no transaction is active") and keep the log."""
    import os
    small = tmp_path / "small"
    small.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(small)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode:
        pytest.skip("needs a 3 MB tmpfs (root and mount)")
    try:
        store = str(small / "store.db")
        run_python("""
            import neptune_sys_widgets as nsw
            run = nsw.Run(project="ws/full", run_id="full-1", mode="offline")
            for step in range(300_000):
                run.log_metrics({"m": float(step)}, step=step)
            run.close()
        """, NEPTUNE_SYS_STORE=store)
        (log,) = Path(".neptune").rglob("run_operations.sqlite3")
        p = sync_cli(NEPTUNE_SYS_STORE=store)
        assert p.returncode == 1 and "disk is full" in p.stderr, p.stderr
        assert log.exists()
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)
