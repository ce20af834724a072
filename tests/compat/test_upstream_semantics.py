"""Issue 20 #3: behaviour Neptune's own suites and real code check, one test per rule,
each read back from a second process where it stores something."""

from __future__ import annotations

import json
import logging

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import (
    InvalidTypeError,
    MissingFieldException,
    TypeDoesNotSupportAttributeException,
)
from neptune_sys_widgets.types import StringSet
from tests.conftest import run_python


def read_back(sys_id: str, path: str) -> list:
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        print(json.dumps(sorted(r[{path!r}].fetch()) if r.exists({path!r}) else None))
    """)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_set_operations_apply_to_string_sets_only(store_path, caplog):
    """neptune-client tests/e2e/standard/test_base.py::test_do_not_accept_non_tag_path:
    add() on an unassigned path is reported and applies nothing (fetch then raises an
    AttributeError); on a field of another type it raises AttributeError at once; on a
    path assigned a StringSet, and on sys/tags, it applies."""
    run = nsw.init_run(project="ws/sets")
    with caplog.at_level(logging.ERROR, logger="neptune_sys_widgets"):
        run["some/path"].add("word")
    assert "holds no string set" in caplog.text
    run.wait()
    with pytest.raises(AttributeError) as info:
        run["some/path"].fetch()
    assert isinstance(info.value, MissingFieldException)
    run["lr"] = 0.1
    for op in ("add", "remove", "clear"):
        with pytest.raises(TypeDoesNotSupportAttributeException, match="lr is a Float"):
            getattr(run["lr"], op)(*(["x"] if op != "clear" else []))
    run["labels"] = StringSet(["a"])
    run["labels"].add("b")
    run["labels"].remove("a")
    run["sys/tags"].add("t")
    sys_id = run["sys/id"].fetch()
    run.stop()
    assert read_back(sys_id, "labels") == ["b"]
    assert read_back(sys_id, "sys/tags") == ["t"]
    assert read_back(sys_id, "some/path") is None


def test_append_after_a_queued_assignment_is_refused_at_once(store_path):
    """1.x refused `run["x"] = 1.0; run["x"].append(2.0)` at the append, and Neptune refused
    a series (log_files, log_metrics) on a path holding a file or config: the assignment may
    still wait in the queue, yet the append must not be queued beside it (both were stored,
    one path of two types). A deleted path takes appends again."""
    run = nsw.init_run(project="ws/semantics")
    run["x"] = 1.0
    with pytest.raises(InvalidTypeError, match="x holds a single value"):
        run["x"].append(2.0)
    run.assign({"cfg": {"lr": 0.1}})
    with pytest.raises(InvalidTypeError, match="cfg/lr holds a single value"):
        run["cfg/lr"].extend([0.2])
    del run["x"]
    run["x"].append(3.0)
    sys_id = run["sys/id"].fetch()
    run.stop()
    scale = nsw.Run(project="ws/semantics", run_id="files-race")
    scale.assign_files({"img": b"\x89PNG\r\n\x1a\n"})
    with pytest.raises(InvalidTypeError, match="img holds a single value"):
        scale.log_files({"img": b"\x89PNG\r\n\x1a\n"}, step=0)
    scale.log_configs({"lr": 0.1})
    with pytest.raises(InvalidTypeError, match="lr holds a single value"):
        scale.log_metrics({"lr": 0.2, "loss": 1.0}, step=1)  # neither is logged
    scale.close()
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        import neptune_sys_widgets.query.runs as q
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        t = q.fetch_runs_table(project="ws/semantics", runs=["files-race"],
                               attributes=["img", "lr", "loss"])
        print(json.dumps([str(r["x"].field_type), r["x"].fetch_values()["value"].tolist(),
                          r["cfg/lr"].fetch(), sorted(t.columns)]))
    """)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == ["FloatSeries", [3.0], 0.1,
                                                               ["img", "lr"]]


def test_a_rejected_set_operation_reaches_on_error_callback(store_path):
    errors = []
    run = nsw.Run(project="ws/sets", on_error_callback=lambda e, ts: errors.append(e))
    run["not/a/set"].add("x")
    run.close()
    assert [type(e).__name__ for e in errors] == ["TypeDoesNotSupportAttributeException"]


