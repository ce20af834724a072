"""The cards and the runs table in Notebook 7 (``jupyter notebook``), in headless Chromium.

Notebook 7 is built from JupyterLab's components but has its own app and one document per
page, so it gets its own small server here (the Lab harness with ``-m notebook``) and the
notebook is opened by URL. Skipped when the ``notebook`` package is not installed."""

from __future__ import annotations

import os
import sys

import pytest

import neptune_sys_widgets as nsw
from tests.harness.lab import LabServer, write_notebook
from tests.store.test_multiprocess import wait_for

pytest.importorskip("notebook")


class Notebook7Server(LabServer):
    def _command(self) -> list[str]:
        cmd = [
            sys.executable, "-m", "notebook", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--JupyterNotebookApp.user_settings_dir={self._dirs['settings']}",
            f"--JupyterNotebookApp.workspaces_dir={self._dirs['workspaces']}",
            "--JupyterNotebookApp.expose_app_in_browser=True",
            "--ServerApp.shutdown_no_activity_timeout=3600",
            "--MappingKernelManager.cull_idle_timeout=0",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd


@pytest.fixture(scope="module")
def nb7(tmp_path_factory):
    server = Notebook7Server(tmp_path_factory.mktemp("nb7-root"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def nb7_page(nb7, chromium_browser):
    # the session's browser: a second sync_playwright() in this thread while the
    # session's one is running fails ("Sync API inside the asyncio loop")
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
    finally:
        context.close()
        nb7.shutdown_kernels()


def test_card_and_table_in_notebook7(nb7, nb7_page, monkeypatch):
    folder = nb7.root_dir / "nb7"
    folder.mkdir()
    store = str(folder / ".neptune" / "neptune.db")
    monkeypatch.setenv("NEPTUNE_SYS_STORE", store)
    for i in range(5):
        nsw.init_run(project="ws/n7", name=f"listed-{i}", mode="sync", store=store).stop()
    nb = write_notebook(folder / "n7.ipynb", [
        "%load_ext neptune_sys_widgets",
        "%neptune_run --project ws/n7 --run-id n7 --name in-notebook-7 --tags seed",
        "%neptune_runs --project ws/n7",
    ])
    page = nb7_page
    page.goto(f"{nb7.url}/notebooks/{nb7.rel(nb)}?token={nb7.token}")
    page.wait_for_function("() => window.jupyterapp !== undefined")
    page.evaluate("async () => { await window.jupyterapp.started; "
                  "await window.jupyterapp.restored; }")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget; const k = w && "
        "w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel; "
        "return k && k.status === 'idle' && k.connectionStatus === 'connected'; }",
        timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")

    card = page.locator(".nsw-root.nsw-kind-run").first
    card.locator(".nsw-id").filter(has_text="N7-6").wait_for(timeout=120_000)
    add = card.get_by_role("textbox", name="Add tag", exact=True)
    add.click()
    add.press_sequentially("from-nb7")
    add.press("Enter")

    def tags(run_id: str) -> set[str]:
        return nsw.init_run(with_id=run_id, mode="read-only", store=store)["sys/tags"].fetch()
    wait_for(lambda: "from-nb7" in tags("N7-6"), timeout=30)

    table = page.locator(".nsw-table").first
    table.locator(".nsw-count").filter(has_text="6 runs").wait_for(timeout=60_000)
    table.locator(".nsw-tr[data-id='N7-2'] [data-key='sys/name']").click()
    table.get_by_role("textbox", name="Tag for the selected rows").fill("n7-bulk")
    table.get_by_role("button", name="Add tag", exact=True).click()
    wait_for(lambda: "n7-bulk" in tags("N7-2"), timeout=30)
    table.locator(".nsw-tr[data-id='N7-2']").filter(has_text="n7-bulk").wait_for(
        timeout=30_000)
    from tests.harness.lab import screenshots_dir
    table.screenshot(path=str(screenshots_dir() / "runs-table-notebook7.png"))
