# Source: neptune-ai/examples, how-to-guides/sequential-pipelines/scripts/data_preprocessing.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file; its helper module utils.py is
#   beside this snippet, unchanged)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. A `# fixture:` stands
#   in for line 7, fetch_lfw_people(), which downloads the LFW faces from the network: a
#   dataset of the same shape (images 50x37, as resize=0.4 gives) made of random pixels, and
#   writes the requirements.txt that line 12 names. `# check:` block added.
import neptune_sys_widgets as neptune
from sklearn.datasets import fetch_lfw_people

from utils import *

# fixture: what fetch_lfw_people(min_faces_per_person=70, resize=0.4) returns, in shape
import numpy as _np
from sklearn.utils import Bunch as _Bunch
_rng = _np.random.default_rng(0)
_images = _rng.random((240, 50, 37), dtype=_np.float32)
dataset = _Bunch(images=_images, data=_images.reshape(240, -1), target=_rng.integers(0, 3, 240),
                 target_names=_np.array(["Ariel Sharon", "Colin Powell", "Donald Rumsfeld"]))
open("requirements.txt", "w").write("scikit-learn\nnumpy\n")

# (Neptune) Create a new run
run = neptune.init_run(
    monitoring_namespace="monitoring/preprocessing",
    dependencies="requirements.txt",
)

# Get dataset details
dataset_config = {
    "target_names": str(dataset.target_names.tolist()),
    "n_classes": dataset.target_names.shape[0],
    "n_samples": dataset.images.shape[0],
    "height": dataset.images.shape[1],
    "width": dataset.images.shape[2],
}

# (Neptune) Set up "preprocessing" namespace inside the run.
# This will be the base namespace where all the preprocessing metadata is logged.
preprocessing_handler = run["preprocessing"]

# (Neptune) Log dataset details
preprocessing_handler["dataset/config"] = dataset_config

# Preprocess dataset
dataset_transform = Preprocessing(
    dataset,
    dataset_config["n_samples"],
    dataset_config["target_names"],
    dataset_config["n_classes"],
    (dataset_config["height"], dataset_config["width"]),
)
path_to_scaler = dataset_transform.scale_data()
path_to_features = dataset_transform.create_and_save_features(data_filename="features")
dataset_transform.describe()

# (Neptune) Log scaler and features files
preprocessing_handler["dataset/scaler"].upload(path_to_scaler)
preprocessing_handler["dataset/features"].upload(path_to_features)

# check: the next pipeline step (model_training.py) downloads the features file by its name
run.wait()
import os as _os
_sys_id = run["sys/id"].fetch()
_expected = open(path_to_features, "rb").read()
_os.remove(path_to_features)
_next = neptune.init_run(with_id=_sys_id, mode="read-only")
_next["preprocessing/dataset/features"].download()
assert open("features.npz", "rb").read() == _expected
assert _next["preprocessing/dataset/scaler"].fetch_extension() == "joblib"
assert _next["preprocessing/dataset/config/n_samples"].fetch() == 240
assert _next["source_code/requirements"].fetch_extension() == "txt"
assert run.monitoring_namespace == "monitoring/preprocessing"
_next.stop()
