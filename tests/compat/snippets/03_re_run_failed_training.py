# Source: neptune-ai/examples, how-to-guides/re-run-failed-training/scripts/re_run_failed_training.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1, 7-50
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; the torch/torchvision
#   imports (lines 2-5) and the CIFAR10 training that follows line 50 are left out (torch is not
#   installed). `# fixture:` / `# check:` blocks added.
import neptune_sys_widgets as neptune

# fixture: the showroom project holds an older failed run and a newer successful one
_ok = neptune.init_run(project="common/showroom", tags=["showcase-run"], mode="sync")
_ok["config/hyperparameters"] = {"lr": 0.1, "bs": 64}
_ok["dataset/path"] = "data/ok"
_ok.stop()
_bad = neptune.init_run(project="common/showroom", tags=["showcase-run"], mode="sync")
_bad["config/hyperparameters"] = {"lr": 0.01, "bs": 128, "input_sz": 3072, "n_classes": 10,
                                  "device": "cpu"}
_bad["dataset/path"] = "data/CIFAR10"
_bad["sys/failed"] = True
_bad_id = _bad["sys/id"].fetch()
_bad.stop()

# Step 1: Get Run ID
## Get project
project = neptune.init_project(
    project="common/showroom", api_token=neptune.ANONYMOUS_API_TOKEN, mode="read-only"
)

## Fetch only inactive runs with tag "showcase-run"
runs_table_df = project.fetch_runs_table(
    state="inactive", tag=["showcase-run"], columns=["sys/failed"]
).to_pandas()

## Extract the last failed run's id
failed_run_id = runs_table_df[runs_table_df["sys/failed"] == True]["sys/id"].values[0]

print("Failed_run_id = ", failed_run_id)

# Step 2: Resume failed run
failed_run = neptune.init_run(
    project="common/showroom",
    api_token=neptune.ANONYMOUS_API_TOKEN,
    with_id=failed_run_id,
    mode="read-only",
)

## Step 3: Use the fetch() method to retrieve relevant metadata
## Fetch hyperparameters
failed_run_params = failed_run["config/hyperparameters"].fetch()
## Fetch dataset path
dataset_path = failed_run["dataset/path"].fetch()


# Step 4: Create a new run
## Create a new Neptune run that will be used to log metadata in the re-run session.
new_run = neptune.init_run(
    project="common/showroom",
    api_token=neptune.ANONYMOUS_API_TOKEN,
    tags=["re-run", "successful training"],
)

# Step 5: Log Hyperparameters and Dataset details from failed run to new run
## Now you can continue working and logging metadata to a brand new Run.
## You can log metadata using the Neptune API Client
new_run["config/hyperparameters"] = failed_run_params
new_run["dataset/path"] = dataset_path

# check:
assert failed_run_id == _bad_id
assert failed_run_params["bs"] == 128 and failed_run_params["device"] == "cpu"
new_run.wait()
assert new_run["config/hyperparameters/lr"].fetch() == 0.01
assert new_run["dataset/path"].fetch() == "data/CIFAR10"
assert new_run["sys/tags"].fetch() == {"re-run", "successful training"}
new_run.stop()
