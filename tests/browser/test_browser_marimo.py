"""Smoke test in marimo (anywidget supports it): a run's card renders and a tag typed in
the browser round-trips to the store. Skipped when marimo is not installed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

import neptune_sys_widgets as nsw
from tests.harness.lab import REPO, free_port
from tests.store.test_multiprocess import wait_for

pytest.importorskip("marimo")

APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import neptune_sys_widgets as nsw
    from neptune_sys_widgets.widgets import widget_for

    run = nsw.init_run(project="ws/mo", custom_run_id="mo-card", name="in-marimo",
                       mode="sync")
    card = mo.ui.anywidget(widget_for(run))
    card
    return


if __name__ == "__main__":
    app.run()
"""


def test_card_renders_and_an_edit_round_trips_in_marimo(tmp_path, chromium_browser):
    store = str(tmp_path / ".neptune" / "neptune.db")
    app = tmp_path / "card_app.py"
    app.write_text(textwrap.dedent(APP))
    port = free_port()
    env = dict(os.environ, NEPTUNE_SYS_STORE=store,
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(tmp_path / "marimo.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "marimo", "run", str(app), "--headless",
                             "--host", "127.0.0.1", "--port", str(port), "--no-token"],
                            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("marimo did not start:\n" +
                                (tmp_path / "marimo.log").read_text(errors="replace"))
                time.sleep(0.3)
        # the session's browser: a second sync_playwright() in one thread cannot start
        context = chromium_browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(url)
            card = page.locator(".nsw-root.nsw-kind-run").first
            card.locator(".nsw-id").filter(has_text="MO-1").wait_for(timeout=90_000)
            add = card.get_by_role("textbox", name="Add tag", exact=True)
            add.click()
            add.press_sequentially("from-marimo")
            add.press("Enter")
            wait_for(lambda: "from-marimo" in nsw.init_run(
                with_id="MO-1", mode="read-only", store=store)["sys/tags"].fetch(),
                timeout=30)
            card.locator(".nsw-chip-text").filter(has_text="from-marimo").wait_for()
        finally:
            context.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
