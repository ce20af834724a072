"""NQL (``fetch_*_table(query=...)``): every accepted spelling is run against a small real
store and compared with the runs it must match; rejected queries name the position; random
input never raises anything but NeptuneInvalidQueryException and never hangs.

The store is made once for the module (through the public API, sync mode) and passed with
``store=``: four runs, one of them left active, so the per-query cases cost milliseconds.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import NeptuneInvalidQueryException
from neptune_sys_widgets.objects import nql
from neptune_sys_widgets.objects.tables import parse_nql

P = "nql/runs"
ALL = {"alpha", "beta", "gamma-12", "delta"}


@pytest.fixture(scope="module")
def nql_store(tmp_path_factory):
    """The module's store (tests/postgres/test_postgres_nql.py: a PostgreSQL database)."""
    return str(tmp_path_factory.mktemp("nql") / "neptune.db")


@pytest.fixture
def fresh_store(tmp_path):
    """A store of the test's own."""
    return str(tmp_path / "neptune.db")


@pytest.fixture(scope="module")
def project(nql_store):
    store = nql_store
    alpha = nsw.init_run(project=P, store=store, mode="sync", name="alpha",
                         tags=["resnet", "best"])
    alpha["sys/group_tags"].add("dev")
    alpha["lr"] = 0.01
    alpha["backbone"] = "VGG"
    alpha["epochs"] = 10
    alpha["p/model"] = "x"
    alpha["key"] = 2.2
    alpha["flag"] = True
    alpha["when"] = datetime(2024, 1, 2, tzinfo=timezone.utc)
    alpha["note"] = 'He said "hi"'
    alpha["my path/with space"] = 1.5
    for v in (1.0, 0.5, 0.25):
        alpha["loss"].append(v)
    alpha.stop()

    beta = nsw.init_run(project=P, store=store, mode="sync", name="beta", tags=["vit"],
                        description="test on new data")
    beta["lr"] = "0.01"          # a string where the others have a float
    beta["backbone"] = "ResNet50"
    beta["epochs"] = 20
    beta["key"] = -3.5e-2
    beta["flag"] = False
    beta["when"] = datetime(2023, 6, 1, tzinfo=timezone.utc)
    beta["loss"] = 0.1           # an atom where the others have a series
    beta["sys/failed"] = True
    beta.stop()

    gamma = nsw.init_run(project=P, store=store, mode="sync", name="gamma-12",
                         tags=["resnet", "my tag"], custom_run_id="gamma")
    gamma["lr"] = 0.001
    gamma["epochs"] = 5
    gamma["key"] = 1e3
    for v in (0.9, 0.8):
        gamma["loss"].append(v)
    for s in ("a", "b"):
        gamma["log"].append(s)
    # gamma stays open: it is the active run

    delta = nsw.init_run(project=P, store=store, mode="sync", name="delta")
    delta.stop()

    yield nsw.init_project(P, store=store, mode="read-only")
    gamma.stop()
    from neptune_sys_widgets import feed
    from neptune_sys_widgets.store import close_all
    feed.stop_watching()
    close_all()


def names(project, query: str, **kw) -> set[str]:
    return {e["sys/name"].get() for e in project.fetch_runs_table(query=query, **kw)}


