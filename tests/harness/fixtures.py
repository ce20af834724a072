"""Fixtures of the kernel and browser harnesses (loaded by tests/conftest.py).

Kernel tests:
    kernel          a started ipykernel, cwd ``tmp_path``, ``NEPTUNE_SYS_STORE`` =
                    ``tmp_path/store/neptune.db`` (the ``store_path`` fixture's file)
    kernel_factory  ``kernel_factory(cwd=..., env=..., **extra_env)`` for more kernels

Browser tests (tests/conftest.py marks every test using these ``browser``, the kernel ones
``kernel``):
    lab             one JupyterLab server for the whole session (root: a tmp folder)
    lab_dir         a fresh folder inside the server root for this test; a kernel started
                    for a notebook there has it as cwd, so its default store is
                    ``lab_dir/.neptune/neptune.db``
    lab_store       that store path, also set as ``NEPTUNE_SYS_STORE`` in the test process
    page            a ``LabPage`` on a fresh workspace (own browser context); afterwards the
                    theme is reset and every kernel of the server is shut down
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.kernel import Kernel
from tests.harness.lab import LabPage, LabServer, launch_chromium


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_nsw_report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    rep = getattr(request.node, "_nsw_report_call", None)
    return rep is None or rep.failed


# ---- kernels -------------------------------------------------------------------------------

@pytest.fixture
def kernel_factory(tmp_path: Path) -> Iterator[Callable[..., Kernel]]:
    started: list[Kernel] = []

    def start(cwd: str | os.PathLike | None = None, env: dict[str, str] | None = None,
              **extra_env: str) -> Kernel:
        k = Kernel(cwd=cwd if cwd is not None else tmp_path, env=env, extra_env=extra_env)
        started.append(k)
        return k.start()

    yield start
    for k in reversed(started):
        k.shutdown()


@pytest.fixture
def kernel(request: pytest.FixtureRequest, tmp_path: Path,
           kernel_factory: Callable[..., Kernel]) -> Kernel:
    if "store_path" in request.fixturenames:  # share the test's store (same file anyway)
        request.getfixturevalue("store_path")
    store = os.environ.get("NEPTUNE_SYS_STORE") or str(tmp_path / "store" / "neptune.db")
    return kernel_factory(cwd=tmp_path, NEPTUNE_SYS_STORE=store)


# ---- JupyterLab in Chromium ---------------------------------------------------------------

@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    server = LabServer(tmp_path_factory.mktemp("lab-root"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def lab_dir(lab: LabServer, request: pytest.FixtureRequest) -> Path:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)[:60] or "test"
    path, n = lab.root_dir / base, 1
    while path.exists():
        n += 1
        path = lab.root_dir / f"{base}-{n}"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def lab_store(lab_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    store = str(lab_dir / ".neptune" / "neptune.db")
    monkeypatch.setenv("NEPTUNE_SYS_STORE", store)
    return store


@pytest.fixture
def page(lab: LabServer, chromium_browser, request: pytest.FixtureRequest
         ) -> Iterator[LabPage]:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    lab_page = LabPage(lab, context.new_page(), name=request.node.name)
    try:
        lab_page.goto_lab()
        yield lab_page
        if _failed(request):
            try:
                lab_page.screenshot_page(f"FAILED-{lab_page.name}")
            except Exception:
                pass
    finally:
        try:
            lab_page.close()
        finally:
            lab.shutdown_kernels()
