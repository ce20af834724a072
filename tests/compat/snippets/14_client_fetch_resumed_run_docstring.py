# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/metadata_container.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x), docstring of
#   MetadataContainer.fetch(), lines 394-400
# Changed: doctest prompts removed; `import neptune` -> `import neptune_sys_widgets as neptune`.
#   `# fixture:` (project CLS with three runs, CLS-3 carrying model/parameters) and `# check:`
#   blocks added. (The docstring's model-version half uses an undefined name and is left out.)
import os

import neptune_sys_widgets as neptune

# fixture:
neptune.management.create_project("ml-team/classification", key="CLS")
os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"
for _i in range(3):
    _r = neptune.init_run(mode="sync", name=f"run-{_i + 1}")
    _r["model/parameters"] = {"lr": 0.1 * (_i + 1), "optimizer": "Adam"}
    _r["model/size"] = 1000 + _i
    _r["train/loss"].extend([0.5, 0.4, 0.3])
    _r.stop()

import neptune_sys_widgets as neptune
resumed_run = neptune.init_run(with_id="CLS-3")
params = resumed_run["model/parameters"].fetch()
run_data = resumed_run.fetch()
print(run_data)
# prints all Atom attributes stored in run as a dict

# check:
assert params["optimizer"] == "Adam" and abs(params["lr"] - 0.3) < 1e-12
assert run_data["model"]["size"] == 1002
assert run_data["sys"]["id"] == "CLS-3" and run_data["sys"]["name"] == "run-3"
assert "train" not in run_data or "loss" not in run_data.get("train", {})  # series are not atoms
resumed_run.stop()