ACCEPTED: list[tuple[str, set[str]]] = [
    # tags: the spellings the 1.x docs, its client and its e2e tests write
    ('(sys/tags: stringSet CONTAINS "resnet")', {"alpha", "gamma-12"}),
    ('`sys/tags`:stringSet CONTAINS "resnet"', {"alpha", "gamma-12"}),
    ("(sys/tags: stringSet CONTAINS 'resnet')", {"alpha", "gamma-12"}),
    ("sys/tags:stringset contains resnet", {"alpha", "gamma-12"}),
    ('sys/tags CONTAINS "my tag"', {"gamma-12"}),
    ('`sys/tags`:stringSet NOT CONTAINS "resnet"', {"beta", "delta"}),
    ('NOT `sys/tags`:stringSet CONTAINS "resnet"', {"beta", "delta"}),
    ('(`sys/tags`:stringSet CONTAINS "resnet") AND (`sys/tags`:stringSet CONTAINS "best")',
     {"alpha"}),
    ('(`sys/tags`:stringSet CONTAINS "resnet") OR (`sys/tags`:stringSet CONTAINS "vit")',
     {"alpha", "beta", "gamma-12"}),
    ("(sys/group_tags: stringSet CONTAINS 'dev')", {"alpha"}),
    ('`sys/tags`:stringSet EXISTS', ALL),
    # state: both spellings, any case, typed or not
    ("(sys/state: experimentState = running)", {"gamma-12"}),
    ('(sys/state: experimentState = "idle")', {"alpha", "beta", "delta"}),
    ('`sys/state`:experimentState = "inactive"', {"alpha", "beta", "delta"}),
    ("sys/state:experimentState = Active", {"gamma-12"}),
    ("sys/state:experimentstate = ACTIVE", {"gamma-12"}),
    ("sys/state:experimentState = 'Inactive'", {"alpha", "beta", "delta"}),
    ("sys/state = running", {"gamma-12"}),
    ("sys/state != idle", {"gamma-12"}),
    ('sys/state:string = "active"', set()),  # sys/state is not a string attribute
    # strings
    ('(p/model:string = "x")', {"alpha"}),
    ("(backbone: string = VGG)", {"alpha"}),
    ("backbone:string = 'VGG'", {"alpha"}),
    ("backbone:string == VGG", {"alpha"}),
    ("backbone:string != VGG", {"beta"}),
    ("NOT backbone:string = VGG", {"beta", "gamma-12", "delta"}),
    ("backbone:string CONTAINS Net", {"beta"}),
    (r'backbone:string MATCHES "^ResNet\d+$"', {"beta"}),
    (r'backbone:string MATCHES "^ResNet\\d+$"', {"beta"}),
    ('backbone:string NOT MATCHES "^V"', {"beta", "gamma-12", "delta"}),
    ('sys/name MATCHES "a$"', {"alpha", "beta", "delta"}),
    ('`sys/name`:string = "gamma-12"', {"gamma-12"}),
    ("sys/name:string = gamma-12", {"gamma-12"}),
    ('sys/name:string > "beta"', {"gamma-12", "delta"}),
    (r'note:string = "He said \"hi\""', {"alpha"}),
    ("note:string = 'He said \"hi\"'", {"alpha"}),
    ('`sys/description`:string CONTAINS "new data"', {"beta"}),
    ('`sys/description`:string = "test on new data"', {"beta"}),
    # floats, ints, numbers of every form
    ("(key: float = 2.2)", {"alpha"}),
    ('key:float = "2.2"', {"alpha"}),
    ("key:float < 0", {"beta"}),
    ("key:float = -3.5e-2", {"beta"}),
    ("key:float >= 1e3", {"gamma-12"}),
    ("key:float = 1E+3", {"gamma-12"}),
    ("key:float > -3.6e-2", {"alpha", "beta", "gamma-12"}),
    ("key:float <= .5", {"beta"}),
    ("lr:float < 0.05", {"alpha", "gamma-12"}),      # beta's lr is a string
    ('lr:string = "0.01"', {"beta"}),
    ("lr = 0.01", {"alpha", "beta"}),                # no type: any type that fits
    ("lr:float != 0.01", {"gamma-12"}),
    ("NOT lr:float = 0.01", {"beta", "gamma-12", "delta"}),
    ("`my path/with space`:float = 1.5", {"alpha"}),
    ("epochs:int >= 10", {"alpha", "beta"}),
    ("epochs:integer = 5", {"gamma-12"}),
    ("epochs:int = 10.0", {"alpha"}),
    ("epochs:float > 1", set()),                     # ints are not floats in Neptune
    ("epochs > 6", {"alpha", "beta"}),
    ("sys/monitoring_time:int >= 0", ALL),
    ("sys/size:float > 0", ALL),
    # booleans
    ("sys/failed:bool = False", {"alpha", "gamma-12", "delta"}),
    ("sys/failed:bool = True", {"beta"}),
    ("sys/failed:boolean = true", {"beta"}),
    ('`sys/failed`:bool = "True"', {"beta"}),
    ("(`sys/trashed`:bool = false)", ALL),
    ("flag:bool = true", {"alpha"}),
    ("flag = false", {"beta"}),
    # datetimes: ISO 8601 with offsets, dates, relative times
    ('when:datetime > "2024-01-01T00:00:00Z"', {"alpha"}),
    ('when:datetime < "2024-01-01"', {"beta"}),
    ('when:datetime = "2024-01-02T00:00:00.000Z"', {"alpha"}),
    ('when:datetime > "2024-01-02T08:00:00+09"', {"alpha"}),
    ('when:datetime > "2024-01-02T10:00:00+09:00"', set()),
    ("when:datetime >= 2024-01-02T00:00:00Z", {"alpha"}),
    ('sys/creation_time:datetime > "-1d"', ALL),
    ('`sys/creation_time`:datetime < "-3M"', set()),
    ('sys/creation_time:datetime > "2000-01-01T00:00:00Z"', ALL),
    ('(`sys/ping_time`:datetime > "2000-01-01T05:00:00+09")', ALL),
    ("sys/modification_time > 2000-01-01", ALL),
    # series: aggregates of float series, string series by last value
    ("last(loss:floatSeries) < 0.3", {"alpha"}),
    ("last(`loss`:floatSeries) >= 0.8", {"gamma-12"}),
    ("LAST(loss) < 0.3", {"alpha"}),
    ("average(loss) > 0.8", {"gamma-12"}),
    ("max(loss:floatSeries) = 1", {"alpha"}),
    ("min(loss) < 0.3", {"alpha"}),
    ("variance(loss) > 0.01", {"alpha"}),
    ("loss:float < 1", {"beta"}),                    # the atom, not the series
    ("log:stringSeries = b", {"gamma-12"}),
    ('log:stringSeries CONTAINS "b"', {"gamma-12"}),
    # EXISTS
    ("backbone EXISTS", {"alpha", "beta"}),
    ("backbone:string EXISTS", {"alpha", "beta"}),
    ("backbone NOT EXISTS", {"gamma-12", "delta"}),
    ("NOT backbone exists", {"gamma-12", "delta"}),
    ("lr:float EXISTS", {"alpha", "gamma-12"}),
    ("loss:floatSeries EXISTS", {"alpha", "gamma-12"}),
    ("sys/custom_run_id:string = gamma", {"gamma-12"}),
    ("x:gitRef EXISTS", set()),                      # a Neptune type this store never has
    ('NOT x:artifact = "abc"', ALL),
    # logic: precedence, nesting, any case
    ('(sys/tags:stringSet CONTAINS "resnet") AND NOT (sys/state:experimentState = running)',
     {"alpha"}),
    ("NOT (`sys/name`:string CONTAINS gamma AND `sys/failed`:bool = False)",
     {"alpha", "beta", "delta"}),
    ("sys/name = delta OR sys/tags CONTAINS resnet AND sys/failed = true", {"delta"}),
    ("(sys/name = delta OR sys/tags CONTAINS resnet) AND sys/failed = false",
     {"alpha", "gamma-12", "delta"}),
    ("sys/name = delta or sys/name = beta", {"beta", "delta"}),
    ("not not sys/name = beta", {"beta"}),
    ("((((sys/name = alpha))))", {"alpha"}),
    ("sys/failed:bool=False and epochs:int>6", {"alpha"}),
    ("sys/failed : bool = False\n  AND\tepochs : int > 6", {"alpha"}),
    ('(sys/id:string = "NONE-1") OR (sys/name:string = "alpha")', {"alpha"}),
    # blank: no filter
    ("", ALL),
    ("   ", ALL),
    ("\n", ALL),
]


