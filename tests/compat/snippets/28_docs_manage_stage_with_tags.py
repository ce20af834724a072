# Source: https://docs.neptune.ai/model_registry/manage_stage (neptune 1.x docs, "Manage model
#   stage": steps 1-4, "This example assumes using tags to indicate model stage")
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. The interactive
#   `>>> run["sys/id"].fetch()` aside is left out. `# fixture:` (project CLS with runs
#   CLS-1..CLS-56, CLS-56 tagged "development") and `# check:` blocks added.
import os

import neptune_sys_widgets as neptune

# fixture:
neptune.management.create_project("ml-team/classification", key="CLS")
os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"
for _i in range(56):
    _r = neptune.init_run(mode="sync", tags=["development"] if _i == 55 else [])
    _r.stop()

import neptune_sys_widgets as neptune

run = neptune.init_run(with_id="CLS-56")

run["sys/tags"].remove("development")

run["sys/tags"].add("production")

run.stop()

# check:
_r = neptune.init_run(with_id="CLS-56", mode="read-only")
assert _r["sys/tags"].fetch() == {"production"}
_p = neptune.init_project(mode="read-only")
assert _p.fetch_runs_table(tag="production").to_pandas()["sys/id"].tolist() == ["CLS-56"]
