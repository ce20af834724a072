# Source: neptune-ai/neptune-query, docs/api_reference/download_files.md @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a
#   (tag 1.11.0; "Example": files of a series step range, and individually assigned files)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`. A `# fixture:`
#   logs what the sample outputs show (experiments seabird-4 and seabird-5 in
#   team-alpha/project-x, each with a predictions/val image series and the assigned files
#   "data sample" (sample.csv) and labels (labels.json)) with neptune-scale; `# check:` blocks
#   compare with the documented destination layout
#   <destination>/<experiment_name>/<attribute_path>/<file_name>.
import os

# fixture: the project's two experiments
from neptune_sys_widgets import Run as _Run
with open("sample.csv", "w") as _f:
    _f.write("x,y\n1,2\n")
with open("labels.json", "w") as _f:
    _f.write('{"0": "cat"}')
for _name in ("seabird-4", "seabird-5"):
    with _Run(project="team-alpha/project-x", experiment_name=_name) as _run:
        _run.assign_files({"data sample": "sample.csv", "labels": "labels.json"})
        for _step in range(5):
            _run.log_files({"predictions/val": b"\x89PNG" + bytes([_step]) * 40}, step=_step)

import neptune_sys_widgets.query as nq


interesting_files = nq.fetch_series(
    project="team-alpha/project-x",
    experiments=["seabird-4", "seabird-5"],
    attributes=r"^predictions/",
    step_range=(1.0, 3.0),
)

nq.download_files(files=interesting_files)

# check: steps 1-3 of both experiments, under <cwd>/<experiment>/<attribute path>/ (the
#   paths the call returns)
_paths = nq.download_files(files=interesting_files)
print(_paths)
assert len(_paths) == 6
for (_exp, _step), _path in _paths["predictions/val"].items():
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _exp, "predictions", "val")
    assert open(_path, "rb").read() == b"\x89PNG" + bytes([int(_step)]) * 40

interesting_files = nq.fetch_experiments_table(
    project="team-alpha/project-x",
    experiments=["seabird-4", "seabird-5"],
    attributes=r"sample | labels",
)

nq.download_files(files=interesting_files)

# check: one row per experiment, step NaN, the two files under <cwd>/<experiment>/
paths = nq.download_files(files=interesting_files)
print(paths)
assert sorted(paths.columns) == ["data sample", "labels"]
for (_exp, _step), _path in paths["labels"].items():
    assert _step != _step  # NaN
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _exp)
    assert open(_path).read() == '{"0": "cat"}'
