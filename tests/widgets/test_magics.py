"""The magics in an in-process IPython shell (``IPython.testing.globalipapp``)."""

from __future__ import annotations

import threading

import pytest
from IPython.core.error import UsageError
from IPython.testing.globalipapp import start_ipython

import neptune_sys_widgets as nsw
from tests.conftest import run_python


def get_ipython():
    start_ipython()  # once per process; later calls return None
    import IPython
    return IPython.get_ipython()


@pytest.fixture
def ip(store_path):
    shell = get_ipython()
    shell.run_line_magic("load_ext", "neptune_sys_widgets")
    shown = []
    import IPython.display
    original = IPython.display.display
    import neptune_sys_widgets.magics as magics
    magics.display = lambda obj, **kw: shown.append(obj)
    shell.shown = shown
    yield shell
    magics.display = original
    shell.run_line_magic("unload_ext", "neptune_sys_widgets")
    for name in ("run", "model", "model_version", "r2"):
        shell.user_ns.pop(name, None)


def test_importing_registers_nothing():
    shell = get_ipython()
    shell.run_line_magic("unload_ext", "neptune_sys_widgets") if "neptune_run" in \
        shell.magics_manager.magics["line"] else None
    import neptune_sys_widgets  # noqa: F401
    assert "neptune_run" not in shell.magics_manager.magics["line"]


def test_neptune_run_binds_and_shows_once(ip):
    ip.run_line_magic("neptune_run", "--project ws/mag --name baseline --tags resnet lr-sweep "
                      "--group-tags dev --description 'first try'")
    run = ip.user_ns["run"]
    assert [w._container for w in ip.shown] == [run]
    assert run["sys/name"].fetch() == "baseline"
    assert run["sys/tags"].fetch() == {"resnet", "lr-sweep"}
    assert run["sys/group_tags"].fetch() == {"dev"}
    assert run["sys/description"].fetch() == "first try"
    assert run["sys/state"].fetch() == "Active"


@pytest.mark.slow
def test_var_experiment_and_custom_id_reattach(ip):
    ip.run_line_magic("neptune_run", "--project ws/mag --run-id my-run --experiment exp1 "
                      "--var r2")
    first = ip.user_ns["r2"]
    sys_id = first["sys/id"].fetch()
    assert first["sys/experiment/name"].fetch() == "exp1"
    # re-running the cell (as after a kernel restart) re-attaches to the same run
    ip.run_line_magic("neptune_run", "--project ws/mag --custom-run-id my-run --var r2")
    assert ip.user_ns["r2"]["sys/id"].fetch() == sys_id
    assert first._stopped  # the cell's previous run was closed, not leaked


@pytest.mark.slow
def test_with_id_read_only_and_fork(ip):
    ip.run_line_magic("neptune_run", "--project ws/mag --run-id base")
    base = ip.user_ns["run"]
    base.log_metrics({"loss": 1.0}, step=1)
    base_id = base["sys/id"].fetch()
    ip.run_line_magic("neptune_run", f"--project ws/mag --with-id {base_id} --read-only "
                      "--var watcher")
    watcher = ip.user_ns.pop("watcher")
    assert watcher._mode == "read-only" and watcher._attachment is None
    ip.run_line_magic("neptune_run", "--project ws/mag --run-id child --fork-run-id base "
                      "--fork-step 1 --mode sync --var child")
    child = ip.user_ns.pop("child")
    assert child["sys/forking/parent"].fetch() == "base"
    assert child._mode == "sync"


@pytest.mark.parametrize("line, message", [
    ("--bogus", "unrecognized arguments: --bogus"),
    ("--with-id NOPE-9", "RunNotFound"),
    ("--fork-run-id base", "--fork-run-id and --fork-step must be used together"),
    ("--read-only", "--read-only needs --with-id"),
    ("--mode weird", "invalid choice"),
    ("--var 1x", "not a valid Python identifier"),
    ("--tags ''", "tags must not be empty"),
])
def test_bad_flags_are_one_line_usage_errors(ip, line, message):
    with pytest.raises(UsageError) as info:
        ip.run_line_magic("neptune_run", f"--project ws/mag {line}")
    assert message in str(info.value)
    assert "\n" not in str(info.value).strip()


