"""The cards in a real browser: JupyterLab in headless Chromium (Playwright).

Each test writes a notebook into its own folder under the session's lab root; the notebook's
kernel and this test process share that folder's default store (``lab_store``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import neptune_sys_widgets as nsw
from tests.conftest import REPO, run_python, spawn_python
from tests.harness.lab import DARK, write_notebook
from tests.store.test_multiprocess import wait_for

XSS = "<img src=x onerror=window.__pwned=1>"
CARD = ".nsw-root"


def card_notebook(lab_dir: Path, line: str, *extra: str) -> Path:
    return write_notebook(lab_dir / "card.ipynb", [
        "import os\nos.environ['NEPTUNE_SYS_LIVENESS_TIMEOUT'] = '3'\n"
        "%load_ext neptune_sys_widgets",
        f"%neptune_run {line}",
        *extra,
    ])


def stored_tags(store: str, run_id: str) -> set[str]:
    run = nsw.init_run(with_id=run_id, mode="read-only", store=store)
    return run["sys/tags"].fetch()


def test_card_edits_reach_the_store(page, lab_dir, lab_store):
    nb = card_notebook(lab_dir, "--project ws/br --run-id card --name first --tags seed")
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    page.wait_for_text(card.locator(".nsw-id"), "BR-1")

    add = card.get_by_role("textbox", name="Add tag", exact=True)
    add.click()
    add.type("from-browser")
    add.press("Enter")
    wait_for(lambda: "from-browser" in stored_tags(lab_store, "BR-1"), timeout=30)
    page.wait_for_text(card.get_by_role("group", name="Tags", exact=True), "from-browser")

    card.get_by_role("button", name="Remove tag seed").click()
    wait_for(lambda: stored_tags(lab_store, "BR-1") == {"from-browser"}, timeout=30)

    name = card.get_by_role("textbox", name="Run name")
    name.fill("renamed in the browser")
    name.press("Enter")
    wait_for(lambda: nsw.init_run(with_id="BR-1", mode="read-only", store=lab_store)[
        "sys/name"].fetch() == "renamed in the browser", timeout=30)

    card.get_by_role("switch", name="Failed").check()
    wait_for(lambda: nsw.init_run(with_id="BR-1", mode="read-only", store=lab_store)[
        "sys/failed"].fetch() is True, timeout=30)

    page.screenshot_element(page.cell(1), "run-card-light")
    page.set_theme(DARK)
    page.screenshot_element(page.cell(1), "run-card-dark")


def test_rejected_edit_shows_error_and_snaps_back(page, lab_dir, lab_store):
    nb = card_notebook(lab_dir, "--project ws/br --run-id bad --name keep")
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    add = card.get_by_role("textbox", name="Add tag", exact=True)
    add.click()
    add.type("x" * 1100)
    add.press("Enter")
    card.get_by_role("alert").filter(has_text="1024").wait_for()
    assert stored_tags(lab_store, "BR-1") == set()


def test_stage_control_changes_the_stage(page, lab_dir, lab_store):
    nsw.init_model(key="CLF", project="ws/br", store=lab_store)
    nsw.init_model_version(model="BR-CLF", project="ws/br", store=lab_store).stop()
    nb = write_notebook(lab_dir / "stage.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_model_version BR-CLF-1 --project ws/br",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    card.get_by_role("combobox", name="Stage").select_option("production")
    wait_for(lambda: nsw.init_model_version(with_id="BR-CLF-1", mode="read-only",
                                            store=lab_store)["sys/stage"].fetch()
             == "production", timeout=30)
    page.screenshot_element(page.cell(1), "model-version-card-light")


def test_external_process_tags_then_dies(page, lab_dir, lab_store):
    child = spawn_python("""
        import os, signal, neptune_sys_widgets as n
        r = n.init_run(project="ws/br", custom_run_id="ext", mode="sync")
        print(r["sys/id"].fetch(), flush=True)
        input()
        r["sys/tags"].add("added-outside")
        os.kill(os.getpid(), signal.SIGKILL)
    """, stdin=True, NEPTUNE_SYS_STORE=lab_store)
    try:
        rid = child.stdout.readline().strip()
        nb = card_notebook(lab_dir, f"--project ws/br --with-id {rid} --read-only")
        page.open_notebook(nb)
        assert page.run_all(nb) == []
        card = page.cell(1).locator(CARD)
        card.locator(".nsw-badge.nsw-active").wait_for()
        child.stdin.write("go\n")
        child.stdin.flush()
        child.wait(timeout=30)
        # no cell runs from here on: the updates come from the kernel's watcher thread
        tags = card.get_by_role("group", name="Tags", exact=True)
        page.wait_for_text(tags, "added-outside", timeout=30)
        card.locator(".nsw-badge.nsw-inactive").wait_for(timeout=60_000)
        assert "Inactive" in card.locator(".nsw-badge.nsw-inactive").inner_text()
    finally:
        child.kill()
        child.wait()


def test_html_looking_text_is_literal(page, lab_dir, lab_store):
    nb = card_notebook(lab_dir, "--project ws/br --run-id xss",
                       f"run['sys/tags'].add({XSS!r})\nrun.sys.name = {XSS!r}")
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    page.wait_for_text(card.get_by_role("group", name="Tags", exact=True), XSS)
    assert card.get_by_role("textbox", name="Run name").input_value() == XSS
    assert card.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_typing_dd_in_the_tag_box_deletes_no_cell(page, lab_dir, lab_store):
    nb = card_notebook(lab_dir, "--project ws/br --run-id keys", "1 + 1")
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    cells = page.locator(".jp-Notebook .jp-Cell")
    before = cells.count()
    add = page.cell(1).locator(CARD).get_by_role("textbox", name="Add tag", exact=True)
    add.click()
    for key in ("Escape", "d", "d", "a", "b", "m"):
        add.press(key)
        add.focus()
    assert cells.count() == before
    assert page.cell(1).locator(CARD).count() == 1


def test_quickstart_notebook_in_the_browser(page, lab_dir, lab_store):
    for name in ("quickstart.ipynb",):
        shutil.copy(REPO / "examples" / name, lab_dir / name)
    nb = lab_dir / "quickstart.ipynb"
    page.open_notebook(nb)
    assert page.run_all(nb, timeout=180) == []
    page.locator(CARD).first.wait_for()
    page.wait_for_text(page.locator(".nsw-table").first, "baseline-v2")
    out = run_python(f"""
        import neptune_sys_widgets as n
        p = n.init_project("demo/quickstart", mode="read-only", store={lab_store!r})
        print(p.fetch_runs_table().to_pandas()["sys/name"].tolist())
    """).stdout
    assert "baseline-v2" in out


def test_card_stays_live_and_edits_queue_while_the_kernel_is_busy(page, lab_dir, lab_store):
    nb = card_notebook(lab_dir, "--project ws/br --run-id busy --name busy",
                       "import time; time.sleep(8)")
    rel = page.open_notebook(nb)
    page.run_cell(nb, 0)
    page.run_cell(nb, 1)
    card = page.cell(1).locator(CARD)
    page.wait_for_text(card.locator(".nsw-id"), "BR-1")
    tags = card.get_by_role("group", name="Tags", exact=True)
    alerts = card.get_by_role("alert").filter(has_text=re.compile(r"\S"))

    # start the sleeping cell without waiting for it (the harness's run, not its wait)
    sleeping = page.evaluate("([p, c, i]) => window.__nsw.run(p, c, i)",
                             [rel, "notebook:run-cell", 2])
    page.wait_for_function("(p) => window.__nsw.state(p).status === 'busy'", arg=rel,
                           timeout=60_000)

    def still_busy() -> bool:
        return not page.evaluate("([p, id]) => window.__nsw.runDone(p, id)", [rel, sleeping])

    # (i) a second process tags the run: the kernel's watcher thread delivers it meanwhile
    run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(with_id="BR-1", mode="sync")
        r["sys/tags"].add("while-busy")
        r.stop()
    """)
    tags.locator(".nsw-chip:not(.nsw-chip-adding) .nsw-chip-text",
                 has_text=re.compile(r"^while-busy$")).wait_for(timeout=30_000)
    assert still_busy(), "the sleeping cell ended before the chip appeared"

    # (ii) an edit typed now is sent, queued by the busy kernel and shown as pending
    add = card.get_by_role("textbox", name="Add tag", exact=True)
    # clear=False: Backspace in the empty chip input removes the last chip
    page.type_into(add, "typed-while-busy", clear=False, press="Enter")
    ghost = tags.locator("li.nsw-chip-adding[aria-busy='true']", has_text="typed-while-busy")
    ghost.wait_for(timeout=30_000)
    assert card.locator(".nsw-chipfield[aria-busy='true']").count() == 1
    assert still_busy(), "the sleeping cell ended before the pending chip was checked"
    assert alerts.count() == 0, alerts.all_inner_texts()

    # the cell finishes; the queued command is applied, the chip settles
    page.wait_for_function("([p, id]) => window.__nsw.runDone(p, id)", arg=[rel, sleeping],
                           timeout=120_000)
    assert page.evaluate("(p) => window.__nsw.errors(p)", rel) == []
    wait_for(lambda: stored_tags(lab_store, "BR-1") == {"while-busy", "typed-while-busy"},
             timeout=30)
    tags.locator(".nsw-chip:not(.nsw-chip-adding) .nsw-chip-text",
                 has_text=re.compile(r"^typed-while-busy$")).wait_for(timeout=30_000)
    ghost.wait_for(state="detached", timeout=30_000)
    card.locator(".nsw-chipfield[aria-busy]").wait_for(state="detached", timeout=30_000)
    assert tags.locator(".nsw-chip-adding, .nsw-chip-removing").count() == 0
    assert alerts.count() == 0, alerts.all_inner_texts()


