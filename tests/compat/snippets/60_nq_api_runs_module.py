# Source: neptune-ai/neptune-query @ 00fcb6be522773bae030770a5823d5b55f69b80a:
#   docs/api_reference/runs/fetch_runs_table.md, docs/api_reference/runs/list_runs.md and
#   docs/api_reference/runs/fetch_metrics.md ("Examples" sections)
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`; `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters
#   import ...`. `# fixture:` (the runs the pages name, in the default project and in
#   team-alpha/sandbox; owner "MyUsername" via NEPTUNE_SYS_OWNER) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _rid, _bs, _lr, _loss, _exp in (
        ("geometric-composite-20250902060724545-i2ufv", 32, 0.001, 0.025725, "seabird-4"),
        ("glowing-database-20250902060704895-9ps29", 32, 0.001, 0.030208, "seabird-4"),
        ("centered-decoder-20250829091346879-mo8l9", 64, 0.002, 0.123372, None)):
    with Run(run_id=_rid, experiment_name=_exp) as _r:
        _r.log_configs({"config/batch_size": _bs, "config/learning_rate": _lr, "configs/x": 1})
        _r.log_metrics({"loss": _loss}, step=0)
with Run(run_id="prompt-wolf-2g2r1") as _r:
    for _s in range(40):
        _r.log_metrics({"accuracy": 0.8, "loss": 0.19}, step=_s)
    for _s in range(41, 50):
        _r.log_metrics({"accuracy": 0.81, "loss": 0.18}, step=_s, preview=True,
                       preview_completion=0.75)
os.environ["NEPTUNE_SYS_OWNER"] = "MyUsername"
for _rid in ("mine-1", "mine-2"):
    Run(run_id=_rid, project="team-alpha/sandbox").close()
os.environ["NEPTUNE_SYS_OWNER"] = "someone"
Run(run_id="theirs-1", project="team-alpha/sandbox").close()

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.fetch_runs_table(
    runs=[
        "geometric-composite-20250902060724545-i2ufv",
        "glowing-database-20250902060704895-9ps29",
        "centered-decoder-20250829091346879-mo8l9",
    ],
    attributes=r"loss | batch_size | learning_rate",
)

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.fetch_runs_table(
    runs=Filter.eq("sys/experiment/name", "seabird-4"),
    attributes=r"loss | configs",
)

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.list_runs(
    project="team-alpha/sandbox",
    runs=Filter.eq("sys/owner", "MyUsername"),
)

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.fetch_metrics(
    runs=["prompt-wolf-2g2r1"],  # custom run ID
    attributes=r"loss | acc",
    tail_limit=12,
    include_point_previews=True,
)

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.fetch_metrics(
    runs=["prompt-wolf-2g2r1"],  # custom run ID
    attributes=r"loss",
    tail_limit=10,
    include_time="absolute",
    type_suffix_in_column_names=True,
    include_point_previews=True,
)

# check:
t = nq_runs.fetch_runs_table(runs=["geometric-composite-20250902060724545-i2ufv",
                                   "glowing-database-20250902060704895-9ps29",
                                   "centered-decoder-20250829091346879-mo8l9"],
                             attributes=r"loss | batch_size | learning_rate")
assert sorted(t.columns) == ["config/batch_size", "config/learning_rate", "loss"]
assert t.loc["centered-decoder-20250829091346879-mo8l9", "config/batch_size"] == 64
t = nq_runs.fetch_runs_table(runs=Filter.eq("sys/experiment/name", "seabird-4"),
                             attributes=r"loss | configs")
assert len(t) == 2 and sorted(t.columns) == ["configs/x", "loss"]
assert sorted(nq_runs.list_runs(project="team-alpha/sandbox",
                                runs=Filter.eq("sys/owner", "MyUsername"))) == ["mine-1", "mine-2"]
m = nq_runs.fetch_metrics(runs=["prompt-wolf-2g2r1"], attributes=r"loss | acc", tail_limit=12,
                          include_point_previews=True)
assert m.index.names == ["run", "step"] and len(m) == 12
m = nq_runs.fetch_metrics(runs=["prompt-wolf-2g2r1"], attributes=r"loss", tail_limit=10,
                          include_time="absolute", type_suffix_in_column_names=True,
                          include_point_previews=True)
assert len(m) == 10 and ("loss:float_series", "absolute_time") in m.columns
