"""The runs and models tables in a real browser: JupyterLab 4 in headless Chromium.

Sort, filter (with an inline error that keeps the rows), select, bulk-tag, a live row
added by another process, a row opening its card, an inline stage edit; screenshots go to
artifacts/screenshots (the README shows one from docs/screenshots)."""

from __future__ import annotations

import re

import neptune_sys_widgets as nsw
from tests.conftest import run_python
from tests.harness.lab import DARK, write_notebook
from tests.store.test_multiprocess import wait_for

TABLE = ".nsw-table"


def seed_runs(store: str, n: int = 30) -> None:
    run_python(f"""
        import neptune_sys_widgets as n
        for i in range({n}):
            r = n.init_run(project="ws/tb", name=f"run-{{i:02d}}", mode="sync",
                           tags=["resnet" if i % 3 == 0 else "vit"], store={store!r})
            r["params/lr"] = round(0.001 * (i + 1), 4)
            r["train/loss"].append(1 / (i + 1))
            if i == 4:
                r["sys/failed"] = True
            r.stop()
    """)


def tags_of(store: str, run_id: str) -> set[str]:
    return nsw.init_run(with_id=run_id, mode="read-only", store=store)["sys/tags"].fetch()


def row_ids(table) -> list[str]:
    return table.locator(".nsw-tr[data-id]").evaluate_all(
        "rows => rows.map(r => r.dataset.id)")


def select_three_and_tag(page, table, store: str) -> None:
    """Select the first three rows with click and shift-click, then bulk-tag them."""
    ids = row_ids(table)
    table.locator(f".nsw-tr[data-id='{ids[0]}'] [data-key='sys/name']").click()
    table.locator(f".nsw-tr[data-id='{ids[2]}'] [data-key='sys/name']").click(
        modifiers=["Shift"])
    page.wait_for_text(table.locator(".nsw-selcount"), "3 selected")
    page.type_into(table.get_by_role("textbox", name="Tag for the selected rows"), "triaged")
    table.get_by_role("button", name="Add tag", exact=True).click()
    page.wait_for_text(table.locator(".nsw-bulk-status"), "Tagged 3 runs")
    wait_for(lambda: all("triaged" in tags_of(store, i) for i in ids[:3]), timeout=30)
    page.wait_for_text(table.locator(f".nsw-tr[data-id='{ids[0]}']"), "triaged")


