# Source: neptune-ai/neptune-client, src/neptune/__init__.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), module docstring, lines 44-45, 51-59, 65, 72-77 and 84-85
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune import X` ->
#   `from neptune_sys_widgets import X`; `>>>`/`...` prompts removed. Left out: line 66,
#   `project["datasets"].upload("./data/")`: 1.x's upload() of a folder failed too ("Path not
#   found or is a not a file", hosted_file_operations.upload_file_attribute). `# fixture:` gives
#   the project (with key PROJ), `some_metadata`, signature.json, ./data/train.csv and fills in
#   the ids the example hard-codes; `# check:` block added.
import json
import os

# fixture: the files and values the example uses
os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"
some_metadata = {"lr": 0.01, "optimizer": "adam"}
with open("signature.json", "w") as f:
    json.dump({"inputs": ["x"], "outputs": ["y"]}, f)
os.makedirs("data", exist_ok=True)
with open("data/train.csv", "w") as f:
    f.write("x,y\n1,0\n")

import neptune_sys_widgets as neptune
neptune.management.create_project("ml-team/classification", key="PROJ")  # fixture

run = neptune.init_run()
run["some/structure"] = some_metadata

model = neptune.init_model(key="MOD")
model["signature"].upload("signature.json")

model_version = neptune.init_model_version(model="PROJ-MOD")
model_version["dataset_version"].track_files("./data/train.csv")
model_version.change_stage("staging")

project = neptune.init_project(project="ml-team/classification")

from neptune_sys_widgets import Run
run = Run()

from neptune_sys_widgets import ModelVersion
model_version = ModelVersion(with_id="PROJ-MOD-1")  # connect to existing model version
model_version.change_stage("production")

with neptune.init_run(api_token=neptune.ANONYMOUS_API_TOKEN) as run:
    ...

# check: the model's signature, the version's dataset artifact and its stages
model.wait()
assert model["sys/id"].fetch() == "PROJ-MOD"
assert model["signature"].fetch_extension() == "json"
model_version.wait()
assert model_version["sys/stage"].fetch() == "production"
assert [f.file_path for f in model_version["dataset_version"].fetch_files_list()] == ["train.csv"]
_runs = project.fetch_runs_table().to_pandas()
assert len(_runs) == 3 and _runs["some/structure/lr"].dropna().tolist() == [0.01]
