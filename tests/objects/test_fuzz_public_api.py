"""Issue 9 #10: a hypothesis fuzz test of the whole public API and of the widget's command
handler.

Every call gets odd arguments (huge and negative ints, NaN/Inf, lone surrogates, control
characters, naive and far datetimes, None, bytes, unhashable and nested values, bad paths,
bad NQL) and must either be accepted or raise a ``NeptuneSysError`` (warnings are allowed:
they are the documented way 1.x reports a skipped value). For every rejected call the store
is unchanged (a fingerprint of its rows, read through a separate connection); for every
accepted write the value is read back by a second, long-lived process.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sqlite3
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import neptune_sys_widgets as nsw
from neptune_sys_widgets import exceptions as exc
from neptune_sys_widgets.exceptions import NeptuneSysError
from tests.conftest import spawn_python

# NSW_FUZZ_EXAMPLES=2000 for a long hunt; the default keeps the file well under a minute
SETTINGS = settings(max_examples=int(os.environ.get("NSW_FUZZ_EXAMPLES", "60")),
                    deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much])

# ---------------------------------------------------------------- the second process
READER = r"""
import json, math, sys, datetime as dt
import neptune_sys_widgets as n

def plain(v):
    if isinstance(v, float):
        return v if math.isfinite(v) else repr(v)
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if isinstance(v, dt.datetime):
        return round(v.timestamp() * 1000)
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (str, int, bool)) or v is None:
        return v
    return repr(v)

for line in sys.stdin:
    req = json.loads(line)
    run = n.init_run(with_id=req["id"], mode="read-only")
    out = {}
    for path in req.get("atoms", []):
        try:
            out[path] = ["ok", plain(run[path].fetch())]
        except Exception as e:
            out[path] = ["error", type(e).__name__]
    for path in req.get("series", []):
        try:
            df = run[path].fetch_values(include_timestamp=False)
            out[path] = ["ok", [[float(s), plain(v)] for s, v in zip(df["step"], df["value"])]]
        except Exception as e:
            out[path] = ["error", type(e).__name__]
    run.stop()
    print(json.dumps(out), flush=True)
"""


@pytest.fixture
def reader(store_path):
    proc = spawn_python(READER, stdin=True)

    def read(sys_id: str, atoms=(), series=()) -> dict:
        proc.stdin.write(json.dumps({"id": sys_id, "atoms": list(atoms),
                                     "series": list(series)}) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        return json.loads(line)
    yield read
    proc.stdin.close()
    proc.wait(timeout=30)


@pytest.fixture
def env(store_path, monkeypatch, reader):
    """A sync run (each accepted call is committed when it returns), a decoy run for
    management and control, and the reader."""
    monkeypatch.setenv("NEPTUNE_SYS_HEARTBEAT_INTERVAL", "3600")  # no background writes
    decoy = nsw.init_run(project="ws/fuzz", mode="sync", name="decoy")
    decoy_id = decoy["sys/id"].fetch()
    decoy.stop()
    run = nsw.init_run(project="ws/fuzz", mode="sync", name="target")
    yield {"run": run, "id": run["sys/id"].fetch(), "decoy": decoy_id, "read": reader,
           "store": store_path}
    try:
        run.stop()
    except NeptuneSysError:
        pass


# ---------------------------------------------------------------- fingerprint
_VOLATILE = {"ping_time", "rev", "last_ping"}  # heartbeats and reads may move these


def fingerprint(path: str) -> dict[str, list]:
    """Every row of every table, as text, but for liveness columns nothing else changes."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            keep = [i for i, n in enumerate(names) if n not in _VOLATILE]
            out[table] = sorted(repr([row[i] for i in keep]) for row in cur)
        return out
    finally:
        conn.close()


# ---------------------------------------------------------------- strategies
text = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)
odd_text = st.one_of(text, st.sampled_from(["", "a\ud800", "\x1f", "\x00", "a//b", "/x",
                                            "x/", "sys/name", "sys/x", "é" * 300,
                                            "x" * 1100, "\n", " "]))
huge = st.sampled_from([10**400, -10**400, 2**63, -(2**63) - 1, 2**1024, 10**20])
numbers = st.one_of(st.integers(-5, 5), huge, st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -0.0, 1e308, 5e-324, 1e12, 1e15]))
datetimes = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(
        hours=-5)), dt.timezone(dt.timedelta(hours=14))])),
    st.sampled_from([dt.datetime.min, dt.datetime.max,
                     dt.datetime.max.replace(tzinfo=dt.timezone.utc),
                     dt.datetime.min.replace(tzinfo=dt.timezone.utc)]))
