"""The team page's kernel side (neptune_sys_widgets/ui/page.py), in this process: what the
page shows for the store and project it is handed through the environment. The page in a
browser, served by ``neptune-sys ui``, is tests/browser/test_browser_teampage.py."""

from __future__ import annotations

import ipywidgets
import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.ui.page import TeamPage, team_page
from tests.conftest import run_python


def make_run(project: str, store: str) -> None:
    nsw.init_run(project=project, mode="sync", store=store).stop()


@pytest.fixture
def two_projects(store_path) -> str:
    make_run("ws/vision", store_path)
    make_run("ws/speech", store_path)
    return store_path


def test_a_store_with_several_projects_gets_a_picker(two_projects, monkeypatch):
    page = team_page()
    try:
        assert isinstance(page, TeamPage)
        assert page.picker.layout.display is None
        assert sorted(page.picker.options) == ["ws/speech", "ws/vision"]
        first = page.tabs.children[0]
        assert first.grid.project == page.picker.value and not first.grid.read_only
        other = next(p for p in page.picker.options if p != page.picker.value)
        page.picker.value = other
        assert page.tabs.children[0].grid.project == other
        assert first.grid.comm is None  # the old tables stop listening to the store
        assert page.tabs.titles == ("Runs", "Models")
    finally:
        page.close()


def test_the_project_and_read_only_come_from_the_environment(two_projects, monkeypatch):
    monkeypatch.setenv("NEPTUNE_PROJECT", "ws/speech")
    monkeypatch.setenv("NEPTUNE_SYS_UI_READ_ONLY", "1")
    page = team_page()
    try:
        assert page.picker.layout.display == "none"
        runs, models = page.tabs.children
        assert runs.grid.project == "ws/speech" and runs.grid.read_only
        assert models.grid.read_only
    finally:
        page.close()


def test_a_store_that_cannot_be_read_is_one_line_of_text(tmp_path, monkeypatch):
    bad = tmp_path / "notes.db"
    bad.write_text("not a store")
    monkeypatch.setenv("NEPTUNE_SYS_STORE", str(bad))
    page = team_page()
    assert isinstance(page, ipywidgets.Label)
    assert page.value.startswith("Cannot open the store: ") and "notes.db" in page.value
    monkeypatch.delenv("NEPTUNE_SYS_STORE")
    assert "neptune-sys ui --store" in team_page().value


def _until(check, timeout: float = 15.0) -> bool:
    """Poll ``check()`` until true: the feed's watcher thread relists the projects."""
    import time
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_project_made_by_another_process_joins_the_open_page(store_path):
    make_run("ws/vision", store_path)
    page = TeamPage(store_path)
    try:
        tables = page.tabs.children
        assert page.picker.options == ("ws/vision",) and page.picker.layout.display == "none"
        run_python(f"""
            import neptune_sys_widgets as nsw
            nsw.init_run(project="ws/speech", mode="sync", store={store_path!r}).stop()
        """)
        assert _until(lambda: "ws/speech" in page.picker.options), page.picker.options
        assert page.picker.layout.display is None  # two projects: the picker shows
        assert page.picker.value == "ws/vision"  # what the user looks at stays
        assert page.tabs.children == tables  # and its tables were not rebuilt
    finally:
        page.close()


def test_a_page_opened_on_an_empty_store_shows_the_first_project_made(tmp_path):
    store = str(tmp_path / "empty.db")
    run_python(f"""
        from neptune_sys_widgets.store import open_store
        open_store({store!r})  # a store with no project yet
    """)
    page = TeamPage(store)
    try:
        assert isinstance(page.tabs.children[0], ipywidgets.Label)
        run_python(f"""
            import neptune_sys_widgets as nsw
            nsw.init_run(project="ws/first", mode="sync", store={store!r}).stop()
        """)
        assert _until(lambda: page.picker.value == "ws/first")
        assert page.tabs.children[0].grid.project == "ws/first"
    finally:
        page.close()
