"""Issue 24, items 1 and 2: reads while the disk is full, and the files a stopped store
keeps open.

A full disk is made real with RLIMIT_FSIZE in a child process (as in test_nothing_lost).
Open files are read from the child's own ``/proc/self/fd``; the exclusive lock is taken by
a second process, the way a backup or ``.recover`` would."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_python
from tests.objects.test_nothing_lost import FULL_DISK, read_back


@pytest.mark.slow
def test_reads_on_a_full_disk_answer_committed_plus_held(store_path):
    proc = run_python(FULL_DISK.format(store=store_path) + """
    r["params/x"] = 5
    r["sys/tags"].add("held")
    for i in range(300, 3300):
        r["loss"].append(float(i), step=i)
    out = {"id": sys_id}
    out["x"] = r["params/x"].fetch()
    out["tags"] = sorted(r["sys/tags"].fetch())
    out["last"] = r["loss"].fetch_last()
    out["count"] = len(r["loss"].fetch_values(include_timestamp=False))
    out["exists"] = r.exists("params/x")
    out["whole"] = r.fetch()["params"]
    ro = n.init_run(with_id=sys_id, mode="read-only", store={store!r})
    out["ro_x"] = ro["params/x"].fetch()
    out["ro_count"] = len(ro["loss"].fetch_values(include_timestamp=False))
    try:
        r.wait()
        out["wait"] = "ok"
    except StoreError as e:
        out["wait"] = str(e)
    disk_freed()
    r.wait()
    r.stop()
    print(json.dumps(out))
    """.replace("{store!r}", repr(store_path)))
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["x"] == 5 and out["ro_x"] == 5, out
    assert out["tags"] == ["held"]
    assert out["last"] == 3299.0
    assert out["count"] == 3300 and out["ro_count"] == 3300
    assert out["exists"] is True and out["whole"] == {"x": 5}
    # only wait() reports the full disk, and it says the data is kept
    assert "could not be stored" in out["wait"] and "kept in memory" in out["wait"]
    said = [line for line in proc.stderr.splitlines() if "nothing is lost" in line.lower()]
    assert len(said) == 1 and "this read includes them" in said[0], proc.stderr
    back = read_back(store_path, out["id"])
    assert back["steps"] == [float(i) for i in range(3300)]
    assert back["tags"] == ["held"]


PROBE = ("import sqlite3, sys\n"
         "c = sqlite3.connect(sys.argv[1], timeout=0.5)\n"
         "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
         "c.execute('BEGIN EXCLUSIVE'); c.execute('COMMIT')\n"
         "print('exclusive ok')\n")

OPEN_FILES = """
    import json, os, sys
    PROBE = {probe!r}
    import neptune_sys_widgets as n
    from neptune_sys_widgets.store import close_all

    def store_fds():
        out = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if os.path.basename(target).startswith("neptune.db"):
                out.append(os.path.basename(target))
        return sorted(out)

    r = n.init_run(project="ws/files", store=sys.argv[1] if len(sys.argv) > 1 else None)
    for i in range(50):
        r["loss"].append(float(i))
    r.wait()
    sys_id = r["sys/id"].fetch()
    import time
    time.sleep(0.3)  # let the background thread have flushed and heartbeat with its own conn
    """


@pytest.mark.slow
@pytest.mark.parametrize("how", ["close_all", "last_stop"])
def test_no_connection_stays_open(store_path, how):
    code = OPEN_FILES + ("""
    r.stop()
    close_all()
    """ if how == "close_all" else """
    r.stop()
    deadline = time.monotonic() + 10  # closed once idle for NEPTUNE_SYS_RELEASE_AFTER s
    while store_fds() and time.monotonic() < deadline:
        time.sleep(0.05)
    """) + """
    left = store_fds()
    # a second process can now take the database exclusively
    import subprocess
    probe = subprocess.run([sys.executable, "-c", PROBE, os.environ["NEPTUNE_SYS_STORE"]],
                           capture_output=True, text=True)
    # and the process can use the store again afterwards
    again = n.init_run(with_id=sys_id, mode="read-only")
    print(json.dumps({"left": left, "probe": probe.stdout + probe.stderr,
                      "again": len(again["loss"].fetch_values())}))
    """
    proc = run_python(code.replace("{probe!r}", repr(PROBE)))
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["left"] == [], out
    assert "exclusive ok" in out["probe"], out
    assert out["again"] == 50
