"""The neptune-query read API (``neptune_sys_widgets.query`` and ``.query.runs``) on a real
store: every documented argument changes the result as neptune-query documents, or raises."""

from __future__ import annotations

import inspect
import warnings
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets import Run, init_run
from neptune_sys_widgets.exceptions import ProjectNotFound
from neptune_sys_widgets.query.exceptions import (
    AttributeTypeInferenceError,
    ConflictingAttributeTypes,
)
from neptune_sys_widgets.query.filters import Attribute, AttributeFilter, Filter
from neptune_sys_widgets.query.warnings import AttributeWarning

P = "ws/query"
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def project(store_path):
    """swim: base (loss 0..9, acc 0..9) forked at 4 by swim-fork (loss 5..7, now the head);
    fly: one run; lone: a run in no experiment; plus a 1.x run without a custom id."""
    base = Run(run_id="base", experiment_name="swim", project=P,
               creation_time=T0)
    for s in range(10):
        base.log_metrics({"loss": 1 / (s + 1), "acc": s / 10}, step=s,
                         timestamp=T0 + timedelta(seconds=s))
    base.log_configs({"lr": 0.1, "bs": 32, "opt": "adam", "flag": True,
                      "when": T0, "labels": ["x", "y"]})
    base.add_tags(["t1", "t2"])
    base.log_string_series({"log/msg": "m0"}, step=0)
    base.log_string_series({"log/msg": "m1"}, step=1)
    base.close()
    fork = Run(run_id="swim-fork", experiment_name="swim", project=P,
               fork_run_id="base", fork_step=4, creation_time=T0 + timedelta(hours=1))
    for s in range(5, 8):
        fork.log_metrics({"loss": s / 10}, step=s, timestamp=T0 + timedelta(seconds=100 + s))
    fork.log_string_series({"log/msg": "m5"}, step=5)
    fork.close()
    fly = Run(run_id="fly-1", experiment_name="fly", project=P,
              creation_time=T0 + timedelta(hours=2))
    fly.log_configs({"lr": 0.01, "bs": 64, "opt": "sgd"})
    fly.log_metrics({"loss": 5.0}, step=0)
    fly.add_tags(["t1"])
    fly.close()
    lone = Run(run_id="lone", project=P, creation_time=T0 + timedelta(hours=3))
    lone.log_configs({"lr": 0.5})
    lone.close()
    old = init_run(project=P, mode="sync")
    old["lr"] = 1.0
    old.stop()
    return P


# ------------------------------------------------------------------- signatures
FUNCTIONS = [nq.list_experiments, nq.list_attributes, nq.fetch_experiments_table,
             nq.fetch_metrics, nq.fetch_series, nq_runs.list_runs, nq_runs.list_attributes,
             nq_runs.fetch_runs_table, nq_runs.fetch_metrics, nq_runs.fetch_series]


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_keyword_only_and_unknown_kwargs_raise(fn, project):
    params = inspect.signature(fn).parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    with pytest.raises(TypeError):
        fn("swim", project=P)
    with pytest.raises(TypeError, match="bogus"):
        fn(project=P, bogus=1)


def test_signatures_and_defaults_follow_neptune_query():
    sig = inspect.signature(nq.fetch_experiments_table).parameters
    assert sig["attributes"].default == []
    assert sig["sort_by"].default == Attribute("sys/creation_time", type="datetime")
    assert sig["sort_direction"].default == "desc"
    assert sig["limit"].default is None
    m = inspect.signature(nq.fetch_metrics).parameters
    assert m["experiments"].default is inspect.Parameter.empty  # required
    assert m["attributes"].default is inspect.Parameter.empty
    assert m["step_range"].default == (None, None)
    assert m["lineage_to_the_root"].default is True
    assert m["include_time"].default is None and m["tail_limit"].default is None
    assert set(inspect.signature(nq_runs.fetch_metrics).parameters) == set(m) - {
        "experiments"} | {"runs"}


