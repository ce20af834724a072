# Source: neptune-ai/examples, how-to-guides/reproduce-run/scripts/reproduce_run.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-3, 8-58
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; the torch/torchvision
#   imports (lines 4-6) and the CIFAR10 training after line 58 are left out (torch is not
#   installed). `# fixture:` / `# check:` blocks added.
import os

import neptune_sys_widgets as neptune

# fixture: a finished run logged by old_run.py (same repository), then a failed one
_old = neptune.init_run(project="common/showroom", tags="Basic script", mode="sync")
_old["sys/tags"].add(["showcase-run", "reproduce"])
_old["config/dataset/path"] = "data/CIFAR10"
_old["config/params"] = {"lr": 1e-2, "bs": 128, "input_sz": 32 * 32 * 3, "n_classes": 10,
                         "model_filename": "basemodel"}
_old_id = _old["sys/id"].fetch()
_old.stop()
_failed = neptune.init_run(project="common/showroom", tags=["showcase-run", "reproduce",
                                                            "Basic script"], mode="sync")
_failed["sys/failed"] = True
_failed.stop()

# (Neptune) Setting up credentials env variables
os.environ["NEPTUNE_PROJECT"] = "common/showroom"  # You can replace this with your own project
os.environ[
    "NEPTUNE_API_TOKEN"
] = neptune.ANONYMOUS_API_TOKEN  # You can replace this with your own token

################################
# (Neptune) Step 1: Get run ID #
################################
# Fetch only inactive runs with tags "showcase-run", "reproduce" and "Basic script" from project
with neptune.init_project(mode="read-only") as project:
    runs_table_df = project.fetch_runs_table(
        state="inactive", tag=["showcase-run", "reproduce", "Basic script"]
    ).to_pandas()

# Extract the last successful run's id
old_run_id = runs_table_df[runs_table_df["sys/failed"] == False]["sys/id"].values[0]

print(f"old_run_id = {old_run_id}")

#############################################################################
# (Neptune) Step 2: Resume old run and fetch relevant metadata from Neptune #
#############################################################################
# Use the `neptune.init_run()` method to:
# - Re-open an existing run using the ID you got from the previous step
# - Re-open it in the `read-only` mode so that metadata logged to the old run is not accidentally changed
old_run = neptune.init_run(
    with_id=old_run_id,
    mode="read-only",
)

# Fetch hyperparameters
old_run_params = old_run["config/params"].fetch()

# Fetch dataset path
dataset_path = old_run["config/dataset/path"].fetch()

######################################
# (Neptune) Step 3: Create a new run #
######################################
# Create a new Neptune run that will be used to log metadata in the re-run session.
new_run = neptune.init_run(tags=["reproduce", "new-run"])

#####################################################################################
# (Neptune) Step 4: Log hyperparameters and dataset details from old run to new run #
#####################################################################################
# Now you can continue working and logging metadata to a brand new run.
# You can log metadata using the Neptune API Client. For details, see [What you can log and display](https://docs.neptune.ai/logging/what_you_can_log).

new_run["config/params"] = old_run_params
new_run["config/dataset/path"] = dataset_path

# check:
assert old_run_id == _old_id
assert old_run_params["bs"] == 128 and old_run_params["model_filename"] == "basemodel"
new_run.wait()
assert new_run["config/params/input_sz"].fetch() == 3072
assert new_run["sys/id"].fetch().split("-")[0] == _old_id.split("-")[0]  # same project
new_run.stop()
