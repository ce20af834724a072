"""Size limits on files (issue 22 item 8): set by environment variables, a value over one
raises FileSizeLimitExceeded in the call, naming the attribute path, the size and the
limit, and nothing else of the run is lost; the run is written by a child process with the
limits set and read back here (a second process)."""

from __future__ import annotations

import json

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import FileSizeLimitExceeded, InvalidValueError
from neptune_sys_widgets.objects import file_limits as L
from tests.conftest import run_python


def _run_child(code: str, **env: str) -> list:
    """A run made in a child process with ``env``: what its calls raised, in order."""
    out = run_python(f"""
        import json, neptune_sys_widgets as n
        from neptune_sys_widgets.types import File
        errors = []
        def attempt(fn):
            try:
                fn()
            except n.exceptions.FileSizeLimitExceeded as e:
                errors.append(str(e))
        run = n.init_run(project="ws/limits", custom_run_id="lim", source_files=[])
        run["loss"].append(1.0)
        {code.strip()}
        run["loss"].append(2.0)
        run["small"].upload(File.from_content(b"ok", extension="txt"))
        run.stop()
        print(json.dumps(errors))
    """, **env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _read_back() -> nsw.Run:
    return nsw.init_run(project="ws/limits", custom_run_id="lim", mode="read-only")


def test_a_file_over_the_limit_names_path_size_and_limit(store_path, tmp_path):
    (tmp_path / "big.bin").write_bytes(b"x" * 2048)
    errors = _run_child("""
        attempt(lambda: run["model"].upload("big.bin"))
        run["frames"].append(File.from_content(b"1" * 100, extension="png"))
        attempt(lambda: run["frames"].append(File.from_content(b"2" * 1500, extension="png")))
    """, NEPTUNE_SYS_MAX_FILE_SIZE="1KiB")
    assert len(errors) == 2
    assert ": model: the file is 2.0 KiB (2048 bytes), over the limit of 1.0 KiB (1024 " \
        "bytes) (NEPTUNE_SYS_MAX_FILE_SIZE)" in errors[0]
    assert ": frames:" in errors[1] and "1500 bytes" in errors[1]
    r = _read_back()
    assert list(r["loss"].fetch_values()["value"]) == [1.0, 2.0]  # nothing else lost
    assert r["small"].fetch().content == b"ok"
    assert not r.exists("model")
    assert list(r["frames"].fetch_values()["step"]) == [0]  # the entry before it kept


def test_file_set_count_and_total(store_path, tmp_path):
    for i, size in enumerate([400, 400, 700]):
        (tmp_path / f"f{i}.txt").write_bytes(b"a" * size)
    errors = _run_child("""
        attempt(lambda: run["set"].upload_files(["f0.txt", "f1.txt", "f2.txt"]))
        run["set"].upload_files(["f0.txt", "f1.txt"])
        run.wait()
        attempt(lambda: run["set"].upload_files("f2.txt"))  # the stored two count
        attempt(lambda: run["big"].upload_files(["f0.txt", "f2.txt"]))
    """, NEPTUNE_SYS_MAX_FILE_SET_FILES="2", NEPTUNE_SYS_MAX_FILE_SET_SIZE="1KB")
    assert len(errors) == 3, errors
    assert ": set: the file set would hold 3 files, over the limit of 2 " \
        "(NEPTUNE_SYS_MAX_FILE_SET_FILES)" in errors[0]
    assert ": set: the file set would hold 3 files" in errors[1]
    assert ": big: the file set's files together are 1.1 KiB (1100 bytes), over the limit " \
        "of 1000 bytes (NEPTUNE_SYS_MAX_FILE_SET_SIZE)" in errors[2]
    r = _read_back()
    assert sorted(e.name for e in r["set"].list_fileset_files()) == ["f0.txt", "f1.txt"]
    assert not r.exists("big") and r["small"].fetch().content == b"ok"


def test_limit_values(monkeypatch):
    for raw, want in [("2048", 2048), ("1.5GiB", 3 << 29), ("500 MB", 500 * 10**6),
                      ("0", None), ("", 100 << 30)]:
        monkeypatch.setenv("NEPTUNE_SYS_MAX_FILE_SIZE", raw)
        assert L.limit(L.MAX_FILE) == want, raw
    monkeypatch.setenv("NEPTUNE_SYS_MAX_FILE_SIZE", "lots")
    with pytest.raises(InvalidValueError, match="NEPTUNE_SYS_MAX_FILE_SIZE='lots' is not a "
                       "number of bytes"):
        L.limit(L.MAX_FILE)
    monkeypatch.setenv("NEPTUNE_SYS_MAX_FILE_SET_FILES", "10k")
    with pytest.raises(InvalidValueError, match="is not a whole number"):
        L.limit(L.MAX_SET_FILES)
    assert issubclass(FileSizeLimitExceeded, InvalidValueError)
