"""Issue 9 #5 and #6: one judge for every way of writing a sys field, and a registry view
that edits without attaching.

``run.sys.<trait> = v`` and ``run["sys/<path>"] = v`` must accept and refuse the same values
with the same typed error (None included: traitlets lets None past an ``allow_none`` trait's
validators), a refused value must leave the trait and the store as they were, and no
``TraitError`` may leak. Every outcome is checked against a second process's reading."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import traitlets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import NeptuneSysError
from tests.conftest import spawn_python

READER = """
import json, sys
import neptune_sys_widgets as n
for line in sys.stdin:
    r = n.init_run(with_id=line.strip(), mode="read-only")
    s = r.fetch()["sys"]
    print(json.dumps({k: sorted(v) if isinstance(v, set) else v for k, v in s.items()
                      if k in ("name", "description", "tags", "group_tags", "failed")}),
          flush=True)
    r.stop()
"""


@pytest.fixture
def reader(store_path):
    proc = spawn_python(READER, stdin=True)

    def read(sys_id: str) -> dict:
        proc.stdin.write(sys_id + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        return json.loads(line)
    yield read
    proc.stdin.close()
    proc.wait(timeout=30)


EDITABLE = {"name": "sys/name", "description": "sys/description", "tags": "sys/tags",
            "group_tags": "sys/group_tags", "failed": "sys/failed"}

text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=True),
                   text, st.binary(max_size=3))
value = st.one_of(scalar, st.lists(scalar, max_size=3), st.lists(text, max_size=3),
                  st.frozensets(text, max_size=3), st.tuples(text), st.sets(text, max_size=2))


def outcome(fn):
    try:
        fn()
    except traitlets.TraitError as e:  # the defect: a traitlets error where ours is promised
        return ("TraitError", str(e))
    except NeptuneSysError as e:
        return (type(e).__name__, None)
    return ("ok", None)


@pytest.mark.slow
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(EDITABLE)), v=value)
def test_trait_and_path_assignment_are_one_judge(store_path, reader, field, v):
    run = nsw.init_run(project="ws/judge", name="start", tags=["t"], mode="sync")
    sys_id = run["sys/id"].fetch()
    before = reader(sys_id)
    trait_before = getattr(run.sys, field)
    via_trait = outcome(lambda: setattr(run.sys, field, v))
    assert via_trait[0] != "TraitError", via_trait
    after_trait = reader(sys_id)
    if via_trait[0] != "ok":
        assert after_trait == before, f"rejected {v!r} changed the store"
        assert getattr(run.sys, field) == trait_before, f"rejected {v!r} changed the trait"
    # the same value through the path, on a twin run, meets the same judge
    twin = nsw.init_run(project="ws/judge", name="start", tags=["t"], mode="sync")
    via_path = outcome(lambda: twin.__setitem__(EDITABLE[field], v))
    if via_path[0] == "NeptuneUnsupportedType":  # noqa: SIM102 - 1.x skips, with a warning
        pass
    assert via_trait[0] == via_path[0] or (via_trait[0] != "ok" and via_path[0] != "ok"), \
        (v, via_trait, via_path)
    if via_trait[0] == "ok":
        shown = getattr(run.sys, field)
        stored = after_trait[field]
        if isinstance(shown, set):
            assert sorted(shown) == stored
        else:
            assert shown == stored
    run.stop()
    twin.stop()


@pytest.mark.parametrize("field,v", [("name", None), ("description", None), ("failed", None),
                                     ("tags", None), ("group_tags", None), ("tags", "xyz")])
def test_none_and_a_bare_string_are_refused_with_typed_errors(store_path, reader, field, v):
    run = nsw.init_run(project="ws/judge", name="start", tags=["t"])
    run.wait()
    sys_id = run["sys/id"].fetch()
    before = reader(sys_id)
    with pytest.raises(NeptuneSysError):
        setattr(run.sys, field, v)
    with pytest.raises(NeptuneSysError):
        run[EDITABLE[field]] = v
    run.wait()
    assert reader(sys_id) == before
    assert getattr(run.sys, field) is not None


def test_read_only_traits_refuse_any_value_with_a_typed_error(store_path):
    run = nsw.init_run(project="ws/judge")
    for field, v in [("state", "x"), ("state", None), ("ping_time", None), ("id", 5),
                     ("size", "big"), ("creation_time", None)]:
        with pytest.raises(NeptuneSysError):
            setattr(run.sys, field, v)
    with pytest.raises(NeptuneSysError, match="no sys field 'tag'"):
        run.sys.tag = {"typo"}  # a typo must not create a plain attribute


# ------------------------------------------------------------------ registry view (#6)
def _version_row(store_path: str, sys_id: str) -> dict:
    import sqlite3
    with sqlite3.connect(store_path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT stage, ping_time, rev, running_acc, active_since, "
                         "modification_time FROM objects WHERE id = ?", (sys_id,)).fetchone()
        attached = db.execute("SELECT count(*) FROM attachments a JOIN objects o ON "
                              "o.pk = a.object_pk WHERE o.id = ?", (sys_id,)).fetchone()[0]
    return {**dict(row), "attachments": attached}


def _registry_view(store_path):
    from neptune_sys_widgets.widgets.model_view import ModelRegistryWidget
    model = nsw.init_model(key="CLS", project="ws/reg")
    mv = nsw.init_model_version(model=model["sys/id"].fetch(), project="ws/reg")
    vid = mv["sys/id"].fetch()
    mv.stop()
    view = ModelRegistryWidget(model)
    view.send = lambda msg: replies.append(msg)
    replies: list[dict] = []
    return view, vid, replies


def test_a_rejected_stage_from_the_registry_view_changes_nothing(store_path):
    view, vid, replies = _registry_view(store_path)
    before = _version_row(store_path, vid)
    view._on_command(view, {"type": "command", "id": 1, "cmd": "change_stage",
                            "value": "prod", "target": vid}, [])
    assert replies[-1]["ok"] is False and replies[-1]["error"]["type"] == "InvalidValueError"
    assert _version_row(store_path, vid) == before


def test_an_accepted_stage_from_the_registry_view_does_not_attach(store_path):
    view, vid, replies = _registry_view(store_path)
    before = _version_row(store_path, vid)
    view._on_command(view, {"type": "command", "id": 2, "cmd": "change_stage",
                            "value": "production", "target": vid}, [])
    assert replies[-1]["ok"] is True, replies
    after = _version_row(store_path, vid)
    assert after["stage"] == "production"
    assert after["attachments"] == 0 and after["active_since"] is None
    assert after["ping_time"] == before["ping_time"]
    assert after["running_acc"] == before["running_acc"]
    assert after["rev"] > before["rev"]  # a change the feed announces
    proc = spawn_python(f"""
        import neptune_sys_widgets as n
        v = n.init_model_version(with_id={vid!r}, mode="read-only")
        print(v["sys/stage"].fetch(), v["sys/state"].fetch())
    """)
    out, err = proc.communicate(timeout=60)
    assert out.split() == ["production", "Inactive"], err


def test_the_registry_view_of_a_debug_store_looks_in_that_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEPTUNE_SYS_STORE", raising=False)
    from neptune_sys_widgets.widgets.model_view import ModelRegistryWidget
    model = nsw.init_model(key="DBG", project="ws/dbg", mode="debug")
    mv = nsw.init_model_version(model=model["sys/id"].fetch(), project="ws/dbg", mode="debug",
                                store=model.store)  # debug objects share only on purpose
    vid = mv["sys/id"].fetch()
    view = ModelRegistryWidget(model)
    replies: list[dict] = []
    view.send = replies.append
    assert [row["id"] for row in view.versions] == [vid]
    view._on_command(view, {"type": "command", "id": 3, "cmd": "change_stage",
                            "value": "staging", "target": vid}, [])
    assert replies[-1]["ok"] is True, replies
    assert mv["sys/stage"].fetch() == "staging"
    assert not Path(tmp_path, ".neptune").exists(), os.listdir(tmp_path)
    mv.stop()
    model.stop()