def test_model_view_promotes_a_version_from_its_list(page, lab_dir, lab_store):
    nsw.init_model(key="REG", project="ws/br", store=lab_store)
    for _ in range(2):
        nsw.init_model_version(model="BR-REG", project="ws/br", store=lab_store).stop()
    nb = write_notebook(lab_dir / "registry.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_model REG --project ws/br",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    card.get_by_role("combobox", name="Stage of BR-REG-2").select_option("production")
    wait_for(lambda: nsw.init_model_version(with_id="BR-REG-2", mode="read-only",
                                            store=lab_store)["sys/stage"].fetch()
             == "production", timeout=30)
    # a version created elsewhere joins the live list
    nsw.init_model_version(model="BR-REG", project="ws/br", store=lab_store).stop()
    card.get_by_role("combobox", name="Stage of BR-REG-3").wait_for(timeout=30_000)
    page.screenshot_element(page.cell(1), "model-registry-light")


def test_failed_cell_shows_failed_badge_and_traceback(page, lab_dir, lab_store):
    nb = write_notebook(lab_dir / "failed.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%%neptune_run --project ws/br --run-id boom --name diverging\n"
        "raise FloatingPointError('loss is NaN at step 1200')",
    ])
    page.open_notebook(nb)
    errors = page.run_all(nb, check=False)  # the second cell fails on purpose
    assert [e["ename"] for e in errors] == ["FloatingPointError"]
    card = page.cell(1).locator(CARD)
    page.wait_for_text(card.get_by_label("Traceback"), "loss is NaN at step 1200")
    assert card.get_by_role("switch", name="Failed").is_checked()
    page.screenshot_element(page.cell(1), "run-card-failed-light")
