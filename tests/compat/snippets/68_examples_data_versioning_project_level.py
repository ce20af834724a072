# Source: neptune-ai/examples, how-to-guides/data-versioning/scripts/Organize_and_share_dataset_versions.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-7, 19-92
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. Left out: lines 8-18
#   (`import requests` is line 5; the loop downloading train_sampled.csv/test.csv from GitHub
#   needs the network, and line 9 derives their folder from __file__; line 25 reads a
#   train.csv the download loop does not fetch): a `# fixture:` writes the iris tables
#   train.csv and test.csv into the working directory instead. `# check:` block added.
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

# Initialize Neptune project
project = neptune.init_project(
    project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN
)

# Create a few versions of a dataset and save them to Neptune
train = pd.read_csv(str(dataset_path.joinpath("train.csv")))

for i in range(5):
    train_sample = train.sample(frac=0.5 + 0.1 * i)
    train_sample.to_csv(str(dataset_path.joinpath("train_sampled.csv")), index=None)
    project[f"datasets/train_sampled/v{i}"].track_files(
        str(dataset_path.joinpath("train_sampled.csv")), wait=True
    )

print(project.get_structure())


# Get the latest version of the dataset and save it as 'latest'


def get_latest_version():
    artifact_name = project.get_structure()["datasets"]["train_sampled"].keys()
    versions = [int(version.replace("v", "")) for version in artifact_name if version != "latest"]
    return max(versions)


latest_version = get_latest_version()
print("latest version", latest_version)

project["datasets/train_sampled/latest"].assign(
    project[f"datasets/train_sampled/v{latest_version}"].fetch(), wait=True
)

print(project.get_structure()["datasets"])

# Create a Neptune run
run = neptune.init_run(project="common/data-versioning", api_token=neptune.ANONYMOUS_API_TOKEN)

# Assert that you are training on the latest dataset
TRAIN_DATASET_PATH = str(dataset_path.joinpath("train_sampled.csv"))
run["datasets/train"].track_files(TRAIN_DATASET_PATH, wait=True)

assert run["datasets/train"].fetch_hash() == project["datasets/train_sampled/latest"].fetch_hash()

TEST_DATASET_PATH = str(dataset_path.joinpath("test.csv"))

# Log parameters
params = {
    "n_estimators": 8,
    "max_depth": 3,
    "max_features": 2,
}
run["parameters"] = params

# Train the model
train = pd.read_csv(TRAIN_DATASET_PATH)
test = pd.read_csv(TEST_DATASET_PATH)

FEATURE_COLUMNS = ["sepal.length", "sepal.width", "petal.length", "petal.width"]
TARGET_COLUMN = ["variety"]
X_train, y_train = train[FEATURE_COLUMNS], train[TARGET_COLUMN]
X_test, y_test = test[FEATURE_COLUMNS], test[TARGET_COLUMN]

rf = RandomForestClassifier(**params)
rf.fit(X_train, y_train)

# Save the score
score = rf.score(X_test, y_test)
run["metrics/test_score"] = score

# check: five versions plus 'latest' at project level, each a different sample; v0 differs
#   from latest
assert sorted(project.get_structure()["datasets"]["train_sampled"]) == [
    "latest", "v0", "v1", "v2", "v3", "v4"]
assert project["datasets/train_sampled/v0"].fetch_hash() != project["datasets/train_sampled/latest"].fetch_hash()
assert project["datasets/train_sampled/v4"].fetch_hash() == project["datasets/train_sampled/latest"].fetch_hash()

#
# Go to the Neptune app to see datasets logged at the Project level!
#
