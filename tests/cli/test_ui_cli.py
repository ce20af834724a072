"""``neptune-sys ui``'s arguments, checked before any server starts: each bad one is a
one-line error naming its option and the rule, exit code 2, and nothing listens. (The page
itself, served and used in a browser, is tests/browser/test_browser_teampage.py.)"""

from __future__ import annotations

import socket
import sys

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.cli import main


@pytest.fixture
def team_store(store_path) -> str:
    nsw.init_run(project="ws/team", name="one", mode="sync", store=store_path).stop()
    return store_path


def ui(capsys, *args: str) -> tuple[int, str]:
    code = main(["ui", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("store, says", [
    ("missing/neptune.db", "no store at"),
    (".", "is a directory"),
    ("mysql://db.example/team", "only SQLite stores"),
])
def test_a_bad_store_is_named(capsys, store_path, store, says):
    code, err = ui(capsys, "--store", store)
    assert code == 2
    assert err.startswith("neptune-sys: error: Invalid value for '--store': ")
    assert says in err and len(err.strip().splitlines()) == 1


def test_a_file_that_is_not_a_store_is_left_alone(capsys, tmp_path, store_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    code, err = ui(capsys, "--store", str(notes))
    assert code == 2 and "'--store'" in err and "not a neptune_sys_widgets store" in err
    assert notes.read_text() == "my notes"


def test_the_group_store_option_is_used(capsys, tmp_path, store_path):
    code = main(["--store", str(tmp_path / "nope.db"), "ui"])
    err = capsys.readouterr().err
    assert code == 2 and "no store at" in err and "nope.db" in err


def test_an_unknown_project_lists_the_store_s_projects(capsys, team_store):
    code, err = ui(capsys, "--store", team_store, "--project", "ws/other")
    assert code == 2
    assert "'--project'" in err and "ws/other" in err and "ws/team" in err


@pytest.mark.parametrize("args, says", [
    (["--token", "abc", "--no-token"], "not both"),
    (["--token", "two words"], "without spaces"),
    (["--token", ""], "without spaces"),
    (["--port", "70000"], "'--port'"),
])
def test_bad_token_and_port(capsys, team_store, args, says):
    code, err = ui(capsys, "--store", team_store, *args)
    assert code == 2 and says in err


def test_a_taken_port_is_refused(capsys, team_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = ui(capsys, "--store", team_store, "--port", str(port))
    assert code == 2 and "'--port'" in err and f"127.0.0.1:{port}" in err


def test_help_names_the_security_defaults(capsys):
    assert main(["ui", "--help"]) == 0
    out = capsys.readouterr().out
    assert "127.0.0.1" in out and "--no-token" in out and "0.0.0.0" in out


def test_the_printed_url_quotes_the_token():
    from neptune_sys_widgets.ui.app import UiOptions
    opts = UiOptions(store="s.db", token="a&b#c d")
    assert opts.url(8866) == "http://127.0.0.1:8866/?token=a%26b%23c%20d"
    assert UiOptions(store="s.db", host="::1").url(9) == "http://[::1]:9/"


def test_without_voila_the_error_names_the_extra(capsys, team_store, monkeypatch):
    monkeypatch.setitem(sys.modules, "voila.app", None)  # as if Voilà were not installed
    code, err = ui(capsys, "--store", team_store, "--port", "0")
    assert code == 1 and "pip install 'neptune_sys_widgets[ui]'" in err
