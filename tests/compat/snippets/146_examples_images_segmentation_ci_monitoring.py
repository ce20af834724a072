# Source: neptune-ai/project-images-segmentation, ci_monitoring.py
#   @ 7324320a36a62ee2f211c70d1aed9d95724ba1ee (2023-05-16, "Updated for new API"; whole file:
#   the production-monitoring job that .github/workflows/monitoring.yml runs every 12 hours as
#   `python ci_monitoring.py` with NEPTUNE_API_TOKEN from the repository's secrets)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. A `# fixture:` before
#   the script fills common/project-images-segmentation: training runs, the one in production
#   tagged "in-prod" (with the point an earlier scheduled job logged); `# check:` block added
#   (the script stops neither the project nor the run: the process's exit does, nor does the
#   check).
# fixture: the project's training runs; the one tagged "in-prod" was monitored before
import neptune_sys_widgets as _neptune

for _tags, _loss in ((["best"], 0.25), (["in-prod"], 0.125), (["dev"], 0.5)):
    with _neptune.init_run(project="common/project-images-segmentation", tags=_tags) as _run:
        _run["training/metrics/dice_loss"].extend([_loss * 2, _loss])
        if _tags == ["in-prod"]:
            _run["production/monitoring/loss"].append(42.0)
            _in_prod_id = _run["sys/id"].fetch()

import random

import neptune_sys_widgets as neptune

# Fetch project
project = neptune.init_project(
    project="common/project-images-segmentation",
)

# Find run with "in-prod" tag
runs_table_df = project.fetch_runs_table(tag="in-prod").to_pandas()
run_id = runs_table_df["sys/id"].values[0]

# Resume run
run = neptune.init_run(
    project="common/project-images-segmentation",
    with_id=run_id,
)

# Run monitoring logic
# ... and log metadata to the run
run["production/monitoring/loss"].append(random.random() * 100)

# check: the script found the in-prod run among the project's runs and appended one point in
#   [0, 100) after the earlier one; the other runs got nothing
run.wait()
assert run_id == _in_prod_id and len(runs_table_df) == 1, runs_table_df
_read = neptune.init_run(project="common/project-images-segmentation", with_id=_in_prod_id,
                         mode="read-only")
_loss = _read["production/monitoring/loss"].fetch_values()
assert _loss["step"].tolist() == [0.0, 1.0], _loss
assert _loss["value"][0] == 42.0 and 0 <= _loss["value"][1] < 100, _loss
_read.stop()
_table = project.fetch_runs_table(columns=["sys/tags", "production/monitoring/loss"]).to_pandas()
assert _table["production/monitoring/loss"].notna().sum() == 1, _table