scalar = st.one_of(st.none(), st.booleans(), numbers, odd_text, st.binary(max_size=3),
                   datetimes, st.sampled_from([object(), 1j, b"x", bytearray(b"x"), ...]))
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner), st.sets(st.text(max_size=3), max_size=2),
    st.dictionaries(st.one_of(odd_text, st.integers(0, 2), st.none()), inner, max_size=2)),
    max_leaves=4)
good_path = st.sampled_from(["a", "a/b", "m/loss", "m/acc", "t/s", "cfg/x", "n/1"])
path = st.one_of(good_path, good_path, odd_text, st.integers(-1, 1), st.none(),
                 st.sampled_from([("a",), ["a"], b"a", 1.5]))
step = st.one_of(st.none(), numbers, st.sampled_from(["1", None, True, 10**400, 1e12 - 1]))
timestamp = st.one_of(st.none(), numbers, datetimes, st.sampled_from(["now", True]))


# ---------------------------------------------------------------- the judge
def call(store: str, fn) -> tuple[bool, Any]:
    """Run ``fn``: (True, result) when accepted, (False, error) when refused with a
    NeptuneSysError, which must have left the store unchanged. Anything else fails."""
    before = fingerprint(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # warnings are the documented 1.x reports
        try:
            out = fn()
        except NeptuneSysError as e:
            after = fingerprint(store)
            assert after == before, f"a refused call ({type(e).__name__}: {e}) changed the store"
            return False, e
        except Exception as e:  # noqa: BLE001 - the defect this test is about
            raise AssertionError(f"untyped {type(e).__module__}.{type(e).__name__}: {e}") \
                from e
    return True, out


def plain(v: Any) -> Any:
    """What the reader prints for a value we expect to read back."""
    if isinstance(v, float):
        return v if math.isfinite(v) else repr(v)
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            v = v.astimezone()
        return round(v.timestamp() * 1000)
    return v


def roundtrips(v: Any) -> bool:
    """Values whose read-back we can predict exactly (others are checked for typing only)."""
    if isinstance(v, bool) or isinstance(v, str):
        return True
    if isinstance(v, int):
        return -(2**53) < v < 2**53
    if isinstance(v, float):
        return True
    return False


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


# ---------------------------------------------------------------- 1.x assignment and fetch
@pytest.mark.slow
@SETTINGS
@given(p=path, v=value)
def test_assignment_and_reads(env, p, v):
    run, store = env["run"], env["store"]

    def assign():
        run[p] = v
    ok, _ = call(store, assign)
    for read in (lambda: run[p].fetch(), lambda: run.exists(p), lambda: run.fetch(),
                 lambda: run.get_structure()):
        call(store, read)
    if ok and isinstance(p, str) and not p.startswith("sys") and roundtrips(v):
        got = env["read"](env["id"], atoms=[p])[p]
        assert got[0] == "ok" and same(got[1], plain(v)), (p, v, got)


@SETTINGS
@given(p=path, v=value, s=step, t=timestamp, many=st.booleans())
def test_series_append_and_extend(env, p, v, s, t, many):
    run, store = env["run"], env["store"]
    if many:
        values = v if isinstance(v, (list, tuple)) else v
        steps = None if s is None else [s] * (len(v) if isinstance(v, (list, tuple)) else 1)
        ok, _ = call(store, lambda: run[p].extend(values, steps=steps))
    else:
        ok, _ = call(store, lambda: run[p].append(v, step=s, timestamp=t))
    call(store, lambda: run[p].fetch_values())
    call(store, lambda: run[p].fetch_last())
    if ok and not many and isinstance(p, str) and isinstance(v, (int, float)) \
            and not isinstance(v, bool) and roundtrips(v) and isinstance(s, (int, float)) \
            and not isinstance(s, bool):
        got = env["read"](env["id"], series=[p])[p]
        assert got[0] == "ok", got
        # the point was stored, or (a step not after the last one) reported and dropped
        points = [(st_, val) for st_, val in got[1] if st_ == round(float(s), 6)]
        assert len(points) <= 1
        if points:
            assert same(points[0][1], plain(float(v))) or isinstance(points[0][1], str)


# ---------------------------------------------------------------- 3.x calls
metric_data = st.one_of(
    st.dictionaries(path.filter(lambda k: isinstance(k, (str, int, type(None), bytes))),
                    st.one_of(numbers, scalar), max_size=3),
    st.none(), st.integers(), st.lists(st.tuples(good_path, numbers), max_size=2), text)


@SETTINGS
@given(data=metric_data, s=step, t=timestamp)
def test_log_metrics(env, data, s, t):
    run, store = env["run"], env["store"]
    ok, _ = call(store, lambda: run.log_metrics(data, step=s, timestamp=t))
    if ok and isinstance(data, dict) and data and s is not None:
        finite = {k: v for k, v in data.items() if isinstance(k, str) and
                  isinstance(v, (int, float)) and not isinstance(v, bool) and roundtrips(v)}
        if finite:
            got = env["read"](env["id"], series=list(finite))
            for k, v in finite.items():
                assert got[k][0] == "ok", (k, got[k])
                at = [val for st_, val in got[k][1] if st_ == round(float(s), 6)]
                assert len(at) <= 1
                if at:
                    assert same(at[0], plain(float(v))), (k, v, at)


@SETTINGS
@given(data=st.one_of(st.none(), st.integers(), text,
                      st.dictionaries(path.filter(lambda k: not isinstance(k, list)), value,
                                      max_size=3)),
       flatten=st.booleans(), cast=st.booleans())
def test_log_configs(env, data, flatten, cast):
    run, store = env["run"], env["store"]
    ok, _ = call(store, lambda: run.log_configs(data, flatten=flatten, cast_unsupported=cast))
    if ok and isinstance(data, dict):
        simple = {k: v for k, v in data.items() if isinstance(k, str) and roundtrips(v)
                  and not k.startswith("sys")}
        if simple:
            got = env["read"](env["id"], atoms=list(simple))
            for k, v in simple.items():
                assert got[k][0] == "ok" and same(got[k][1], plain(v)), (k, v, got[k])


tags = st.one_of(value, st.lists(odd_text, max_size=3), st.sets(text, max_size=3))


@SETTINGS
@given(op=st.sampled_from(["add_tags", "remove_tags", "sys_add", "sys_remove"]), t=tags,
       group=st.booleans())
def test_tags(env, op, t, group):
    run, store = env["run"], env["store"]
    field = "sys/group_tags" if group else "sys/tags"
    if op in ("add_tags", "remove_tags"):
        ok, _ = call(store, lambda: getattr(run, op)(t, group_tags=group))
    else:
        handle = run[field]
        ok, _ = call(store, lambda: (handle.add if op == "sys_add" else handle.remove)(t))
    if ok:
        listed = [t] if isinstance(t, str) else list(t) if isinstance(t, (list, set,
                                                                           tuple)) else []
        got = env["read"](env["id"], atoms=[field])[field]
        assert got[0] == "ok"
        if op.endswith("add") or op == "add_tags":
            assert set(listed) <= set(got[1]), (t, got)
        else:
            assert not set(listed) & set(got[1]), (t, got)


SYS_TRAITS = ["name", "description", "tags", "group_tags", "failed", "id", "state",
              "ping_time", "stage", "owner", "creation_time", "nope"]


@pytest.mark.slow
@SETTINGS
@given(field=st.sampled_from(SYS_TRAITS), v=value, how=st.sampled_from(["trait", "path"]))
def test_sys_fields(env, field, v, how):
    run, store = env["run"], env["store"]
    if how == "trait":
        ok, _ = call(store, lambda: setattr(run.sys, field, v))
    else:
        ok, _ = call(store, lambda: run.__setitem__(f"sys/{field}", v))
    if ok and field in ("name", "description") and isinstance(v, str):
        got = env["read"](env["id"], atoms=[f"sys/{field}"])[f"sys/{field}"]
        assert got == ["ok", v]


# ---------------------------------------------------------------- objects and tables
nql = st.one_of(
    text, st.none(), st.integers(),
    st.builds(lambda a, op, v: f"`{a}`:{op}",
              st.sampled_from(["sys/name", "sys/tags", "a", "m/loss"]),
              st.sampled_from(['string MATCHES "("', 'string MATCHES "[a-"', 'float > 1e999',
                               'float > 10' + '0' * 400, 'string = "\ud800"',
                               'stringSet CONTAINS "x"', 'bool = maybe', 'float < nan',
                               'datetime > "9999-99-99"', 'int = 1' + '0' * 30,
                               'string MATCHES "a{99999999}"']),
              st.just(None)),
    st.sampled_from(["(", ")", "AND", "`x`", '`sys/name`:string = "a" AND', "NOT NOT",
                     '`sys/name`:string MATCHES "(?P<"', "\x00"]))


@SETTINGS
@given(query=nql, columns=st.one_of(st.none(), value, st.lists(path, max_size=2)),
       sort_by=st.one_of(path, st.just("sys/creation_time")), tag=st.one_of(st.none(), value),
       state=st.one_of(st.none(), value, st.sampled_from(["active", "inactive", "Active"])),
       limit=st.one_of(st.none(), st.integers(-2, 5), huge, st.floats(), text),
       ascending=st.one_of(st.booleans(), value))
def test_fetch_runs_table(env, query, columns, sort_by, tag, state, limit, ascending):
    store = env["store"]
    project = nsw.init_project("ws/fuzz", mode="read-only")
    call(store, lambda: project.fetch_runs_table(
        query=query, columns=columns, sort_by=sort_by, tag=tag, state=state, limit=limit,
        ascending=ascending).to_pandas())


init_kwargs = st.fixed_dictionaries({}, optional={
    "name": value, "description": value, "tags": value, "custom_run_id": value,
    "mode": st.one_of(value, st.sampled_from(["sync", "async", "debug", "offline",
                                              "read-only"])),
    "with_id": value, "capture_traceback": value, "fail_on_exception": value,
})
scale_kwargs = st.fixed_dictionaries({}, optional={
    "run_id": value, "experiment_name": value, "creation_time": datetimes,
    "fork_run_id": value, "fork_step": step, "mode": st.sampled_from(["async", "disabled",
                                                                     "offline", 5]),
    "log_directory": st.one_of(value, st.sampled_from(["logs", "a\x00b", "/proc/x"])),
})


@SETTINGS
@given(style=st.sampled_from(["1.x", "3.x"]), kw1=init_kwargs, kw3=scale_kwargs,
       project=st.one_of(st.just("ws/fuzz"), value))
def test_init_run_and_run_kwargs(env, style, kw1, kw3, project):
    store = env["store"]
    if style == "1.x":
        ok, obj = call(store, lambda: nsw.init_run(project=project, **kw1))
    else:
        ok, obj = call(store, lambda: nsw.Run(project=project, **kw3))
    if ok:
        check = style == "1.x" and isinstance(kw1.get("name"), str) and \
            kw1.get("mode") not in ("debug", "offline", "read-only") and \
            not kw1.get("with_id") and not kw1.get("custom_run_id")
        sys_id = obj["sys/id"].fetch() if check else None
        call(store, lambda: obj.stop() if style == "1.x" else obj.close())
        if check:
            got = env["read"](sys_id, atoms=["sys/name"])["sys/name"]
            assert got == ["ok", kw1["name"]]


@SETTINGS
@given(fn=st.sampled_from(["trash", "delete", "stop", "abort", "create"]),
       ids=st.one_of(value, st.lists(odd_text, max_size=2), st.just("DECOY")),
       project=st.one_of(st.just("ws/fuzz"), value))
def test_management_and_control(env, fn, ids, project):
    store = env["store"]
    ids = env["decoy"] if ids == "DECOY" else ids
    if fn == "trash":
        call(store, lambda: nsw.management.trash_objects(project, ids))
    elif fn == "delete":
        call(store, lambda: nsw.management.delete_objects_from_trash(project, ids))
    elif fn == "create":
        call(store, lambda: nsw.management.create_project(ids if isinstance(ids, str)
                                                          else project, key=None))
    else:  # only ever the decoy or nonsense: never a run this process is attached to
        if ids == env["id"]:
            return
        ok, out = call(store, lambda: getattr(nsw, f"request_{fn}")(ids))
        if ok:
            assert out is False  # nothing is attached to the decoy


# ------------------------------------------- the project family's id and name arguments
lone = st.builds(lambda a, b: a + "\ud8b6" + b, st.text(max_size=3), st.text(max_size=3))
ident = st.one_of(lone, value, st.sampled_from(["\ud8b6", "FUZZ-1", "FUZZ-M", "FUZZ-M-1"]))
PROJECT_FAMILY = {
    "init_run(with_id)": lambda v: nsw.init_run(with_id=v, project="ws/fuzz"),
    "init_run(with_id, read-only)": lambda v: nsw.init_run(with_id=v, mode="read-only"),
    "init_run(custom_run_id)": lambda v: nsw.init_run(custom_run_id=v, project="ws/fuzz"),
    "init_run(project)": lambda v: nsw.init_run(project=v),
    "Run(run_id)": lambda v: nsw.Run(run_id=v, project="ws/fuzz"),
    "Run(experiment_name)": lambda v: nsw.Run(experiment_name=v, project="ws/fuzz"),
    "Run(fork_run_id)": lambda v: nsw.Run(fork_run_id=v, fork_step=1, project="ws/fuzz"),
    "init_model(with_id)": lambda v: nsw.init_model(with_id=v, project="ws/fuzz"),
    "init_model(key)": lambda v: nsw.init_model(key=v, project="ws/fuzz"),
    "init_model_version(with_id)": lambda v: nsw.init_model_version(with_id=v),
    "init_model_version(model)": lambda v: nsw.init_model_version(model=v,
                                                                   project="ws/fuzz"),
    "init_project(project)": lambda v: nsw.init_project(project=v, mode="read-only"),
    "create_project(name)": lambda v: nsw.management.create_project(v),
    "trash_objects(ids)": lambda v: nsw.management.trash_objects("ws/fuzz", v),
    "request_stop(id)": lambda v: nsw.request_stop(v),
    "fetch_runs_table(id)": lambda v: nsw.init_project("ws/fuzz", mode="read-only")
    .fetch_runs_table(id=v).to_pandas(),
}


@SETTINGS
@given(which=st.sampled_from(sorted(PROJECT_FAMILY)), v=ident)
def test_project_family_ids(env, which, v):
    """Issue 24 #3: a lone surrogate (or any odd value) in an id or name argument is the
    project's typed error naming the argument, never a UnicodeEncodeError from the driver."""
    if which == "request_stop(id)" and v == env["id"]:
        return
    ok, out = call(env["store"], lambda: PROJECT_FAMILY[which](v))
    if not ok and isinstance(v, str) and "\ud8b6" in v:
        arg = which[which.index("(") + 1:-1].split(",")[0]
        assert arg.rstrip("s") in str(out) or "id" in str(out), (which, out)
    if ok and hasattr(out, "stop"):
        call(env["store"], out.stop)


@SETTINGS
@given(v=st.one_of(value, st.sampled_from([5, True, None, 1.5, object()])),
       field=st.sampled_from(["sys/tags", "sys/group_tags", "cfg/set"]))
def test_string_set_assignment(env, v, field):
    """``run[path] = StringSet(v)``: any value is accepted or a typed error."""
    from neptune_sys_widgets.types import StringSet
    run = env["run"]
    ok, _ = call(env["store"], lambda: run.__setitem__(field, StringSet(v)))
    if ok and isinstance(v, (list, set, tuple)) and field.startswith("sys/"):
        got = env["read"](env["id"], atoms=[field])[field]
        assert got[0] == "ok" and set(got[1]) == set(v)


# ---------------------------------------------------------------- the widget's commands
CMDS = ["set", "add", "remove", "change_stage", "refresh", "nope", None, 5, ["set"],
        {"set": 1}, "a\ud800"]
FIELDS = ["name", "description", "tags", "group_tags", "failed", "stage", "id", "state",
          None, 5, ["name"]]
ERROR_NAMES = {n for n in dir(exc) if isinstance(getattr(exc, n), type)
               and issubclass(getattr(exc, n), NeptuneSysError)}


@pytest.mark.slow
@SETTINGS
@given(content=st.one_of(
    value,
    st.fixed_dictionaries({"type": st.sampled_from(["command", "command", "x", None])},
                          optional={"cmd": st.sampled_from(CMDS), "field":
                                    st.one_of(st.sampled_from(FIELDS), value),
                                    "value": value, "id": value, "target": value})))
def test_widget_command_handler(env, content):
    from neptune_sys_widgets.widgets import widget_for
    run, store = env["run"], env["store"]
    w = widget_for(run)
    sent: list[dict] = []
    w.send = lambda msg, buffers=None: sent.append(msg)
    before = fingerprint(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w._on_command(w, content, [])
    assert len(sent) == 1, sent
    reply = sent[0]
    assert reply["type"] == "reply"
    if not reply["ok"]:
        assert reply["error"]["type"] in ERROR_NAMES, reply
        assert fingerprint(store) == before, reply
    json.dumps(reply, default=repr)  # the reply must be sendable
