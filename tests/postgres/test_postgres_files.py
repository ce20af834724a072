"""Files on a PostgreSQL team store (tests/harness/pg.py): the bytes need a place every machine
reaches. Without NEPTUNE_SYS_FILES an upload is refused naming the variable and nothing is
stored; with a shared folder one process uploads and another downloads. The file tests of
tests/objects/test_files.py run again here with that folder."""

from __future__ import annotations

import json

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import StoreError
from neptune_sys_widgets.types import File
from tests.conftest import run_python
from tests.objects.test_files import (  # noqa: F401
    test_artifacts_hash_like_1x_and_link_back,
    test_file_series_and_images,
    test_scale_histograms_round_trip_and_bad_ones_change_nothing,
)


@pytest.fixture
def store_path(pg_store, tmp_path, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(tmp_path / "shared-files"))
    monkeypatch.chdir(tmp_path)
    return pg_store


def test_without_a_shared_folder(store_path, monkeypatch):
    """A single file still goes into the database (up to 64 MiB); a file set or a file
    series is refused naming NEPTUNE_SYS_FILES, and nothing else of the run is lost."""
    monkeypatch.delenv("NEPTUNE_SYS_FILES")
    run = nsw.init_run(project="ws/pgfiles", git_ref=False)
    run["ok"] = 1
    run["f"].upload(File.from_content(b"abc", extension="txt"))
    with pytest.raises(StoreError, match="NEPTUNE_SYS_FILES"):
        run["series"].append(File.from_content(b"png", extension="png"))
    with pytest.raises(StoreError, match="NEPTUNE_SYS_FILES"):
        run["set"].upload_files(__file__)
    run.wait()
    assert run["ok"].fetch() == 1 and run["f"].fetch().content == b"abc"
    assert not run.exists("series") and not run.exists("set")
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


def test_inline_limit_without_a_shared_folder(store_path, monkeypatch):
    """NEPTUNE_SYS_MAX_INLINE_SIZE: how big a file a server store with no files folder
    keeps in its database; a bigger one is refused naming NEPTUNE_SYS_FILES."""
    monkeypatch.delenv("NEPTUNE_SYS_FILES")
    monkeypatch.setenv("NEPTUNE_SYS_MAX_INLINE_SIZE", "100")
    run = nsw.init_run(project="ws/pgfiles", git_ref=False)
    run["fits"].upload(File.from_content(b"a" * 100, extension="txt"))
    with pytest.raises(StoreError, match="NEPTUNE_SYS_FILES"):
        run["too_big"].upload(File.from_content(b"a" * 101, extension="txt"))
    run.wait()
    assert run["fits"].fetch().content == b"a" * 100 and not run.exists("too_big")
    run.stop()


def test_source_files_left_out_with_a_warning(store_path, monkeypatch, capsys):
    """Without a files folder a run's source files cannot be stored: it says so (it did not
    before), on stderr and once per store (a script printing ids to stdout for another
    program is not disturbed), and keeps the rest of source_code."""
    monkeypatch.delenv("NEPTUNE_SYS_FILES")
    run = nsw.init_run(project="ws/pgfiles", source_files=[__file__],
                       dependencies="infer")
    run.wait()
    second = nsw.init_run(project="ws/pgfiles", source_files=[__file__])
    captured = capsys.readouterr()
    assert "source files not stored" not in captured.out
    assert captured.err.count("source files not stored") == 1
    assert "NEPTUNE_SYS_FILES" in captured.err
    assert not run.exists("source_code/files")
    assert run.exists("source_code/requirements")
    run.stop()
    second.stop()
