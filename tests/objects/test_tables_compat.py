"""Tables give values as neptune 1.x's ``fetch_*_table()`` did (docs/SYS_FIELDS.md §4 revised, §7).

What 1.x returned, from its source (neptune-client 1.14.0):
- ``sys/state``: ``RunState.from_api(value).value``, i.e. ``"Active"``/``"Inactive"``, in
  ``TableEntry.get_attribute_value`` (``neptune/table.py``) and in ``to_pandas()``
  (``neptune/integrations/pandas/__init__.py``);
- datetimes: ``parse_dates`` (``neptune/metadata_containers/utils.py``) turns the server's
  ``...Z`` strings into naive UTC ``datetime`` with ``strptime``;
- string sets: a ``set`` in entries, comma-joined in ``to_pandas()``; series: last value;
- a row holds only the attributes the object has: others raise ``ValueError("Could not find
  ... attribute")``, and ``to_pandas()`` has no column that no object has;
- ``columns=`` keeps only those columns plus ``sys/id`` and the sort column
  (``MetadataContainer._fetch_entries``);
- ``to_pandas()`` orders columns ``sys/*``, then the others, then ``monitoring/*``, each
  sorted (``sort_key``);
- sorting by a series or string set raises ``ValueError``; int with float sorts as float
  (``hosted_neptune_backend._get_column_type_from_entries``).
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

import pytest

import neptune_sys_widgets as nsw

P = "ws/compat"


def naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc).replace(tzinfo=None)


@pytest.fixture
def runs(store_path):
    done = nsw.init_run(project=P, mode="sync", name="done", tags=["b", "a"])
    done["params/lr"] = 0.1
    done["when"] = datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
    for v in (3.0, 2.0):
        done["train/loss"].append(v)
    done["sys/failed"] = True
    facts = {"created": done["sys/creation_time"].fetch(), "id": done["sys/id"].fetch()}
    done.stop()
    live = nsw.init_run(project=P, mode="sync", name="live", custom_run_id="live-1")
    live["params/lr"] = 0.2
    live.wait()
    yield nsw.init_project(P, mode="read-only"), facts, live
    live.stop()


def by_name(table):
    return {e["sys/name"].get(): e for e in table}


def test_entries_give_state_as_RunState_values_and_datetimes_naive_utc(runs):
    project, done, live = runs
    entries = by_name(project.fetch_runs_table())
    assert entries["done"]["sys/state"].get() == "Inactive"
    assert entries["live"]["sys/state"].get() == "Active"
    assert entries["live"]["sys"]["state"].get() == "Active"   # 1.x LeaderboardHandler
    created = entries["done"]["sys/creation_time"].get()
    assert isinstance(created, datetime) and created.tzinfo is None
    assert created == naive_utc(done["created"])
    assert entries["done"]["when"].get() == datetime(2024, 1, 2, 3, 4, 5, 678000)
    assert entries["done"]["sys/tags"].get() == {"a", "b"}
    assert entries["done"]["train/loss"].get() == 2.0
    assert entries["done"]["sys/failed"].get() is True
    assert entries["live"]["sys/failed"].get() is False
    assert entries["live"]["sys/custom_run_id"].get() == "live-1"
    assert entries["done"].get_attribute_value("sys/id") == done["id"]


def test_an_attribute_the_object_lacks_raises_ValueError(runs):
    project, _, _ = runs
    entries = by_name(project.fetch_runs_table())
    with pytest.raises(ValueError, match="Could not find when attribute"):
        entries["live"]["when"].get()
    with pytest.raises(ValueError, match="Could not find sys/custom_run_id attribute"):
        entries["done"]["sys/custom_run_id"].get()


def test_to_rows_honours_columns_plus_sys_id_and_the_sort_column(runs):
    project, _, _ = runs
    rows = project.fetch_runs_table(columns=["params/lr"]).to_rows()
    for row in rows:
        assert set(row._row) == {"params/lr", "sys/id", "sys/creation_time"}
        with pytest.raises(ValueError):
            row["sys/name"].get()
        with pytest.raises(ValueError):
            row["sys/state"].get()
    assert sorted(r["params/lr"].get() for r in rows) == [0.1, 0.2]
    rows = project.fetch_runs_table(columns=["sys/state"], sort_by="sys/name").to_rows()
    assert [set(r._row) for r in rows] == [{"sys/state", "sys/id", "sys/name"}] * 2
    assert [r["sys/state"].get() for r in rows] == ["Active", "Inactive"]  # live, done
    rows = project.fetch_runs_table(columns=[]).to_rows()
    assert {frozenset(r._row) for r in rows} == {frozenset({"sys/id", "sys/creation_time"})}
    df = project.fetch_runs_table(columns=["params/lr"], sort_by="params/lr").to_pandas()
    assert list(df.columns) == ["sys/id", "params/lr"]
    assert list(df["params/lr"]) == [0.2, 0.1]


def test_to_pandas_values_as_1x_gave_them(runs):
    pd = pytest.importorskip("pandas")
    project, done, _ = runs
    df = project.fetch_runs_table().to_pandas().set_index("sys/name")
    assert df.loc["done", "sys/state"] == "Inactive"
    assert df.loc["live", "sys/state"] == "Active"
    assert df.loc["done", "sys/tags"] == "a,b"
    assert df.loc["live", "sys/tags"] == ""
    assert pd.api.types.is_datetime64_dtype(df["sys/creation_time"])
    assert df["sys/creation_time"].dt.tz is None
    assert isinstance(df.loc["done", "sys/creation_time"], datetime)
    assert df.loc["done", "sys/creation_time"] == naive_utc(done["created"])
    assert pd.api.types.is_datetime64_dtype(df["when"])
    assert df.loc["done", "when"] == pd.Timestamp("2024-01-02 03:04:05.678")
    assert pd.isna(df.loc["live", "when"])
    assert df["sys/failed"].dtype == bool
    assert df.loc["done", "train/loss"] == 2.0
    assert math.isnan(df.loc["done", "sys/custom_run_id"])   # missing is NaN, as in 1.x
    assert df.loc["live", "sys/custom_run_id"] == "live-1"


def test_to_pandas_columns_in_1x_order_and_only_those_someone_has(runs):
    pytest.importorskip("pandas")
    project, _, _ = runs
    cols = list(project.fetch_runs_table().to_pandas().columns)
    sys_cols = [c for c in cols if c.startswith("sys/")]
    mon = [c for c in cols if c.startswith("monitoring/")]
    other = [c for c in cols if c not in sys_cols and c not in mon]
    assert cols == sys_cols + other + mon
    assert sys_cols == sorted(sys_cols) and other == sorted(other) and mon == sorted(mon)
    assert {"params/lr", "when", "train/loss", "sys/custom_run_id"} <= set(cols)
    assert "sys/forking/parent" not in cols   # no run has one
    assert "sys/stage" not in cols            # not a run field


def test_an_empty_table_is_an_empty_frame(runs):
    pytest.importorskip("pandas")
    project, _, _ = runs
    df = project.fetch_runs_table(tag="nope").to_pandas()
    assert df.empty and len(df.columns) == 0
    assert project.fetch_runs_table(tag="nope").to_rows() == []


def test_state_filters_and_queries_accept_any_case(runs):
    project, _, _ = runs
    for state in ("active", "Active", "ACTIVE"):
        assert [e["sys/name"].get() for e in project.fetch_runs_table(state=state)] == ["live"]
    for query in ("sys/state = Active", "`sys/state`:experimentState = \"running\"",
                  "sys/state:experimentState = ACTIVE", "sys/state != Inactive"):
        assert [e["sys/name"].get() for e in project.fetch_runs_table(query=query)] == ["live"]


def test_native_rows_keep_this_packages_own_values(runs):
    project, done, _ = runs
    rows = {r["sys/name"]: r for r in project.fetch_runs_table().native_rows()}
    assert rows["done"]["sys/state"] == "inactive"
    assert rows["live"]["sys/state"] == "active"
    assert rows["done"]["sys/creation_time"] == done["created"]
    assert rows["done"]["sys/creation_time"].tzinfo is not None
    assert rows["done"]["sys/tags"] == {"a", "b"}
    assert rows["done"]["sys/custom_run_id"] is None


def test_sorting_follows_the_1x_column_types(runs):
    project, _, live = runs
    with pytest.raises(ValueError, match="complex type"):
        project.fetch_runs_table(sort_by="train/loss")
    with pytest.raises(ValueError, match="sys/tags used for sorting is a complex type"):
        project.fetch_runs_table(sort_by="sys/tags")
    with pytest.raises(ValueError, match="'x/none' chosen for sorting is not present"):
        project.fetch_runs_table(query="sys/name EXISTS", sort_by="x/none")
    live["n"] = 1
    other = nsw.init_run(project=P, mode="sync", name="other")
    other["n"] = 0.5
    other.stop()
    live.wait()
    names = [e["sys/name"].get() for e in project.fetch_runs_table(sort_by="n",
                                                                 ascending=True)]
    assert names == ["other", "live", "done"]   # int and float as numbers; none last
    # 1.x found the sort column with the server's search, which matches parts of names:
    # sorting by "name" (no such attribute; sys/name has it) warned instead of raising
    with pytest.warns(UserWarning, match="'name' chosen for sorting is not present"):
        assert len(project.fetch_runs_table(sort_by="name")) == 3


def test_entries_carry_the_object_id_and_kind_as_1x(runs):
    project, done, _ = runs
    first, again = project.fetch_runs_table(sort_by="sys/name"), \
        project.fetch_runs_table(sort_by="sys/name", columns=["params/lr"])
    for a, b in zip(first, again, strict=True):
        assert a._id == b._id and a._container_type == b._container_type == "run"
    assert done["id"] in {e._id for e in first}


def test_models_and_versions_tables_give_1x_values(store_path):
    model = nsw.init_model(key="CLF", project=P, mode="sync")
    version = nsw.init_model_version(model=model["sys/id"].fetch(), project=P, mode="sync")
    version.change_stage("staging")
    try:
        project = nsw.init_project(P, mode="read-only")
        entry = project.fetch_models_table().to_rows()[0]
        assert entry["sys/state"].get() == "Active"
        assert entry["sys/creation_time"].get().tzinfo is None
        versions = model.fetch_model_versions_table(columns=["sys/stage"]).to_rows()
        assert versions[0]["sys/stage"].get() == "staging"
        assert set(versions[0]._row) == {"sys/stage", "sys/id", "sys/creation_time"}
    finally:
        version.stop()
        model.stop()
    project = nsw.init_project(P, mode="read-only")
    assert project.fetch_models_table().to_rows()[0]["sys/state"].get() == "Inactive"


def test_a_text_no_store_can_hold_matches_nothing(store_path):
    """A NUL character in a filter, query, column or sort path names nothing stored (and
    PostgreSQL cannot even bind it): the table is empty or the column absent, as for any
    other unknown value, never a driver error."""
    r = nsw.init_run(project="ws/nul", mode="sync", name="x", tags=["t"])
    r["a"] = 1
    r.stop()
    project = nsw.init_project("ws/nul", mode="read-only")
    for kw in ({"id": "A\x00"}, {"tag": "t\x00"}, {"owner": "o\x00"},
               {"query": 'sys/name:string = "x\x00"'}, {"query": "(a\x00:int = 1)"},
               {"query": 'sys/tags:stringSet CONTAINS "t\x00"'}):
        assert len(project.fetch_runs_table(**kw)) == 0, kw
    assert set(project.fetch_runs_table(columns=["a\x00"]).to_pandas().columns) == \
        {"sys/id", "sys/creation_time"}
    with pytest.raises(ValueError, match="not present"):
        project.fetch_runs_table(sort_by="a\x00")
