# Source: neptune-ai/examples, how-to-guides/data-versioning/scripts/Compare_model_training_runs_on_dataset_versions.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-7, 20-94
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. Left out: lines 8-19
#   (`import requests` is line 5; the loop downloading train.csv/test.csv/train_v2.csv from
#   GitHub needs the network, and line 10 derives their folder from __file__): a `# fixture:`
#   writes the same iris tables into the working directory instead. `# check:` block added.
from pathlib import Path

import neptune_sys_widgets as neptune
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

# fixture: the repository's datasets/tables/train.csv (100 rows), test.csv (50 rows) and
#   train_v2.csv (80 rows: a changed training set) of iris
from sklearn.datasets import load_iris as _load_iris
_iris = _load_iris(as_frame=True).frame.sample(frac=1.0, random_state=0)
_iris.columns = ["sepal.length", "sepal.width", "petal.length", "petal.width", "variety"]
_iris["variety"] = _iris["variety"].map({0: "Setosa", 1: "Versicolor", 2: "Virginica"})
dataset_path = Path(".")
_iris.iloc[:100].to_csv(dataset_path / "train.csv", index=False)
_iris.iloc[100:].to_csv(dataset_path / "test.csv", index=False)
_iris.iloc[:80].to_csv(dataset_path / "train_v2.csv", index=False)


TRAIN_DATASET_PATH = str(dataset_path.joinpath("train.csv"))
TEST_DATASET_PATH = str(dataset_path.joinpath("test.csv"))


params = {
    "n_estimators": 7,
    "max_depth": 2,
    "max_features": 2,
}


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

# Create Neptune run and start logging
run = neptune.init_run(project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN)

# Track dataset version
run["datasets/train"].track_files(TRAIN_DATASET_PATH)
run["datasets/test"].track_files(TEST_DATASET_PATH)

# Log parameters
run["parameters"] = params

# Calculate and log test score
score = train_model(params, TRAIN_DATASET_PATH, TEST_DATASET_PATH)
run["metrics/test_score"] = score

# check: remember the first run's id and hashes
run.wait()
_first = (run["sys/id"].fetch(), run["datasets/train"].fetch_hash(), run["datasets/test"].fetch_hash())

# Stop logging to the active Neptune run
run.stop()

#
# Change the training data
# Run model training log dataset version, parameter and test score to Neptune
#

TRAIN_DATASET_PATH = str(dataset_path.joinpath("train_v2.csv"))

# Create a new Neptune run and start logging
new_run = neptune.init_run(project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN)

# Log dataset versions
new_run["datasets/train"].track_files(TRAIN_DATASET_PATH)
new_run["datasets/test"].track_files(TEST_DATASET_PATH)

# Log parameters
new_run["parameters"] = params

# Calculate and log test score
score = train_model(params, TRAIN_DATASET_PATH, TEST_DATASET_PATH)
new_run["metrics/test_score"] = score

# check: the training set's version changed between the runs, the test set's did not
new_run.wait()
assert new_run["datasets/train"].fetch_hash() != _first[1]
assert new_run["datasets/test"].fetch_hash() == _first[2]
_old = neptune.init_run(project="common/data-versioning", with_id=_first[0], mode="read-only")
assert [f.file_path for f in _old["datasets/train"].fetch_files_list()] == ["train.csv"]
assert [f.file_path for f in new_run["datasets/train"].fetch_files_list()] == ["train_v2.csv"]
_old.stop()

# Stop logging to the active Neptune run
new_run.stop()

#
# Go to Neptune to see how the datasets changed between training runs!
#
