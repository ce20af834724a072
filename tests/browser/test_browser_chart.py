"""The chart widget in a real browser: JupyterLab 4 in headless Chromium.

Two runs overlaid (canvas, legend by name), a point committed by another process updating
the last value without any cell running, zoom and reset from the keyboard (the kernel
answers the zoom with the buckets of the new range), light and dark screenshots to
artifacts/screenshots; twenty idle charts making no canvas call until a point arrives."""

from __future__ import annotations

import re

from tests.conftest import run_python
from tests.harness.lab import DARK, write_notebook

CHART = ".nsw-chart"


def seed(store: str) -> tuple[str, str]:
    out = run_python(f"""
        import math, neptune_sys_widgets as n
        ids = []
        for k, name in enumerate(["baseline", "wider"]):
            r = n.init_run(project="ws/bc", name=name, store={store!r})
            for i in range(20_000):
                r["train/loss"].append(math.exp(-i / 4000) * (1 + k) + (5 if i == 777 else 0),
                                       step=i)
            r["train/acc"].append(0.5, step=0)
            ids.append(r["sys/id"].fetch())
            r.stop()
        print(*ids)
    """, timeout=120).stdout.split()
    return out[0], out[1]


def test_chart_overlays_runs_updates_live_and_zooms_by_keyboard(page, lab_dir, lab_store):
    a, b = seed(lab_store)
    nb = write_notebook(lab_dir / "chart.ipynb", [
        "%load_ext neptune_sys_widgets",
        f"%neptune_chart {a} {b} --metric train/",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    chart = page.cell(1).locator(CHART)
    chart.locator("canvas").first.wait_for()
    # the pattern picked two series: the first (sorted) is shown, the picker has both
    assert chart.locator(".nsw-chart-metric option").all_text_contents() == [
        "train/acc", "train/loss"]
    chart.locator(".nsw-chart-metric").select_option("train/loss")
    page.wait_for_text(chart.locator(".nsw-chart-legend"), re.compile("baseline.*wider", re.S))
    assert chart.locator(".nsw-chart-legend-row").count() == 2
    page.wait_for_text(chart.locator(".nsw-chart-status"), "40,000 points; whole range")
    label = chart.get_attribute("aria-label") or ""  # set with the status, from the data
    assert "train/loss" in label and "2 runs" in label

    # live: another process commits a point; the last value changes, no cell runs
    last = chart.locator(f".nsw-chart-last[data-run='{a}']")
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={a!r}, store={lab_store!r})
        r["train/loss"].append(42.0, step=20_000)
        r.stop()
    """)
    page.wait_for_text(last, "42", timeout=30)
    page.wait_for_text(chart.locator(".nsw-chart-status"), "40,001 points")

    # keyboard: focus, move the cursor, zoom in twice, then reset
    chart.focus()
    chart.press("End")
    page.wait_for_text(chart.locator(".nsw-chart-at"), re.compile(r"^at "))
    chart.press("+")
    chart.press("+")
    page.wait_for_text(chart.locator(".nsw-chart-status"), "zoomed to")
    # the kernel answered the zoom with the buckets of that range (detail, not a stretch)
    page.page.wait_for_function("el => !!el.dataset.zoomed", arg=chart.element_handle())
    chart.press("Shift+ArrowLeft")
    page.wait_for_text(chart.locator(".nsw-chart-status"), "zoomed to")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.screenshot_element(page.cell(1), "chart-zoomed-light")
    chart.press("Escape")
    page.wait_for_text(chart.locator(".nsw-chart-status"), "whole range")
    page.screenshot_element(page.cell(1), "chart-light")

    # another series and another x axis, asked of the kernel from the toolbar
    chart.locator(".nsw-chart-metric").select_option("train/acc")
    page.wait_for_text(last, "0.5", exact=True)
    chart.locator(".nsw-chart-x").select_option("relative_time")
    page.wait_for_function("el => el.getAttribute('aria-label').includes('time since start')",
                           arg=chart.element_handle())
    page.set_theme(DARK)
    page.screenshot_element(page.cell(1), "chart-dark")


def test_monitoring_series_shown_together(page, lab_dir, lab_store):
    sys_id = run_python(f"""
        import math, neptune_sys_widgets as n
        r = n.init_run(project="ws/bc", name="monitored", store={lab_store!r})
        for i in range(300):
            r["monitoring/abc/cpu"].append(50 + 40 * math.sin(i / 20), step=i)
            r["monitoring/abc/memory"].append(3 + i / 100, step=i)
            r["monitoring/abc/gpu"].append(90.0 if i % 50 else 10.0, step=i)
        print(r["sys/id"].fetch())
        r.stop()
    """).stdout.strip()
    nb = write_notebook(lab_dir / "monitoring.ipynb", [
        "%load_ext neptune_sys_widgets",
        f"%neptune_chart {sys_id} --metric monitoring/ --together",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    chart = page.cell(1).locator(CHART)
    chart.locator("canvas").first.wait_for()
    page.wait_for_text(chart.locator(".nsw-chart-title"), "3 series")
    rows = chart.locator(".nsw-chart-legend-row .nsw-chart-run")
    assert rows.all_text_contents() == ["monitoring/abc/cpu", "monitoring/abc/gpu",
                                        "monitoring/abc/memory"]
    page.wait_for_text(chart.locator(f".nsw-chart-last[data-run='{sys_id}:monitoring/abc/memory']"),
                       "5.99", exact=True)
    page.screenshot_element(page.cell(1), "chart-monitoring-light")


def test_run_card_metrics_filter_open_and_live(page, lab_dir, lab_store):
    sys_id = run_python(f"""
        import math, neptune_sys_widgets as n
        r = n.init_run(project="ws/bc", name="carded", store={lab_store!r})
        for i in range(500):
            r["train/loss"].append(math.exp(-i / 100), step=i)
        r["val/acc"].append(0.75, step=0)
        print(r["sys/id"].fetch())
        r.stop()
    """).stdout.strip()
    nb = write_notebook(lab_dir / "card.ipynb", [
        "import neptune_sys_widgets as n",
        f"n.init_run(with_id={sys_id!r}, mode='read-only')",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(".nsw-root.nsw-kind-run")
    section = card.locator(".nsw-metrics")
    page.wait_for_text(section.locator("summary"), "(2 of 2)")
    assert section.locator(".nsw-metric .nsw-metric-path").all_text_contents() == [
        "val/acc", "train/loss"]  # most recently updated first
    page.type_into(section.locator(".nsw-metrics-filter"), "loss")
    page.wait_for_text(section.locator("summary"), "(1 of 1)")

    # live: another process appends; the item's last value follows
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, store={lab_store!r})
        r["train/loss"].append(7.5, step=500)
        r.stop()
    """)
    item = section.locator("li[data-path='train/loss'] .nsw-metric-last")
    page.wait_for_text(item, "7.5", exact=True, timeout=30)

    # a click opens the full chart under the list
    section.locator("li[data-path='train/loss'] button").click()
    chart = section.locator(".nsw-chart")
    chart.locator("canvas").first.wait_for()
    page.wait_for_text(chart.locator(".nsw-chart-status"), "501 points")
    page.screenshot_element(page.cell(1), "run-card-metrics-light")
    section.get_by_role("button", name="Close chart").click()
    chart.wait_for(state="detached")


