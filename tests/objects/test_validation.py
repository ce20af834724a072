"""Every rule of docs/SYS_FIELDS.md §1-§7 that user input can break raises a typed error that
names the object, the path and the rule, and nothing of the rejected call reaches the store.

"Nothing reached the store" is checked twice after every rejected call: through the API
(``obj.fetch()`` and the relevant series, after ``wait()``) and in the store file itself
(every user-data table read over a separate read-only SQLite connection; only heartbeat
bookkeeping - ping times, revisions, running-time accumulators, attachments - may move).
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import catalog, management
from neptune_sys_widgets.exceptions import (
    InactiveModelException,
    InactiveModelVersionException,
    InactiveProjectException,
    InactiveRunException,
    InvalidTypeError,
    InvalidValueError,
    MissingFieldException,
    ModelNotFound,
    NeedExistingModelForReadOnlyMode,
    NeedExistingModelVersionForReadOnlyMode,
    NeedExistingRunForReadOnlyMode,
    NeptuneCannotChangeStageManually,
    NeptuneMissingRequiredInitParameter,
    NeptuneModelKeyAlreadyExistsError,
    NeptuneRunResumeAndCustomIdCollision,
    NeptuneSeriesStepNotAfterForkPoint,
    NeptuneSysError,
    NotFoundError,
    ReadOnlyAttributeError,
    ReadOnlyModeError,
    RunNotFound,
)
from neptune_sys_widgets.objects import StringSet
from tests.conftest import run_python

P = "ws/val"
VOLATILE_SYS = ("ping_time", "running_time", "monitoring_time", "state")
# objects columns that heartbeats and attachments move; everything else is user data.
VOLATILE_COLUMNS = {"ping_time", "rev", "running_acc", "active_since"}


# --------------------------------------------------------------------------- helpers
def store_dump(path: str) -> dict:
    """Every user-visible row of the store file, read over a separate connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict = {}
        cur = conn.execute("SELECT * FROM objects ORDER BY pk")
        names = [d[0] for d in cur.description]
        out["objects"] = [{k: v for k, v in zip(names, row, strict=True)
                           if k not in VOLATILE_COLUMNS} for row in cur]
        for table in ("projects", "attributes", "string_sets", "series", "series_chunks"):
            out[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        out["requests"] = conn.execute("SELECT object_pk, kind, delivered_at FROM requests "
                                       "ORDER BY pk").fetchall()
        return out
    finally:
        conn.close()


def api_view(obj, series: tuple[str, ...]) -> dict:
    obj.wait()
    data = obj.fetch()
    for key in VOLATILE_SYS:
        data["sys"].pop(key, None)
    view = {"fetch": data}
    for path in series:
        try:
            df = obj[path].fetch_values(include_timestamp=False)
            view[path] = list(zip(df["step"], df["value"], strict=True))
        except MissingFieldException:
            view[path] = "missing"
    return view


@contextmanager
def nothing_applied(store_path: str, obj=None, series: tuple[str, ...] = ()):
    """The block must leave the store (and ``obj`` as read through the API) unchanged."""
    before_api = api_view(obj, series) if obj is not None else None
    before = store_dump(store_path)
    yield
    if obj is not None:
        assert api_view(obj, series) == before_api
    assert store_dump(store_path) == before


def rejects(store_path: str, action: Callable[[], object], error: type[BaseException],
            *fragments: str, obj=None, series: tuple[str, ...] = ()) -> BaseException:
    """``action`` raises ``error`` whose message contains every fragment, and changes
    nothing. Returns the exception for further checks."""
    with nothing_applied(store_path, obj, series), pytest.raises(error) as info:
        action()
    assert isinstance(info.value, NeptuneSysError), "errors derive from one base class"
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from the message: {message}"
    return info.value


def count_objects(store_path: str, kind: str) -> int:
    return sum(1 for o in store_dump(store_path)["objects"] if o["kind"] == kind)


@pytest.fixture(params=["async", "sync"])
def run(request, store_path):
    """A run with tags, group tags, an attribute and metrics at steps 1-3."""
    r = nsw.init_run(project=P, mode=request.param, tags=["keep"], name="base")
    r["sys/group_tags"].add("group-keep")
    r["params/lr"] = 0.1
    for step in (1, 2, 3):
        r.log_metrics({"m": float(step), "train/loss": 1.0 / step}, step=step)
    r.wait()
    yield r
    r.stop()


@pytest.fixture
def model(store_path):
    m = nsw.init_model(project=P, key="MOD", mode="sync")
    yield m
    m.stop()


@pytest.fixture
def version(store_path, model):
    v = nsw.init_model_version(project=P, model=model["sys/id"].fetch())
    v.wait()
    yield v
    v.stop()


# ----------------------------------------------------------------------- tags (§3)
TAG_CASES = {
    "non-str element in a list": (lambda r: r["sys/tags"].add(["fresh", 5]),
                                  InvalidTypeError, ["sys/tags", "5", "str"]),
    "None element": (lambda r: r["sys/tags"].add(["fresh", None]), TypeError,
                     ["sys/tags", "None"]),
    "bytes element": (lambda r: r["sys/tags"].add(["fresh", b"x"]), TypeError,
                      ["sys/tags", "bytes"]),
    "empty tag": (lambda r: r["sys/tags"].add(["fresh", ""]), InvalidValueError,
                  ["sys/tags", "empty"]),
    "tag over 1024 chars": (lambda r: r["sys/tags"].add(["fresh", "x" * 1025]),
                            InvalidValueError, ["sys/tags", "1025", "1024"]),
    "newline": (lambda r: r["sys/tags"].add(["fresh", "a\nb"]), InvalidValueError,
                ["sys/tags", "control"]),
    "NUL": (lambda r: r["sys/tags"].add("a\x00b"), ValueError, ["sys/tags", "control"]),
    "tab": (lambda r: r["sys/tags"].add({"fresh", "a\tb"}), ValueError, ["control"]),
    "DEL": (lambda r: r["sys/tags"].add(("fresh", "a\x7f")), ValueError, ["control"]),
    "bare int": (lambda r: r["sys/tags"].add(5), InvalidTypeError, ["sys/tags", "int"]),
    "generator": (lambda r: r["sys/tags"].add(t for t in ["fresh"]), TypeError,
                  ["sys/tags", "generator"]),
    "bare bytes": (lambda r: r["sys/tags"].add(b"fresh"), TypeError, ["sys/tags"]),
    "dict": (lambda r: r["sys/tags"].add({"fresh": 1}), TypeError, ["sys/tags", "dict"]),
    "remove with a bad element": (lambda r: r["sys/tags"].remove(["keep", 5]), TypeError,
                                  ["sys/tags", "5"]),
    "assign a list with a bad element": (lambda r: r.__setitem__("sys/tags", ["fresh", 5]),
                                         TypeError, ["sys/tags", "5"]),
    "assign a StringSet with a bad element": (
        lambda r: r.__setitem__("sys/tags", StringSet(["fresh", ""])), ValueError,
        ["sys/tags", "empty"]),
    "assign a bare str": (lambda r: r.__setitem__("sys/tags", "fresh"), TypeError,
                          ["sys/tags"]),
    "group tags": (lambda r: r["sys/group_tags"].add(["fresh", ""]), ValueError,
                   ["sys/group_tags", "empty"]),
    "add_tags with a bare str": (lambda r: r.add_tags("fresh"), TypeError,
                                 ["sys/tags", "str"]),
    "add_tags group with a bad element": (lambda r: r.add_tags(["fresh", 1], group_tags=True),
                                          TypeError, ["sys/group_tags", "1"]),
    "remove_tags with a bad element": (lambda r: r.remove_tags(["keep", None]), TypeError,
                                       ["sys/tags"]),
    "log_configs with bad tags and a good config": (
        lambda r: r.log_configs({"params/fresh": 1, "sys/tags": ["fresh", 3]}), TypeError,
        ["sys/tags", "3"]),
    "log with bad tags_add": (lambda r: r.log(tags_add={"sys/tags": ["fresh", ""]}),
                              ValueError, ["sys/tags"]),
}


@pytest.mark.parametrize("case", TAG_CASES, ids=list(TAG_CASES))
def test_bad_tags_are_rejected_and_nothing_is_applied(store_path, run, case):
    action, error, fragments = TAG_CASES[case]
    rejects(store_path, lambda: action(run), error, run._sys_id, *fragments, obj=run)
    assert run["sys/tags"].fetch() == {"keep"}
    assert run["sys/group_tags"].fetch() == {"group-keep"}


def test_tag_limits_are_inclusive(store_path, run):
    longest = "x" * catalog.TAG_MAX_CHARS
    run["sys/tags"].add([longest, "ünïcode ✓", "with space"], wait=True)
    assert run["sys/tags"].fetch() == {"keep", longest, "ünïcode ✓", "with space"}


def test_init_run_with_bad_tags_creates_no_run(store_path):
    nsw.init_run(project=P, mode="sync").stop()
    for tags, error in ((["a", 5], TypeError), (["a", ""], ValueError), (5, TypeError),
                        ((t for t in "ab"), TypeError), (["a\nb"], ValueError)):
        rejects(store_path, lambda tags=tags: nsw.init_run(project=P, tags=tags), error,
                "tags")
    assert count_objects(store_path, "run") == 1


def test_init_run_tags_on_resume_add_never_replace(store_path):
    first = nsw.init_run(project=P, custom_run_id="resumable", tags=["a"])
    sys_id = first["sys/id"].fetch()
    first.stop()
    again = nsw.init_run(project=P, with_id=sys_id, tags=["b"])
    assert again["sys/tags"].fetch() == {"a", "b"}
    again.stop()
    by_custom = nsw.init_run(project=P, custom_run_id="resumable", tags="c")
    assert by_custom["sys/id"].fetch() == sys_id
    assert by_custom["sys/tags"].fetch() == {"a", "b", "c"}
    by_custom.stop()
    scale = nsw.Run("resumable", project=P, tags=["d"])
    assert scale["sys/tags"].fetch() == {"a", "b", "c", "d"}
    scale.stop()
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(project={P!r}, with_id={sys_id!r}, tags=["e"])
        r.stop()
    """)
    untouched = nsw.init_run(project=P, with_id=sys_id)  # no tags= leaves them alone
    assert untouched["sys/tags"].fetch() == {"a", "b", "c", "d", "e"}
    untouched.stop()
    # A bad tag on resume is rejected before the run is touched (it stays inactive).
    rejects(store_path, lambda: nsw.init_run(project=P, with_id=sys_id, tags=["f", ""]),
            ValueError, "sys/tags")
    ro = nsw.init_run(project=P, with_id=sys_id, mode="read-only")
    assert ro["sys/state"].fetch() == "Inactive"
    assert ro["sys/tags"].fetch() == {"a", "b", "c", "d", "e"}


# ------------------------------------------------------- name, description, failed (§2)
STRING_FIELD_CASES = {
    "name over 16384 chars": (lambda r: r.__setitem__("sys/name", "n" * 16385),
                              InvalidValueError, ["sys/name", "16385", "16384"]),
    "name via log_configs": (lambda r: r.log_configs({"params/x": 1, "sys/name": "n" * 16385}),
                             InvalidValueError, ["sys/name", "16384"]),
    "name via namespace dict": (lambda r: r.__setitem__("sys", {"description": "ok",
                                                                "name": "n" * 16385}),
                                InvalidValueError, ["sys/name", "16384"]),
    "name not a str": (lambda r: r.__setitem__("sys/name", 5), InvalidTypeError,
                       ["sys/name", "str", "int"]),
    "name None": (lambda r: r["sys/name"].assign(None), TypeError, ["sys/name"]),
    "description over 16384 chars": (lambda r: r.__setitem__("sys/description", "d" * 16385),
                                     InvalidValueError, ["sys/description", "16384"]),
    "description not a str": (lambda r: r.log_configs({"sys/description": 1.5}),
                              InvalidTypeError, ["sys/description", "str"]),
    "failed as str": (lambda r: r.__setitem__("sys/failed", "true"), InvalidTypeError,
                      ["sys/failed", "bool"]),
    "failed as int": (lambda r: r.__setitem__("sys/failed", 1), InvalidTypeError,
                      ["sys/failed", "bool"]),
    "failed as None": (lambda r: r.__setitem__("sys/failed", None), InvalidTypeError,
                       ["sys/failed", "bool"]),
    "string-set op on a string": (lambda r: r["sys/name"].add("x"), TypeError, ["sys/name"]),
}


@pytest.mark.parametrize("case", STRING_FIELD_CASES, ids=list(STRING_FIELD_CASES))
def test_bad_name_description_failed_are_rejected(store_path, run, case):
    action, error, fragments = STRING_FIELD_CASES[case]
    rejects(store_path, lambda: action(run), error, run._sys_id, *fragments, obj=run)
    assert run["sys/name"].fetch() == "base"
    assert run["sys/failed"].fetch() is False


def test_name_limits_warn_above_190_and_accept_16384(store_path, run):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run["sys/name"] = "n" * 190
    with pytest.warns(UserWarning, match="sys/name.*190"):
        run["sys/name"] = "n" * 191
    run.wait()
    assert run["sys/name"].fetch() == "n" * 191  # warned, not rejected
    with pytest.warns(UserWarning):
        run["sys/name"] = "n" * 16384
    run["sys/description"] = "d" * 16384
    run["sys/failed"] = True
    run.wait()
    assert len(run["sys/name"].fetch()) == 16384
    assert len(run["sys/description"].fetch()) == 16384
    assert run["sys/failed"].fetch() is True


def test_bad_name_or_description_at_creation_creates_nothing(store_path, model):
    model_id = model["sys/id"].fetch()
    long = "n" * 16385
    rejects(store_path, lambda: nsw.init_run(project=P, name=long), InvalidValueError,
            "sys/name", "16384")
    rejects(store_path, lambda: nsw.init_run(project=P, description=long), InvalidValueError,
            "sys/description")
    rejects(store_path, lambda: nsw.Run(project=P, name=3), InvalidTypeError, "sys/name")
    rejects(store_path, lambda: nsw.init_model(project=P, key="NEW", name=long),
            InvalidValueError, "sys/name")
    rejects(store_path, lambda: nsw.init_model_version(project=P, model=model_id, name=long),
            InvalidValueError, "sys/name")
    # Opening an existing object with a bad name= must not even attach to it.
    rejects(store_path, lambda: nsw.init_model(project=P, with_id=model_id, name=long),
            InvalidValueError, model_id, "sys/name")
    model.stop()
    rejects(store_path, lambda: nsw.init_model(project=P, with_id=model_id, name=long),
            InvalidValueError, model_id, "sys/name")
    ro = nsw.init_model(project=P, with_id=model_id, mode="read-only")
    assert ro["sys/state"].fetch() == "Inactive"
    assert count_objects(store_path, "run") == 0


# ---------------------------------------------------------------------- stage (§2)
INVALID_STAGES = ["Staging", "PRODUCTION", "prod", "", " none", "none ", "deleted", None, 1,
                  ["staging"]]


@pytest.mark.parametrize("stage", INVALID_STAGES, ids=[repr(s) for s in INVALID_STAGES])
def test_change_stage_rejects_invalid_values_listing_the_valid_ones(store_path, version,
                                                                    stage):
    error = rejects(store_path, lambda: version.change_stage(stage), ValueError,
                    version._sys_id, "sys/stage", repr(stage), obj=version)
    assert isinstance(error, InvalidValueError)
    assert all(s in str(error) for s in catalog.STAGES)
    assert version["sys/stage"].fetch() == "none"


def test_stage_cannot_be_assigned_directly(store_path, version):
    for action in (lambda: version.__setitem__("sys/stage", "production"),
                   lambda: version["sys/stage"].assign("staging"),
                   lambda: version.__setitem__("sys", {"stage": "archived"}),
                   lambda: version.__delitem__("sys/stage"),
                   lambda: version["sys/stage"].add("production")):
        error = rejects(store_path, action, NeptuneCannotChangeStageManually,
                        version._sys_id, "sys/stage", "change_stage", obj=version)
        assert isinstance(error, ReadOnlyAttributeError)
    for stage in catalog.STAGES[1:] + catalog.STAGES[:1]:
        version.change_stage(stage)
        assert version["sys/stage"].fetch() == stage


# ----------------------------------------------------------------- custom run id (§1)
BAD_CUSTOM_IDS = {
    "empty": ("", "empty"),
    "731 ascii bytes": ("a" * 731, "730"),
    "732 utf-8 bytes in 366 chars": ("é" * 366, "730"),
    "slash": ("team/run", "'/'"),
}


# An empty NEPTUNE_CUSTOM_RUN_ID means "not set", so the env spelling skips the empty id.
CUSTOM_ID_CASES = [(case, spelling) for case in BAD_CUSTOM_IDS
                   for spelling in ("custom_run_id", "run_id", "env")
                   if BAD_CUSTOM_IDS[case][0] or spelling != "env"]


@pytest.mark.parametrize(("case", "spelling"), CUSTOM_ID_CASES,
                         ids=[f"{c}-{s}" for c, s in CUSTOM_ID_CASES])
def test_invalid_custom_run_id_raises_and_creates_nothing(store_path, monkeypatch, case,
                                                          spelling):
    value, fragment = BAD_CUSTOM_IDS[case]
    if spelling == "custom_run_id":
        action = lambda: nsw.init_run(project=P, custom_run_id=value)  # noqa: E731
    elif spelling == "run_id":
        action = lambda: nsw.Run(value, project=P)  # noqa: E731
    else:
        monkeypatch.setenv("NEPTUNE_CUSTOM_RUN_ID", value)
        action = lambda: nsw.init_run(project=P)  # noqa: E731
    arg = "run_id" if spelling == "run_id" else "custom_run_id"
    nsw.init_project(P)  # the project exists: its row is not what we compare
    rejects(store_path, action, InvalidValueError, arg, fragment)
    assert count_objects(store_path, "run") == 0


def test_custom_run_id_limits_are_inclusive(store_path):
    for value in ("a" * 730, "é" * 365, "x"):
        r = nsw.init_run(project=P, custom_run_id=value)
        assert r["sys/custom_run_id"].fetch() == value
        r.stop()


def test_custom_run_id_type_and_collision_with_with_id(store_path):
    existing = nsw.init_run(project=P, custom_run_id="taken")
    sys_id = existing["sys/id"].fetch()
    existing.stop()
    rejects(store_path, lambda: nsw.init_run(project=P, custom_run_id=5), InvalidTypeError,
            "custom_run_id", "str")
    error = rejects(store_path, lambda: nsw.init_run(project=P, with_id=sys_id,
                                                     custom_run_id="taken"),
                    NeptuneRunResumeAndCustomIdCollision, "with_id", "custom_run_id")
    assert isinstance(error, ValueError)
    rejects(store_path, lambda: nsw.Run("other", project=P, custom_run_id="taken"),
            InvalidValueError, "run_id", "custom_run_id")
    rejects(store_path, lambda: nsw.init_run(project=P, with_id=f"{sys_id}0"), RunNotFound,
            f"{sys_id}0")
    assert count_objects(store_path, "run") == 1


# ------------------------------------------------------------------- model keys (§1)
BAD_KEYS = ["abc", "", "12345", "ABCDEFGHIJK", "A-B", "A B", "ÄB", 5]


@pytest.mark.parametrize("key", BAD_KEYS, ids=[repr(k) for k in BAD_KEYS])
def test_invalid_model_key_raises_and_creates_nothing(store_path, key):
    nsw.init_project(P)
    error = rejects(store_path, lambda: nsw.init_model(project=P, key=key), InvalidValueError,
                    "model key", repr(key), "uppercase")
    assert isinstance(error, ValueError)
    assert count_objects(store_path, "model") == 0


def test_model_key_limits_and_uniqueness(store_path):
    for key in ("A", "ABCDEFGHIJ", "M1", "9X"):
        nsw.init_model(project=P, key=key).stop()
    error = rejects(store_path, lambda: nsw.init_model(project=P, key="M1"),
                    NeptuneModelKeyAlreadyExistsError, "'M1'", "VAL-M1")
    assert "M1" in str(error)
    # A trashed model still owns its key.
    management.trash_objects(P, "VAL-M1")
    trashed = nsw.init_model(project=P, with_id="VAL-M1", mode="read-only")
    assert trashed["sys/trashed"].fetch() is True
    rejects(store_path, lambda: nsw.init_model(project=P, key="M1"),
            NeptuneModelKeyAlreadyExistsError, "M1", "trashed")
    # ... and the key is per project: another project may use it.
    other = nsw.init_model(project="ws/other", key="M1")
    assert other["sys/id"].fetch().endswith("-M1")
    other.stop()


def test_model_and_version_need_their_required_arguments(store_path, model):
    model_id = model["sys/id"].fetch()
    rejects(store_path, lambda: nsw.init_model(project=P), NeptuneMissingRequiredInitParameter,
            "key")
    rejects(store_path, lambda: nsw.init_model_version(project=P),
            NeptuneMissingRequiredInitParameter, "model")
    for unknown in ("VAL-NOPE", "NOPE", model_id + "-1", "run-id"):
        error = rejects(store_path, lambda u=unknown: nsw.init_model_version(project=P,
                                                                             model=u),
                        ModelNotFound, repr(unknown))
        assert isinstance(error, NotFoundError)
    rejects(store_path, lambda: nsw.init_model_version(project=P, model=5), InvalidTypeError,
            "model")
    # The rejected calls consumed no version number.
    v = nsw.init_model_version(project=P, model=model_id)
    assert v["sys/id"].fetch() == f"{model_id}-1"
    v.stop()


# -------------------------------------------------------------------- read-only mode (§4)
def test_read_only_mode_rejects_every_write(store_path, run, version):
    run.wait()
    run_ro = nsw.init_run(project=P, with_id=run._sys_id, mode="read-only")
    version_ro = nsw.init_model_version(project=P, with_id=version._sys_id, mode="read-only")
    model_ro = nsw.init_model(project=P, with_id=version["sys/model_id"].fetch(),
                              mode="read-only")
    project_ro = nsw.init_project(P, mode="read-only")
    writes = {
        run_ro: [lambda o: o.__setitem__("params/x", 1),
                 lambda o: o.__setitem__("sys/name", "new"),
                 lambda o: o.__setitem__("sys/failed", True),
                 lambda o: o["sys/tags"].add("x"), lambda o: o["sys/tags"].remove("keep"),
                 lambda o: o["sys/tags"].clear(), lambda o: o.__delitem__("params/lr"),
                 lambda o: o.log_metrics({"m": 4.0}, step=4),
                 lambda o: o["m"].append(4.0, step=4),
                 lambda o: o["m"].extend([4.0], steps=[4]),
                 lambda o: o.log_configs({"params/x": 1}),
                 lambda o: o.add_tags(["x"]), lambda o: o.remove_tags(["keep"]),
                 lambda o: o.log(metrics={"m": 4.0}, step=4)],
        version_ro: [lambda o: o.change_stage("production"),
                     lambda o: o.__setitem__("sys/description", "x"),
                     lambda o: o["sys/tags"].add("x")],
        model_ro: [lambda o: o.__setitem__("sys/name", "x"),
                   lambda o: o["sys/group_tags"].add("x")],
        project_ro: [lambda o: o.__setitem__("sys/name", "x"),
                     lambda o: o.__setitem__("notes", "x")],
    }
    for obj, actions in writes.items():
        for action in actions:
            rejects(store_path, lambda a=action, o=obj: a(o), ReadOnlyModeError,
                    obj._sys_id if obj is not project_ro else P, "read-only")
        assert obj.fetch()  # reading still works
    # Read-only handles never attach.
    run.stop()
    assert run_ro["sys/state"].fetch() == "Inactive"
    assert version_ro["sys/state"].fetch() == "Active"  # the fixture's own handle
    version.stop()
    assert version_ro["sys/state"].fetch() == "Inactive"


def test_read_only_mode_needs_an_existing_object(store_path, model):
    model_id = model["sys/id"].fetch()
    cases = [
        (lambda: nsw.init_run(project=P, mode="read-only"), NeedExistingRunForReadOnlyMode),
        (lambda: nsw.init_run(project=P, custom_run_id="nope", mode="read-only"),
         NeedExistingRunForReadOnlyMode),
        (lambda: nsw.Run("nope", project=P, mode="read-only"), NeedExistingRunForReadOnlyMode),
        (lambda: nsw.init_model(project=P, key="NEWKEY", mode="read-only"),
         NeedExistingModelForReadOnlyMode),
        (lambda: nsw.init_model_version(project=P, model=model_id, mode="read-only"),
         NeedExistingModelVersionForReadOnlyMode),
    ]
    for action, error in cases:
        e = rejects(store_path, action, error, "read-only", "with_id")
        assert isinstance(e, NeedExistingRunForReadOnlyMode) and isinstance(e, ValueError)
    assert count_objects(store_path, "run") == 0


# ---------------------------------------------------------------- use after stop (§4)
def test_use_after_stop_raises_the_kinds_inactive_error(store_path, model):
    run = nsw.init_run(project=P)
    version = nsw.init_model_version(project=P, model=model["sys/id"].fetch())
    project = nsw.init_project(P)
    for obj in (run, model, version, project):
        obj.stop()
    uses = {
        run: (InactiveRunException, [
            lambda o: o["sys/name"].fetch(), lambda o: o.fetch(),
            lambda o: o.__setitem__("x", 1), lambda o: o["sys/tags"].add("x"),
            lambda o: o.log_metrics({"m": 1.0}, step=1), lambda o: o["m"].append(1.0),
            lambda o: o.log_configs({"x": 1}), lambda o: o.exists("x"),
            lambda o: o.get_structure()]),
        model: (InactiveModelException, [
            lambda o: o["sys/name"].fetch(), lambda o: o.__setitem__("sys/name", "x"),
            lambda o: o.fetch_model_versions_table()]),
        version: (InactiveModelVersionException, [
            lambda o: o.change_stage("production"), lambda o: o["sys/stage"].fetch(),
            lambda o: o["sys/tags"].add("x")]),
        project: (InactiveProjectException, [
            lambda o: o["sys/name"].fetch(), lambda o: o.__setitem__("x", 1),
            lambda o: o.fetch_runs_table(), lambda o: o.fetch_models_table()]),
    }
    for obj, (error, actions) in uses.items():
        for action in actions:
            e = rejects(store_path, lambda a=action, o=obj: a(o), error, "stopped")
            assert isinstance(e, InactiveRunException)
    run.stop()  # stopping twice is harmless


# ---------------------------------------------------------------- missing paths (§3)
def test_missing_path_raises_missing_field_exception(store_path, run, model):
    reads = [
        (run, lambda: run["nope"].fetch(), "nope"),
        (run, lambda: run["sys/nope"].fetch(), "sys/nope"),
        (run, lambda: run["params/nope"].fetch(), "params/nope"),
        (run, lambda: run["nope"].fetch_last(), "nope"),
        (run, lambda: run["nope"].fetch_values(), "nope"),
        (run, lambda: run["sys/stage"].fetch(), "sys/stage"),  # not a field of runs
        (model, lambda: model["sys/failed"].fetch(), "sys/failed"),
    ]
    for obj, read, path in reads:
        for catch in (MissingFieldException, KeyError, AttributeError):
            with pytest.raises(catch) as info:
                read()
            assert isinstance(info.value, MissingFieldException)
            assert path in str(info.value) and obj._sys_id in str(info.value)
    assert not run.exists("nope") and run.exists("params/lr") and run.exists("m")
    assert issubclass(MissingFieldException, KeyError)
    assert issubclass(MissingFieldException, AttributeError)


# ------------------------------------------------------------ attributes and paths (§3)
ATTRIBUTE_CASES = {
    "int over 64 bits": (lambda r: r.__setitem__("params/x", 2**63), InvalidValueError,
                         ["params/x", "64 bits"]),
    "empty path": (lambda r: r.__setitem__("", 1), InvalidValueError, ["''"]),
    "leading slash": (lambda r: r.__setitem__("/x", 1), InvalidValueError, ["'/x'"]),
    "double slash": (lambda r: r.__setitem__("a//b", 1), InvalidValueError, ["'a//b'"]),
    "non-str path": (lambda r: r.__setitem__(5, 1), InvalidTypeError, ["path"]),
    "assign to a series": (lambda r: r.__setitem__("m", 1.0), InvalidTypeError, ["m", "series"]),
    "append to an atom": (lambda r: r["params/lr"].append(1.0), InvalidTypeError,
                          ["params/lr", "single value"]),
    "extend with mismatched steps": (lambda r: r["m"].extend([4.0, 5.0], steps=[4]),
                                     InvalidValueError, ["m", "steps"]),
    "log_configs with a non-mapping": (lambda r: r.log_configs([("a", 1)]), InvalidTypeError,
                                       ["mapping"]),
}


@pytest.mark.parametrize("case", ATTRIBUTE_CASES, ids=list(ATTRIBUTE_CASES))
def test_bad_attribute_writes_are_rejected(store_path, run, case):
    action, error, fragments = ATTRIBUTE_CASES[case]
    rejects(store_path, lambda: action(run), error, run._sys_id, *fragments, obj=run,
            series=("m",))


@pytest.mark.parametrize("value", [object(), None, ("hi", 1)], ids=["object", "None", "tuple"])
def test_unsupported_values_warn_and_are_skipped_as_in_1x(store_path, run, value):
    from neptune_sys_widgets.exceptions import NeptuneUnsupportedType
    with nothing_applied(store_path, run, ("m",)):
        with pytest.warns(NeptuneUnsupportedType, match="params/x") as caught:
            run["params/x"] = value
        assert caught[0].filename == __file__  # points at the user's line
        with pytest.warns(NeptuneUnsupportedType, match="m"):
            run["m"].append(value)
    run["params"] = {"x": value, "ok": 1}  # the rest of a namespace is still assigned
    run.wait()
    assert run["params/ok"].fetch() == 1 and not run.exists("params/x")


# ----------------------------------------------------------------- metrics (§3)
METRIC_CASES = {
    "negative step": (lambda r: r.log_metrics({"fresh": 1.0}, step=-1), InvalidValueError,
                      ["step", "-1"]),
    "step not a number": (lambda r: r.log_metrics({"fresh": 1.0}, step="4"), InvalidTypeError,
                          ["step"]),
    "dict: an editable sys path among good values": (
        lambda r: r.log_metrics({"fresh": 1.0, "sys/failed": 1.0}, step=4),
        InvalidTypeError, ["sys/failed", "not a series"]),
    "dict: a read-only sys path among good values": (
        lambda r: r.log_metrics({"fresh": 1.0, "sys/size": 1.0}, step=4),
        ReadOnlyAttributeError, ["sys/size"]),
    "append to an editable sys path": (lambda r: r["sys/name"].append("x"), InvalidTypeError,
                                       ["sys/name", "not a series"]),
    "append to a new sys path": (lambda r: r["sys/loss"].append(1.0), ReadOnlyAttributeError,
                                 ["sys/loss"]),
}


@pytest.mark.parametrize("case", METRIC_CASES, ids=list(METRIC_CASES))
def test_bad_metric_points_are_rejected_and_none_are_logged(store_path, run, case):
    action, error, fragments = METRIC_CASES[case]
    e = rejects(store_path, lambda: action(run), error, run._sys_id, *fragments, obj=run,
                series=("m", "fresh", "other", "train/fresh", "train/b", "train/loss"))
    assert isinstance(e, (ValueError, TypeError, AttributeError))
    run.log_metrics({"m": 4.0}, step=4)  # the series is still usable afterwards
    run.wait()
    assert run["m"].fetch_last() == 4.0


def test_repeated_step_with_the_same_value_is_ignored(store_path, run):
    with nothing_applied(store_path, run, series=("m",)):
        run.log_metrics({"m": 3.0}, step=3)
        run.log_metrics({"m": 3.0}, step=3.0000004)  # the same step at 6-decimal precision
    run.log_metrics({"m": 3.0, "fresh": 1.0}, step=3)  # the repeated point alone is skipped
    run.wait()
    assert list(run["m"].fetch_values()["step"]) == [1.0, 2.0, 3.0]
    assert list(run["fresh"].fetch_values()["step"]) == [3.0]


def test_append_of_a_dict_with_good_values_logs_all(store_path, run):
    run["train"].append({"acc": 0.5, "loss": 1.0, "nested": {"x": 2.0}}, step=4)
    run.wait()
    assert run["train/acc"].fetch_last() == 0.5
    assert run["train/nested/x"].fetch_last() == 2.0
    assert list(run["train/loss"].fetch_values()["step"]) == [1.0, 2.0, 3.0, 4.0]


# -------------------------------------------------------------------- forks (§6)
def test_fork_arguments_go_together(store_path):
    base = nsw.Run("base", project=P)
    base.stop()
    for kwargs in ({"fork_run_id": "base"}, {"fork_step": 2}):
        rejects(store_path, lambda kw=kwargs: nsw.Run("child", project=P, **kw),
                InvalidValueError, "fork_run_id", "fork_step")
    rejects(store_path, lambda: nsw.Run("child", project=P, fork_run_id="base", fork_step=-1),
            InvalidValueError, "fork_step", "-1")
    rejects(store_path, lambda: nsw.Run("child", project=P, fork_run_id="a/b", fork_step=1),
            InvalidValueError, "fork_run_id", "'/'")
    assert count_objects(store_path, "run") == 1


def test_fork_child_points_before_the_fork_step_are_reported_not_raised(store_path):
    base = nsw.Run("base", project=P)
    for step in (1, 2, 3):
        base.log_metrics({"m": float(step)}, step=step)
    base.stop()
    seen: list[BaseException] = []
    child = nsw.Run("child", project=P, fork_run_id="base", fork_step=2,
                    on_error_callback=lambda e, last: seen.append(e))
    child.wait()
    for metrics, step in (({"m": 9.0}, 1), ({"new": 1.0, "m": 9.0}, 1.5)):
        with nothing_applied(store_path, child, ("m", "new")):
            child.log_metrics(metrics, step=step)
    with nothing_applied(store_path, child, ("m",)):
        child["m"].append(1.0, step=1)
    assert len(seen) == 4 and all(isinstance(e, NeptuneSeriesStepNotAfterForkPoint)
                                  for e in seen)
    assert all(child._sys_id in str(e) and "fork step" in str(e) for e in seen)
    # at the fork step itself the child may log, and its point wins in lineage reads
    child.log_metrics({"m": 20.0}, step=2)
    child.log_metrics({"m": 2.5, "new": 1.0}, step=2.5)
    child.wait()
    values = child["m"].fetch_values()
    assert list(values["step"]) == [1.0, 2.0, 2.5]
    assert list(values["value"]) == [1.0, 20.0, 2.5]
    assert list(child["m"].fetch_values(include_inherited=False)["step"]) == [2.0, 2.5]
    child.stop()


# --------------------------------------------------------------------- tables (§7)
TABLE_CASES = {
    "query with tag": (lambda p, m: p.fetch_runs_table(query='`sys/name`:string = "x"',
                                                       tag="a"), ["query", "tag"]),
    "query with state": (lambda p, m: p.fetch_runs_table(query='`sys/failed`:bool = true',
                                                         state="active"), ["query"]),
    "query with id": (lambda p, m: p.fetch_runs_table(query='`sys/failed`:bool = true',
                                                      id=["VAL-1"]), ["query"]),
    "query with owner": (lambda p, m: p.fetch_runs_table(query='`sys/failed`:bool = true',
                                                         owner="me"), ["query"]),
    "bad state": (lambda p, m: p.fetch_runs_table(state="running"), ["running"]),
    "one bad state among good": (lambda p, m: p.fetch_runs_table(state=["active", "idle"]),
                                 ["idle"]),
    "limit 0": (lambda p, m: p.fetch_runs_table(limit=0), ["limit", "0"]),
    "limit -5": (lambda p, m: p.fetch_runs_table(limit=-5), ["limit", "-5"]),
    "limit not an int": (lambda p, m: p.fetch_runs_table(limit=2.5), ["limit", "2.5"]),
    "unknown sort column": (lambda p, m: p.fetch_runs_table(sort_by="params/nope"),
                            ["params/nope"]),
    "unknown sys sort column": (lambda p, m: p.fetch_runs_table(sort_by="sys/nope"),
                                ["sys/nope"]),
    "unknown sort column with a query": (
        lambda p, m: p.fetch_runs_table(query='`sys/failed`:bool = false', sort_by="zzz"),
        ["zzz"]),
    "models: limit 0": (lambda p, m: p.fetch_models_table(limit=0), ["limit", "0"]),
    "models: unknown sort column": (lambda p, m: p.fetch_models_table(sort_by="nope"),
                                    ["nope"]),
    "versions: unknown sort column": (lambda p, m: m.fetch_model_versions_table(
        sort_by="nope"), ["nope"]),
    "versions: limit -1": (lambda p, m: m.fetch_model_versions_table(limit=-1), ["-1"]),
}


@pytest.mark.parametrize("case", TABLE_CASES, ids=list(TABLE_CASES))
def test_bad_table_arguments_raise_value_error_naming_the_value(store_path, model, case):
    run = nsw.init_run(project=P, tags=["a"])
    run.wait()
    nsw.init_model_version(project=P, model=model["sys/id"].fetch()).stop()
    project = nsw.init_project(P)
    action, fragments = TABLE_CASES[case]
    rejects(store_path, lambda: action(project, model), ValueError, *fragments)
    run.stop()


def test_table_state_filter_accepts_any_case(store_path):
    run = nsw.init_run(project=P)
    run.wait()
    project = nsw.init_project(P)
    for state in ("active", "ACTIVE", "Active"):
        assert [e["sys/id"].get() for e in project.fetch_runs_table(state=state)] == \
            [run._sys_id]
    assert len(project.fetch_runs_table(state="Inactive")) == 0
    run.stop()


# ---------------------------------------------------------------- datetimes (§3)
def test_datetimes_are_stored_with_ms_precision_and_fetched_tz_aware(store_path):
    utc = datetime(2024, 5, 6, 7, 8, 9, 123987, tzinfo=timezone.utc)
    plus2 = datetime(2024, 5, 6, 9, 8, 9, 5999, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2024, 5, 6, 7, 8, 9, 456789)
    run = nsw.Run(project=P, creation_time=utc)
    run["when/utc"] = utc
    run["when/plus2"] = plus2
    run["when/naive"] = naive
    run.wait()
    assert run["when/utc"].fetch() == utc.replace(microsecond=123000)
    assert run["when/plus2"].fetch() == datetime(2024, 5, 6, 7, 8, 9, 5000, tzinfo=timezone.utc)
    assert run["when/naive"].fetch() == naive.replace(microsecond=456000).astimezone()
    assert run["sys/creation_time"].fetch() == utc.replace(microsecond=123000)
    for path in ("when/utc", "when/plus2", "when/naive", "sys/creation_time",
                 "sys/modification_time", "sys/ping_time"):
        value = run[path].fetch()
        assert value.tzinfo is not None and value.utcoffset() == timedelta(0), path
        assert value.microsecond % 1000 == 0, path
    sys_id = run._sys_id
    run.stop()
    child = run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(project={P!r}, with_id={sys_id!r}, mode="read-only")
        print(r["when/utc"].fetch().isoformat())
    """)
    assert child.stdout.strip() == "2024-05-06T07:08:09.123000+00:00"
    rejects(store_path, lambda: nsw.Run(project=P, creation_time="2024-05-06"),
            InvalidTypeError, "creation_time")


