"""Text another user put into a shared store, as ``neptune-sys`` prints it: a terminal
escape sequence (clear the screen, retitle the window, an OSC 8 link), a bidi override or
rich markup in a name, tag, custom run id or traceback line is printed escaped and
literal, never acted on; JSON keeps the values and escapes what a terminal would act on;
a NUL, which no PostgreSQL store could keep, is refused where it would be stored."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import management
from neptune_sys_widgets.exceptions import InvalidValueError
from tests.conftest import child_env

CMD = [sys.executable, "-m", "neptune_sys_widgets.cli"]
CLEAR, TITLE = "\x1b[2J\x1b[H", "\x1b]0;owned\x07"
LINK = "\x1b]8;;evil.example\x07click\x1b]8;;\x07"  # (a custom run id has no "/")
NAME = f"[link=http://evil.example]report[/link] {CLEAR}{TITLE}x\u202etxt.exe"
TAG = "[bold]best\u202egnp.exe"  # (a tag refuses control characters, not Cf)
CUSTOM = f"run{LINK}"
TRACE = f"ValueError: {CLEAR}\x9b31m all is fine"
# bytes a terminal acts on: C0 but newline/tab, DEL, C1 (as UTF-8), bidi overrides
ACTED_ON = [bytes([c]) for c in (*range(0x20), 0x7F) if c not in (0x09, 0x0A)] + \
    [chr(c).encode() for c in (*range(0x80, 0xA0), 0x202E)]


def cli(*args: str) -> bytes:
    proc = subprocess.run([*CMD, *args], capture_output=True, timeout=60,
                          env=child_env(COLUMNS="400"))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def hostile(store_path):
    run = nsw.init_run(project="ws/p[b]", custom_run_id=CUSTOM, name=NAME, tags=[TAG],
                       description=CLEAR + "desc", mode="sync")
    run["monitoring/traceback"].append(TRACE)
    sys_id = run["sys/id"].fetch()
    run.stop()
    return sys_id


def assert_inert(out: bytes) -> None:
    found = [b for b in ACTED_ON if b in out]
    assert not found, f"raw {found} reached the terminal: {out[:400]!r}"


@pytest.mark.parametrize("args", [("show", "{id}"), ("ls", "-p", "ws/p[b]", "--columns",
                                                      "sys/id,sys/name,sys/tags,sys/custom_run_id"),
                                  ("watch", "-p", "ws/p[b]", "--once")])
def test_user_text_is_printed_escaped_and_literal(hostile, args):
    out = cli(*[a.format(id=hostile) for a in args])
    assert_inert(out)
    text = out.decode()
    assert "[link=http://evil.example]report[/link]" in text  # markup shown, not applied
    assert "\\x1b[2J" in text and "\\u202e" in text
    if args[0] != "watch":  # (watch shows no custom run id)
        assert "\\x1b]8;;evil.example\\x07click" in text
    assert "[bold]best" in text


def test_a_traceback_line_and_a_description_are_escaped_in_show(hostile):
    out = cli("show", hostile)
    assert_inert(out)
    assert "ValueError: \\x1b[2J\\x1b[H\\x9b31m all is fine" in out.decode()
    assert "\\x1b[2J\\x1b[Hdesc" in out.decode()


@pytest.mark.parametrize("args", [("show", "{id}", "--json"), ("ls", "-p", "ws/p[b]",
                                                                "--format", "json")])
def test_json_keeps_the_values_and_escapes_what_a_terminal_acts_on(hostile, args):
    out = cli(*[a.format(id=hostile) for a in args])
    assert_inert(out)
    data = json.loads(out)
    rows = [data["sys"]] if "sys" in data else data
    assert rows[0]["sys/name"] == NAME and TAG in rows[0]["sys/tags"]


@pytest.mark.parametrize("where", ["name", "custom_run_id", "project", "description"])
def test_a_nul_is_refused_where_it_would_be_stored(store_path, where):
    kwargs = {"project": "ws/p", "mode": "sync", where: "a\x00b"}
    with pytest.raises(InvalidValueError, match="NUL|control character"):
        nsw.init_run(**kwargs)
    assert management.get_project_list() in ([], ["ws/p"])
    if management.get_project_list():
        project = nsw.init_project(project="ws/p", mode="read-only")
        assert len(project.fetch_runs_table().to_pandas()) == 0


def test_a_control_character_in_a_project_name_is_refused(store_path):
    with pytest.raises(InvalidValueError, match="control character"):
        nsw.init_run(project="ws/p\x1b[2J", mode="sync")
    assert management.get_project_list() == []
