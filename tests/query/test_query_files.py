"""Files, file series and histogram series through the neptune-query read API: listed and
filtered under neptune-query's type names, fetched as ``neptune_query.types`` values."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets import Run
from neptune_sys_widgets.compat.neptune_scale.types import File as ScaleFile
from neptune_sys_widgets.query.exceptions import NeptuneUserError
from neptune_sys_widgets.query.filters import AttributeFilter
from neptune_sys_widgets.query.types import File, Histogram
from neptune_sys_widgets.types import Histogram as LoggedHistogram

P = "ws/files"
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def project(store_path):
    run = Run(run_id="r1", experiment_name="exp", project=P)
    run.assign_files({"files/notes.txt": ScaleFile(b"Text content", mime_type="text/plain",
                                                   destination="dst/notes.txt"),
                      "files/raw": b"raw bytes"})
    for step in range(3):
        run.log_files({"files/series": ScaleFile(f"f-{step}".encode(),
                                                 mime_type="application/octet-stream")},
                      step=step, timestamp=T0)
        run.log_histograms({"hist": LoggedHistogram([0.0, 1.0, 2.0], counts=[step, 1])},
                           step=step, timestamp=T0)
    run.close()
    return P


def test_listed_and_filtered_by_neptune_query_type(project):
    names = nq.list_attributes(project=P, experiments="exp", attributes="^(files|hist)")
    assert names == ["files/notes.txt", "files/raw", "files/series", "hist"]
    for type_, expected in (("file", ["files/notes.txt", "files/raw"]),
                            ("file_series", ["files/series"]),
                            ("histogram_series", ["hist"])):
        got = nq_runs.list_attributes(project=P, runs="r1",
                                      attributes=AttributeFilter(type=type_))
        assert got == expected


def test_table_cells(project):
    df = nq.fetch_experiments_table(project=P, experiments="exp",
                                    attributes=AttributeFilter(name="^(files|hist)"))
    notes = df.loc["exp", "files/notes.txt"]
    assert notes == File(project_identifier=P, experiment_name="exp", run_id=None,
                         attribute_path="files/notes.txt", step=None, path="dst/notes.txt",
                         size_bytes=12, mime_type="text/plain")
    raw = df.loc["exp", "files/raw"]
    assert (raw.size_bytes, raw.mime_type) == (9, "application/octet-stream")
    assert df.loc["exp", "files/series"].step == 2.0  # a series' last file
    assert df.loc["exp", "hist"] == Histogram(type="COUNTING", edges=[0.0, 1.0, 2.0],
                                              values=[2, 1])


def test_fetch_series_of_files_and_histograms(project):
    df = nq_runs.fetch_series(project=P, runs="r1", attributes="^(files/series|hist)$",
                              step_range=(1, None))
    assert list(df.columns) == ["files/series", "hist"]
    f = df.loc[("r1", 2.0), "files/series"]
    assert (f.run_id, f.experiment_name, f.step, f.size_bytes) == ("r1", None, 2.0, 3)
    assert df.loc[("r1", 1.0), "hist"].values == [1, 1]
    with pytest.raises(ValueError, match="file_series"):
        nq.fetch_series(project=P, experiments="exp", attributes=AttributeFilter(type="file"))


def test_download_files(project, tmp_path):
    table = nq.fetch_experiments_table(project=P, experiments="exp",
                                       attributes=["files/notes.txt"])
    out = nq.download_files(files=table, destination=tmp_path)
    target = out.loc[("exp", None), "files/notes.txt"]
    assert target == str((tmp_path / "exp" / "files" / "notes_txt.txt").resolve())
    assert open(target, "rb").read() == b"Text content"
    series = nq.fetch_series(project=P, experiments="exp", attributes="files/series")
    out = nq.download_files(files=series, destination=tmp_path)
    for step in range(3):
        path = out.loc[("exp", float(step)), "files/series"]
        assert path.endswith(f"files/series/step_{step}_000000.bin")
        assert open(path, "rb").read() == f"f-{step}".encode()
    runs_files = nq_runs.fetch_series(project=P, runs="r1", attributes="files/series")
    with pytest.raises(NeptuneUserError, match="runs API"):
        nq.download_files(files=runs_files, destination=tmp_path)
    out = nq_runs.download_files(files=runs_files["files/series"], destination=tmp_path)
    assert out.loc[("r1", 0.0), "files/series"].endswith("r1/files/series/step_0_000000.bin")
    with pytest.raises(TypeError, match="files must be"):
        nq.download_files(files=3)