def test_unimplemented_functions_raise(project):
    assert nq.download_files(files=[]).empty  # (tests/query/test_query_files.py downloads)
    assert list(nq_runs.download_files(files=[]).index.names) == ["run", "step"]
    assert not hasattr(nq, "fetch_experiments_table_global")
    nq.set_api_token("token")  # no server: accepted, nothing to authenticate
    with pytest.raises(TypeError):
        nq.set_api_token(1)


def test_unknown_project_raises(project):
    with pytest.raises(ProjectNotFound):
        nq.list_experiments(project="ws/none")


# -------------------------------------------------------------------- selectors
def test_list_experiments_heads_sorted_and_regex(project):
    assert nq.list_experiments(project=P) == ["fly", "swim"]
    assert nq.list_experiments(project=P, experiments="wim") == ["swim"]  # re.search
    assert nq.list_experiments(project=P, experiments="^wim") == []
    assert nq.list_experiments(project=P, experiments="fly|swim") == ["fly", "swim"]
    assert nq.list_experiments(project=P, experiments="^fl | ^sw") == ["fly", "swim"]
    assert nq.list_experiments(project=P, experiments="i & !^f") == ["swim"]
    assert nq.list_experiments(project=P, experiments="!fly") == ["swim"]
    assert nq.list_experiments(project=P, experiments=["swim", "nope"]) == ["swim"]
    assert nq.list_experiments(project=P, experiments=["wim"]) == []  # exact names
    assert nq.list_experiments(project=P, experiments=Filter.name("^s")) == ["swim"]
    assert nq.list_experiments(project=P, experiments=Filter.name(["fly"])) == ["fly"]


@pytest.mark.parametrize("bad", [[], ("swim",), 3, {"swim"}, [1]])
def test_bad_selectors_raise(project, bad):
    with pytest.raises(ValueError, match="experiments"):
        nq.list_experiments(project=P, experiments=bad)
    with pytest.raises(ValueError, match="runs"):
        nq_runs.list_runs(project=P, runs=bad)


def test_bad_regex_raises(project):
    with pytest.raises(ValueError, match="regular expression"):
        nq.list_experiments(project=P, experiments="(")


def test_list_runs(project):
    old_id = nq_runs.list_runs(project=P, runs="^QUER")
    assert len(old_id) == 1  # a run created without a custom id is labelled by its sys/id
    assert nq_runs.list_runs(project=P) == sorted(["base", "swim-fork", "fly-1", "lone",
                                                   *old_id])
    assert nq_runs.list_runs(project=P, runs="^swim-|^base$") == ["base", "swim-fork"]
    assert nq_runs.list_runs(project=P, runs=old_id) == old_id
    assert nq_runs.list_runs(project=P, runs=Filter.eq("sys/experiment/name", "swim")) == [
        "base", "swim-fork"]
    assert nq_runs.list_runs(project=P, runs=Filter.name("^swim$")) == [
        "base", "swim-fork"]  # runs API: sys/name


# ---------------------------------------------------------------------- filters
def test_value_filters(project):
    def exps(f):
        return nq.list_experiments(project=P, experiments=f)

    assert exps(Filter.eq("lr", 0.1)) == ["swim"]
    assert exps(Filter.ne("lr", 0.1)) == ["fly"]
    assert exps(Filter.gt("lr", 0.01)) == ["swim"]
    assert exps(Filter.ge("lr", 0.01)) == ["fly", "swim"]
    assert exps(Filter.lt("lr", 0.1)) == ["fly"]
    assert exps(Filter.le("lr", 0.1)) == ["fly", "swim"]
    assert exps(Filter.lt("loss", 1.0)) == ["swim"]  # a series: its last value (0.7)
    assert exps(Filter.matches("opt", "^ad")) == ["swim"]
    assert exps(Filter.matches("opt", "!^ad")) == ["fly"]
    assert exps(Filter.contains_all("sys/tags", ["t1", "t2"])) == ["swim"]
    assert exps(Filter.contains_all("sys/tags", "t1")) == ["fly", "swim"]
    assert exps(Filter.contains_none("sys/tags", "t2")) == ["fly"]
    assert exps(Filter.contains_all("opt", "gd")) == ["fly"]  # substring of a string
    assert exps(Filter.contains_all("labels", "x")) == ["swim"]  # user string set
    assert exps(Filter.exists("flag")) == ["swim"]
    assert exps(Filter.eq("flag", True)) == ["swim"]
    assert exps(Filter.gt("sys/creation_time", T0 + timedelta(minutes=90))) == ["fly"]
    assert exps(Filter.eq("when", T0)) == ["swim"]
    assert exps(Filter.eq("sys/forking/depth", 1)) == ["swim"]
    assert exps(Filter.gt("lr", 0.001) & Filter.matches("opt", "sgd")) == ["fly"]
    assert exps(Filter.eq("opt", "sgd") | Filter.eq("opt", "adam")) == ["fly", "swim"]
    assert exps(~Filter.eq("opt", "sgd")) == ["swim"]
    assert exps(~Filter.exists("flag")) == ["fly"]


