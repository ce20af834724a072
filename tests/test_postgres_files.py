"""Files on a PostgreSQL team store (tests/pg.py): the bytes need a place every machine
reaches. Without NEPTUNE_SYS_FILES an upload is refused naming the variable and nothing is
stored; with a shared folder one process uploads and another downloads. The file tests of
tests/test_files.py run again here with that folder."""

from __future__ import annotations

import json

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import StoreError
from neptune_sys_widgets.types import File

from .conftest import run_python
from .test_files import (  # noqa: F401
    test_artifacts_hash_like_1x_and_link_back,
    test_file_series_and_images,
    test_scale_histograms_round_trip_and_bad_ones_change_nothing,
)


@pytest.fixture
def store_path(pg_store, tmp_path, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(tmp_path / "shared-files"))
    monkeypatch.chdir(tmp_path)
    return pg_store


def test_without_a_shared_folder_uploads_are_refused(store_path, monkeypatch):
    monkeypatch.delenv("NEPTUNE_SYS_FILES")
    run = nsw.init_run(project="ws/pgfiles", source_files=[], git_ref=False)
    run["ok"] = 1
    with pytest.raises(StoreError, match="NEPTUNE_SYS_FILES"):
        run["f"].upload(File.from_content(b"abc"))
    run.wait()
    assert run["ok"].fetch() == 1 and not run.exists("f")
    run.stop()


def test_shared_folder_round_trip(store_path, tmp_path):
    run = nsw.init_run(project="ws/pgfiles", source_files=[], git_ref=False)
    run["model"].upload(File.from_content(b"weights", extension="pt"))
    sys_id = run["sys/id"].fetch()
    run.stop()
    out = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        r["model"].download("m.pt")
        print(json.dumps(open("m.pt", "rb").read().decode()))
    """)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == "weights"
    assert any((tmp_path / "shared-files" / "sha256").rglob("*"))
