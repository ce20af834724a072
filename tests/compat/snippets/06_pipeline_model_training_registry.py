# Source: neptune-ai/examples, how-to-guides/sequential-pipelines/scripts/model_training.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1, 3, 11-14, 19-21, 50-51, 54-85
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.exceptions import ...` -> `from neptune_sys_widgets.exceptions import ...`.
#   Left out: neptune.integrations.sklearn (hosted integration) and the SVC search it scores,
#   and the file download/upload lines 17, 88-91. A `# fixture:` stands in for line 48 (the
#   scores dict that npt_utils.get_scores returns: numpy floats) and pre-creates the model so
#   the `except NeptuneModelKeyAlreadyExistsError` branch runs.
import numpy as np

import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import NeptuneModelKeyAlreadyExistsError

# fixture: an earlier pipeline run already registered the model
neptune.init_model(key="PIPELINES", mode="sync").stop()

# (Neptune) Create a new run
run = neptune.init_run(
    monitoring_namespace="monitoring/training",
)

# (Neptune) Set up "training" namespace inside the run.
# This will be the base namespace where all the training metadata is logged.
training_handler = run["training"]

# fixture: what npt_utils.get_scores(clf, X_train_pca, y_train) returns (numpy scalars)
training_handler["metrics/scores"] = {
    "class_0": {"precision": np.float64(0.91), "recall": np.float64(0.88),
                "fbeta_score": np.float64(0.894), "support": np.int64(42)},
}

# (Neptune) Log pickled model
model_name = "pickled_model"

# (Neptune) Initializing a Model and Model version
model_key = "PIPELINES"
project_key = run["sys/id"].fetch().split("-")[0]

try:
    model = neptune.init_model(key=model_key)
    model.wait()
    print("Creating a new model version...")
    model_version = neptune.init_model_version(model=f"{project_key}-{model_key}")

except NeptuneModelKeyAlreadyExistsError:
    print(f"A model with the provided key {model_key} already exists in this project.")
    print("Creating a new model version...")
    model_version = neptune.init_model_version(
        model=f"{project_key}-{model_key}",
    )

# (Neptune) Log model version details to run
model_version.wait()
training_handler["model/model_version/id"] = model_version["sys/id"].fetch()
training_handler["model/model_version/model_id"] = model_version["sys/model_id"].fetch()
training_handler["model/model_version/url"] = model_version.get_url()

# (Neptune) Log run details
model_version["run/id"] = run["sys/id"].fetch()
model_version["run/name"] = run["sys/name"].fetch()
model_version["run/url"] = run.get_url()

# (Neptune) Log training scores from run
run.wait()
model_scores = training_handler["metrics/scores"].fetch()
model_version["metrics/training/scores"] = model_scores

# check:
model_version.wait()
assert model_version["sys/id"].fetch() == f"{project_key}-PIPELINES-1"
assert run["training/model/model_version/model_id"].fetch() == f"{project_key}-PIPELINES"
assert isinstance(run["training/model/model_version/url"].fetch(), str)
assert model_version["run/id"].fetch() == run["sys/id"].fetch()
assert model_version["metrics/training/scores/class_0/support"].fetch() == 42
assert abs(model_version["metrics/training/scores/class_0/fbeta_score"].fetch() - 0.894) < 1e-12
model_version.stop()
run.stop()