def test_filter_types_and_inference(project):
    def exps(f):
        return nq.list_experiments(project=P, experiments=f)

    assert exps(Filter.eq(Attribute("bs", type="int"), 64)) == ["fly"]
    assert exps(Filter.eq(Attribute("bs", type="float"), 64)) == []  # no float bs
    assert exps(Filter.gt(Attribute("loss", type="float_series"), 1)) == ["fly"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert exps(Filter.eq("missing", "x")) == []
    assert any(issubclass(w.category, AttributeWarning) for w in caught)
    r = Run(run_id="odd", project=P)
    r.log_configs({"lr": "high"})  # lr is now both float and string in the project
    r.close()
    with pytest.raises(AttributeTypeInferenceError, match="lr"):
        exps(Filter.eq("lr", 0.1))
    assert exps(Filter.eq(Attribute("lr", type="float"), 0.1)) == ["swim"]


def test_filter_construction_errors():
    with pytest.raises(TypeError):
        Filter.eq("a", [1])
    with pytest.raises(ValueError, match="type"):
        Attribute("a", type="number")
    with pytest.raises(ValueError, match="type"):
        AttributeFilter(name="a", type="number")
    with pytest.raises(ValueError, match="contains_all"):
        Filter.contains_all("sys/tags", [])
    with pytest.raises(ValueError):
        AttributeFilter(name=3)
    assert str(Filter.eq(Attribute("lr", type="float"), 0.1)) == '`lr`:float == "0.1"'
    assert str(Filter.exists("a") & ~Filter.eq("b", "x")) == \
        '(`a` EXISTS) AND (NOT (`b` == "x"))'


def test_filter_operator_type_errors(project):
    with pytest.raises(ValueError, match="MATCHES"):
        nq.list_experiments(project=P, experiments=Filter.matches("lr", "1"))
    with pytest.raises(ValueError, match="number"):
        nq.list_experiments(project=P, experiments=Filter.lt("lr", "abc"))
    with pytest.raises(ValueError, match="string_set"):
        nq.list_experiments(project=P, experiments=Filter.eq("sys/tags", "t1"))


# ------------------------------------------------------------------ attributes
def test_list_attributes(project):
    names = nq.list_attributes(project=P, experiments="swim")
    assert names == sorted(names) and "sys/creation_time" in names and "lr" in names
    assert nq.list_attributes(project=P, experiments="swim",
                              attributes=AttributeFilter(type="float_series")) == ["loss"]
    assert nq.list_attributes(project=P, attributes="^(lr|opt)$") == ["lr", "opt"]
    assert nq.list_attributes(project=P, attributes=["bs", "nope"]) == ["bs"]
    assert nq.list_attributes(project=P, experiments="fly", attributes="^l") == ["loss", "lr"]
    assert nq_runs.list_attributes(project=P, runs=["base"], attributes="^(acc|log/)") == [
        "acc", "log/msg"]
    assert nq.list_attributes(
        project=P, attributes=AttributeFilter(name="^lr$") | AttributeFilter(type="bool",
                                                                             name="^f")) == [
        "flag", "lr"]


# ----------------------------------------------------------------------- tables
def test_table_default_has_no_columns_newest_first(project):
    df = nq.fetch_experiments_table(project=P)
    assert df.index.name == "experiment" and df.columns.name == "attribute"
    assert list(df.index) == ["fly", "swim"] and list(df.columns) == []
    df = nq_runs.fetch_runs_table(project=P)
    assert df.index.name == "run"
    assert list(df.index)[1:] == ["lone", "fly-1", "swim-fork", "base"]


def test_table_values_and_columns(project):
    df = nq.fetch_experiments_table(project=P, attributes=None, type_suffix_in_column_names=True)
    assert list(df.columns) == sorted(df.columns)
    assert "sys/creation_time:datetime" in df.columns and "loss:float_series" in df.columns
    df = nq.fetch_experiments_table(project=P, attributes=r"^(lr|opt|loss|labels)$ | ^sys/tags")
    assert list(df.columns) == ["labels", "loss", "lr", "opt", "sys/tags"]
    assert df.loc["swim", "loss"] == pytest.approx(0.7)  # the head's last point
    assert df.loc["swim", "sys/tags"] == {"t1", "t2"}  # a set, as neptune-query gives
    assert df.loc["swim", "labels"] == {"x", "y"}
    assert pd.isna(df.loc["fly", "labels"])
    df = nq.fetch_experiments_table(project=P, attributes=["sys/creation_time"])
    assert df["sys/creation_time"].tolist() == [T0 + timedelta(hours=2),
                                                T0 + timedelta(hours=1)]
    assert str(df["sys/creation_time"].dtype).startswith("datetime64")


def test_table_type_suffix_and_conflicts(project):
    r = Run(run_id="float-bs", experiment_name="dive", project=P)
    r.log_configs({"bs": 16.0})
    r.close()
    with pytest.raises(ConflictingAttributeTypes, match="bs"):
        nq.fetch_experiments_table(project=P, attributes=["bs"])
    df = nq.fetch_experiments_table(project=P, attributes=["bs"],
                                    type_suffix_in_column_names=True)
    assert list(df.columns) == ["bs:float", "bs:int"]
    assert df.loc["dive", "bs:float"] == 16.0 and pd.isna(df.loc["dive", "bs:int"])
    df = nq.fetch_experiments_table(project=P, attributes=AttributeFilter("bs", type="int"))
    assert list(df.columns) == ["bs"] and df["bs"].dropna().tolist() == [64, 32]


def test_table_sort_and_limit(project):
    def order(**kw):
        return list(nq_runs.fetch_runs_table(project=P, **kw).index)

    assert order(sort_by="lr", sort_direction="asc")[:4] == ["fly-1", "base", "swim-fork",
                                                             "lone"]
    desc = order(sort_by="lr")
    assert desc[1:4] == ["lone", "base", "swim-fork"] or desc[1:4] == ["lone", "swim-fork",
                                                                        "base"]
    assert order(sort_by="opt", sort_direction="asc") == ["base", "swim-fork", "fly-1"] + \
        order(sort_by="opt", sort_direction="asc")[3:]  # runs without opt come last
    assert order(sort_by=Attribute("sys/creation_time", type="datetime"),
                 sort_direction="asc")[:2] == ["base", "swim-fork"]
    assert order(limit=2)[1:] == ["lone"]
    assert len(order(limit=2)) == 2
    assert nq.fetch_experiments_table(project=P, sort_by="sys/name",
                                      sort_direction="asc").index.tolist() == ["fly", "swim"]


@pytest.mark.parametrize("kw, match", [
    ({"limit": 0}, "limit"), ({"limit": -1}, "limit"), ({"limit": 1.5}, "limit"),
    ({"limit": True}, "limit"), ({"sort_direction": "up"}, "sort_direction"),
    ({"sort_by": 3}, "sort_by"), ({"sort_by": "sys/tags"}, "sort_by"),
    ({"attributes": 3}, "attributes"), ({"type_suffix_in_column_names": 1},
                                        "type_suffix_in_column_names"),
])
def test_table_bad_arguments(project, kw, match):
    with pytest.raises((ValueError, TypeError), match=match):
        nq.fetch_experiments_table(project=P, **kw)
    with pytest.raises((ValueError, TypeError), match=match):
        nq_runs.fetch_runs_table(project=P, **kw)


# ---------------------------------------------------------------------- metrics
def test_metrics_shape_and_lineage(project):
    df = nq.fetch_metrics(project=P, experiments=["swim"], attributes="^loss$")
    assert df.index.names == ["experiment", "step"] and list(df.columns) == ["loss"]
    assert df.columns.name is None and df["loss"].dtype == "float64"
    assert df.index.get_level_values("step").tolist() == [float(s) for s in range(8)]
    assert df["loss"].tolist()[:5] == [1 / (s + 1) for s in range(5)]  # inherited
    assert df["loss"].tolist()[5:] == [0.5, 0.6, 0.7]
    # base is an earlier run of the same experiment: without lineage to the root the
    # experiment's own history still starts there (neptune-query's own e2e tests)
    own = nq.fetch_metrics(project=P, experiments=["swim"], attributes="^loss$",
                           lineage_to_the_root=False)
    assert own.index.get_level_values("step").tolist() == [float(s) for s in range(8)]
    runs_own = nq_runs.fetch_metrics(project=P, runs=["swim-fork"], attributes="^loss$",
                                     lineage_to_the_root=False)
    assert runs_own.index.get_level_values("step").tolist() == [5.0, 6.0, 7.0]
    both = nq.fetch_metrics(project=P, experiments="swim | fly", attributes="loss | acc")
    assert list(both.columns) == ["acc", "loss"]
    assert both.loc[("fly", 0.0), "loss"] == 5.0 and pd.isna(both.loc[("fly", 0.0), "acc"])
    assert pd.isna(both.loc[("swim", 6.0), "acc"])  # acc stops at the fork step
    assert list(both.index.get_level_values("experiment").unique()) == ["fly", "swim"]
    runs = nq_runs.fetch_metrics(project=P, runs=["base"], attributes=["loss"])
    assert runs.index.names == ["run", "step"] and len(runs) == 10


def test_metrics_step_range_and_tail_limit(project):
    def steps(**kw):
        df = nq_runs.fetch_metrics(project=P, runs=["base"], attributes=["loss"], **kw)
        return df.index.get_level_values("step").tolist()

    assert steps(step_range=(2, 4)) == [2.0, 3.0, 4.0]  # inclusive bounds
    assert steps(step_range=(None, 1)) == [0.0, 1.0]
    assert steps(step_range=(8.0, None)) == [8.0, 9.0]
    assert steps(tail_limit=3) == [7.0, 8.0, 9.0]
    assert steps(step_range=(0, 5), tail_limit=2) == [4.0, 5.0]  # tail of the range
    df = nq.fetch_metrics(project=P, experiments=["swim"], attributes="acc | loss",
                          tail_limit=1)
    assert df["acc"].dropna().tolist() == [0.4] and df["loss"].dropna().tolist() == [0.7]


def test_metrics_include_time_suffix_previews(project):
    df = nq_runs.fetch_metrics(project=P, runs=["base"], attributes=["loss"],
                               include_time="absolute", tail_limit=2)
    assert list(df.columns) == [("loss", "value"), ("loss", "absolute_time")]
    assert df[("loss", "absolute_time")].tolist() == [T0 + timedelta(seconds=8),
                                                      T0 + timedelta(seconds=9)]
    assert str(df[("loss", "absolute_time")].dtype).startswith("datetime64")
    assert str(df[("loss", "absolute_time")].dt.tz) == "UTC"
    df = nq_runs.fetch_metrics(project=P, runs=["base"], attributes=["loss"],
                               type_suffix_in_column_names=True)
    assert list(df.columns) == ["loss:float_series"]
    df = nq_runs.fetch_metrics(project=P, runs=["base"], attributes=["loss"],
                               include_point_previews=True, include_time="absolute")
    assert list(df.columns) == [("loss", "value"), ("loss", "absolute_time"),
                                ("loss", "is_preview"), ("loss", "preview_completion")]
    assert not df[("loss", "is_preview")].any()  # every stored point is committed
    assert (df[("loss", "preview_completion")] == 1.0).all()


def test_metrics_only_float_series_and_empty(project):
    df = nq.fetch_metrics(project=P, experiments="swim", attributes=["lr", "log/msg"])
    assert df.empty and df.index.names == ["experiment", "step"]
    with pytest.raises(ValueError, match="float_series"):
        nq.fetch_metrics(project=P, experiments="swim",
                         attributes=AttributeFilter(name="lr", type="float"))
    empty = nq.fetch_metrics(project=P, experiments=["nope"], attributes="loss",
                             include_time="absolute")
    assert empty.shape == (0, 0) and empty.index.names == ["experiment", "step"]


@pytest.mark.parametrize("kw, match", [
    ({"step_range": [0, 1]}, "step_range"), ({"step_range": (3, 1)}, "step_range"),
    ({"step_range": ("a", None)}, "step_range"), ({"step_range": (0,)}, "step_range"),
    ({"tail_limit": 0}, "tail_limit"), ({"tail_limit": 2.0}, "tail_limit"),
    ({"include_time": "relative"}, "include_time"), ({"include_time": True}, "include_time"),
    ({"lineage_to_the_root": "no"}, "lineage_to_the_root"),
    ({"include_point_previews": 1}, "include_point_previews"),
    ({"type_suffix_in_column_names": None}, "type_suffix_in_column_names"),
])
def test_metrics_bad_arguments(project, kw, match):
    with pytest.raises((ValueError, TypeError), match=match):
        nq.fetch_metrics(project=P, experiments="swim", attributes="loss", **kw)
    with pytest.raises((ValueError, TypeError), match=match):
        nq_runs.fetch_metrics(project=P, runs="base", attributes="loss", **kw)


def test_metrics_require_selectors(project):
    with pytest.raises(TypeError):
        nq.fetch_metrics(project=P, attributes="loss")
    with pytest.raises(TypeError):
        nq.fetch_metrics(project=P, experiments="swim")


# ----------------------------------------------------------------------- series
def test_fetch_series(project):
    df = nq.fetch_series(project=P, experiments=["swim"], attributes="^log/")
    assert df.index.names == ["experiment", "step"] and list(df.columns) == ["log/msg"]
    assert pd.api.types.is_string_dtype(df["log/msg"])  # object, or str under pandas 3
    assert df["log/msg"].tolist() == ["m0", "m1", "m5"]
    own = nq_runs.fetch_series(project=P, runs=["swim-fork"], attributes="^log/",
                               lineage_to_the_root=False, include_time="absolute")
    assert list(own.columns) == [("log/msg", "value"), ("log/msg", "absolute_time")]
    assert own[("log/msg", "value")].tolist() == ["m5"]
    tail = nq_runs.fetch_series(project=P, runs=["base"], attributes="^log/", tail_limit=1,
                                step_range=(0, 0))
    assert tail["log/msg"].tolist() == ["m0"]
    with pytest.raises(ValueError, match="string_series"):
        nq.fetch_series(project=P, experiments="swim",
                        attributes=AttributeFilter(type="float_series"))
    with pytest.raises(TypeError):
        nq.fetch_series(project=P, experiments="swim", attributes="log",
                        type_suffix_in_column_names=True)  # not an argument of fetch_series


def test_string_set_created_by_log_tags_add(store_path):
    """neptune-scale's ``log(tags_add={path: [...]})`` makes ``path`` a string set, which
    the read API lists, filters and fetches as one."""
    for run_id, tags in (("s1", ["a", "b"]), ("s2", ["c"])):
        run = Run(run_id=run_id, experiment_name=run_id, project=P)
        run.log(tags_add={"labels/set": tags})
        run.close()
    assert nq.list_attributes(project=P, attributes=AttributeFilter(type="string_set")) == [
        "labels/set", "sys/group_tags", "sys/tags"]
    assert nq.list_experiments(project=P, experiments=Filter.contains_all(
        Attribute("labels/set", type="string_set"), "a")) == ["s1"]
    assert nq.list_experiments(project=P, experiments=Filter.contains_none(
        "labels/set", ["a"])) == ["s2"]
    df = nq.fetch_experiments_table(project=P, attributes=["labels/set"])
    assert df.loc["s1", "labels/set"] == {"a", "b"}


def test_global_tables_span_projects(project):
    """experimental.fetch_*_table_global: every project's rows, sorted together, indexed
    (project, label), with an ExperimentalWarning."""
    import neptune_sys_widgets.query.experimental as nq_experimental
    from neptune_sys_widgets.query.warnings import ExperimentalWarning
    other = Run(run_id="far", experiment_name="far-exp", project="ws/other")
    other.log_configs({"lr": 0.3})
    other.close()
    with pytest.warns(ExperimentalWarning):
        df = nq_experimental.fetch_runs_table_global(
            runs="^(base|fly-1|far)$", attributes=["lr"], sort_by=Attribute("lr", "float"),
            sort_direction="asc")
    assert df.index.names == ["project", "run"]
    assert list(df.index) == [("ws/query", "fly-1"), ("ws/query", "base"), ("ws/other", "far")]
    assert list(df["lr"]) == [0.01, 0.1, 0.3]
    with pytest.warns(ExperimentalWarning):
        df = nq_experimental.fetch_experiments_table_global(experiments="^(swim|far-exp)$",
                                                            limit=1)
    assert list(df.index) == [("ws/other", "far-exp")] and df.columns.empty
    with pytest.warns(ExperimentalWarning):
        empty = nq_experimental.fetch_experiments_table_global(experiments="^nothing$")
    assert empty.empty and empty.index.names == ["project", "experiment"]


def test_global_tables_require_typed_filters_and_sort(project):
    """As neptune-query documents the global tables: no type is inferred across projects,
    so an untyped attribute in the filter, or an untyped sort_by, is refused by name."""
    import neptune_sys_widgets.query.experimental as nq_experimental
    from neptune_sys_widgets.query.exceptions import (
        AttributeTypeInferenceError,
        NeptuneUserError,
    )
    untyped = Filter.eq("lr", 0.1) & Filter.eq(Attribute("sys/name", "string"), "x") & \
        Filter.exists("batch")
    with pytest.raises(AttributeTypeInferenceError) as e:
        nq_experimental.fetch_runs_table_global(runs=untyped)
    assert e.value.attribute_names == ["lr", "batch"]
    assert "lr: type not provided; global queries require an explicit type" in str(e.value)
    with pytest.raises(AttributeTypeInferenceError):
        nq_experimental.fetch_experiments_table_global(experiments=~Filter.eq("lr", 0.1))
    with pytest.raises(NeptuneUserError, match="sort_by attribute type"):
        nq_experimental.fetch_runs_table_global(runs="^base$", sort_by="lr")
    with pytest.warns(Warning):
        df = nq_experimental.fetch_runs_table_global(runs=Filter.eq(Attribute("lr", "float"),
                                                                    0.1))
    assert list(df.index) == [("ws/query", "swim-fork"), ("ws/query", "base")]  # forks inherit lr


def test_lineage_without_the_root_keeps_other_experiments_out(store_path):
    """A fork into a new experiment reads its parent's points only with lineage to the
    root; without it, only the points of its own experiment."""
    parent = Run(run_id="pre", experiment_name="pretrain", project="ws/lin")
    parent.log_metrics({"m": 1.0}, step=0)
    parent.log_metrics({"m": 2.0}, step=1)
    parent.close()
    child = Run(run_id="ft", experiment_name="finetune", project="ws/lin",
                fork_run_id="pre", fork_step=1)
    child.log_metrics({"m": 3.0}, step=2)
    child.close()
    full = nq.fetch_metrics(project="ws/lin", experiments=["finetune"], attributes="^m$")
    own = nq.fetch_metrics(project="ws/lin", experiments=["finetune"], attributes="^m$",
                           lineage_to_the_root=False)
    assert full["m"].tolist() == [1.0, 2.0, 3.0] and own["m"].tolist() == [3.0]
