"""neptune 1.x's public module layout and per-object semantics that code written for it
relies on: ``neptune.metadata_containers`` as a package, ``obj._id``, and debug objects
that keep their data to themselves."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError, ModelNotFound, RunNotFound

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEPTUNE_SYS_STORE", raising=False)
    return tmp_path


@pytest.mark.parametrize("module, name", [
    ("run", "Run"), ("model", "Model"), ("model_version", "ModelVersion"),
    ("project", "Project"), ("metadata_container", "MetadataContainer")])
def test_metadata_containers_is_a_package_with_one_module_per_class(module, name):
    mod = importlib.import_module(f"neptune_sys_widgets.metadata_containers.{module}")
    pkg = importlib.import_module("neptune_sys_widgets.metadata_containers")
    assert getattr(mod, name) is getattr(pkg, name)


def test_the_drop_in_resolves_the_submodules_and_their_os():
    code = ("import neptune_sys_widgets.dropin as d; d.install(force=True, children=False)\n"
            "from neptune.metadata_containers.run import Run\n"
            "import neptune.metadata_containers.run as m, neptune_sys_widgets as n, os\n"
            "assert Run is n.Run and m.os is os\n"
            "from neptune.metadata_containers.model_version import ModelVersion\n"
            "assert ModelVersion is n.ModelVersion\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_patch_through_the_run_module_reaches_the_one_os_path():
    """1.x code patches ``neptune.metadata_containers.run.os.path.isfile`` to choose which
    source files exist: the target must resolve, and be the ``os.path`` that the source
    recording (objects/source_code.py) asks."""
    from neptune_sys_widgets.objects import source_code
    with mock.patch("neptune_sys_widgets.metadata_containers.run.os.path.isfile",
                    new=lambda p: p == "only-this"):
        assert source_code.os.path.isfile("only-this")
        assert not source_code.os.path.isfile(__file__)


def test_id_is_the_sys_id_and_reopens_the_object(in_tmp):
    run = nsw.init_run(project="ws/ids", mode="sync")
    assert run._id == run["sys/id"].fetch() == run.sys_id
    run.stop()
    again = nsw.init_run(project="ws/ids", with_id=run._id, mode="read-only")
    assert again._id == run._id
    model = nsw.init_model(project="ws/ids", key="IDS", mode="sync")
    assert model._id == model["sys/id"].fetch()
    model.stop()
    again.stop()


def test_debug_objects_keep_their_data_to_themselves(in_tmp):
    a = nsw.init_model(project="ws/dbg", key="MOD", mode="debug")
    b = nsw.init_model(project="ws/dbg", key="MOD", mode="debug")  # no key clash
    a["x"] = 1
    b["x"] = 2
    assert (a["x"].fetch(), b["x"].fetch()) == (1, 2)
    assert a.store is not b.store
    with pytest.raises(ModelNotFound):  # outside debug mode, a model must exist
        nsw.init_model_version(model="DBG-NONE", project="ws/dbg", mode="sync",
                               store=str(in_tmp / "elsewhere.db"))
    # a debug version stands alone (1.x's debug backend knew every model): its model is
    # made in its own store, not looked up in a's
    mv = nsw.init_model_version(model=a["sys/id"].fetch(), project="ws/dbg", mode="debug")
    assert mv["sys/model_id"].fetch() == a["sys/id"].fetch()
    assert mv.store is not a.store
    assert a.fetch_model_versions_table().to_rows() == []
    assert len(nsw.init_model(with_id=a["sys/id"].fetch(), mode="debug", store=mv.store)
               .fetch_model_versions_table().to_rows()) == 1
    mv.stop()
    run = nsw.init_run(project="ws/dbg", mode="debug")
    with pytest.raises(RunNotFound):
        nsw.init_run(project="ws/dbg", with_id=run["sys/id"].fetch(), mode="debug")
    for o in (a, b, run):
        o.stop()
    assert not Path(in_tmp, ".neptune").exists()


def test_debug_objects_share_a_store_only_when_given_it(in_tmp):
    model = nsw.init_model(project="ws/dbg", key="SHR", mode="debug")
    mv = nsw.init_model_version(model=model["sys/id"].fetch(), project="ws/dbg",
                                mode="debug", store=model.store)
    assert mv.store is model.store
    assert mv["sys/model_id"].fetch() == model["sys/id"].fetch()
    mv.stop()
    model.stop()


@pytest.mark.parametrize("factory, what", [
    (lambda: nsw.init_model(project="ws/off", key="OFF", mode="offline"), "Model"),
    (lambda: nsw.init_model_version(model="OFF-OFF", project="ws/off", mode="offline"),
     "ModelVersion"),
    (lambda: nsw.init_project(project="ws/off", mode="offline"), "Project"),
    (lambda: nsw.Project("ws/off", mode="offline"), "Project")])
def test_only_runs_open_offline(in_tmp, factory, what):
    from neptune_sys_widgets.exceptions import NeptuneOfflineModeException
    with pytest.raises(NeptuneOfflineModeException, match=f"{what} can't be initialized"):
        factory()
    run = nsw.init_run(project="ws/off", mode="offline")
    run["x"] = 1
    run.stop()


def test_offline_from_the_environment_is_refused_for_a_model_too(in_tmp, monkeypatch):
    from neptune_sys_widgets.exceptions import NeptuneException
    monkeypatch.setenv("NEPTUNE_MODE", "offline")
    with pytest.raises(NeptuneException):
        nsw.init_model(project="ws/off", key="ENV")


def test_next_on_a_table_walks_its_rows_and_a_loop_starts_over(in_tmp):
    ids = []
    for _ in range(3):
        with nsw.init_run(project="ws/tbl", mode="sync") as run:
            ids.append(run["sys/id"].fetch())
    table = nsw.init_project("ws/tbl", mode="read-only").fetch_runs_table(
        sort_by="sys/creation_time", ascending=True)
    assert next(table).get_attribute_value("sys/id") == ids[0]
    assert next(table).get_attribute_value("sys/id") == ids[1]
    assert [e.get_attribute_value("sys/id") for e in table] == ids
    assert next(table).get_attribute_value("sys/id") == ids[2]
    with pytest.raises(StopIteration):
        next(table)


def test_a_project_says_who_created_it_and_its_visibility(in_tmp, monkeypatch):
    """1.x projects had ``sys/visibility`` (``priv`` unless created otherwise); here they
    also say who created them (``sys/owner``: a difference, README, "Differences from
    Neptune"). The visibility is recorded, not enforced."""
    from neptune_sys_widgets import management
    monkeypatch.setenv("NEPTUNE_SYS_OWNER", "alice")
    with nsw.init_project("ws/own") as project:
        project["x"] = 1
    management.create_project("ws/open", visibility="pub")
    ro = nsw.init_project("ws/own", mode="read-only")
    sys_fields = set(ro.get_structure()["sys"])
    assert {"owner", "visibility"} <= sys_fields
    assert ro["sys/owner"].fetch() == "alice" and ro["sys/visibility"].fetch() == "priv"
    assert nsw.init_project("ws/open", mode="read-only")["sys/visibility"].fetch() == "pub"
    with pytest.raises(InvalidValueError, match="visibility must be one of"):
        management.create_project("ws/nope", visibility="secret")
    assert "ws/nope" not in management.get_project_list()  # nothing made


def test_wrong_init_parameters_is_the_base_of_both_init_errors(in_tmp):
    from neptune_sys_widgets.exceptions import (
        NeptuneMissingRequiredInitParameter,
        NeptuneRunResumeAndCustomIdCollision,
        NeptuneWrongInitParametersException,
    )
    with pytest.raises(NeptuneWrongInitParametersException) as e:
        nsw.init_model(project="ws/args", with_id=None, key=None, mode="debug")
    assert isinstance(e.value, NeptuneMissingRequiredInitParameter)
    with pytest.raises(NeptuneWrongInitParametersException):
        nsw.init_model_version(project="ws/args", with_id=None, model=None, mode="debug")
    with pytest.raises(NeptuneWrongInitParametersException) as e:
        nsw.init_run(project="ws/args", with_id="X-1", custom_run_id="c", mode="debug")
    assert isinstance(e.value, NeptuneRunResumeAndCustomIdCollision)


def test_a_method_of_another_type_raises_an_attribute_error(in_tmp):
    """1.x's attribute of a string had no ``download``: TypeDoesNotSupportAttributeException,
    an AttributeError (here also an InvalidTypeError, as before)."""
    from neptune_sys_widgets.exceptions import (
        InvalidTypeError,
        TypeDoesNotSupportAttributeException,
    )
    with nsw.init_run(project="ws/types", mode="debug") as run:
        run["s"] = "foo"
        run["f"].append(1.0)
        for call in (lambda: run["s"].download(), lambda: run["f"].download_last(),
                     lambda: run["s"].fetch_hash()):
            with pytest.raises(TypeDoesNotSupportAttributeException) as e:
                call()
            assert isinstance(e.value, AttributeError) and isinstance(e.value, InvalidTypeError)


@pytest.mark.parametrize("mode", ["async", "offline"])
def test_a_run_reads_its_own_writes_at_once(in_tmp, mode):
    """A difference (README, "Differences from Neptune"): 1.x raised MetadataInconsistency
    for a fetch before the sync process sent the value (async), and
    NeptuneOfflineModeFetchException for any fetch of an offline run."""
    with nsw.init_run(project="ws/rw", mode=mode) as run:
        run["some/variable"] = 13
        run["copied/variable"] = run["some/variable"]
        assert run["some/variable"].fetch() == 13
        assert run["copied/variable"].fetch() == 13


def test_without_a_project_name_objects_go_to_the_sandbox(in_tmp, monkeypatch):
    """A difference (README, "Differences from Neptune"): 1.x raised
    NeptuneMissingProjectNameException."""
    monkeypatch.delenv("NEPTUNE_PROJECT", raising=False)
    monkeypatch.setenv("NEPTUNE_SYS_OWNER", "bob")
    from neptune_sys_widgets.objects.project import owner
    with nsw.init_project(mode="sync") as project:
        project["v"] = 1
        assert project["sys/name"].fetch() == "sandbox"
    with nsw.init_run(mode="sync") as run:
        assert run.get_url().endswith(f"#{owner()}/sandbox/{run['sys/id'].fetch()}")


def test_a_stopped_debug_objects_store_goes_with_it(in_tmp):
    """Private stores are not kept for the process's lifetime: a loop of debug runs must
    not hold every run's data until exit (polled: the background thread lets go of a
    stopped object's store on its next round)."""
    import gc
    import time
    import weakref
    run = nsw.init_run(project="ws/dbg", mode="debug")
    run["x"] = 1
    ref = weakref.ref(run.store)
    run.stop()
    del run
    deadline = time.monotonic() + 10
    while ref() is not None and time.monotonic() < deadline:
        gc.collect()
        time.sleep(0.05)
    assert ref() is None
    fresh = nsw.init_run(project="ws/dbg", mode="debug")  # a new store, empty
    assert fresh["sys/id"].fetch().endswith("-1")
    fresh.stop()


def test_a_watched_debug_store_also_goes_once_nothing_watches_it(in_tmp):
    """``run.sys`` starts the change feed's watcher of the run's store; for a private debug
    store, the watcher table lets go of it once the last binding is gone."""
    import gc
    import time
    import weakref
    run = nsw.init_run(project="ws/dbg", mode="debug")
    ns = run.sys
    assert ns.id == run.sys_id
    ref = weakref.ref(run.store)
    run.stop()
    del run, ns
    deadline = time.monotonic() + 15
    while ref() is not None and time.monotonic() < deadline:
        gc.collect()
        time.sleep(0.05)
    assert ref() is None


@pytest.mark.parametrize("flags, expected", [
    ({}, True),
    ({"capture_traceback": False, "capture_stdout": False, "capture_stderr": False,
      "capture_hardware_metrics": False}, False),
    ({"capture_traceback": False, "capture_stdout": False, "capture_stderr": False,
      "capture_hardware_metrics": True}, True),
])
def test_the_session_record_is_written_only_when_something_is_captured(in_tmp, flags,
                                                                         expected):
    """1.x wrote monitoring/<hash>/hostname|pid|tid only when a capture was on (its own
    unit test: no `monitoring` namespace with every capture off)."""
    with nsw.init_run(project="ws/mon", mode="sync", **flags) as run:
        sys_id = run["sys/id"].fetch()
    again = nsw.init_run(with_id=sys_id, project="ws/mon", mode="read-only")
    assert again.exists("monitoring") is expected


def test_a_refused_model_version_leaves_no_project_behind(in_tmp):
    """Found by tests/objects/test_fuzz_public_api.py: the missing-model errors used to
    come after the project was made."""
    from neptune_sys_widgets.exceptions import NeptuneMissingRequiredInitParameter
    store = str(in_tmp / "s.db")
    with nsw.init_run(project="ws/keep", mode="sync", store=store):
        pass
    with pytest.raises(NeptuneMissingRequiredInitParameter):
        nsw.init_model_version(project="ws/new-a", mode="sync", store=store)
    with pytest.raises(ModelNotFound):
        nsw.init_model_version(model="NEW-NONE", project="ws/new-b", mode="sync", store=store)
    names = nsw.management.get_project_list(store=store)
    assert names == ["ws/keep"]
