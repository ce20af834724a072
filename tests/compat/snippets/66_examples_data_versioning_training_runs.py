# Source: neptune-ai/examples, how-to-guides/data-versioning/scripts/Version_datasets_in_model_training_runs.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-7, 19-112
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. Left out: lines 8-18
#   (`import requests` is line 5; the loop downloading train.csv/test.csv from GitHub needs the
#   network, and line 9 derives their folder from __file__): a `# fixture:` writes the same
#   iris tables (columns of datasets/tables/*.csv) into the working directory instead.
#   `# check:` block added.
from pathlib import Path

import neptune_sys_widgets as neptune
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

# fixture: the repository's datasets/tables/train.csv (100 rows) and test.csv (50 rows) of iris
from sklearn.datasets import load_iris as _load_iris
_iris = _load_iris(as_frame=True).frame.sample(frac=1.0, random_state=0)
_iris.columns = ["sepal.length", "sepal.width", "petal.length", "petal.width", "variety"]
_iris["variety"] = _iris["variety"].map({0: "Setosa", 1: "Versicolor", 2: "Virginica"})
dataset_path = Path(".")
_iris.iloc[:100].to_csv(dataset_path / "train.csv", index=False)
_iris.iloc[100:].to_csv(dataset_path / "test.csv", index=False)

TRAIN_DATASET_PATH = str(dataset_path.joinpath("train.csv"))
TEST_DATASET_PATH = str(dataset_path.joinpath("test.csv"))


def train_model(params, train_path, test_path):
    train = pd.read_csv(train_path)
    test = pd.read_csv(test_path)

    FEATURE_COLUMNS = ["sepal.length", "sepal.width", "petal.length", "petal.width"]
    TARGET_COLUMN = ["variety"]
    X_train, y_train = train[FEATURE_COLUMNS], train[TARGET_COLUMN]
    X_test, y_test = test[FEATURE_COLUMNS], test[TARGET_COLUMN]

    rf = RandomForestClassifier(**params)
    rf.fit(X_train, y_train)

    return rf.score(X_test, y_test)


#
# Run model training and log dataset version, parameter and test score to Neptune
#

# Create a Neptune run and start logging
run = neptune.init_run(project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN)

# Track dataset version
run["datasets/train"].track_files(TRAIN_DATASET_PATH)
run["datasets/test"].track_files(TEST_DATASET_PATH)

# Log parameters
params = {
    "n_estimators": 3,
    "max_depth": 3,
    "max_features": 1,
}
run["parameters"] = params

# Calculate and log test score
score = train_model(params, TRAIN_DATASET_PATH, TEST_DATASET_PATH)
run["metrics/test_score"] = score

# Get the Neptune run ID of the first, baseline model training run
baseline_run_id = run["sys/id"].fetch()
print(baseline_run_id)

# Stop logging to the active Neptune run
run.stop()

#
# Run model training with different parameters and log metadata to Neptune
#

# Create a new Neptune run and start logging
new_run = neptune.init_run(project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN)

# Track dataset version
new_run["datasets/train"].track_files(TRAIN_DATASET_PATH)
new_run["datasets/test"].track_files(TEST_DATASET_PATH)

# Query the baseline Neptune run
baseline_run = neptune.init_run(
    project="common/data-versioning",
    api_token=neptune.ANONYMOUS_API_TOKEN,
    with_id=baseline_run_id,
    mode="read-only",
)

# Fetch the dataset version of the baseline model training run
baseline_run["datasets/train"].fetch_hash()

# Check if dataset versions changed or not between the runs
new_run.wait()  # force asynchronous logging operations to finish
assert baseline_run["datasets/train"].fetch_hash() == new_run["datasets/train"].fetch_hash()
assert baseline_run["datasets/test"].fetch_hash() == new_run["datasets/test"].fetch_hash()

# Select new parameters and log them to Neptune
params = {
    "n_estimators": 3,
    "max_depth": 2,
    "max_features": 3,
}
new_run["parameters"] = params

# Calculate the test score and log it to Neptune
score = train_model(params, TRAIN_DATASET_PATH, TEST_DATASET_PATH)
new_run["metrics/test_score"] = score

# check: the two tracked tables differ from each other, and each artifact lists its one file
new_run.wait()
assert new_run["datasets/train"].fetch_hash() != new_run["datasets/test"].fetch_hash()
assert [f.file_path for f in new_run["datasets/train"].fetch_files_list()] == ["train.csv"]
assert new_run["parameters/max_features"].fetch() == 3
assert 0.0 <= new_run["metrics/test_score"].fetch() <= 1.0

# Stop logging to the active Neptune run
new_run.stop()
baseline_run.stop()
#
# Go to Neptune to see how the results changed making sure that the training dataset versions were the same!
#