@pytest.mark.parametrize(("query", "expected"), ACCEPTED, ids=[q for q, _ in ACCEPTED])
def test_accepted_queries_match_the_expected_runs(project, query, expected):
    assert names(project, query) == expected


@pytest.mark.parametrize(("query", "expected"), ACCEPTED, ids=[q for q, _ in ACCEPTED])
def test_the_canonical_form_of_an_accepted_query_matches_the_same_runs(project, query,
                                                                       expected):
    ast = nql.parse(query)
    if ast is None:
        return
    assert names(project, str(ast)) == expected


def test_queries_combine_with_sort_limit_columns_and_the_other_tables(project):
    table = project.fetch_runs_table(query="sys/tags:stringSet CONTAINS resnet",
                                     sort_by="sys/name", ascending=True, limit=1,
                                     columns=["lr"])
    rows = table.to_rows()
    assert [r["sys/name"].get() for r in rows] == ["alpha"]
    assert rows[0]["lr"].get() == 0.01
    by_lr = project.fetch_runs_table(query="lr:float EXISTS", sort_by="sys/name")
    assert [r["sys/name"].get() for r in by_lr] == ["gamma-12", "alpha"]
    # as 1.x, the sort column's type is judged over the project: beta's lr is a string
    with pytest.warns(UserWarning, match="more than one simple data type"):
        by_lr = project.fetch_runs_table(query="lr:float EXISTS", sort_by="lr",
                                         ascending=True)
    assert [r["sys/name"].get() for r in by_lr] == ["gamma-12", "alpha"]