def test_runs_table_sort_filter_select_tag_live_open(page, lab_dir, lab_store):
    seed_runs(lab_store)
    nb = write_notebook(lab_dir / "table.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_runs --project ws/tb --columns sys/name sys/state sys/tags sys/ping_time "
        "sys/failed params/lr",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    table = page.cell(1).locator(TABLE)
    page.wait_for_text(table.locator(".nsw-count"), "30 runs")
    page.wait_for_text(table.locator(".nsw-tr").first, "TB-30")
    grid = table.get_by_role("grid", name="Runs")
    assert grid.get_attribute("aria-rowcount") == "31"

    # sort: click the header, aria-sort follows
    header = table.get_by_role("columnheader").filter(has_text=re.compile(r"^name"))
    header.click()
    page.wait_for_text(table.locator(".nsw-tr").first, "run-00")
    # the rows are sent before the traits that name the new sort (no round trip for them),
    # so the header's arrow follows a moment after the rows
    wait_for(lambda: header.get_attribute("aria-sort") == "ascending", timeout=30)

    # filter: an invalid query shows its error and keeps the rows
    box = table.get_by_role("searchbox", name="Filter (NQL query)")
    page.type_into(box, "params/lr:float >", press="Enter")
    table.get_by_role("alert").filter(has_text="params/lr").wait_for()
    assert row_ids(table)[0] == "TB-1"
    page.type_into(box, 'sys/tags:stringSet CONTAINS "resnet" AND params/lr:float > 0.01',
                   press="Enter")
    page.wait_for_text(table.locator(".nsw-count"), "6 runs")
    assert table.get_by_role("alert").filter(has_text=re.compile(r"\S")).count() == 0
    page.wait_for_text(table.locator(".nsw-tr").first, "TB-13")
    assert row_ids(table) == ["TB-13", "TB-16", "TB-19", "TB-22", "TB-25", "TB-28"]

    select_three_and_tag(page, table, lab_store)

    # live: a run created by another process appears without any cell running
    page.type_into(box, "", press="Enter")
    page.wait_for_text(table.locator(".nsw-count"), "30 runs")
    run_python(f"""
        import neptune_sys_widgets as n
        n.init_run(project="ws/tb", name="aaa-from-outside", mode="sync",
                   store={lab_store!r}).stop()
    """)
    page.wait_for_text(table.locator(".nsw-count"), "31 runs", timeout=30)
    page.wait_for_text(table.locator(".nsw-tr").first, "aaa-from-outside", timeout=30)

    # a row opens its card under the table
    table.locator(".nsw-tr[data-id='TB-5'] .nsw-open").click()
    card = page.cell(1).locator(".nsw-root.nsw-kind-run")
    page.wait_for_text(card.locator(".nsw-id"), "TB-5")
    assert card.locator(".nsw-badge.nsw-failed").is_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.screenshot_element(page.cell(1), "runs-table-light")
    page.set_theme(DARK)
    page.screenshot_element(page.cell(1), "runs-table-dark")


def test_whole_header_cell_sorts_by_click_and_keyboard(page, lab_dir, lab_store):
    seed_runs(lab_store, 6)
    nb = write_notebook(lab_dir / "sorting.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_runs --project ws/tb --columns sys/name sys/tags params/lr",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    table = page.cell(1).locator(TABLE)
    page.wait_for_text(table.locator(".nsw-tr").first, "TB-6")
    header = table.get_by_role("columnheader").filter(has_text=re.compile(r"^name"))
    assert header.get_attribute("aria-sort") == "none"

    # a click on the header's empty area (right of its text) sorts
    box = header.bounding_box()
    assert box is not None
    header.click(position={"x": box["width"] - 4, "y": box["height"] / 2})
    page.wait_for_text(table.locator(".nsw-tr").first, "run-00")
    wait_for(lambda: header.get_attribute("aria-sort") == "ascending", timeout=30)

    # the keyboard: the header is focusable; Enter reverses, Space reverses again
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_text(table.locator(".nsw-tr").first, "run-05")
    wait_for(lambda: header.get_attribute("aria-sort") == "descending", timeout=30)
    assert page.evaluate("document.activeElement.getAttribute('role')") == "columnheader"
    page.keyboard.press("Space")
    page.wait_for_text(table.locator(".nsw-tr").first, "run-00")
    wait_for(lambda: header.get_attribute("aria-sort") == "ascending", timeout=30)
    assert table.locator(".nsw-selcount").inner_text() == "Nothing selected"

    # another column by keyboard: the old one goes back to "none"
    lr = table.get_by_role("columnheader").filter(has_text=re.compile(r"^params/lr"))
    lr.focus()
    page.keyboard.press("Enter")
    wait_for(lambda: lr.get_attribute("aria-sort") == "descending", timeout=30)
    assert header.get_attribute("aria-sort") == "none"
    page.wait_for_text(table.locator(".nsw-tr").first, "run-05")
    # a string-set column does not sort
    tags = table.get_by_role("columnheader").filter(has_text=re.compile(r"^tags"))
    assert tags.get_attribute("tabindex") is None


def test_compare_sends_the_selected_runs_to_the_kernel(page, lab_dir, lab_store):
    seed_runs(lab_store, 6)
    nb = write_notebook(lab_dir / "compare.ipynb", [
        "from neptune_sys_widgets.widgets.runs_table import RunsTable\n"
        "table = RunsTable('ws/tb', columns=['sys/name', 'params/lr'])\n"
        "compared = []\n"
        "table.on_compare(compared.append)\n"
        "table",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    table = page.cell(0).locator(TABLE)
    page.wait_for_text(table.locator(".nsw-tr").first, "TB-6")
    compare = table.get_by_role("button", name="Compare", exact=True)
    assert compare.is_disabled()
    table.locator(".nsw-tr[data-id='TB-2'] [data-key='sys/name']").click()
    table.locator(".nsw-tr[data-id='TB-4'] [data-key='sys/name']").click(
        modifiers=["ControlOrMeta"])
    page.wait_for_text(table.locator(".nsw-selcount"), "2 selected")
    assert compare.is_enabled()
    compare.click()
    page.wait_for_text(table.locator(".nsw-compare-status"), "Comparing 2 runs")
    assert page.kernel_eval(nb, "print(compared)")["stdout"].strip() == "[['TB-2', 'TB-4']]"

    # the default hook (widgets.chart): a chart of the two runs under the table
    page.kernel_eval(nb, "table.on_compare(None)")
    compare.click()
    page.wait_for_text(table.locator(".nsw-compare-status"), "Comparing 2 runs")
    chart = page.cell(0).locator(".nsw-chart")
    chart.locator("canvas").first.wait_for()
    runs = chart.locator(".nsw-chart-legend-row .nsw-chart-run")
    wait_for(lambda: runs.all_text_contents() == ["run-01", "run-03"], timeout=30)
    assert chart.locator(".nsw-chart-legend-row").count() == 2
    page.wait_for_text(chart.locator(".nsw-chart-status"), "2 points")
    got = page.kernel_eval(nb, "print(table.compare_chart.metric, "
                           "[r['id'] for r in table.compare_chart.runs])")
    assert got["stdout"].strip() == "train/loss ['TB-2', 'TB-4']"


def test_sparkline_column_draws_and_follows_a_growing_series(page, lab_dir, lab_store):
    seed_runs(lab_store, 3)
    nb = write_notebook(lab_dir / "spark.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_runs --project ws/tb --columns sys/name --spark train/loss",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    table = page.cell(1).locator(TABLE)
    page.wait_for_text(table.locator(".nsw-tr").first, "TB-3")
    assert table.get_by_role("columnheader", name="train/loss (trend)").count() == 1
    line = table.locator(".nsw-tr[data-id='TB-1'] [data-key='spark:train/loss']").get_by_role(
        "img")
    line.wait_for()
    assert line.get_attribute("aria-label") == "train/loss: last 1 at step 0"

    # the series grows in another process: the row's line follows, without a cell running
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id="TB-1", project="ws/tb", mode="sync", store={lab_store!r})
        r["train/loss"].extend([0.5, 0.25], steps=[1, 2])
        r.stop()
    """)
    wait_for(lambda: line.get_attribute("aria-label") == "train/loss: last 0.25 at step 2",
             timeout=30)
    points = line.locator("polyline").get_attribute("points")
    assert points is not None and len(points.split()) == 3
    page.screenshot_element(page.cell(1), "runs-table-sparklines")


def test_models_table_changes_a_stage_inline_and_in_bulk(page, lab_dir, lab_store):
    nsw.init_model(key="CLF", project="ws/tb", store=lab_store).stop()
    for _ in range(3):
        nsw.init_model_version(model="TB-CLF", project="ws/tb", store=lab_store).stop()
    nb = write_notebook(lab_dir / "models.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_models --project ws/tb",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    table = page.cell(1).locator(TABLE)
    page.wait_for_text(table.locator(".nsw-count"), "3 model versions")
    table.get_by_role("combobox", name="Stage of TB-CLF-2").select_option("production")

    def stage(vid: str) -> str:
        return nsw.init_model_version(with_id=vid, mode="read-only", store=lab_store)[
            "sys/stage"].fetch()
    wait_for(lambda: stage("TB-CLF-2") == "production", timeout=30)
    table.get_by_role("grid").press("ControlOrMeta+a")
    page.wait_for_text(table.locator(".nsw-selcount"), "3 selected")
    table.get_by_role("combobox", name="Stage for the selected versions").select_option(
        "staging")
    table.get_by_role("button", name="Set stage").click()
    wait_for(lambda: {stage(f"TB-CLF-{i}") for i in (1, 2, 3)} == {"staging"}, timeout=30)
    table.get_by_role("combobox", name="Stage filter").select_option("staging")
    page.wait_for_text(table.locator(".nsw-count"), "3 model versions")
    page.screenshot_element(page.cell(1), "models-table-light")
