"""1.x's ``File`` as its users meet it: ``file_type``, a stream read once, the
``file_composite=`` constructor, and bokeh figures as HTML."""

from __future__ import annotations

import io

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError, StreamAlreadyUsedException
from neptune_sys_widgets.types import File, FileType


def test_file_type_says_where_the_content_comes_from(tmp_path):
    assert File("a/b.png").file_type is FileType.LOCAL_FILE
    assert File.from_path("a/b.png").file_type is File("a/b.png").file_type
    assert File.from_content(b"x").file_type is FileType.IN_MEMORY
    assert File.as_pickle(1).file_type is FileType.IN_MEMORY
    assert File.from_stream(io.BytesIO(b"x")).file_type is FileType.STREAM


@pytest.mark.parametrize("stream, ext, data", [
    (io.StringIO("aaabbb"), "txt", b"aaabbb"), (io.BytesIO(b"aaabbb"), "bin", b"aaabbb")])
def test_a_stream_is_read_once_when_its_content_is_taken(stream, ext, data):
    stream.seek(4)
    f = File.from_stream(stream)  # seek=0: where the stream was left does not matter
    assert f.extension == ext
    stream.seek(2)  # nothing was read yet: the read starts where the stream is now
    assert f.content == data[2:]
    with pytest.raises(StreamAlreadyUsedException, match="once"):
        f.content  # noqa: B018


def test_a_stream_file_is_uploaded_once_and_stored_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = nsw.init_run(project="ws/files", mode="debug")
    f = File.from_stream(io.StringIO("hello"), seek=1)
    run["f"].upload(f)
    run.wait()
    run["f"].download(str(tmp_path / "out.txt"))
    assert (tmp_path / "out.txt").read_bytes() == b"ello"
    with pytest.raises(StreamAlreadyUsedException):
        run["g"].upload(f)
    run.stop()


class _Composite:
    """Shaped like 1.x's in-memory composite: content and extension."""
    content = b"abc"
    extension = "csv"


def test_file_composite_is_read_and_cannot_come_with_a_path():
    f = File(file_composite=_Composite())
    assert (f.content, f.extension, f.file_type) == (b"abc", "csv", FileType.IN_MEMORY)
    with pytest.raises(InvalidValueError, match="not both"):
        File(path="p", file_composite=_Composite())
    with pytest.raises(ValueError):  # InvalidValueError is a ValueError, as 1.x raised
        File()


def test_a_bokeh_figure_becomes_a_standalone_html_page():
    plotting = pytest.importorskip("bokeh.plotting")
    p = plotting.figure(width=100, height=100)
    p.line([1, 2], [3, 4])
    f = File.as_html(p)
    assert f.extension == "html"
    assert f.content.lstrip().lower().startswith(b"<!doctype html>")
    assert b"Bokeh" in f.content
    from bokeh.layouts import row
    from bokeh.models import ColumnDataSource

    from neptune_sys_widgets.objects.files import as_file
    q = plotting.figure(width=100, height=100)  # (a figure belongs to one page)
    q.line([1, 2], [3, 4])
    assert as_file(row(q)).extension == "html"  # a layout is a page too, as assigned
    assert as_file(ColumnDataSource()) is None  # a bokeh model that is no page is not


def test_a_stream_file_goes_through_the_neptune_scale_calls_too(store_path, tmp_path,
                                                                monkeypatch):
    """A File.from_stream has no path: neptune-scale's assign_files/log_files store its
    content instead of checking a path it does not have."""
    import neptune_sys_widgets.query as nq
    monkeypatch.chdir(tmp_path)
    run = nsw.Run(project="ws/stream", experiment_name="stream-file")
    run.assign_files({"a": File.from_stream(io.BytesIO(b"abc"))})
    run.close()
    table = nq.fetch_experiments_table(project="ws/stream", experiments=["stream-file"],
                                       attributes=["a"])
    got = nq.download_files(files=table, destination=str(tmp_path / "out"))
    assert open(got["a"].iloc[0], "rb").read() == b"abc"


def test_a_path_files_content_is_readable_and_a_content_file_has_no_path(tmp_path):
    """A path's content: a difference (README, "Differences from Neptune"), 1.x raised.
    A content File's path raises as in 1.x (its unit tests check it), and is an
    AttributeError, so ``getattr(f, "path", None)`` is None."""
    from neptune_sys_widgets.exceptions import NeptuneException
    (tmp_path / "a.txt").write_bytes(b"on disk")
    assert File(str(tmp_path / "a.txt")).content == b"on disk"
    for f in (File.from_content(b"x"), File.from_stream(io.BytesIO(b"x"))):
        with pytest.raises(NeptuneException, match=f.file_type.value):
            _ = f.path
        assert getattr(f, "path", None) is None
    with pytest.raises(FileNotFoundError):
        File(str(tmp_path / "missing.txt")).content  # noqa: B018


def test_a_path_that_cannot_be_read_is_a_typed_error_and_save_writes_the_content(tmp_path):
    """1.x raised ``NeptuneException`` for any path File's ``content`` (its own unit tests
    check that with paths that do not exist); here an existing path's bytes are read, and
    one that cannot be read raises an error that is both 1.x's base class and the builtin
    ``FileNotFoundError``. ``File._save(path)``, 1.x's private writer, writes the content."""
    from neptune_sys_widgets.exceptions import NeptuneException
    missing = File(str(tmp_path / "nope.ext"))
    with pytest.raises(NeptuneException, match="nope.ext"):
        _ = missing.content
    with pytest.raises(FileNotFoundError):
        _ = missing.content
    with pytest.raises(NeptuneException):
        missing._save(None)
    out = tmp_path / "saved.bin"
    File.from_stream(io.BytesIO(b"aaabbbccc"), seek=5)._save(out)
    assert out.read_bytes() == b"bccc"
    there = tmp_path / "there.txt"
    there.write_bytes(b"on disk")
    File(str(there))._save(tmp_path / "copy.txt")
    assert (tmp_path / "copy.txt").read_bytes() == b"on disk"
