# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/model_version.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstring of class
#   ModelVersion, lines 127-153, and of ModelVersion.change_stage(), lines 268-273
# Changed: doctest prompts removed; `import neptune` -> `import neptune_sys_widgets as neptune`.
#   Line 148 (`neptune.init_model(with_id="CLS-PRE-12", ...)`: a model-version id passed to
#   init_model, a docstring slip) is left out. `# fixture:` (project CLS, models PRE and TREE,
#   enough versions for CLS-PRE-12 and CLS-TREE-3, `ModelVersion`, `some_metadata`,
#   ACC_THRESHOLD) and `# check:` blocks added.
import os

import neptune_sys_widgets as neptune
from neptune_sys_widgets import ModelVersion

# fixture:
neptune.management.create_project("ml-team/classification", key="CLS")
os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"
some_metadata = {"acc": 0.93}
ACC_THRESHOLD = 0.9
neptune.init_model(key="PRE", mode="sync").stop()
neptune.init_model(key="TREE", mode="sync").stop()
for _i in range(3):
    _mv = neptune.init_model_version(model="CLS-TREE", mode="sync")
    _mv["validation/metrics/acc"] = 0.8 + 0.05 * _i
    _mv.stop()

import neptune_sys_widgets as neptune

# Create a new model version for a model with identifier "CLS-PRE"
model_version = neptune.init_model_version(model="CLS-PRE")
model_version["your/structure"] = some_metadata

# You can provide the project parameter as an environment variable
# or directly in the init_model_version() function:
model_version = neptune.init_model_version(
   model="CLS-PRE",
   project="ml-team/classification",
)

# Or initialize with the constructor:
model_version = ModelVersion(model="CLS-PRE")

# fixture: versions 4..12 of CLS-PRE
for _ in range(9):
    neptune.init_model_version(model="CLS-PRE", mode="sync").stop()

# Initialize an existing model version with identifier "CLS-PRE-12"
model_version = neptune.init_model_version(with_id="CLS-PRE-12")

with ModelVersion(model="CLS-PRE") as model_version:
    model_version["metadata"] = some_metadata

import neptune_sys_widgets as neptune
model_version = neptune.init_model_version(with_id="CLS-TREE-3")
# If the model is good enough, promote it to the staging
val_acc = model_version["validation/metrics/acc"].fetch()
if val_acc >= ACC_THRESHOLD:
    model_version.change_stage("staging")

# check:
assert model_version["sys/stage"].fetch() == "staging"
assert neptune.init_model_version(with_id="CLS-PRE-13", mode="read-only")["metadata/acc"].fetch() == 0.93
assert neptune.init_model_version(with_id="CLS-PRE-1", mode="read-only")["your/structure/acc"].fetch() == 0.93
versions = neptune.init_model(with_id="CLS-PRE", mode="read-only").fetch_model_versions_table().to_pandas()
assert len(versions) == 13
model_version.stop()
