"""The chart downsampler (query/chart_buckets.py): min, max and last per x bucket, checked
against the rules written point by point (the slow, obvious way) for random series, then
on a store filled by a second process, with a fork's lineage and a time axis.
tests/postgres/test_postgres_chart_buckets.py runs the store tests again on PostgreSQL."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError
from neptune_sys_widgets.query import chart_buckets as cb
from tests.conftest import run_python

np = pytest.importorskip("numpy")


def reference(pts: list[tuple[float, float]], lo: float | None, hi: float | None,
              limit: int) -> list[tuple[float, float, float, float]]:
    """(x, min, max, last) of each non-empty bucket, one point at a time."""
    if not pts:
        return []
    lo = pts[0][0] if lo is None else lo
    hi = pts[-1][0] if hi is None else hi
    if hi < lo:
        return []
    w = (hi - lo) / limit
    edges = [lo + w * i for i in range(limit)] + [hi]
    if w == 0:
        edges = [lo, hi]
    out = []
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        last_bucket = i == len(edges) - 2
        inside = [(x, y) for x, y in pts if a <= x < b or (last_bucket and x == b)]
        if not inside:
            continue
        finite = [(x, y) for x, y in inside if math.isfinite(y)]
        if finite:
            ys = [y for _, y in finite]
            out.append((finite[-1][0], min(ys), max(ys), finite[-1][1]))
        else:
            out.append((inside[-1][0], math.nan, math.nan, math.nan))
    return out


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def _rows(b: cb.ChartBuckets) -> list[tuple[float, float, float, float]]:
    return list(zip(b.x.tolist(), b.min.tolist(), b.max.tolist(), b.last.tolist(),
                    strict=True))


ends = st.one_of(st.none(), st.floats(-50, 2_000, allow_nan=False))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(steps=st.lists(st.integers(0, 1_000), min_size=0, max_size=80, unique=True),
       ys=st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                             st.floats(-1e6, 1e6)), min_size=80, max_size=80),
       limit=st.integers(1, 15), lo=ends, hi=ends)
def test_buckets_match_the_rules_point_by_point(steps, ys, limit, lo, hi):
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    pts = [(float(s), ys[i]) for i, s in enumerate(sorted(steps))]
    got = cb.downsample(np.array([x for x, _ in pts], dtype=float),
                        np.array([y for _, y in pts], dtype=float), (lo, hi), limit)
    want = reference(pts, lo, hi, limit)
    rows = _rows(got)
    assert len(rows) == len(want) <= limit
    for r, w in zip(rows, want, strict=True):
        assert all(_same(u, v) for u, v in zip(r, w, strict=True)), (r, w)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(n=st.integers(2_000, 50_000), at=st.floats(0, 1), spike=st.floats(1e3, 1e9),
       limit=st.integers(10, 1000))
def test_a_one_point_spike_survives(n, at, spike, limit):
    ys = np.zeros(n)
    where = int(at * (n - 1))
    ys[where] = spike
    got = cb.downsample(np.arange(n, dtype=float), ys, (None, None), limit)
    assert len(got.x) <= limit and float(got.max.max()) == spike
    assert float(got.min.min()) == 0.0


def test_bad_arguments_name_the_field():
    for bad in ("steps", None, 3):
        with pytest.raises(InvalidValueError, match="x must be one of"):
            cb.check_x(bad)
    for bad in ((1, 0), (math.nan, 1), ("a", 2), (1,), "ab", (True, 3)):
        with pytest.raises(InvalidValueError, match="x_range"):
            cb.check_range(bad)
    assert cb.check_range((None, 5)) == (None, 5.0)


LOG = """
    import neptune_sys_widgets as n
    alpha = n.Run(project="ws/chart", run_id="alpha-run")
    for i in range(10):
        alpha.log_metrics({"m/v": float(i)}, step=i, timestamp=1_700_000_000 + i * 10)
    alpha.close()
    child = n.Run(project="ws/chart", run_id="child-run", fork_run_id="alpha-run",
                  fork_step=4)
    for i in range(5, 8):
        child.log_metrics({"m/v": -float(i)}, step=i, timestamp=1_700_001_000 + i)
    child.close()
    spike = n.Run(project="ws/chart", run_id="spike-run")
    for i in range(200_000):
        spike.log_metrics({"m/s": 1000.0 if i == 123_457 else float(i % 7)}, step=i)
    spike.close()