def test_query_listings_leave_out_session_bookkeeping(store_path):
    """neptune-query tests/e2e/v1/runs/test_runs_list_attributes.py: a neptune-scale run
    has no monitoring/<hash>/hostname|pid|tid; this store records them for each session
    (as 1.x did), and the query API leaves them out; the user's own paths stay."""
    import neptune_sys_widgets.query as nq
    import neptune_sys_widgets.query.runs as nq_runs
    run = nsw.Run(project="ws/listing", experiment_name="exp", run_id="r1")
    run.log_configs({"monitoring/mine": "kept", "cfg/lr": 0.1})
    run.close()
    names = nq.list_attributes(project="ws/listing", experiments="exp")
    assert "monitoring/mine" in names and "cfg/lr" in names
    session = ("/hostname", "/pid", "/tid")
    assert not [n for n in names if n.startswith("monitoring/") and n.endswith(session)]
    table = nq_runs.fetch_runs_table(project="ws/listing", runs="r1", attributes=None)
    assert not [c for c in table.columns
                if c.startswith("monitoring/") and c.endswith(session)]
    sys_id = nsw.init_project("ws/listing", mode="read-only").fetch_runs_table() \
        .to_pandas()["sys/id"].iloc[0]
    fetched = nsw.init_run(with_id=sys_id, mode="read-only").fetch()
    assert [k for k in fetched["monitoring"] if len(k) == 8]  # still stored; 1.x shows it


def test_fetched_state_equals_both_spellings(store_path):
    """1.x returned "Active"; neptune-fetcher / neptune-query code compares with "active"."""
    run = nsw.init_run(project="ws/state")
    state = run["sys/state"].fetch()
    assert state == "Active" and state == "active" and state != "inactive"
    assert str(state) == "Active" and {"Active": 1}[state] == 1
    sys_id = run["sys/id"].fetch()
    run.stop()
    later = nsw.init_run(with_id=sys_id, mode="read-only")["sys/state"].fetch()
    assert later == "Inactive" and later == "inactive" and later != "Active"


