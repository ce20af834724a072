# Source: neptune-ai/neptune-query, docs/how_to_query_attribute_values.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Query single attribute values" and "Target
#   runs instead of experiments")
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`. The page's first example uses `nq` without importing it: `# fixture:` imports
#   `neptune_sys_widgets.query as nq` (neptune-query: `import neptune_query as nq`) and creates
#   the experiments. `# check:` block added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
import neptune_sys_widgets.query as nq
from neptune_sys_widgets import Run

for _i, (_loss, _lr) in enumerate(((0.22, 0.01), (0.28, 0.02), (0.24, 0.01)), start=1):
    with Run(experiment_name=f"kittiwake_week-{_i}",
             run_id="glowing-database-60704895-9ps29" if _i == 2 else None) as _r:
        _r.log_configs({"config/n_layer": 12, "config/learning_rate": _lr, "other/x": 1})
        _r.log_metrics({"loss": 0.9}, step=0)
        _r.log_metrics({"loss": _loss}, step=1)

loss_and_config_df = nq.fetch_experiments_table(
    experiments=["kittiwake_week-1", "kittiwake_week-2", "kittiwake_week-3"],
    attributes=r"loss | config",
)

import neptune_sys_widgets.query.runs as nq_runs


runs_df = nq_runs.fetch_runs_table(
    runs=["glowing-database-60704895-9ps29"],  # list of run IDs, or regex to match
    attributes=r"loss | config",
)

# check:
assert sorted(loss_and_config_df.columns) == ["config/learning_rate", "config/n_layer", "loss"]
assert loss_and_config_df.loc["kittiwake_week-3", "loss"] == 0.24
assert runs_df.index.name == "run" and list(runs_df.index) == ["glowing-database-60704895-9ps29"]
assert runs_df.loc["glowing-database-60704895-9ps29", "config/learning_rate"] == 0.02