"""


@pytest.fixture
def logged(store_path):
    run_python(LOG, timeout=120)
    return store_path


def _pk(store, custom: str) -> int:
    table = nsw.init_project("ws/chart", mode="read-only").fetch_runs_table().to_pandas()
    sys_id = table[table["sys/custom_run_id"] == custom]["sys/id"].iloc[0]
    return store.find_by_id(sys_id)[0]


@pytest.mark.slow
def test_fork_lineage_is_one_line(logged):
    s = nsw.store.open_store(logged)
    got = cb.chart_buckets(s, _pk(s, "child-run"), "m/v", limit=100)
    assert got is not None
    assert got.x.tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
    assert got.last.tolist() == [0, 1, 2, 3, 4, -5, -6, -7]
    assert cb.chart_buckets(s, _pk(s, "child-run"), "m/none") is None


@pytest.mark.slow
def test_time_axes(logged):
    s = nsw.store.open_store(logged)
    pk = _pk(s, "alpha-run")
    t = cb.chart_buckets(s, pk, "m/v", x="time", limit=100)
    assert t is not None and t.x.tolist()[:2] == [1_700_000_000, 1_700_000_010]
    rel = cb.chart_buckets(s, pk, "m/v", x="relative_time", limit=100)
    start = cb.run_start_s(s, pk)
    assert rel is not None and rel.x.tolist()[0] == pytest.approx(1_700_000_000 - start)
    part = cb.chart_buckets(s, pk, "m/v", x="time", x_range=(1_700_000_015, 1_700_000_045))
    assert part is not None and part.last.tolist() == [2, 3, 4]


@pytest.mark.slow
def test_a_zoomed_range_shows_detail_and_the_spike_everywhere(logged):
    s = nsw.store.open_store(logged)
    pk = _pk(s, "spike-run")
    whole = cb.chart_buckets(s, pk, "m/s", limit=1000)
    assert whole is not None and len(whole.x) == 1000 and whole.max.max() == 1000.0
    assert whole.points == 200_000 and whole.extent == (0.0, 199_999.0)
    zoom = cb.chart_buckets(s, pk, "m/s", x_range=(123_000, 124_000), limit=1000)
    assert zoom is not None and zoom.points == 1001 and zoom.max.max() == 1000.0
    assert zoom.last.tolist()[-1] == float(124_000 % 7)


MORE = """
    import os, neptune_sys_widgets as n
    r = n.init_run(project="ws/chart", with_id=os.environ["CHART_RUN"])
    for i in range(10, 25):
        r.log_metrics({"m/v": float(i)}, step=i, timestamp=1_700_000_000 + i * 10)
    r.stop()
"""


@pytest.mark.slow
def test_the_cache_reads_new_points_as_a_full_read_would(logged):
    s = nsw.store.open_store(logged)
    pk = _pk(s, "alpha-run")
    child = _pk(s, "child-run")
    cache = cb.SeriesCache(s)
    for x in cb.X_KINDS:
        assert cache.get(pk, "m/v", x) is not None
    before = cache.get(child, "m/v", "step")
    sys_id = s.sys_rows([pk])[0]["id"]
    run_python(MORE, CHART_RUN=sys_id)
    for x in cb.X_KINDS:
        got, full = cache.get(pk, "m/v", x), cb.series_xy(s, pk, "m/v", x)
        assert got is not None and full is not None
        assert got[0].tolist() == full[0].tolist() and got[1].tolist() == full[1].tolist()
        assert len(got[0]) == 25
    # the fork inherits up to its fork step only: the parent's new points are not its own
    after = cache.get(child, "m/v", "step")
    assert before is not None and after is not None
    assert after[0].tolist() == before[0].tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
