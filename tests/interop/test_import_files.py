"""File series and file sets of an export are imported into the files folder (issue 22
item 7): after export → import into a fresh store, a second process downloads the same
bytes the first run logged; a 1.x file set's zip is unpacked into the set; importing again
stores nothing new and changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import textwrap
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

import neptune_sys_widgets as nsw  # noqa: E402
from neptune_sys_widgets.interop import export_project, import_export  # noqa: E402
from neptune_sys_widgets.interop.format import sanitize  # noqa: E402
from neptune_sys_widgets.types import File  # noqa: E402
from tests.conftest import run_python  # noqa: E402
from tests.harness.exporter_fixtures import T0, row, sys_rows_1x, write_parts  # noqa: E402


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def _blob_names(store: str) -> list[str]:
    return sorted(f for _, _, fs in os.walk(store + ".files") for f in fs)


def _child(store: str, sys_id: str, code: str) -> dict:
    """Downloads in a second process: what it read, as sha256s by name."""
    out = run_python("import hashlib, json, os, zipfile, neptune_sys_widgets as n\n"
                     "h = lambda b: hashlib.sha256(b).hexdigest()\n"
                     f"r = n.init_run(with_id={sys_id!r}, mode='read-only', store={store!r})\n"
                     + textwrap.dedent(code))
    return json.loads(out.stdout.strip().splitlines()[-1])


def _import_1x(root: Path, project: str, rid: str, steps: object,
               file_set: str | None = None) -> object:
    """Import the 1.x export at ``root`` of one run whose file series ``preds`` has the
    entries ``<step>.png`` (payloads under ``files/``, written by the test) and, if
    named, a file set at that path; the import's summary."""
    rel = f"{project}/{rid}"
    rows = [row(project, rid, "preds", "file_series", step=i,
                file_value={"path": f"{rel}/preds/{i}.png"}) for i in steps]
    if file_set is not None:
        rows.append(row(project, rid, file_set, "file_set",
                        file_value={"path": f"{rel}/{file_set}"}))
    write_parts(root / "data" / sanitize(project) / sanitize(rid),
                [sys_rows_1x(project, rid, name="old", tags=[], created=T0), rows])
    return import_export(root)


_DOWNLOADS = """
    d = r["images"].download("all")
    last = r["images"].download_last("last")
    z = zipfile.ZipFile(r["ckpt"].download("ckpt.zip"))
    print(json.dumps({"all": {f: h(open(os.path.join(d, f), "rb").read())
                              for f in sorted(os.listdir(d))},
                      "last": {f: h(open(os.path.join(last, f), "rb").read())
                               for f in os.listdir(last)},
                      "set": {i.filename: h(z.read(i)) for i in z.infolist()
                              if not i.is_dir()},
                      "steps": list(r["images"].fetch_values()["step"])}))
"""


def test_export_import_download_in_a_second_process(store_path, tmp_path):
    images = [os.urandom(2000 + i) for i in range(3)]
    (tmp_path / "ckpt" / "sub").mkdir(parents=True)
    (tmp_path / "ckpt" / "w.bin").write_bytes(os.urandom(3 * (1 << 20) + 5))
    (tmp_path / "ckpt" / "sub" / "cfg.json").write_bytes(b'{"lr": 1}')
    run = nsw.init_run(project="ws/imp", source_files=[])
    for i, b in enumerate(images):
        run["images"].append(File.from_content(b, extension="png"), step=i * 10)
    run["ckpt"].upload_files(str(tmp_path / "ckpt"))
    sys_id = run["sys/id"].fetch()
    run.stop()
    original = _child(store_path, sys_id, _DOWNLOADS)

    export_project("ws/imp", tmp_path / "out")
    other = str(tmp_path / "fresh" / "n.db")
    s = import_export(tmp_path / "out", other)
    assert not s.errors and not s.warnings, s
    imported = _child(other, sys_id, _DOWNLOADS)
    assert imported == original
    assert imported["all"] == {f"{i}.png": _sha(b) for i, b in enumerate(images)}
    assert imported["steps"] == [0, 10, 20]

    from neptune_sys_widgets.store import open_store
    rev, blobs = open_store(other).revision(), _blob_names(other)
    again = import_export(tmp_path / "out", other)
    assert again.created["run"] == 0
    assert open_store(other).revision() == rev and _blob_names(other) == blobs


