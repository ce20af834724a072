# Source: https://docs.neptune.ai/upload_files (neptune-scale docs, app version 3.20251215,
#   "Upload files": "Upload a single file" (both examples) and "Overwrite an attribute value")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`,
#   `from neptune_scale.types import File` -> `from neptune_sys_widgets.types import File`.
#   `# fixture:` fills in `Run(...)` (the run seagull-s68kj78 the last example resumes) and
#   writes the files the examples upload; `# check:` block added.
import os

# fixture: the project and the files
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
os.makedirs("input/images", exist_ok=True)
for _name, _content in (("sample_data.csv", "a,b\n1,2\n"), ("input/images/img1.png", "png"),
                        ("different_sample_data.csv", "a,b\n3,4\n")):
    with open(_name, "w") as _f:
        _f.write(_content)

from neptune_sys_widgets import Run


with Run(run_id="seagull-s68kj78") as run:  # fixture: Run(...)
    run.assign_files(
        {
            "dataset/data_sample": "sample_data.csv",
            "dataset/image_sample": "input/images/img1.png",
        }
    )

from neptune_sys_widgets import Run
from neptune_sys_widgets.types import File


with Run(run_id="seagull-s68kj78") as run:  # fixture: Run(...)
    run.assign_files(
        {
            "files/file.txt": File(source=b"Hello world!", mime_type="text/plain"),
        }
    )

run = Run(
    run_id="seagull-s68kj78", # a run with this ID already exists
)

run.assign_files({"dataset/data_sample": "different_sample_data.csv"})
run.close()

# check: the three files, the data sample overwritten
import neptune_sys_widgets.query.runs as nq_runs

table = nq_runs.fetch_runs_table(runs=["seagull-s68kj78"], attributes=r"^(dataset|files)/")
assert table["files/file.txt"].iloc[0].mime_type == "text/plain"
paths = nq_runs.download_files(files=table, destination="out")
assert open(paths["dataset/data_sample"].iloc[0]).read() == "a,b\n3,4\n"
assert open(paths["files/file.txt"].iloc[0]).read() == "Hello world!"
assert open(paths["dataset/image_sample"].iloc[0]).read() == "png"
