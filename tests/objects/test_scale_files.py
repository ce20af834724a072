"""neptune-scale's ``assign_files`` / ``log_files``: a file that cannot be taken is skipped
with a warning while the rest of the call is stored, and each stored file reports
neptune-scale's storage path and the size given to its ``File``."""

from __future__ import annotations

import logging
import os
import re

import pytest

from neptune_sys_widgets.compat.neptune_scale import Run
from neptune_sys_widgets.compat.neptune_scale.exceptions import NeptuneAttributePathEmpty
from neptune_sys_widgets.compat.neptune_scale.types import File
from neptune_sys_widgets.objects.scale_files import storage_path
from neptune_sys_widgets.query import runs as nq_runs
from neptune_sys_widgets.types import File as ProductFile

P = "ws/scale-files"


def _files(run_id: str, attributes: list[str]) -> dict:
    table = nq_runs.fetch_runs_table(project=P, runs=[run_id], attributes=attributes)
    return {} if table.empty else {k: v for k, v in table.iloc[0].items()
                                   if not isinstance(v, float)}


def _warnings(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_unreadable_paths_are_skipped_with_a_warning_and_the_rest_is_stored(
        store_path, tmp_path, caplog):
    good = tmp_path / "good.txt"
    good.write_text("kept")
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    locked = tmp_path / "locked"
    locked.write_text("secret")
    locked.chmod(0)
    run = Run(project=P, run_id="unreadable")
    given = {"missing": str(tmp_path / "nope.bin"), "folder": tmp_path, "loop": str(loop),
             "good": str(good), "wrapped": ProductFile(str(tmp_path / "nope.bin")),
             "number": 7}
    if os.geteuid() != 0:  # root reads any file
        given["locked"] = str(locked)
    with caplog.at_level(logging.WARNING):
        run.assign_files(given)
        run.log_files({"series/missing": str(tmp_path / "nope.bin")}, step=1)
    run.wait_for_processing()
    said = _warnings(caplog)
    assert f"Error determining mime type for {tmp_path / 'nope.bin'}: [Errno 2] No such " \
           "file or directory" in said
    assert f"Skipping file attribute `folder`: Cannot determine mime type for file " \
           f"'{tmp_path}'" in said
    assert "Too many levels of symbolic links" in said
    assert "Skipping file attribute `series/missing`" in said
    assert "Skipping file attribute `wrapped`" in said
    assert "Skipping file attribute `number`: Unsupported type <class 'int'>" in said
    if "locked" in given:
        assert "Skipping file attribute `locked`" in said
    stored = _files("unreadable", list(given) + ["series/missing"])
    assert list(stored) == ["good"]
    run.close()


def test_an_empty_attribute_path_goes_to_on_error_callback(store_path, tmp_path):
    errors: list[BaseException] = []
    run = Run(project=P, run_id="empty-path", on_error_callback=lambda e, _t: errors.append(e))
    run.assign_files({"": b"lost", "kept": b"kept"})
    run.wait_for_processing()
    assert [type(e) for e in errors] == [NeptuneAttributePathEmpty]
    assert list(_files("empty-path", ["kept"])) == ["kept"]
    run.close()


@pytest.mark.parametrize("path, value, warning", [
    ("long/" + "a" * 1024, b"x", "Field paths must be less than 1024 bytes"),
    ("mime", File(b"x", mime_type="a" * 129),
     "Dropping value. File mime type must be a string of at most 128 characters"),
    ("dest", File(b"x", destination="a" * 801),
     "Dropping value. File destination must be a string of at most 800 characters"),
])
def test_values_over_the_limits_are_dropped_with_a_warning(store_path, caplog, path, value,
                                                          warning):
    run = Run(project=P, run_id="limits")
    with caplog.at_level(logging.WARNING):
        run.assign_files({path: value, "ok": File(b"x", mime_type="a" * 128,
                                                  destination="a" * 800)})
    run.wait_for_processing()
    assert warning in _warnings(caplog)
    assert list(_files("limits", [path, "ok"])) == ["ok"]
    run.close()


def test_stored_files_report_the_storage_path_and_the_given_size(store_path, tmp_path):
    src = tmp_path / "notes.v1.txt"
    src.write_text("nineteen bytes here")
    run = Run(project=P, run_id="run.one")
    run.assign_files({"a/file": str(src), "a/bytes": b"Hello world",
                      "a/dest": File(str(src), destination="mine/notes.txt"),
                      "a/sized": File(str(src), size=67)})
    run.log_files({"a/series": str(src)}, step=2)
    run.wait_for_processing()
    got = _files("run.one", ["a/file", "a/bytes", "a/dest", "a/sized"])
    assert re.fullmatch(r"run_one-[0-9a-f]{16}/a_file-[0-9a-f]{16}/none/notes_v1\.txt",
                        got["a/file"].path)
    assert re.fullmatch(r"[^/]+/a_bytes-[^/]+/none/[0-9a-f]{32}\.bin", got["a/bytes"].path)
    assert got["a/dest"].path == "mine/notes.txt"
    assert (got["a/sized"].size_bytes, got["a/file"].size_bytes) == (67, 19)
    series = nq_runs.fetch_series(project=P, runs=["run.one"], attributes=["a/series"])
    assert re.fullmatch(r"[^/]+/a_series-[^/]+/000000000002_000000/notes_v1\.txt",
                        series["a/series"].iloc[0].path)
    written = nq_runs.download_files(files=got["a/sized"], destination=tmp_path / "out")
    with open(written.iloc[0, 0], "rb") as f:  # the size reported, the content as it is
        assert f.read() == b"nineteen bytes here"
    run.close()


def test_storage_paths_stay_within_800_characters_and_apart():
    long = storage_path("r" * 900, "x/" * 600, "n" * 400 + "." + "e" * 40, 1e11)
    assert len(long) <= 800
    assert long.split("/")[2] == "100000000000_000000"
    assert long.endswith("." + "e" * 17)
    assert storage_path("r", "a/b", "f", None) != storage_path("r", "a.b", "f", None)
    assert storage_path("r", "a", ".bashrc", None).endswith("/none/_bashrc")


def test_a_caller_file_is_not_changed_by_the_path_given_to_it(store_path, tmp_path):
    """The storage path is per call (it names the step): the caller's File keeps none."""
    mine = ProductFile(content=b"x", extension="bin")
    run = Run(project=P, run_id="same-file")
    run.log_files({"s": mine}, step=1)
    run.log_files({"s": mine}, step=2)
    run.wait_for_processing()
    assert getattr(mine, "destination", None) is None
    series = nq_runs.fetch_series(project=P, runs=["same-file"], attributes=["s"])
    assert [f.path.split("/")[2] for f in series["s"]] == ["000000000001_000000",
                                                          "000000000002_000000"]
    run.close()
