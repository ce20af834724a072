"""Files, file sets, file series, artifacts and histograms are stored, not dropped: each is
written by one process and read back by another, content compared byte for byte; bad
input raises a typed error naming the path and changes nothing."""

from __future__ import annotations

import json
import os

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidTypeError, InvalidValueError, StoreError
from neptune_sys_widgets.types import File, FileSet, Histogram
from tests.conftest import run_python


def _blobs(store_path: str) -> list[str]:
    root = store_path + ".files"
    return sorted(f for d, _, fs in os.walk(root) for f in fs)


def _child(code: str, sys_id: str) -> object:
    out = run_python(f"""
        import json, os, zipfile, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        {code.strip()}
    """)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_upload_round_trip_and_dedup(store_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    payload = os.urandom(3 * (1 << 20) + 17)  # several chunks, not a multiple of one
    (tmp_path / "model.bin").write_bytes(payload)
    run = nsw.init_run(project="ws/files", source_files=[])  # only what the test uploads
    run["model"].upload("model.bin")
    run["copy"].upload(File.from_content(payload, extension="bin"))  # same bytes
    run["cfg"] = File.from_content('{"a": 1}', extension="json")
    sys_id = run["sys/id"].fetch()
    run.stop()
    assert len(_blobs(store_path)) == 2  # model and copy share one content
    got = _child("""
        r["model"].download("out.bin")
        print(json.dumps([open("out.bin", "rb").read().hex(), r["model"].fetch_extension(),
                          r["cfg"].fetch().content.decode(), r["copy"].fetch().size]))
    """, sys_id)
    assert got == [payload.hex(), "bin", '{"a": 1}', len(payload)]


@pytest.mark.slow
def test_file_set_upload_delete_list_and_zip(store_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "sub").mkdir(parents=True)
    (tmp_path / "data" / "a.csv").write_text("a")
    (tmp_path / "data" / "sub" / "b.csv").write_text("bb")
    (tmp_path / "notes.txt").write_text("n")
    run = nsw.init_run(project="ws/files")
    run["ds"].upload_files("data")  # as 1.x: named from the working directory, data/...
    run["ds"].upload_files(["notes.txt"])  # queued right after: both count
    run["ds"].delete_files("data/a.csv")
    run["replaced"].upload_files("notes.txt")
    run["replaced"] = FileSet(["data/a.csv"])
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = _child("""
        r["ds"].download("ds.zip")
        z = zipfile.ZipFile("ds.zip")
        entries = [(e.name, e.size, e.file_type) for e in r["ds"].list_fileset_files()]
        sub = [e.name for e in r["ds"].list_fileset_files("data/sub")]
        r["replaced"].download("r.zip")
        print(json.dumps([sorted(z.namelist()), z.read("data/sub/b.csv").decode(), entries, sub,
                          sorted(zipfile.ZipFile("r.zip").namelist())]))
    """, sys_id)
    assert got == [["/", "data/", "data/sub/", "data/sub/b.csv", "notes.txt"], "bb",
                   [["data", None, "directory"], ["notes.txt", 1, "file"]], ["b.csv"],
                   ["/", "data/", "data/a.csv"]]


def test_file_series_and_images(store_path, tmp_path, monkeypatch):
    pil = pytest.importorskip("PIL.Image")
    monkeypatch.chdir(tmp_path)
    run = nsw.init_run(project="ws/files")
    for i in range(3):
        run["preds"].append(File.from_content(bytes([i]) * 10, extension="png"))
    run["img"].append(pil.new("RGB", (4, 4), "red"))  # an image: stored as a PNG
    run["single"] = pil.new("RGB", (2, 2), "blue")  # 1.x stored an assigned image too
    with pytest.raises(InvalidTypeError, match="preds"):
        run["preds"].append(1.5)  # a float does not fit a file series; nothing appended
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = _child("""
        folder = r["preds"].download("all")
        last = r["preds"].download_last("last")  # as 1.x: a folder, the entry's index
        print(json.dumps([sorted(os.listdir(folder)), open(last + "/2.png", "rb").read().hex(),
                          r["img"].fetch_last().content[:4].hex(),
                          r["single"].fetch_extension(), str(r["preds"].field_type)]))
    """, sys_id)
    assert got == [["0.png", "1.png", "2.png"], (bytes([2]) * 10).hex(), "89504e47", "png",
                   "FileSeries"]


def test_file_series_entries_take_1x_name_and_description(store_path, tmp_path, monkeypatch):
    """1.x's append/extend/log of a file series took name= and description= (examples'
    hello_neptune.py names each MNIST digit); other series refused them."""
    pil = pytest.importorskip("PIL.Image")
    monkeypatch.chdir(tmp_path)
    run = nsw.init_run(project="ws/files")
    run["digits"].append(pil.new("L", (2, 2), 7), name="7", description="a seven")
    run["digits"].extend([File.from_content(b"x", extension="png")], name="x")
    run["digits"].log(pil.new("L", (2, 2), 1), name="1")
    with pytest.raises(InvalidTypeError, match="loss: name= and description= caption a file"):
        run["loss"].append(0.5, name="half")  # nothing appended
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = _child("""
        folder = r["digits"].download("d")
        print(json.dumps([sorted(os.listdir(folder)), r.exists("loss")]))
    """, sys_id)
    assert got == [["0.png", "1.png", "2.png"], False]


def test_upload_of_an_image_figure_or_frame_converts_it_as_1x(store_path, tmp_path,
                                                               monkeypatch):
    """1.x's upload() took a PIL image or a matplotlib figure (stored as PNG) and a DataFrame
    (HTML), not only paths and Files (examples' Neptune_Plotting_Support.py uploads a figure)."""
    pil = pytest.importorskip("PIL.Image")
    pd = pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    run = nsw.init_run(project="ws/files")
    run["img"].upload(pil.new("RGB", (3, 3), "green"))
    run["table"].upload(pd.DataFrame({"a": [1, 2]}))
    with pytest.raises(InvalidTypeError, match="bad: upload\\(\\) takes a path"):
        run["bad"].upload(1.5)  # nothing stored
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = _child("""
        print(json.dumps([r["img"].fetch_extension(), r["table"].fetch_extension(),
                          r.exists("bad")]))
    """, sys_id)
    assert got == ["png", "html", False]


def test_as_image_of_arrays_reads_pixels_as_1x():
    """1.x's File.as_image took float arrays in [0, 1] (scaled to 255) and H x W x 1 arrays;
    Pillow alone refuses both (its docstring example uploads such a numpy_array)."""
    import io

    np = pytest.importorskip("numpy")
    pil = pytest.importorskip("PIL.Image")

    def pixels(f: File) -> list:
        return np.asarray(pil.open(io.BytesIO(f.content))).ravel().tolist()

    assert pixels(File.as_image(np.ones((2, 2, 3)))) == [255] * 12
    assert pixels(File.as_image(np.full((2, 2, 1), 0.5))) == [127] * 4
    assert pixels(File.as_image(np.full((1, 2), 7.0))) == [7, 7]  # already 0-255: kept
    assert pixels(File.as_image(np.ones((1, 1, 3)), autoscale=False)) == [1, 1, 1]
    with pytest.raises(InvalidValueError, match="as_image: an array must be 2-d"):
        File.as_image(np.zeros((2, 2, 2)))


def test_as_html_of_a_figure_and_include_plotlyjs_as_1x():
    """1.x's File.as_html(chart, include_plotlyjs="cdn") took the keyword, and without plotly
    stored a matplotlib figure as an inline PNG (its e2e test_matplotlib_figure does both)."""
    import base64

    plt = pytest.importorskip("matplotlib.pyplot")
    fig = plt.figure()
    html = bytes(File.as_html(fig, include_plotlyjs="cdn").content).decode()
    assert html.startswith("<img src='data:image/png;base64,")
    assert base64.b64decode(html.split(",", 1)[1][:-3])[:4] == b"\x89PNG"
    plt.close(fig)


def test_scale_file_arguments_on_the_package_file(store_path, tmp_path, monkeypatch):
    """The README maps `from neptune_scale.types import File` to this package's types.File,
    so it takes neptune-scale's File(source, mime_type=, size=, destination=) too."""
    import neptune_sys_widgets.query as nq

    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("n")
    run = nsw.Run(project="ws/files", experiment_name="scale-file")
    run.assign_files({"a": File(b"raw", mime_type="image/png"),
                      "b": File(source="notes", mime_type="text/plain", size=1)})
    run.log_files({"s": File(source=b"x", destination="d.bin")}, step=1)
    run.close()
    table = nq.fetch_experiments_table(project="ws/files", experiments=["scale-file"],
                                       attributes=["a", "b"])
    a, b = table["a"].iloc[0], table["b"].iloc[0]
    assert (a.mime_type, b.mime_type) == ("image/png", "text/plain")
    got = nq.download_files(files=table, destination=str(tmp_path / "out"))
    assert open(got["a"].iloc[0], "rb").read() == b"raw"
    assert open(got["b"].iloc[0]).read() == "n"
    with pytest.raises(InvalidValueError, match="exactly one of path or content"):
        File(mime_type="text/plain")


def test_scale_bytes_get_the_mime_type_of_their_format(store_path, tmp_path, monkeypatch):
    """neptune-scale recognised the format of bytes it was handed (PNG header: image/png);
    bytes of no known format stay application/octet-stream, as its e2e tests expect."""
    import neptune_sys_widgets.query.runs as nq_runs

    monkeypatch.chdir(tmp_path)
    png = b"\x89PNG\r\n\x1a\n" + bytes(16)
    with nsw.Run(project="ws/files", run_id="sniff") as run:
        run.log_files({"png": png, "raw": b"Hello world", "wrapped": File(png)}, step=0)
        run.assign_files({"jpg": b"\xff\xd8\xff\xe0" + bytes(8)})
    series = nq_runs.fetch_series(project="ws/files", runs=["sniff"], attributes=r".*")
    row = series.loc[("sniff", 0.0)]
    assert [row[k].mime_type for k in ("png", "raw", "wrapped")] == \
        ["image/png", "application/octet-stream", "image/png"]
    table = nq_runs.fetch_runs_table(project="ws/files", runs=["sniff"], attributes=["jpg"])
    assert table["jpg"].iloc[0].mime_type == "image/jpeg"


def test_artifacts_hash_like_1x_and_link_back(store_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.txt").write_text("x")
    (data / "y.txt").write_text("yy")
    run = nsw.init_run(project="ws/files")
    run["a"].track_files("data")
    run["b"].track_files(f"file://{data}")
    run["c"].track_files(str(data / "x.txt"))
    run["c"].track_files(str(data / "y.txt"), destination="more")
    with pytest.raises(InvalidValueError, match="does not exist"):
        run["d"].track_files("missing")
    with pytest.raises(NotImplementedError, match="track_files"):
        run["d"].track_files("gs://bucket/key")  # s3:// is tracked: tests/store/test_files_s3.py
    run["copy"] = run["a"].fetch()  # an Artifact value: the record is copied
    run.wait()
    assert run["a"].fetch_hash() == run["b"].fetch_hash() != run["c"].fetch_hash()
    assert run["copy"].fetch_files_list() == run["a"].fetch_files_list()
    assert [f.file_path for f in run["c"].fetch_files_list()] == ["more/y.txt", "x.txt"]
    assert not run.exists("d")
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = _child("""
        r["a"].download("linked")
        print(json.dumps([r["a"].fetch_hash(), sorted(os.listdir("linked")),
                          open("linked/y.txt").read(), os.path.islink("linked/y.txt"),
                          [(f.file_path, f.size, f.type) for f in r["a"].fetch_files_list()]]))
    """, sys_id)
    assert got[1:] == [["x.txt", "y.txt"], "yy", True,
                       [["x.txt", 1, "Local"], ["y.txt", 2, "Local"]]]


def test_scale_histograms_round_trip_and_bad_ones_change_nothing(store_path):
    run = nsw.Run(project="ws/files", run_id="hist-1")
    run.log_histograms({"w": Histogram([0, 1, 2], counts=[1, 2])}, step=1)
    for bad in (Histogram([0, 1], counts=[1, 2]), Histogram([1, 0], counts=[1]),
                Histogram([0, 1], counts=[1], densities=[1.0]),
                Histogram([0, float("nan")], counts=[1])):
        with pytest.raises(InvalidValueError, match="w"):
            run.log_histograms({"w": bad}, step=2)
    with pytest.raises(InvalidTypeError, match="Histogram"):
        run.log_histograms({"w": [1, 2]}, step=2)
    run.close()
    sys_id = nsw.init_project("ws/files", mode="read-only").fetch_runs_table() \
        .to_pandas()["sys/id"].iloc[0]
    got = _child("""
        h = r["w"].fetch_last()
        print(json.dumps([h.bin_edges_as_list(), h.counts_as_list(), str(r["w"].field_type)]))
    """, sys_id)
    assert got == [[0.0, 1.0, 2.0], [1, 2], "HistogramSeries"]


def test_bad_paths_are_typed_and_store_nothing(store_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    run = nsw.init_run(project="ws/files", source_files=[])
    with pytest.raises(InvalidValueError, match="m1.*nope.bin.*does not exist"):
        run["m1"].upload("nope.bin")
    with pytest.raises(InvalidValueError, match="m2.*folder"):
        run["m2"].upload("folder")
    with pytest.raises(InvalidValueError, match="no file matches"):
        run["fs"].upload_files("nothing-*.csv")
    with pytest.raises(InvalidTypeError, match="upload_files"):
        run["fs"].upload_files(5)
    run["x"] = 1.0
    with pytest.raises(InvalidTypeError, match="x is a Float"):
        run["x"].list_fileset_files()
    run.wait()
    assert not any(run.exists(p) for p in ("m1", "m2", "fs"))
    run.stop()
    assert _blobs(store_path) == []


def test_an_unwritable_files_folder_is_a_typed_error(store_path, tmp_path, monkeypatch):
    """A files folder that cannot be written (read-only, full) raises StoreError naming
    it, and the run keeps everything else."""
    monkeypatch.chdir(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(blocked))
    run = nsw.init_run(project="ws/files", source_files=[])
    run["ok"] = 1
    with pytest.raises(StoreError, match="blocked"):
        run["f"].upload(File.from_content(b"abc"))
    run.wait()
    assert run["ok"].fetch() == 1 and not run.exists("f")
    run.stop()


@pytest.mark.slow
def test_big_file_streams_with_flat_memory(store_path, tmp_path):
    """A 512 MiB file is uploaded and downloaded in chunks: the child's peak RSS (VmHWM: a
    fresh process's own, where ru_maxrss starts from the forking parent's) stays far below
    the file's size."""
    big = tmp_path / "big.bin"
    with open(big, "wb") as fh:
        fh.truncate(512 << 20)
    out = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(project="ws/files")
        r["big"].upload({str(big)!r})
        r.wait()
        r["big"].download({str(tmp_path / "back.bin")!r})
        r.stop()
        peak = [line.split()[1] for line in open("/proc/self/status")
                if line.startswith("VmHWM:")]
        print(json.dumps(int(peak[0]) // 1024))
    """, timeout=300)
    peak_mib = json.loads(out.stdout.strip().splitlines()[-1])
    assert os.path.getsize(tmp_path / "back.bin") == 512 << 20
    assert peak_mib < 150, peak_mib


def test_small_and_big_contents_are_addressed_by_the_same_sha256(store_path, tmp_path):
    """A small content stored while hashlib is not loaded is hashed by Python's built-in
    SHA-256 (store/blobs.py sha256: OpenSSL's start is not every script's); a big one by
    OpenSSL's. Both name it by the digest hashlib gives, so equal contents meet."""
    import hashlib
    small, big = tmp_path / "small.txt", tmp_path / "big.bin"
    small.write_bytes(b"a small file\n")
    big.write_bytes(os.urandom((1 << 20) + 1))
    out = run_python(f"""
        import json, sys, neptune_sys_widgets as n
        r = n.init_run(project="ws/hash", mode="sync")
        r["small"].upload({str(small)!r})
        before = "hashlib" in sys.modules
        r["big"].upload({str(big)!r})
        print(json.dumps([before, "hashlib" in sys.modules, r["sys/id"].fetch()]))
        r.stop()
    """)
    before, after, sys_id = json.loads(out.stdout.strip().splitlines()[-1])
    assert (before, after) == (False, True)
    stored = set(_blobs(store_path))
    for f in (small, big):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        assert digest[2:] in stored, f.name