@pytest.mark.slow
def test_define_pop_wait_log_and_download_last(store_path):
    """1.x's define, pop(wait=), log of a value or a list, and download_last."""
    from neptune_sys_widgets.exceptions import MetadataInconsistency
    run = nsw.init_run(project="ws/onex")
    handle = run.define("params/lr", 0.1, wait=True)
    assert handle.fetch() == 0.1
    with pytest.raises(MetadataInconsistency):
        run.define("params/lr", 0.2)
    with pytest.raises(MetadataInconsistency):
        run.define("params", 1)  # a namespace is there
    run["series"].log([1.0, 2.0])
    run["series"].log(3.0)
    from neptune_sys_widgets.exceptions import InvalidValueError
    with pytest.raises(InvalidValueError, match="takes no step"):
        run["series"].log([4.0, 5.0], step=9)  # 1.x refused a step for several values
    run["other"] = 1
    run["other"].pop(wait=True)
    run.pop("params/lr", wait=True)
    with pytest.raises(InvalidTypeError, match="download_last"):
        run["series"].download_last()  # a float series: download_last is for file series
    sys_id = run["sys/id"].fetch()
    run.stop()
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        print(json.dumps([list(r["series"].fetch_values()["value"]), r.exists("other"),
                          r.exists("params/lr")]))
    """)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [[1.0, 2.0, 3.0], False,
                                                                 False]


def test_contains_none_matches_runs_without_the_attribute(store_path):
    """neptune-query: Filter.contains_none holds for a run that lacks the attribute (it
    contains none of the values); contains_all does not."""
    import neptune_sys_widgets.query.runs as nq_runs
    from neptune_sys_widgets.query.filters import Attribute, Filter
    for run_id, labels in (("with-a", ["a"]), ("with-b", ["b"]), ("without", None)):
        run = nsw.Run(project="ws/none", run_id=run_id)
        if labels:
            run["labels"] = StringSet(labels)
        run.close()
    attr = Attribute("labels", type="string_set")
    none_of_a = nq_runs.list_runs(project="ws/none", runs=Filter.contains_none(attr, "a"))
    all_of_a = nq_runs.list_runs(project="ws/none", runs=Filter.contains_all(attr, "a"))
    assert sorted(none_of_a) == ["with-b", "without"]
    assert all_of_a == ["with-a"]


def test_projects_carry_tags_state_and_running_time(store_path):
    """As 1.x projects did: sys/tags and sys/group_tags accept edits, sys/state and
    sys/running_time are there; another process reads them."""
    project = nsw.init_project("ws/tagged")
    project["sys/tags"].add(["baseline", "q3"])
    project["sys/group_tags"].add("team-a")
    project["sys/tags"].remove("q3")
    project.stop()
    out = run_python("""
        import json, neptune_sys_widgets as n
        p = n.init_project("ws/tagged", mode="read-only")
        sys = p.get_structure()["sys"]
        print(json.dumps([sorted(p["sys/tags"].fetch()), sorted(p["sys/group_tags"].fetch()),
                          str(p["sys/state"].fetch()), p["sys/running_time"].fetch(),
                          all(k in sys for k in ("tags", "group_tags", "state",
                                                 "running_time", "ping_time"))]))
    """)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [
        ["baseline"], ["team-a"], "Inactive", 0.0, True]


def test_trashing_a_model_trashes_its_versions(store_path):
    """As 1.x's trash did: a model's versions go with it, out of the tables; another
    process sees them trashed."""
    model = nsw.init_model(project="ws/trash", key="CLS")
    model_id = model["sys/id"].fetch()
    model.stop()
    for _ in range(2):
        nsw.init_model_version(model=model_id, project="ws/trash").stop()
    other = nsw.init_model(project="ws/trash", key="DET")
    other_id = other["sys/id"].fetch()
    other.stop()
    nsw.init_model_version(model=other_id, project="ws/trash").stop()
    nsw.management.trash_objects("ws/trash", model_id)
    out = run_python(f"""
        import json, neptune_sys_widgets as n
        p = n.init_project("ws/trash", mode="read-only")
        m = n.init_model(with_id={model_id!r}, mode="read-only")
        v = n.init_model_version(with_id={model_id + "-1"!r}, mode="read-only")
        print(json.dumps([len(m.fetch_model_versions_table().to_pandas()),
                          v["sys/trashed"].fetch(),
                          sorted(p.fetch_models_table().to_pandas()["sys/id"])]))
    """)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [0, True, ["TRAS-DET"]]


def test_async_lag_callback_is_called_past_its_threshold(store_path):
    """neptune-scale's contract: with async_lag_threshold, on_async_lag_callback is called
    when stored data waited longer than the threshold (creation, then a later write);
    with a threshold no write reaches, never. An error in it is logged, not raised."""
    import threading
    called = threading.Event()
    run = nsw.Run(project="ws/lag", async_lag_threshold=0.000001,
                  on_async_lag_callback=called.set)
    assert called.wait(10)  # after the creation
    called.clear()
    run.log_configs({"parameters/lr": 0.001})
    assert called.wait(10)  # after the write reached the store
    run.close()
    never = threading.Event()
    calm = nsw.Run(project="ws/lag", async_lag_threshold=3600,
                   on_async_lag_callback=never.set)
    calm.log_configs({"a": 1})
    calm.close()
    assert not never.is_set()
    broken = nsw.Run(project="ws/lag", async_lag_threshold=0.000001,
                     on_async_lag_callback=lambda: 1 / 0)
    broken.log_metrics({"m": 1.0}, step=1)
    broken.close()  # the callback's error is logged; the run closes normally


def test_tables_see_what_this_process_queued(store_path):
    """A project's table read from another object sees a value just assigned to an open
    run (1.x read through its backend; nothing queued here is hidden from a read)."""
    project = nsw.init_project("ws/seen")
    run = nsw.init_run(project="ws/seen", tags=["t"])
    run["some_random_val"] = 0.25
    df = project.fetch_runs_table(state="active").to_pandas()
    assert df["some_random_val"].tolist() == [0.25]
    run.stop()
    project.stop()


def test_dict_assign_checks_what_each_path_holds(store_path):
    """A dict assignment reads what its paths hold once for all of them (not twice per
    path); the type rules are the same as for one path: a series is not overwritten by an
    atom, a string not by a number, and nothing of a refused dict is stored."""
    from neptune_sys_widgets.exceptions import MetadataInconsistency
    run = nsw.init_run(project="ws/dictassign")
    run["cfg/loss"].append(1.0)
    run["cfg/name"] = "resnet"
    run.wait()
    with pytest.raises(InvalidTypeError, match="cfg/loss is a series"):
        run["cfg"] = {"a": 1, "b": 2, "loss": 3.0}
    with pytest.raises(MetadataInconsistency, match="cfg/name"):
        run["cfg"] = {"a": 1, "b": 2, "name": 4}
    run["cfg"] = {"a": 1, "b": 2.5, "name": "vit", "c": True}
    sys_id = run["sys/id"].fetch()
    run.stop()
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        cfg = r["cfg"].fetch()
        cfg.pop("loss", None)
        print(json.dumps(cfg, sort_keys=True))
    """)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == \
        {"a": 1, "b": 2.5, "c": True, "name": "vit"}


