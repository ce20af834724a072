# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/project.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstring of class Project,
#   lines 112-126; of Project.fetch_runs_table(), lines 252-286; of
#   Project.fetch_models_table(), lines 371-391
# Changed: doctest prompts removed; `import neptune` -> `import neptune_sys_widgets as neptune`.
#   The custom progress-bar example (needs a user-defined ProgressBarCallback class) is left
#   out. `# fixture:` (runs and models to list, `Project` import, `some_metadata`) and
#   `# check:` blocks added.
import neptune_sys_widgets as neptune
from neptune_sys_widgets import Project

# fixture:
some_metadata = {"owner-team": "ml-team", "n_classes": 10}
for _tags in (["Exploration", "Optuna"], ["Exploration"], ["Optuna"]):
    _r = neptune.init_run(project="jackie/sandbox", tags=_tags, mode="sync")
    _r["params/lr"] = 0.01 * len(_tags)
    _r["train/loss"].extend([0.9, 0.5, 0.2])
    _r.stop()
_active = neptune.init_run(project="jackie/sandbox", tags=["Exploration"], mode="sync")
for _key, _backbone in (("VGGA", "VGG"), ("RESA", "ResNet")):
    _m = neptune.init_model(key=_key, project="jackie/sandbox", mode="sync")
    _m["backbone"] = _backbone
    _m["params/lr"] = 0.1
    _m["info/size"] = 10
    _m.stop()

import neptune_sys_widgets as neptune

# Connect to the project "classification" in the workspace "ml-team":
project = neptune.init_project(project="ml-team/classification")

# Or initialize with the constructor
project = Project(project="ml-team/classification")

# Connect to a project in read-only mode:
project = neptune.init_project(
    project="ml-team/classification",
    mode="read-only",
)

with Project(project="ml-team/classification") as project:
    project["metadata"] = some_metadata

import neptune_sys_widgets as neptune
# Fetch project "jackie/sandbox"
project = neptune.init_project(mode="read-only", project="jackie/sandbox")

# Fetch the metadata of all runs as a pandas DataFrame
runs_table_df = project.fetch_runs_table().to_pandas()
# Extract the ID of the last run
last_run_id = runs_table_df["sys/id"].values[0]

# Fetch the 100 oldest runs
runs_table_df = project.fetch_runs_table(
    sort_by="sys/creation_time", ascending=True, limit=100
).to_pandas()

# Fetch the 100 largest runs (space they take up in Neptune)
runs_table_df = project.fetch_runs_table(sort_by="sys/size", limit=100).to_pandas()

# Include only the fields "train/loss" and "params/lr" as columns:
runs_table_df = project.fetch_runs_table(columns=["params/lr", "train/loss"]).to_pandas()

# check:
assert last_run_id == _active["sys/id"].fetch()
assert set(runs_table_df.columns) >= {"sys/id", "params/lr", "train/loss"}
assert runs_table_df["train/loss"].tolist()[-1] == 0.2

# Fetch only inactive runs
runs_table_df = project.fetch_runs_table(state="inactive").to_pandas()
# check:
assert len(runs_table_df) == 3

# Fetch only runs created by CI service
runs_table_df = project.fetch_runs_table(owner="my_company_ci_service").to_pandas()
# check:
assert len(runs_table_df) == 0

# Fetch only runs that have both "Exploration" and "Optuna" tags
runs_table_df = project.fetch_runs_table(tag=["Exploration", "Optuna"]).to_pandas()
# check:
assert len(runs_table_df) == 1

# You can combine conditions. Runs satisfying all conditions will be fetched
runs_table_df = project.fetch_runs_table(state="inactive", tag="Exploration").to_pandas()
# check:
assert len(runs_table_df) == 2

import neptune_sys_widgets as neptune
# Fetch project "jackie/sandbox"
project = neptune.init_project(mode="read-only", project="jackie/sandbox")

# Fetch the metadata of all models as a pandas DataFrame
models_table_df = project.fetch_models_table().to_pandas()

# Include only the fields "params/lr" and "info/size" as columns:
models_table_df = project.fetch_models_table(columns=["params/lr", "info/size"]).to_pandas()

# Fetch 10 oldest model objects
models_table_df = project.fetch_models_table(
    sort_by="sys/creation_time", ascending=True, limit=10
 ).to_pandas()
# Extract the ID of the first listed (oldest) model object
last_model_id = models_table_df["sys/id"].values[0]

# Fetch models with VGG backbone
models_table_df = project.fetch_models_table(
        query="(backbone: string = VGG)"
    ).to_pandas()

# check:
assert last_model_id.endswith("-VGGA"), last_model_id
assert models_table_df["sys/id"].tolist() == [last_model_id]
assert neptune.init_project("ml-team/classification", mode="read-only")["metadata/n_classes"].fetch() == 10
_active.stop()