def test_models_and_model_versions_tables_take_queries(fresh_store):
    store = fresh_store
    model = nsw.init_model(key="CLF", project=P, store=store, mode="sync", name="clf")
    model["backbone"] = "VGG"
    other = nsw.init_model(key="OTH", project=P, store=store, mode="sync")
    other["backbone"] = "ResNet"
    v1 = nsw.init_model_version(model=model["sys/id"].fetch(), project=P, store=store,
                                mode="sync", name="name_1")
    v1["some_key"] = "some_val_1"
    v1.change_stage("production")
    v2 = nsw.init_model_version(model=model["sys/id"].fetch(), project=P, store=store,
                                mode="sync", name="name_2")
    v2["some_key"] = "some_val_2"
    proj = nsw.init_project(P, store=store, mode="read-only")
    try:
        got = proj.fetch_models_table(query="(backbone: string = VGG)").to_rows()
        assert [m["sys/id"].get() for m in got] == [model["sys/id"].fetch()]
        for val, expected in (("some_val_1", ["name_1"]), ("some_val_2", ["name_2"]),
                              ("non_existent_val", [])):
            rows = model.fetch_model_versions_table(query=f"(some_key: string = '{val}')",
                                                    sort_by="sys/name").to_rows()
            assert [r["sys/name"].get() for r in rows] == expected
        staged = model.fetch_model_versions_table(query='sys/stage:string = "production"')
        assert [r["sys/name"].get() for r in staged] == ["name_1"]
        running = model.fetch_model_versions_table(query="sys/state = Active")
        assert {r["sys/name"].get() for r in running} == {"name_1", "name_2"}
    finally:
        for o in (v1, v2, model, other):
            o.stop()
        from neptune_sys_widgets.store import open_store
        open_store(store).close()  # this test's store only: the module's stays open


