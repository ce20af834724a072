# Source: neptune-ai/neptune-query, docs/api_reference/runs/fetch_runs_table_global.md
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0; "Example": both examples)
# Changed: `import neptune_query.experimental as nq_experimental` -> `import
#   neptune_sys_widgets.query.experimental as nq_experimental`, `from neptune_query.filters
#   import ...` -> `from neptune_sys_widgets.query.filters import ...`. A `# fixture:` logs what
#   the examples read (runs run-123 and run-456 in two projects, two runs of experiment
#   exp-week-9, another run) with neptune-scale; `# check:` blocks added.
# fixture: runs in two projects of the store
from neptune_sys_widgets import Run as _Run
for _project, _run_id, _experiment in (("team-alpha/project-x", "run-123", None),
                                       ("team-beta/project-y", "run-456", None),
                                       ("team-alpha/project-x", "run-789", "exp-week-9"),
                                       ("team-beta/project-y", "run-790", "exp-week-9"),
                                       ("team-beta/project-y", "run-791", "exp-week-8")):
    with _Run(project=_project, run_id=_run_id, experiment_name=_experiment) as _run:
        _run.log_configs({"configs/optimizer": "adam"})
        _run.log_metrics({"loss": 0.25}, step=1)

import neptune_sys_widgets.query.experimental as nq_experimental


table = nq_experimental.fetch_runs_table_global(
    runs=["run-123", "run-456"],  # exact run IDs
    attributes=r"loss | configs",
)

# check: the two runs, each from its own project
print(table)
assert sorted(table.index.get_level_values("run")) == ["run-123", "run-456"]
assert sorted(set(table.columns.get_level_values(0))) == ["configs/optimizer", "loss"]

import neptune_sys_widgets.query.experimental as nq_experimental
from neptune_sys_widgets.query.filters import Filter, Attribute


table = nq_experimental.fetch_runs_table_global(
    runs=Filter.eq(Attribute("sys/experiment/name", "string"), "exp-week-9"),
    attributes=r"loss | configs",
)

# check: the experiment's runs in both projects
print(table)
assert sorted(table.index.get_level_values("run")) == ["run-789", "run-790"]