# ------------------------------------------------------- projects, modes, experiments
def test_project_mode_and_experiment_arguments_are_validated(store_path):
    nsw.init_project(P)
    for project in ("a/b/c", "ws/", "/name", "ws/na:me", "ws/na#me"):
        rejects(store_path, lambda p=project: nsw.init_run(project=p), InvalidValueError,
                repr(project), "workspace/name")
    for key in ("bad", "1234", "TOOLONGKEYXX"):
        rejects(store_path, lambda k=key: management.create_project("ws/newproj", key=k),
                InvalidValueError, repr(key), "key")
    rejects(store_path, lambda: management.create_project("ws/clash", key="VAL"),
            InvalidValueError, "'VAL'", "already")
    rejects(store_path, lambda: nsw.init_run(project=P, mode="fast"), InvalidValueError,
            "'fast'", "read-only")
    rejects(store_path, lambda: nsw.Run(project=P, experiment_name=""), InvalidValueError,
            "experiment_name")
    with pytest.raises(TypeError, match="not_an_argument"):
        nsw.init_run(project=P, not_an_argument=1)
    assert count_objects(store_path, "run") == 0
    assert management.get_project_list() == [P]


def test_every_error_derives_from_one_base_class():
    from neptune_sys_widgets import exceptions
    classes = [c for c in vars(exceptions).values()
               if isinstance(c, type) and issubclass(c, Exception)
               and not issubclass(c, Warning)]
    assert len(classes) > 20
    assert all(issubclass(c, exceptions.NeptuneSysError) for c in classes)


