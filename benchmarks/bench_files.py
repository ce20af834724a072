"""Files (issue 22's targets), each measured in a fresh child process:

- upload of a 1 GiB file to the local store's files folder, including ``wait()``: MB/s
  (target >= 300 MB/s), and the child's peak RSS (VmHWM; target <= 100 MiB);
- the same content uploaded again: bytes newly stored (target 0);
- 1,000 256x256 PNG images appended to a file series, including ``wait()`` (target <= 2 s).

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
    mb = size / 1e6
    report([
        result(f"upload of {size >> 20} MiB incl. wait", mb / took, "MB/s", target=300,
               better="higher"),
        result("peak RSS during the upload", peak, "MiB", target=100),
        result("bytes stored by a second upload of the same content", new_bytes, "B",
               target=0),
        result(f"{count} PNG 256x256 appended to a file series incl. wait", images, "s",
               target=2.0 * count / 1000),
    ], a.json)


if __name__ == "__main__":
    main()
