# Source: neptune-ai/neptune-query, docs/api_reference/fetch_experiments_table_global.md
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0; "Example": both examples)
# Changed: `import neptune_query.experimental as nq_experimental` -> `import
#   neptune_sys_widgets.query.experimental as nq_experimental`, `from neptune_query.filters
#   import ...` -> `from neptune_sys_widgets.query.filters import ...`. A `# fixture:` logs what
#   the examples read (experiments seagull-week1/seagull-week2 in two projects, owned by
#   my-username, and one by someone else) with neptune-scale; `# check:` blocks added.
import os

# fixture: experiments in two projects of the store; NEPTUNE_SYS_OWNER names the creator
from neptune_sys_widgets import Run as _Run
for _project, _name, _owner in (("team-alpha/project-x", "seagull-week1", "my-username"),
                                ("team-beta/project-y", "seagull-week2", "my-username"),
                                ("team-beta/project-y", "albatross-1", "someone-else")):
    os.environ["NEPTUNE_SYS_OWNER"] = _owner
    with _Run(project=_project, experiment_name=_name) as _run:
        _run.log_configs({"configs/lr": 0.01, "configs/batch": 32})
        _run.log_metrics({"loss": 0.5}, step=1)
        _run.log_metrics({"accuracy": 0.9}, step=1)
del os.environ["NEPTUNE_SYS_OWNER"]

import neptune_sys_widgets.query.experimental as nq_experimental


table = nq_experimental.fetch_experiments_table_global(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"loss | configs",
)

# check: one row per experiment across both projects, loss and configs columns only
print(table)
assert sorted(table.index.get_level_values("experiment")) == ["seagull-week1", "seagull-week2"]
assert sorted(set(table.columns.get_level_values(0))) == ["configs/batch", "configs/lr", "loss"]

import neptune_sys_widgets.query.experimental as nq_experimental
from neptune_sys_widgets.query.filters import Filter, Attribute


table = nq_experimental.fetch_experiments_table_global(
    experiments=Filter.eq(Attribute("sys/owner", "string"), "my-username"),
    attributes=r"loss | configs",
)

# check: the user's two experiments, not the other owner's
print(table)
assert sorted(table.index.get_level_values("experiment")) == ["seagull-week1", "seagull-week2"]