@pytest.mark.parametrize("key", ["a//b", "", "/x", "x/", "p" * 1025])
def test_log_metrics_paths_are_judged_like_every_path(store_path, key):
    """Issue 9 #7: these paths could never be read back."""
    run = nsw.Run(project=P)
    with nothing_applied(store_path, run, ()), pytest.raises(InvalidValueError):
        run.log_metrics({key: 1.0, "ok": 2.0}, step=1)
    run.close()


@pytest.mark.slow
def test_a_unit_separator_in_a_string_series_is_refused(store_path):
    """Issue 9 #4: values are joined by U+001F in the store's chunks."""
    run = nsw.init_run(project=P)
    run["notes"].append("fine")
    with pytest.raises(InvalidValueError, match="U\\+001F"):
        run["notes"].append("a\x1fb")
    run.wait()
    assert list(run["notes"].fetch_values()["value"]) == ["fine"]
    run.stop()


def test_a_handle_is_not_iterable(store_path):
    """``"x" in run["ns"]`` and ``for leaf in run["ns"]`` raise TypeError at once (they
    used to call ``handle[0]``, ``handle[1]``, ... without end)."""
    run = nsw.init_run(project="ws/iter", mode="debug")
    run["params/lr"] = 0.1
    with pytest.raises(TypeError):
        "lr" in run["params"]  # noqa: B015
    with pytest.raises(TypeError, match="not iterable"):
        list(run["params"])
    leaf = run.get_structure()["params"]["lr"]
    with pytest.raises(TypeError):
        "x" in leaf  # noqa: B015
    assert leaf.fetch() == 0.1
    run.stop()