def test_help_text(ip):
    doc = ip.find_line_magic("neptune_run").__doc__
    for flag in ("--project", "--name", "--description", "--tags", "--group-tags",
                 "--experiment", "--run-id", "--custom-run-id", "--with-id", "--read-only",
                 "--fork-run-id", "--fork-step", "--mode", "--store", "--var"):
        assert flag in doc


@pytest.mark.slow
def test_cell_magic_marks_failure_and_reraises(ip):
    with pytest.raises(ZeroDivisionError):
        ip.run_cell_magic("neptune_run", "--project ws/mag --var r2", "x = 1\n1 / 0\n")
    run = ip.user_ns["r2"]
    assert run._stopped
    again = nsw.init_run(with_id=run._sys_id, mode="read-only")
    assert again["sys/failed"].fetch() is True
    lines = again["monitoring/traceback"].fetch_values()["value"].tolist()
    assert "ZeroDivisionError: division by zero" in lines
    assert ip.user_ns["x"] == 1


@pytest.mark.slow
def test_cell_magic_success_stops_run_unfailed(ip):
    ip.run_cell_magic("neptune_run", "--project ws/mag --var r2", "r2['score'] = 0.9\n")
    run = nsw.init_run(with_id=ip.user_ns["r2"]._sys_id, mode="read-only")
    assert run["sys/failed"].fetch() is False and run["score"].fetch() == 0.9
    assert run["sys/state"].fetch() == "Inactive"


@pytest.mark.slow
def test_model_and_version_magics(ip):
    ip.run_line_magic("neptune_model", "CLF --project ws/mag --name classifier")
    model = ip.user_ns["model"]
    assert model["sys/id"].fetch() == "MAG-CLF"
    nsw.init_model_version(model="MAG-CLF", project="ws/mag").stop()
    ip.run_line_magic("neptune_model", "CLF --project ws/mag")  # opens the existing one
    assert ip.user_ns["model"]["sys/id"].fetch() == "MAG-CLF"
    ip.run_line_magic("neptune_model_version", "MAG-CLF-1 --project ws/mag")
    mv = ip.user_ns["model_version"]
    mv.change_stage("staging")
    assert ip.shown[-1]._container is mv
    from tests.store.test_multiprocess import wait_for
    wait_for(lambda: ip.shown[-1].stage == "staging", timeout=30)
    with pytest.raises(UsageError, match="ModelVersionNotFound"):
        ip.run_line_magic("neptune_model_version", "MAG-CLF-9")


@pytest.mark.slow
def test_runs_table_magic_is_live(ip):
    from neptune_sys_widgets.widgets.runs_table import RunsTable
    nsw.init_run(project="ws/mag", tags=["best"], name="one", mode="sync").stop()
    ip.run_line_magic("neptune_runs", "--project ws/mag --tag best")
    table = ip.shown[-1]
    assert isinstance(table, RunsTable)
    assert table.grid.total == 1
    run_python("""
        import neptune_sys_widgets as n
        n.init_run(project="ws/mag", tags=["best"], name="two", mode="sync").stop()
    """)
    from tests.store.test_multiprocess import wait_for
    wait_for(lambda: table.grid.total == 2, timeout=30)


def test_unload_stops_watcher(ip):
    ip.run_line_magic("neptune_run", "--project ws/mag")
    assert any(t.name.startswith("neptune-sys-feed") and t.is_alive()
               for t in threading.enumerate())
    ip.run_line_magic("unload_ext", "neptune_sys_widgets")
    assert not any(t.name.startswith("neptune-sys-feed") and t.is_alive()
                   for t in threading.enumerate())
    assert "neptune_run" not in ip.magics_manager.magics["line"]
    ip.run_line_magic("load_ext", "neptune_sys_widgets")  # for the fixture's teardown