REJECTED: list[tuple[str, int, str]] = [
    ("sys/failed:bool =", 17, "expected a value after '='"),
    ("(sys/failed:bool = )", 19, "expected a value after '='"),
    ("a = AND b = 1", 4, "expected a value after '='"),
    ("x:float = abc", 10, "expected a number for float"),
    ("epochs:int > ten", 13, "expected a number"),
    ("(a = 1", 6, "expected ')' to close the '(' at position 0"),
    ("a = 1)", 5, "unmatched ')'"),
    ("a = 1 b = 2", 6, "expected AND, OR or the end of the query"),
    ('a = "x" "y"', 8, "expected AND, OR"),
    ("x:strin = 1", 2, "unknown attribute type 'strin'"),
    ('"abc', 0, "unterminated string"),
    ('a = "abc', 4, "unterminated string"),
    ("a = 'abc\\'", 4, "unterminated string"),
    ("`abc = 1", 0, "unterminated `path`"),
    ("`` = 1", 0, "empty `path`"),
    ("sys/tags:stringSet = x", 19, "= does not apply to stringSet"),
    ("sys/tags > 3", 9, "> does not apply to stringSet"),
    ("x:int CONTAINS 1", 6, "CONTAINS does not apply to int"),
    ("sys/state:experimentState > running", 26, "> does not apply to experimentState"),
    ("a ! b", 2, "unexpected character '!'"),
    ("a = 1 & b = 2", 6, "expected AND, OR"),
    ('x MATCHES "("', 10, "invalid regular expression"),
    ("loss:floatSeries > 1", 0, "aggregate"),
    ("last(loss:float) > 1", 0, "takes a floatSeries"),
    ("last(loss) EXISTS", 11, "EXISTS does not apply to last()"),
    ("last(loss > 1", 10, "expected ')' after the attribute of last()"),
    ("AND a = 1", 0, "expected an attribute name or '('"),
    ("a = 1 AND", 9, "expected an attribute name or '('"),
    ("a = 1 OR OR b = 1", 9, "expected an attribute name or '('"),
    ("NOT", 3, "expected an attribute name or '('"),
    ("()", 1, "expected an attribute name or '('"),
    ("a", 1, "expected an operator"),
    ("a:string", 8, "expected an operator"),
    ("a NOT", 5, "expected an operator"),
    ("a:", 2, "expected an attribute type after ':'"),
    ("a:(", 2, "expected an attribute type after ':'"),
    ("sys/state:experimentState = foo", 28, "expected a run state"),
    ("sys/state = foo", 12, "expected a run state"),
    ("sys/failed:bool = maybe", 18, "expected true or false"),
    ('when:datetime > "yesterday"', 16, "expected an ISO 8601 datetime"),
    ('when:datetime > "2024-13-01"', 16, "expected an ISO 8601 datetime"),
    ("  sys/failed:bool =  ", 21, "expected a value after '='"),
    ("(" * 101 + "a = 1" + ")" * 101, 100, "nested deeper than 100 levels"),
]


@pytest.mark.parametrize(("query", "position", "fragment"), REJECTED,
                         ids=[q[:40] for q, _, _ in REJECTED])
def test_rejected_queries_name_the_position_and_show_a_caret(query, position, fragment):
    with pytest.raises(NeptuneInvalidQueryException) as info:
        nql.compile_query(query)
    message = str(info.value)
    assert message.startswith(f"invalid NQL at position {position}: "), message
    assert fragment in message
    assert info.value.position == position
    lines = message.split("\n")
    assert len(lines) == 3
    shown, caret = lines[1], lines[2]
    if len(query) <= 100:
        assert shown == "    " + query.replace("\n", " ").replace("\t", " ")
        assert caret == "    " + " " * position + "^"
    assert isinstance(info.value, ValueError)


def test_a_long_query_is_shown_around_the_error():
    query = " AND ".join(f"`p{i}`:float > {i}" for i in range(40)) + " AND x:float = abc"
    with pytest.raises(NeptuneInvalidQueryException) as info:
        nql.compile_query(query)
    _, shown, caret = str(info.value).split("\n")
    col = caret.index("^")
    assert shown[col:col + 3] == "abc"
    assert len(shown) < 120


def test_a_table_of_an_invalid_query_raises_when_used(project):
    # as in 1.x (tests/e2e/standard/test_fetch_tables.py, *_invalid_query_handling): the
    # call returns a table, and the error comes with the first use of it
    table = project.fetch_runs_table(query="key: float = (-_-)")
    with pytest.raises(NeptuneInvalidQueryException, match="position 13") as info:
        next(iter(table))
    assert isinstance(info.value, ValueError)
    for use in (lambda t: t.to_rows(), lambda t: t.to_pandas(), len, lambda t: list(t)):
        with pytest.raises(NeptuneInvalidQueryException, match="position 17"):
            use(project.fetch_runs_table(query="sys/failed:bool ="))
    with pytest.raises(NeptuneInvalidQueryException, match="must be a str"):
        project.fetch_runs_table(query=5)


