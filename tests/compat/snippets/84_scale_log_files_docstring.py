# Source: neptune-ai/neptune-client-scale, src/neptune_scale/api/run.py @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0), docstring of Run.log_files(), lines 953-961
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   `Run(...)` placeholder is filled in and the PNG the example logs is written (`# fixture:`);
#   `# check:` block added.
import os

# fixture: the prediction image the training loop wrote
os.makedirs("output/train", exist_ok=True)
with open("output/train/predictions.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))

from neptune_sys_widgets import Run

run = Run(project="docs/files", experiment_name="log-files-docstring")  # fixture: Run(...)

# for step in training loop
run.log_files(
    files={"predictions/train": "output/train/predictions.png"},
    step=1,
)

# check: a file series with one entry at step 1, downloaded with neptune-query
run.close()
import neptune_sys_widgets.query as nq

series = nq.fetch_series(project="docs/files", experiments=["log-files-docstring"],
                         attributes=["predictions/train"])
assert list(series.index) == [("log-files-docstring", 1.0)]
out = nq.download_files(files=series, destination="downloads")
path = out["predictions/train"].iloc[0]
assert open(path, "rb").read() == open("output/train/predictions.png", "rb").read()
