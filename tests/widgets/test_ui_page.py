"""The team page's kernel side (neptune_sys_widgets/ui/page.py), in this process: what the
page shows for the store and project it is handed through the environment. The page in a
browser, served by ``neptune-sys ui``, is tests/browser/test_browser_teampage.py."""

from __future__ import annotations

import ipywidgets
import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.ui.page import TeamPage, team_page


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
