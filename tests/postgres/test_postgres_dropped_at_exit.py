"""A team store dropped under a running script: at exit, stopping its open objects says so
in one warning line naming the store, not a traceback per object."""

from __future__ import annotations

from tests.conftest import spawn_python


def test_a_dropped_database_at_exit_is_one_warning(pg_store, pg_server):
    proc = spawn_python("""
        import sys, neptune_sys_widgets as n
        runs = [n.init_run(project="ws/gone", source_files=[], git_ref=False,
                           capture_hardware_metrics=False, capture_stdout=False,
                           capture_stderr=False) for _ in range(3)]
        for r in runs:
            r["x"] = 1
            r.wait()
        print("ready", flush=True)
        sys.stdin.readline()            # the database is dropped meanwhile; then exit
    """, stdin=True)
    assert proc.stdout.readline().strip() == "ready"
    name = pg_store.rsplit("/", 1)[-1]
    pg_server.drop_database(name)
    out, err = proc.communicate("go\n", timeout=240)
    assert "Traceback" not in err, err
    said = [line for line in err.splitlines() if "could not be stopped" in line]
    assert len(said) == 1, err
    assert "3 " in said[0] and name in said[0]
