"""Files (issue 22's targets), each measured in a fresh child process:

- upload of a 1 GiB file to the local store's files folder, including ``wait()``: MB/s
  (target >= 300 MB/s), and the child's peak RSS (VmHWM; target <= 100 MiB);
- the same content uploaded again: bytes newly stored (target 0);
- 1,000 256x256 PNG images appended to a file series, including ``wait()`` (target <= 2 s).
- import of a 1.x export whose file series and file set (a zip as 1.x saved it) hold the
  same 1 GiB into a fresh store: MB/s, the child's peak RSS above what it had with the
  importer loaded (pyarrow, numpy; target <= 100 MiB: contents stream) and the bytes a
  second import stores (target 0).

The file is random bytes written once to the temporary folder and synced to disk before
the timing starts (the page cache then holds it, as it does a checkpoint a training script
has just written; without the sync, ``--unsettled``, the upload's writes queue behind the
setup's 1 GiB of write-back and the figure measures the disk). ``--quick`` uses 256 MiB
and 200 images.

    python benchmarks/bench_files.py [--quick] [--unsettled]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from _common import REPO, parser, report, result, temp_store

UPLOAD = """
import json, os, time, neptune_sys_widgets as n
r = n.init_run(project="bench/files", source_files=[], git_ref=False,
               capture_hardware_metrics=False, capture_stdout=False, capture_stderr=False)
t0 = time.perf_counter(); r["ckpt"].upload({path!r}); r.wait(); t1 = time.perf_counter()
folder = os.environ["NEPTUNE_SYS_STORE"] + ".files"
before = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)
r["again"].upload({path!r}); r.wait()
after = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)
r.stop()
peak = [int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")][0]
print(json.dumps([t1 - t0, after - before, peak / 1024]))
"""

IMAGES = """
import io, json, time, numpy as np, neptune_sys_widgets as n
from PIL import Image
from neptune_sys_widgets.types import File
rng = np.random.default_rng(0)
pngs = []
for _ in range({count}):
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (256, 256, 3), dtype=np.uint8)).save(buf, "PNG")
    pngs.append(buf.getvalue())
r = n.init_run(project="bench/files", source_files=[], git_ref=False,
               capture_hardware_metrics=False, capture_stdout=False, capture_stderr=False)
t0 = time.perf_counter()
for png in pngs:
    r["preds"].append(File.from_content(png, extension="png"))
r.wait()
took = time.perf_counter() - t0
r.stop()
print(json.dumps(took))
"""


IMPORT = """
import json, os, neptune_sys_widgets as n
from neptune_sys_widgets.interop import import_export
folder = os.environ["NEPTUNE_SYS_STORE"] + ".files"
size = lambda: sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder)
                   for f in fs)
import time, pyarrow.parquet, neptune_sys_widgets.interop.importer
hwm = lambda: [int(x.split()[1]) for x in open("/proc/self/status")
               if x.startswith("VmHWM")][0]
start = hwm()  # the importer loaded (pyarrow, numpy): ~115 MiB before any file is read
t0 = time.perf_counter(); s = import_export({tree!r}); took = time.perf_counter() - t0
assert not s.errors and s.created["run"] == 1, s
before = size(); again = import_export({tree!r}); after = size()
print(json.dumps([took, after - before, (hwm() - start) / 1024, start / 1024]))
"""


def _export_tree(root: str, size: int) -> None:
    """A 1.x export of one run whose payloads total ``size`` bytes: a file series of four
    files (half) and a file set saved as 1.x's zip (half, one stored entry)."""
    import zipfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    from neptune_sys_widgets.interop.format import SCHEMA, sanitize
    project, run = "bench/imp", "IMP-1"
    base = os.path.join(root, "files", sanitize(project), project, run)
    rows = [{"attribute_path": "sys/id", "attribute_type": "string", "string_value": run}]
    os.makedirs(os.path.join(base, "preds"))
    for i in range(4):
        with open(os.path.join(base, "preds", f"{i}.png"), "wb") as fh:
            for _ in range(size >> 23):
                fh.write(os.urandom(1 << 20))
        rows.append({"attribute_path": "preds", "attribute_type": "file_series", "step": i,
                     "file_value": {"path": f"{project}/{run}/preds/{i}.png"}})
    os.makedirs(os.path.join(base, "ckpt"))
    with zipfile.ZipFile(os.path.join(base, "ckpt", "files.zip"), "w") as zf:
        zf.writestr("/", b"")
        with zf.open("model.bin", "w", force_zip64=True) as out:
            for _ in range(size >> 21):
                out.write(os.urandom(1 << 20))
    rows.append({"attribute_path": "ckpt", "attribute_type": "file_set",
                 "file_value": {"path": f"{project}/{run}/ckpt"}})
    full = [{**dict.fromkeys(SCHEMA.names), "project_id": project, "run_id": run, **r}
            for r in rows]
    folder = os.path.join(root, "data", sanitize(project))
    os.makedirs(folder)
    pq.write_table(pa.Table.from_pylist(full, schema=SCHEMA),
                   os.path.join(folder, f"{sanitize(run)}_part_0.parquet"))
    os.sync()


def _child(code: str, store: str) -> object:
    env = dict(os.environ, NEPTUNE_SYS_STORE=store, PYTHONPATH=REPO)
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                         capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--unsettled", action="store_true",
                   help="time the upload while the source file's pages are still being "
                        "written to disk (the figure then follows the disk, not the code)")
    a = p.parse_args()
    size = (256 if a.quick else 1024) << 20
    count = 200 if a.quick else 1000
    tmp, store = temp_store()
    with tmp:
        path = os.path.join(tmp.name, "ckpt.bin")
        with open(path, "wb") as fh:
            for _ in range(size >> 20):
                fh.write(os.urandom(1 << 20))
            if not a.unsettled:  # the disk has written the source: the upload is timed,
                fh.flush()       # not the write-back of the benchmark's own setup
                os.fsync(fh.fileno())
        took, new_bytes, peak = _child(UPLOAD.format(path=path), store)
        images = _child(IMAGES.format(count=count), store)
        tree = os.path.join(tmp.name, "export")
        _export_tree(tree, size)
        imp_took, imp_new, imp_peak, imp_base = _child(IMPORT.format(tree=tree),
                                             os.path.join(tmp.name, "imp", "n.db"))
    mb = size / 1e6
    report([
        result(f"upload of {size >> 20} MiB incl. wait", mb / took, "MB/s", target=300,
               better="higher"),
        result("peak RSS during the upload", peak, "MiB", target=100),
        result("bytes stored by a second upload of the same content", new_bytes, "B",
               target=0),
        result(f"{count} PNG 256x256 appended to a file series incl. wait", images, "s",
               target=2.0 * count / 1000),
        result(f"import of an export's file series + file set ({size >> 20} MiB)",
               mb / imp_took, "MB/s"),
        result("peak RSS of that import above the loaded importer's", imp_peak, "MiB",
               target=100, note=f"the importer loaded: {imp_base:.0f} MiB"),
        result("bytes stored by importing it again", imp_new, "B", target=0),
    ], a.json)


if __name__ == "__main__":
    main()