def test_parse_nql_stays_importable_from_tables_and_takes_row_dicts():
    pred = parse_nql('(`sys/tags`:stringSet CONTAINS "a") AND (lr:float < 0.1)')
    assert pred({"sys/tags": {"a"}, "lr": 0.01})
    assert not pred({"sys/tags": {"a"}, "lr": "0.01"})   # inferred: a string
    assert not pred({"sys/tags": {"b"}, "lr": 0.01})
    assert not pred({})
    assert parse_nql("  ")({})  # blank: every row
    # with the types fetch_table attaches, a float series is not a float
    assert not pred({"sys/tags": {"a"}, "lr": 0.01, nql.TYPES: {"lr": "floatSeries"}})
    with pytest.raises(NeptuneInvalidQueryException):
        parse_nql(None)


def test_relative_datetimes_are_resolved_once_against_now():
    now = datetime(2024, 3, 31, 12, 0, tzinfo=timezone.utc)
    month = nql.compile_query('t:datetime > "-1M"', now=now)
    assert month({"t": datetime(2024, 3, 1, tzinfo=timezone.utc)})
    assert not month({"t": datetime(2024, 2, 28, tzinfo=timezone.utc)})  # 29 Feb is the edge
    hours = nql.compile_query('t:datetime >= "-2h"', now=now)
    assert hours({"t": datetime(2024, 3, 31, 10, 0, tzinfo=timezone.utc)})
    assert not hours({"t": datetime(2024, 3, 31, 9, 59, tzinfo=timezone.utc)})
    assert nql.compile_query('t:datetime > "-1y"', now=now)(
        {"t": datetime(2023, 4, 1, tzinfo=timezone.utc)})
    # sys datetimes arrive as ms ints
    assert nql.compile_query('sys/ping_time:datetime > "-5m"', now=now)(
        {"sys/ping_time": int(now.timestamp() * 1000) - 60_000})


def test_the_query_reports_what_rows_must_carry():
    q = nql.compile_query("(average(loss) > 1 OR last(acc) < 2) AND sys/name = x")
    assert q.paths == {"loss", "acc", "sys/name"}
    assert q.aggregates == {("average", "loss")}


@pytest.mark.slow
def test_predicate_evaluation_is_cheap():
    # Parsing is once per query; evaluating a 3-clause predicate over 100k rows stays well
    # under a second even on a slow CI machine.
    q = nql.compile_query('(`sys/tags`:stringSet CONTAINS "best") AND (`params/lr`:float < '
                          '0.001) OR sys/state = running')
    rows = [{"sys/tags": {"a", "best"} if i % 10 == 0 else {"a"}, "sys/state": "inactive",
             "params/lr": i / 1e6, nql.TYPES: {"params/lr": "float"}} for i in range(100_000)]
    t0 = time.perf_counter()
    n = sum(1 for r in rows if q(r))
    assert n == 100
    assert time.perf_counter() - t0 < 1.0


# ------------------------------------------------------------------------- fuzzing
try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    given = None

SAMPLE_ROWS = [
    {},
    {"sys/tags": {"a", "b"}, "sys/state": "active", "sys/creation_time": 1_700_000_000_000,
     "sys/failed": False, "sys/name": "alpha", "x": 1.5, "y": "text", "z": True,
     "w": datetime(2024, 1, 1, tzinfo=timezone.utc), "s": {"q"}, "n": 3},
    {"sys/tags": set(), "sys/state": "inactive", "x": "1.5", "y": 2, "z": None,
     nql.TYPES: {"x": "string", "y": "floatSeries"}, nql.AGGREGATES: {("max", "y"): 2.0}},
]

