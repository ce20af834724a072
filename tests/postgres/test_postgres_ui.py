"""The team page on the team store: tests/widgets/test_ui_page.py run again against PostgreSQL
(tests/harness/pg.py names a fresh database through ``NEPTUNE_SYS_STORE``), and ``neptune-sys ui``
checking a ``postgresql://`` store before it serves it, without printing its password."""

from __future__ import annotations

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.cli import main
from neptune_sys_widgets.ui.app import store_label
from tests.widgets.test_ui_page import *  # noqa: F403


@pytest.fixture
def store_path(pg_store):
    return pg_store


def test_the_verb_reads_the_server_s_projects(capsys, pg_store):
    nsw.init_run(project="ws/team", mode="sync", store=pg_store).stop()
    assert main(["ui", "--store", pg_store, "--project", "ws/else"]) == 2
    err = capsys.readouterr().err
    assert "'--project'" in err and "ws/team" in err


def test_an_unreachable_server_is_named(capsys, pg_store):
    assert main(["ui", "--store", "postgresql://lead:s3cret@127.0.0.1:1/team"]) == 2
    err = capsys.readouterr().err
    assert "'--store'" in err and "cannot connect" in err and "s3cret" not in err


def test_the_printed_store_has_no_password():
    label = store_label("postgresql://lead:s3cret@db-host:5432/neptune")
    assert label == "postgresql://lead@db-host:5432/neptune"
