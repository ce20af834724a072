# Source: neptune-ai/examples, how-to-guides/sequential-pipelines/scripts/model_validation.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file but line 3; its helper module
#   utils.py is beside this snippet, unchanged)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; `from neptune.exceptions
#   import ...` -> `from neptune_sys_widgets.exceptions import ...`; `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`. Left out: line 3, `import
#   neptune.integrations.sklearn as npt_utils` (the neptune-sklearn integration, not
#   installed); a `# fixture:` stands in for the five functions of it that lines 115-128 call
#   (get_test_preds and get_test_preds_proba: File.as_html of a DataFrame; get_scores: the
#   per-class precision/recall/fbeta_score/support dict; the charts: File.as_image of a
#   figure). A `# fixture:` also does what run_examples.sh and the earlier pipeline steps
#   did: exports NEPTUNE_PROJECT and NEPTUNE_CUSTOM_RUN_ID, logs the preprocessed features
#   to the pipeline's run (data_preprocessing.py, on a dataset of random faces in place of
#   fetch_lfw_people) and registers model PIP-PIPELINES with two versions, the latest holding
#   the trained classifier (model_training.py). `# check:` block added.
import matplotlib
import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import ModelNotFound, ModelVersionNotFound
from neptune_sys_widgets.types import File
from sklearn.metrics import ConfusionMatrixDisplay, classification_report

from utils import *

# fixture: run_examples.sh's exports
import os as _os
import time as _time
_os.environ["NEPTUNE_PROJECT"] = "ml-team/pipelining-support"
_os.environ["NEPTUNE_CUSTOM_RUN_ID"] = "20240611093012171808461000"
neptune.management.create_project("ml-team/pipelining-support", key="PIP")

# fixture: data_preprocessing.py's features, logged to the pipeline's run (LFW faces stood in
#   for by random 50x37 images with a class-dependent brightness, so the classes separate)
from sklearn.utils import Bunch as _Bunch
_rng = np.random.default_rng(0)
_target = np.arange(400) % 3
_images = (_rng.random((400, 50, 37)) + _target[:, None, None] * 0.3).astype(np.float32)
_names = ["Ariel Sharon", "Colin Powell", "Donald Rumsfeld"]
_dataset = _Bunch(images=_images, data=_images.reshape(400, -1), target=_target)
_transform = Preprocessing(_dataset, 400, str(_names), 3, (50, 37))
_transform.scale_data()
_features_path = _transform.create_and_save_features(data_filename="features")
with neptune.init_run(monitoring_namespace="monitoring/preprocessing") as _pre:
    _pre["preprocessing/dataset/features"].upload(_features_path, wait=True)
_features_bytes = open(_features_path, "rb").read()
_data = dict(np.load(_features_path))
_os.remove(_features_path)

# fixture: model_training.py's model and its latest version with the fitted classifier
from sklearn.dummy import DummyClassifier as _Dummy
from sklearn.svm import SVC as _SVC
_clf = _SVC(class_weight="balanced", probability=True, random_state=0).fit(
    _data["x_train_pca"], _data["y_train"])
neptune.init_model(key="PIPELINES").stop()
for _model in (_Dummy().fit(_data["x_train_pca"], _data["y_train"]), _clf):
    with neptune.init_model_version(model="PIP-PIPELINES") as _version:
        _version["model/pickled_model"] = File.as_pickle(_model)
    _time.sleep(0.05)  # the two versions' creation times differ

# fixture: stands in for neptune.integrations.sklearn (line 3), as neptune-sklearn defines them
import types as _types
import pandas as _pd
from sklearn.metrics import precision_recall_fscore_support as _prfs


def _get_scores(estimator, X, y, y_pred=None):
    if y_pred is None:
        y_pred = estimator.predict(X)
    precision, recall, fbeta_score, support = _prfs(y, y_pred)
    return {f"class_{i}": {"precision": value, "recall": recall[i],
                           "fbeta_score": fbeta_score[i], "support": support[i]}
            for i, value in enumerate(precision)}


