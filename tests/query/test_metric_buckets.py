"""Issue 20 #4: ``fetch_metric_buckets`` against the documented bucketing, written here
point by point (the slow, obvious way) and compared with what the store computes by
binary search, for random series, on both backends (tests/postgres/test_postgres_metric_buckets.py
runs this module again on PostgreSQL). The data is logged by a second process."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neptune_sys_widgets as nsw
import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.exceptions import InvalidValueError
from neptune_sys_widgets.query import buckets
from tests.conftest import run_python

pd = pytest.importorskip("pandas")


def reference(series: dict[str, list[tuple[float, float]]], limit: int
              ) -> dict[str, list[tuple[float, float, float, float]]]:
    """The documented rules, one point at a time."""
    xs = [x for pts in series.values() for x, _ in pts]
    lo, hi = min(xs), max(xs)
    if lo == hi:
        ranges = [(lo, math.inf)]
    else:
        w = (hi - lo) / limit
        ranges = [(-math.inf, lo)] + [(lo + w * (i - 1), lo + w * i)
                                      for i in range(1, limit + 1)] + [(lo + w * limit,
                                                                         math.inf)]
    out = {}
    for path, pts in series.items():
        got = []
        for a, b in ranges:
            inside = [(x, y) for x, y in pts if a < x <= b or (len(ranges) == 1 and x == a)]
            if not inside:
                continue
            finite = [(x, y) for x, y in inside if math.isfinite(y)]
            x, y = (finite[0] if not got else finite[-1]) if finite else (math.nan, math.nan)
            got.append((a, b, x, y))
        out[path] = got
    return out


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(steps=st.lists(st.integers(0, 10_000), min_size=1, max_size=60, unique=True),
       ys=st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                             st.floats(-1e6, 1e6)), min_size=60, max_size=60),
       limit=st.integers(1, 12), offset=st.integers(0, 50))
def test_bucketing_matches_the_documented_rules(steps, ys, limit, offset):
    from array import array
    pts = [(float(s), ys[i]) for i, s in enumerate(sorted(steps))]
    other = [(float(s + offset), 1.0) for s in sorted(steps)[:3]]
    expected = reference({"a": pts, "b": other}, limit)
    lo = min(x for x, _ in pts + other)
    hi = max(x for x, _ in pts + other)
    ranges = buckets.bucket_ranges(lo, hi, limit)
    for path, p in (("a", pts), ("b", other)):
        got = buckets.series_buckets(array("d", [x for x, _ in p]), array("d", [y for _, y in p]),
                                     ranges)
        assert _same(got, expected[path]), (path, got, expected[path])


def _same(a, b) -> bool:
    return len(a) == len(b) and all(
        all(u == v or (math.isnan(u) and math.isnan(v)) for u, v in zip(r, s, strict=True))
        for r, s in zip(a, b, strict=True))


LOG = """
    import math, neptune_sys_widgets as n
    alpha = n.Run(project="ws/buckets", experiment_name="alpha", run_id="alpha-run")
    for i in range(10):
        alpha.log_metrics({"m/v": i + 0.1, "m/w": float(i) * 2}, step=i)
    alpha.close()
    beta = n.Run(project="ws/buckets", experiment_name="beta", run_id="beta-run")
    for i, y in enumerate([1.0, math.inf, 3.0, math.nan, 5.0]):
        beta.log_metrics({"m/v": y}, step=i * 2)
    beta.close()
    spike = n.Run(project="ws/buckets", experiment_name="spike", run_id="spike-run")
    for i in range(100_000):
        spike.log_metrics({"m/s": 1000.0 if i == 54_321 else 0.0}, step=i)
    spike.close()
    child = n.Run(project="ws/buckets", run_id="child-run", fork_run_id="alpha-run",
                  fork_step=4)
    for i in range(5, 8):
        child.log_metrics({"m/v": -float(i)}, step=i)
    child.close()
"""


@pytest.fixture
def logged(store_path):
    run_python(LOG)
    return store_path


def test_frame_shape_and_values(logged):
    df = nq.fetch_metric_buckets(project="ws/buckets", experiments=["alpha", "beta"],
                                 y=r"^m/v$", limit=3)
    assert list(df.columns.names) == ["experiment", "metric", "bucket"]
    assert list(df.columns) == [("alpha", "m/v", "x"), ("alpha", "m/v", "y"),
                                ("beta", "m/v", "x"), ("beta", "m/v", "y")]
    first = df.index[0]
    assert (first.left, first.right, first.closed) == (0.0, 3.0, "both")
    assert [(i.left, i.right) for i in df.index[1:]] == [(3.0, 6.0), (6.0, 9.0)]
    assert df[("alpha", "m/v", "y")].tolist() == [0.1, 6.1, 9.1]
    # beta's points 2 (inf) and 6 (nan) are skipped; its last finite point in (3, 6] is 4
    assert df[("beta", "m/v", "x")].tolist() == [0.0, 4.0, 8.0]


def test_a_long_series_keeps_both_ends_in_at_most_limit_rows(logged):
    """neptune-query: 'Both the first and last points of each metric are always
    included'; 100,000 points come back as at most `limit` rows."""
    df = nq.fetch_metric_buckets(project="ws/buckets", experiments="spike", y="m/s",
                                 limit=1000)
    assert len(df) <= 1000
    xs = df[("spike", "m/s", "x")].tolist()
    assert xs[0] == 0.0 and xs[-1] == 99_999.0 and xs == sorted(xs)


def test_lineage_and_runs_variant(logged):
    full = nq_runs.fetch_metric_buckets(project="ws/buckets", runs=["child-run"],
                                        y=["m/v"], limit=2)
    own = nq_runs.fetch_metric_buckets(project="ws/buckets", runs=["child-run"], y=["m/v"],
                                       limit=2, lineage_to_the_root=False)
    assert full[("child-run", "m/v", "x")].iloc[0] == 0.0  # inherited from alpha-run
    assert own[("child-run", "m/v", "x")].iloc[0] == 5.0
    assert own[("child-run", "m/v", "y")].iloc[-1] == -7.0


def test_bad_arguments_are_refused(logged):
    for kwargs in ({"limit": 0}, {"limit": 1001}, {"limit": 2.5}, {"limit": True},
                   {"x": "time"}):
        with pytest.raises(InvalidValueError):
            nq.fetch_metric_buckets(project="ws/buckets", experiments="alpha", y="m/v",
                                    **kwargs)
    empty = nq.fetch_metric_buckets(project="ws/buckets", experiments="nobody", y="m/v")
    assert empty.empty


def test_no_python_object_per_point(logged):
    """The store hands the series over as arrays (the spike run's 100,000 points)."""
    from array import array
    s = nsw.store.open_store(logged)
    table = nsw.init_project("ws/buckets", mode="read-only").fetch_runs_table().to_pandas()
    sys_id = table[table["sys/custom_run_id"] == "spike-run"]["sys/id"].iloc[0]
    pk = s.find_by_id(sys_id)[0]
    steps, values = s.float_arrays(pk, "m/s")
    assert isinstance(steps, array) and isinstance(values, array) and len(steps) == 100_000
    assert values[54_321] == 1000.0
