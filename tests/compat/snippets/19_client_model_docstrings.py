# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/model.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstring of class Model,
#   lines 134-135 and 149-153; docstring of Model.fetch_model_versions_table(), lines 300-312
# Changed: doctest prompts removed; `import neptune` -> `import neptune_sys_widgets as neptune`.
#   The docstring's alternatives that would re-create the same key are left out. `# fixture:`
#   (project CLS as NEPTUNE_PROJECT, model CLS-FOREST with versions, `some_metadata`) and
#   `# check:` blocks added.
import os

import neptune_sys_widgets as neptune

# fixture:
neptune.management.create_project("ml-team/classification", key="CLS")
os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"
some_metadata = {"framework": "sklearn", "n_features": 20}
neptune.init_model(key="FOREST", mode="sync").stop()
for _lr, _loss, _blob in ((0.1, 0.5, 10), (0.01, 0.3, 5000), (0.001, 0.4, 100)):
    _mv = neptune.init_model_version(model="CLS-FOREST", mode="sync")
    _mv["params/lr"] = _lr
    _mv["val/loss"] = _loss
    _mv["weights_summary"] = "w" * _blob
    _mv.stop()

import neptune_sys_widgets as neptune

model = neptune.init_model(key="PRE")
model["metadata"] = some_metadata
model.stop()

# Initialize existing model with identifier "CLS-PRE"
model = neptune.init_model(with_id="CLS-PRE")

# To prevent modifications when connecting to an existing model, you can connect in read-only mode
model = neptune.init_model(with_id="CLS-PRE", mode="read-only")

# check:
assert model["metadata/framework"].fetch() == "sklearn"
assert model["sys/id"].fetch() == "CLS-PRE"

import neptune_sys_widgets as neptune
# Initialize model with the ID "CLS-FOREST"
model = neptune.init_model(with_id="CLS-FOREST")
# Fetch the metadata of all the model's versions as a pandas DataFrame
model_versions_df = model.fetch_model_versions_table().to_pandas()

# Include only the fields "params/lr" and "val/loss" as columns:
model_versions_df = model.fetch_model_versions_table(columns=["params/lr", "val/loss"]).to_pandas()

# Sort model versions by size (space they take up in Neptune)
model_versions_df = model.fetch_model_versions_table(sort_by="sys/size").to_pandas()
# Extract the ID of the largest model version object
largest_model_version_id = model_versions_df["sys/id"].values[0]

# check:
assert largest_model_version_id == "CLS-FOREST-2", largest_model_version_id
assert len(model_versions_df) == 3
model.stop()