def _chart(classifier, X_train, X_test, y_train, y_test):
    fig, ax = plt.subplots()
    ax.bar(range(len(classifier.classes_)), np.bincount(classifier.predict(X_test)))
    chart = File.as_image(fig)
    plt.close(fig)
    return chart


npt_utils = _types.SimpleNamespace(
    get_test_preds=lambda estimator, X_test, y_test, y_pred=None, nrows=1000: File.as_html(
        _pd.DataFrame(data={"y_true": y_test, "y_pred": y_pred}).head(n=nrows)),
    get_test_preds_proba=lambda classifier, X_test=None, y_pred_proba=None, nrows=1000:
        File.as_html(_pd.DataFrame(data=classifier.predict_proba(X_test),
                                   columns=classifier.classes_).head(n=nrows)),
    get_scores=_get_scores,
    create_classification_report_chart=_chart,
    create_roc_auc_chart=_chart,
    create_class_prediction_error_chart=_chart,
)

matplotlib.use("Agg")

run = neptune.init_run(
    monitoring_namespace="monitoring/validation",
)

model_name = "pickled_model"
dataset_name = "features"
nrows = 1000

# (Neptune) Get dataset features from preprocessing stage
run["preprocessing/dataset"][dataset_name].download()

# (Neptune) Get latest model from training stage
model_key = "PIPELINES"
project_key = run["sys/id"].fetch().split("-")[0]

try:
    # (Neptune) Resume model
    model = neptune.init_model(
        with_id=f"{project_key}-{model_key}",  # Your model ID here
    )
    latest_model_version_id = model.fetch_model_versions_table().to_pandas()["sys/id"][0]


except ModelNotFound:
    print(
        f"The model with the provided key `{model_key}` doesn't exist in the `{project_key}` project."
    )

try:
    # (Neptune) Resume model version created in the training stage
    model_version = neptune.init_model_version(with_id=latest_model_version_id)
except ModelVersionNotFound:
    print(
        f"The model version with the ID `{latest_model_version_id}` doesn't exist in the `{project_key}-{model_key}` model."
    )

# (Neptune) Get model weights from training stage
model_version["model"][model_name].download()

# Load model and dataset
clf = load_model(f"{model_name}.pkl")
eval_data = load_dataset(f"{dataset_name}.npz")

# Get dataset details
target_names = eval(np.array_str(eval_data["target_names"]))
h = eval_data["h"]
w = eval_data["w"]

# Get train set features
X_train_pca = eval_data["x_train_pca"]
y_train = eval_data["y_train"]

# Get test set features
X_test = eval_data["x_test"]
y_test = eval_data["y_test"]
X_test_pca = eval_data["x_test_pca"]
eigen_faces = eval_data["eigen_faces"]

# Predict on test set
y_pred = clf.predict(X_test_pca)

# Get predicted prediction titles
prediction_titles = [get_titles(y_pred, y_test, target_names, i) for i in range(y_pred.shape[0])]

# Get eigenface titles
eigenface_titles = ["eigenface %d" % i for i in range(eigen_faces.shape[0])]

# (Neptune) Set up "validation" namespace inside the run.
# This will be the base namespace where all the validation metadata is logged.
validation_handler = run["validation"]

for i, image in enumerate(X_test):
    fig = plt.figure()
    img = plt.imshow(image.reshape((h, w)), cmap=plt.cm.gray)
    plt.xticks(())
    plt.yticks(())

    # (Neptune) Log predicted images
    validation_handler["images/predicted_images"].append(fig, description=prediction_titles[i])

    plt.close()

for i, image in enumerate(eigen_faces):
    fig = plt.figure()
    img = plt.imshow(image.reshape((h, w)), cmap=plt.cm.gray)
    plt.xticks(())
    plt.yticks(())

    # (Neptune) Log eigen face images
    validation_handler["images/eigen_faces"].append(fig, description=eigenface_titles[i])

    plt.close()