def _zip_as_1x(files: dict[str, bytes]) -> bytes:
    """A file set as the 1.x server zipped it: a "/" entry, folders, then the files."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("/", b"")
        zf.writestr("src/", b"")
        for name, b in files.items():
            zf.writestr(name, b)
    return buf.getvalue()


def test_1x_zip_unpacked_and_series_sorted_by_index(store_path, tmp_path):
    """1.x's export: a file set is a folder holding the server's zip; a file series a
    folder of ``<index>.<ext>`` listed in any order (10 before 2)."""
    project, rid = "acme/old", "OLD-1"
    root = tmp_path / "export"
    base = root / "files" / sanitize(project) / project / rid
    entries = {"train.py": b"print(1)\n", "src/util.py": b"x = 2\n"}
    (base / "source_code" / "files").mkdir(parents=True)
    (base / "source_code" / "files" / "files.zip").write_bytes(_zip_as_1x(entries))
    (base / "preds").mkdir()
    frames = {i: os.urandom(100 + i) for i in range(12)}
    for i, b in frames.items():
        (base / "preds" / f"{i}.png").write_bytes(b)
    s = _import_1x(root, project, rid, sorted(frames, key=str), "source_code/files")
    assert not s.errors, s
    rel = f"{project}/{rid}"
    got = _child(store_path, rid, """
        d = r["preds"].download("all")
        z = zipfile.ZipFile(r["source_code/files"].download("src.zip"))
        print(json.dumps({"steps": list(r["preds"].fetch_values()["step"]),
                          "last": os.listdir(r["preds"].download_last("last")),
                          "all": {f: h(open(os.path.join(d, f), "rb").read())
                                  for f in os.listdir(d)},
                          "set": {i.filename: h(z.read(i)) for i in z.infolist()
                                  if not i.is_dir()}}))
    """)
    assert got["steps"] == list(range(12)) and got["last"] == ["11.png"]
    assert got["all"] == {f"{i}.png": _sha(b) for i, b in frames.items()}
    assert got["set"] == {k: _sha(v) for k, v in entries.items()}
    out = tmp_path / "again"
    export_project(project, out)  # and back out: entries named by index, no timestamps
    back = out / "files" / sanitize(project) / rel / "preds"
    assert sorted(p.name for p in back.iterdir()) == sorted(f"{i}.png" for i in frames)
    assert json.loads(json.dumps(s.created)) == {"run": 1, "model": 0, "model_version": 0}
    assert Path(out / "files" / sanitize(project) / rel / "source_code" / "files" /
                "train.py").read_bytes() == entries["train.py"]


def test_an_entry_missing_from_the_export_is_reported(store_path, tmp_path):
    """A file-series row whose payload the export lacks has no content: the others are
    stored as the series, the summary says what was missing."""
    project, rid = "acme/old", "OLD-2"
    root = tmp_path / "export"
    base = root / "files" / sanitize(project) / project / rid / "preds"
    base.mkdir(parents=True)
    (base / "0.png").write_bytes(b"zero")
    (base / "2.png").write_bytes(b"two")
    s = _import_1x(root, project, rid, range(3))
    assert not s.errors and any("missing from the export" in w for w in s.warnings), s
    r = nsw.init_run(with_id=rid, mode="read-only")
    assert list(r["preds"].fetch_values()["step"]) == [0, 2]
    assert (Path(r["preds"].download_last("last")) / "1.png").read_bytes() == b"two"


def test_a_link_out_of_the_export_does_not_carry_a_file_of_this_machine_in(store_path,
                                                                           tmp_path):
    """An export tree someone else made may hold links: a file-series payload or a file
    set entry that links outside the export's files tree (to a key, a config) is treated
    as missing, never read into a store a team shares."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"api-key: 0f8a")
    project, rid = "acme/old", "OLD-3"
    root = tmp_path / "export"
    base = root / "files" / sanitize(project) / project / rid
    (base / "preds").mkdir(parents=True)
    (base / "preds" / "0.png").write_bytes(b"zero")
    os.symlink(secret, base / "preds" / "1.png")
    (base / "ckpt").mkdir()
    (base / "ckpt" / "model.bin").write_bytes(b"weights")
    os.symlink(secret, base / "ckpt" / "key.txt")
    s = _import_1x(root, project, rid, range(2), "ckpt")
    assert not s.errors, s
    blobs = [p.read_bytes() for p in Path(store_path + ".files").rglob("*") if p.is_file()]
    assert b"api-key: 0f8a" not in blobs and b"weights" in blobs
    got = _child(store_path, rid, """
        z = zipfile.ZipFile(r["ckpt"].download("ckpt.zip"))
        print(json.dumps({"steps": list(r["preds"].fetch_values()["step"]),
                          "set": sorted(i.filename for i in z.infolist() if not i.is_dir())}))
    """)
    assert got["steps"] == [0] and got["set"] == ["model.bin"]
