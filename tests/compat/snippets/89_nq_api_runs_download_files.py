# Source: neptune-ai/neptune-query, docs/api_reference/runs/download_files.md @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a
#   (tag 1.11.0; "Example": series files and assigned files of runs)
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`. A `# fixture:` logs what the sample outputs show (runs kittiwake-i2ufv and
#   kittiwake-h7jk2 in team-alpha/project-x, each with a predictions/ image series and the
#   assigned files "data sample" (sample.csv) and labels (labels.json)) with neptune-scale;
#   `# check:` blocks compare with the documented destination layout.
import os

# fixture: the project's two runs
from neptune_sys_widgets import Run as _Run
with open("sample.csv", "w") as _f:
    _f.write("x,y\n1,2\n")
with open("labels.json", "w") as _f:
    _f.write('{"0": "cat"}')
for _run_id in ("kittiwake-i2ufv", "kittiwake-h7jk2"):
    with _Run(project="team-alpha/project-x", run_id=_run_id) as _run:
        _run.assign_files({"data sample": "sample.csv", "labels": "labels.json"})
        for _step in range(5):
            _run.log_files({"predictions/val": b"\x89PNG" + bytes([_step]) * 40}, step=_step)

import neptune_sys_widgets.query.runs as nq_runs


interesting_files = nq_runs.fetch_series(
    project="team-alpha/project-x",
    runs=["kittiwake-i2ufv", "kittiwake-h7jk2"],
    attributes=r"^predictions/",
    step_range=(1.0, 3.0),
)

nq_runs.download_files(files=interesting_files)

# check: steps 1-3 of both runs, under <cwd>/<run>/<attribute path>/ (the paths the call
#   returns)
_paths = nq_runs.download_files(files=interesting_files)
print(_paths)
assert len(_paths) == 6 and _paths.index.names == ["run", "step"]
for (_run_id, _step), _path in _paths["predictions/val"].items():
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _run_id, "predictions", "val")
    assert open(_path, "rb").read() == b"\x89PNG" + bytes([int(_step)]) * 40

import neptune_sys_widgets.query.runs as nq_runs


interesting_files = nq_runs.fetch_runs_table(
    project="team-alpha/project-x",
    runs=["kittiwake-i2ufv", "kittiwake-h7jk2"],
    attributes=r"sample | labels",
)

nq_runs.download_files(files=interesting_files)

# check: one row per run, step NaN, both files under <cwd>/<run>/
paths = nq_runs.download_files(files=interesting_files)
print(paths)
assert sorted(paths.columns) == ["data sample", "labels"]
for (_run_id, _step), _path in paths["data sample"].items():
    assert _step != _step  # NaN
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _run_id)
    assert open(_path).read() == "x,y\n1,2\n"