# Confusion matrix
print(classification_report(y_test, y_pred, target_names=target_names))
confusion_matrix = ConfusionMatrixDisplay.from_estimator(
    clf, X_test_pca, y_test, display_labels=target_names, xticks_rotation="vertical"
)
confusion_matrix_filename = "confusion_matrix"
confusion_matrix.figure_.savefig(confusion_matrix_filename)

# (Neptune) Log validation scores
validation_handler["metrics"] = {
    "preds": npt_utils.get_test_preds(clf, X_test_pca, y_test, y_pred=y_pred, nrows=nrows),
    "preds_proba": npt_utils.get_test_preds_proba(clf, X_test_pca, nrows=nrows),
    "scores": npt_utils.get_scores(clf, X_test_pca, y_test, y_pred=y_pred),
}

# (Neptune) Log validation diagnostics charts
validation_handler["metrics/diagnostics_charts"] = {
    "confusion_matrix": File(f"{confusion_matrix_filename}.png"),
    "classification_report": npt_utils.create_classification_report_chart(
        clf, X_train_pca, X_test_pca, y_train, y_test
    ),
    "ROC_AUC": npt_utils.create_roc_auc_chart(clf, X_train_pca, X_test_pca, y_train, y_test),
    "class_prediction_error": npt_utils.create_class_prediction_error_chart(
        clf, X_train_pca, X_test_pca, y_train, y_test
    ),
}

# (Neptune) Log metrics to model registry
run.wait()
model_score = validation_handler["metrics/scores"].fetch()
model_version["metrics/validation/scores"] = model_score

# (Neptune) Move model to staging
SCORE_THRESHOLD = 0.50
if model_score["class_0"]["fbeta_score"] > SCORE_THRESHOLD:
    model_version.change_stage("staging")
else:
    model_version.change_stage("archived")

# check: the features came from the pipeline's run (the custom run ID joined it), the latest
#   version's classifier was validated and staged, the older version left alone, and the
#   validation namespace holds the image series, the HTML tables, the scores and the charts
assert open("features.npz", "rb").read() == _features_bytes
assert run["sys/custom_run_id"].fetch() == "20240611093012171808461000"
assert latest_model_version_id == "PIP-PIPELINES-2", latest_model_version_id
assert type(clf).__name__ == "SVC"
assert model_score["class_0"]["fbeta_score"] > SCORE_THRESHOLD, model_score
assert sorted(model_score) == ["class_0", "class_1", "class_2"], model_score
_run_id = run["sys/id"].fetch()
run.stop()
model_version.stop()
model.stop()
_read = neptune.init_run(with_id=_run_id, mode="read-only")
_read["validation/images/predicted_images"].download("predicted")
assert len(_os.listdir("predicted")) == len(X_test) == 100
_read["validation/images/eigen_faces"].download("eigen")
assert len(_os.listdir("eigen")) == 150
assert _read["validation/metrics/preds"].fetch_extension() == "html"
assert _read["validation/metrics/preds_proba"].fetch_extension() == "html"
assert _read["validation/metrics/scores/class_1/support"].fetch() == int((y_test == 1).sum())
for _chart_name in ("confusion_matrix", "classification_report", "ROC_AUC",
                    "class_prediction_error"):
    assert _read[f"validation/metrics/diagnostics_charts/{_chart_name}"].fetch_extension() == "png"
_read.stop()
with neptune.init_model_version(with_id="PIP-PIPELINES-2", mode="read-only") as _v2:
    assert _v2["sys/stage"].fetch() == "staging"
    assert _v2["metrics/validation/scores/class_0/fbeta_score"].fetch() == \
        model_score["class_0"]["fbeta_score"]
with neptune.init_model_version(with_id="PIP-PIPELINES-1", mode="read-only") as _v1:
    assert _v1["sys/stage"].fetch() == "none"
    assert not _v1.exists("metrics/validation")