if given is not None:
    PIECES = ["(", ")", ":", " ", "  ", "`", '"', "'", "\\", "=", "==", "!=", ">", ">=", "<",
              "<=", "!", "AND", "and", "OR", "NOT", "not", "CONTAINS", "MATCHES", "EXISTS",
              "last", "average", "max", "min", "variance", "string", "stringSet", "float",
              "int", "integer", "bool", "boolean", "datetime", "experimentState",
              "floatSeries", "stringSeries", "gitRef", "sys/tags", "sys/state", "sys/name",
              "`a b`", "x", "y", "z", "w", "s", "n", "1", "-2.5e3", ".5", "nan", "inf",
              "true", "False", "running", "idle", "Active", '"2024-01-01T00:00:00Z"',
              '"-2h"', "-3M", '"\\d+"', '"(a|b)*"', '"["', "\n", "\t", "é", "\x00"]

    tokenish = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
    anything = st.text(max_size=200)

    def _check(query: str) -> None:
        t0 = time.perf_counter()
        try:
            q = nql.compile_query(query)
        except NeptuneInvalidQueryException as e:
            assert str(e).startswith("invalid NQL at position") or "must be a str" in str(e)
            assert 0 <= getattr(e, "position", 0) <= len(query)
            return
        finally:
            assert time.perf_counter() - t0 < 2.0
        if q is None:
            assert query.strip() == ""
            return
        for row in SAMPLE_ROWS:
            assert q(row) in (True, False)  # evaluating never raises either
        again = nql.compile_query(str(q.ast))  # the canonical form means the same
        for row in SAMPLE_ROWS:
            assert again(row) == q(row)

    @settings(max_examples=600, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(tokenish)
    def test_fuzz_token_soup_only_raises_invalid_query(query):
        _check(query)

    @settings(max_examples=400, deadline=None)
    @given(anything)
    def test_fuzz_any_text_only_raises_invalid_query(query):
        _check(query)

    paths = st.sampled_from(["x", "y", "z", "w", "s", "n", "sys/tags", "sys/state",
                             "sys/name", "sys/failed", "sys/creation_time", "`a b`"])
    types = st.sampled_from(["", ":string", ":stringSet", ":float", ":int", ":bool",
                             ": datetime", ":experimentState", ":stringSeries"])
    operators = st.sampled_from(["=", "==", "!=", ">", ">=", "<", "<=", "CONTAINS",
                                 "NOT CONTAINS", "MATCHES", "not matches"])
    values = st.one_of(st.sampled_from(["1", "-2.5e3", "true", "running", "Idle", "a",
                                        '"2024-01-01"', '"-2h"', "'q'", '"a\\"b"',
                                        '"\\d"']),
                       st.text(alphabet="abc019 .-_\\\"'", max_size=8).map(
                           lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'))
    clauses = st.one_of(
        st.tuples(paths, types, operators, values).map(lambda t: f"{t[0]}{t[1]} {t[2]} {t[3]}"),
        st.tuples(paths, types, st.sampled_from([" EXISTS", " NOT EXISTS"])).map("".join),
        st.tuples(st.sampled_from(["last", "average", "max", "min", "variance"]),
                  paths, st.sampled_from(["=", ">", "<="]), values).map(
            lambda t: f"{t[0]}({t[1]}) {t[2]} {t[3]}"))
    queries = st.recursive(clauses, lambda q: st.one_of(
        st.tuples(q, st.sampled_from([" AND ", " OR ", " and ", " or "]), q).map("".join),
        q.map(lambda x: f"({x})"), q.map(lambda x: f"NOT {x}")), max_leaves=12)

    @pytest.mark.slow
    @settings(max_examples=600, deadline=None)
    @given(queries)
    def test_fuzz_grammatical_queries_compile_or_raise_invalid_query(query):
        _check(query)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(["(", ")", "NOT ", "a = 1", " AND ", " OR "]),
                    max_size=400).map("".join))
    def test_fuzz_deep_and_long_queries_neither_recurse_nor_hang(query):
        _check(query)
else:  # pragma: no cover
    def test_fuzz_needs_hypothesis():
        pytest.skip("hypothesis is not installed")


@pytest.mark.slow
def test_very_long_flat_and_deep_not_chains_do_not_recurse():
    flat = " AND ".join(["a = 1"] * 20_000)
    assert nql.compile_query(flat)({"a": 1})
    nots = "NOT " * 5_000 + "a = 1"
    assert nql.compile_query(nots)({"a": 1})  # an even number of NOTs