COUNT_DRAWS = """() => {
  const P = CanvasRenderingContext2D.prototype;
  window.__draws = 0;
  for (const name of ['clearRect', 'fillRect', 'stroke', 'fill', 'fillText', 'drawImage']) {
    const orig = P[name];
    P[name] = function (...args) { window.__draws += 1; return orig.apply(this, args); };
  }
}"""


def test_idle_charts_do_not_redraw_until_a_point_arrives(page, lab_dir, lab_store):
    """Twenty open charts with nothing new draw nothing (every canvas call is counted for
    3 s); a point committed by another process to one run redraws, which shows the count
    sees the charts' drawing at all."""
    out = run_python(f"""
        import neptune_sys_widgets as n
        for k in range(20):
            r = n.init_run(project="ws/idle", name=f"r{{k:02d}}", store={lab_store!r})
            r["loss"].extend([1.0 / (i + 1 + k) for i in range(500)], steps=list(range(500)))
            print(r["sys/id"].fetch())
            r.stop()
    """, timeout=120).stdout.split()
    nb = write_notebook(lab_dir / "idle.ipynb", [
        "from neptune_sys_widgets.widgets.chart import chart\n"
        "from IPython.display import display\n"
        f"ws = [chart(i, 'loss') for i in {out!r}]\nfor w in ws: display(w)",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    page.wait_for_function("() => document.querySelectorAll('.nsw-chart canvas').length >= 20"
                           " && [...document.querySelectorAll('.nsw-chart-status')].every("
                           "s => s.textContent.includes('500 points'))", timeout=60_000)
    page.page.wait_for_timeout(1000)  # the theme's settling rebuild (THEME_SETTLE_MS) is over
    page.evaluate(COUNT_DRAWS)
    page.page.wait_for_timeout(3000)  # a window for redraws that must not happen
    assert page.evaluate("() => window.__draws") == 0
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={out[5]!r}, store={lab_store!r})
        r["loss"].append(0.25, step=500)
        r.stop()
    """)
    page.wait_for_function("() => window.__draws > 0", timeout=30_000)
    status = page.cell(0).locator(".nsw-chart-status")
    page.wait_for_text(status.nth(5), "501 points")
    assert status.nth(4).text_content().startswith("500 points")