def test_datetimes_as_each_api_returns_them(store_path):
    """A naive datetime is local time: in a process on New York time, 1.x's fetch() gives
    it back aware in UTC to the millisecond (neptune-client 1.14's e2e expectation), a 1.x
    table naive UTC, and neptune-query aware UTC; another process on UTC agrees."""
    proc = run_python("""
        import datetime, json, neptune_sys_widgets as n
        run = n.init_run(project="ws/dates")
        now = datetime.datetime(2024, 7, 1, 9, 30, 15, 123456)   # naive: New York time
        run["when"] = now
        run.wait()
        got = run["when"].fetch()
        assert got == datetime.datetime(2024, 7, 1, 13, 30, 15, 123000,
                                        tzinfo=datetime.timezone.utc), got
        print(run["sys/id"].fetch())
        run.stop()
    """, TZ="America/New_York")
    sys_id = proc.stdout.strip().splitlines()[-1]
    out = run_python(f"""
        import neptune_sys_widgets as n
        import neptune_sys_widgets.query.runs as nq_runs
        table = n.init_project(project="ws/dates", mode="read-only").fetch_runs_table()
        frame = table.to_pandas()
        print(frame.loc[frame["sys/id"] == {sys_id!r}, "when"].iloc[0].isoformat())
        q = nq_runs.fetch_runs_table(project="ws/dates", attributes=["when"])
        print(q.iloc[0, 0].isoformat())
    """, TZ="UTC").stdout.split()
    assert out[-2:] == ["2024-07-01T13:30:15.123000", "2024-07-01T13:30:15.123000+00:00"]


def test_a_1x_run_without_a_custom_id_has_no_sys_custom_run_id(store_path):
    """As in 1.x: a run made without a custom id has no sys/custom_run_id, so a second
    process's fetch() raises MissingFieldException (the migration tools of neptune-ai's
    examples fall back to sys/id on it), exists() is false and get_structure() leaves it
    out; a run with one reads it back."""
    nsw.init_run(project="ws/cid", mode="sync").stop()
    nsw.init_run(project="ws/cid", mode="sync", custom_run_id="given").stop()
    out = run_python(f"""
        import json, neptune_sys_widgets as n
        from neptune_sys_widgets.exceptions import MissingFieldException
        seen = []
        for sys_id in ("CID-1", "CID-2"):
            r = n.init_run(with_id=sys_id, project="ws/cid", mode="read-only",
                           store={store_path!r})
            try:
                value = r["sys/custom_run_id"].fetch()
            except MissingFieldException:
                value = "missing"
            seen.append([value, r.exists("sys/custom_run_id"),
                         "custom_run_id" in r.get_structure()["sys"]])
        print(json.dumps(seen))
    """).stdout.strip().splitlines()[-1]
    assert json.loads(out) == [["missing", False, False], ["given", True, True]]
