# Source: neptune-ai/examples, how-to-guides/e2e-tracking/scripts/e2e_tracking.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (last changed in f0c0ba8f3f73, 2025-04-14), lines
#   1-35, 43, 46-72, 166-246, 260-281, 283-284, 288-310
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; `from neptune.utils import
#   stringify_unsupported` -> `from neptune_sys_widgets.utils import stringify_unsupported`.
#   Left out, as frameworks that are not installed or data from the network: lines 36-42 (the
#   optuna, xgboost and evidently imports and the neptune-optuna/neptune-xgboost callbacks),
#   44-45 and 73-164 (fetch_california_housing, a download, and the Optuna study training
#   XGBoost models: trial-level runs logged through the XGBoost callback, a study-level run
#   through the Optuna callback), 247-259 (the housing data frames and an xgb.DMatrix), 282
#   (xgb predict) and 285-287 (evidently's regression Report). `# fixture:` blocks stand in
#   for them: the project (public upstream) is created; five trial-level runs log what lines
#   105-112 and 134-137 log (tags, study name, trial number, training parameters, the
#   "development" group tag) and what neptune-xgboost's callback logs that the script reads
#   (`training/early_stopping/best_score`, `training/pickled_model` as File.as_pickle), and a
#   study-level run its tags and study name (lines 148-153), and an archived run of an earlier study with a better score; an object with evidently
#   Report's `save_html()` and `as_dict()` stands for the report (a RegressionQualityMetric
#   result with nested dicts, lists and None). `# check:` block added.
# %% ========================================== #
#     How to track models end-to-end in Neptune #
# ============================================= #
#
# This script shows how you can use Neptune to track a model across all stages of its lifecycle by:
# * Logging model and run metadata to a central project
# * Grouping models by their stage
# * Comparing models to select the best performing model
# * Monitoring a model once in production
#
# This script can be used as a template to design an automated end-to-end pipeline that covers the
# entire lifecycle of a model without needing any manual intervention.
#
# This example uses Optuna hyperparameter-optimization to simulate training and evaluating multiple
# XGBoost models, and Evidently to monitor models in production.
# However, given Neptune's flexibility and multiple integrations, you can use any library and
# framework of your choice.
#
# List of all Neptune integrations: https://docs-legacy.neptune.ai/integrations/

# ===== Before you start ===== #
# This script example lets you try out Neptune anonymously, with zero setup.
# If you want to see the example logged to your own workspace instead:
# 1. Create a Neptune account --> https://neptune.ai/register
# 2. Create a Neptune project that you will use for tracking metadata.
#    Instructions --> https://docs-legacy.neptune.ai/setup/creating_project

# %%# Import dependencies

import os
import pickle as pkl

import matplotlib
import neptune_sys_widgets as neptune
import numpy as np
from neptune_sys_widgets.utils import stringify_unsupported

# fixture: the public project of line 62 exists
neptune.management.create_project("common/e2e-tracking", key="E2E")

# To prevent `RuntimeError: main thread is not in main loop` error
matplotlib.use("Agg")

# %% ===== Track model training ===== #
# 1. Use Optuna to train multiple XGBoost models
# 2. Leverage Neptune's XGBoost and Optuna integrations to automatically log metadata and metrics
#    to Neptune for easy run comparison

# %%## Initialize the Neptune project
# To connect to the Neptune app, you need to tell Neptune who you are (`api_token`) and where to send the data (`project`).
# **By default, this script logs to the public project `common/e2e-tracking` as an anonymous user.**
# Note: Public projects are cleaned regularly, so anonymous runs are only stored temporarily.

# %%### Log to public project
os.environ["NEPTUNE_API_TOKEN"] = neptune.ANONYMOUS_API_TOKEN
os.environ["NEPTUNE_PROJECT"] = "common/e2e-tracking"

# %%### **To Log to your own project instead**
# Uncomment the code block below:

# from getpass import getpass
# os.environ["NEPTUNE_API_TOKEN"]=getpass("Enter your Neptune API token: ")
# os.environ["NEPTUNE_PROJECT"]="workspace-name/project-name",  # replace with your own

project = neptune.init_project(mode="read-only")


# fixture: lines 73-164, the Optuna study of XGBoost models stood in for: the trial-level runs
#   (what lines 105-112 and 134-137 log, and what neptune-xgboost's callback logs that the
#   script reads below) and the study-level run (lines 148-153)
from neptune_sys_widgets.types import File as _File
_study_name = "no-name-3f1c5a4e-0b7d-4c1e-9d1a-6e2f3b4c5d6e"
_best_scores = [0.52, 0.47, 0.55, 0.45, 0.50]
for _number, _score in enumerate(_best_scores):
    _trial_run = neptune.init_run(tags=["script", "trial-level"])
    _trial_run["study-name"] = _study_name
    _trial_run["trial-number"] = _number
    _trial_run["training/parameters"] = {"num_boost_round": 10 + 5 * _number}
    _trial_run["training/early_stopping/best_score"] = _score
    _trial_run["training/pickled_model"] = _File.as_pickle({"trial": _number, "score": _score})
    _trial_run["sys/group_tags"].add(["development"])
    _trial_run.stop()
_study_run = neptune.init_run(tags=["script", "study-level"], dependencies="infer")
_study_run["study-name"] = _study_name
_study_run.stop()
# fixture: a better model of an earlier study, archived by lines 232-234 back then
with neptune.init_run(tags=["script", "trial-level"]) as _old_run:
    _old_run["training/early_stopping/best_score"] = 0.40
    _old_run["sys/group_tags"].add(["archived"])

# %% ===== Compare the runs, and choose the best model to move to production ===== #

### Download the runs table as a pandas dataframe

score_namespace = (
    "training/early_stopping/best_score"  # This is where the best score is logged in Neptune
)

project = neptune.init_project(mode="read-only")

# %% ### Fetch the champion model. This is the model currently in production
champion_model_df = project.fetch_runs_table(
    query='`sys/group_tags`:stringSet CONTAINS "production"',
    columns=[score_namespace],
    sort_by=score_namespace,
    ascending=True,
    limit=1,
).to_pandas()

# %% ### Fetch the challenger model. This is the best model in development
challenger_model_df = project.fetch_runs_table(
    query='(`sys/group_tags`:stringSet CONTAINS "development") AND (`sys/tags`:stringSet CONTAINS "trial-level")',
    columns=[score_namespace],
    sort_by=score_namespace,
    ascending=True,
    limit=1,
).to_pandas()

# %%## Get scores and IDs of challenger and champion models
try:
    champion_model_id = champion_model_df["sys/id"].values[0]
    champion_model_score = champion_model_df[score_namespace].values[0]
    print(f"Champion model ID: {champion_model_id} and score: {champion_model_score}")
    NO_CHAMPION = False
except KeyError:
    print("❌ No model found in production")
    NO_CHAMPION = True

challenger_model_id = challenger_model_df["sys/id"].values[0]
challenger_model_score = challenger_model_df[score_namespace].values[0]

print(f"Challenger model ID: {challenger_model_id} and score: {challenger_model_score}")

# %%## Promote challenger to champion if score is better
if NO_CHAMPION:
    print(f"Promoting {challenger_model_id} to Production")
    with neptune.init_run(with_id=challenger_model_id) as challenger_model:
        challenger_model["sys/group_tags"].add("production")
        challenger_model["sys/group_tags"].remove("development")

elif challenger_model_score < champion_model_score:
    print("Challenger is better than champion")

    print(f"Archiving champion model {champion_model_id}")
    with neptune.init_run(with_id=champion_model_id) as champion_model:
        champion_model["sys/group_tags"].remove("production")
        champion_model["sys/group_tags"].add("archived")

    print(f"Promoting {challenger_model_id} to Production")
    with neptune.init_run(with_id=challenger_model_id) as challenger_model:
        challenger_model["sys/group_tags"].add("production")
        challenger_model["sys/group_tags"].remove("development")

else:
    print("Champion model is better than challenger")
    print(f"Archiving challenger model {challenger_model_id}")
    with neptune.init_run(with_id=challenger_model_id) as challenger_model:
        challenger_model["sys/group_tags"].add("archived")
        challenger_model["sys/group_tags"].remove("development")

# %% ===== Monitor model in production ===== #
# In this section, you will:
# 1. Download the model binary from the run to make predictions in production
# 2. Use EvidentlyAI to monitor your model in production.
#
# We will use a modified version of a tutorial from the Evidently documentation:
# https://docs.evidentlyai.com/get-started/tutorial

# %%## Setup
# You will use and example dataset and mock historical predictions to use as a reference.

# %%## Download saved model from Neptune
production_model_id = (
    project.fetch_runs_table(
        query='`sys/group_tags`:stringSet CONTAINS "production"',
        columns=[],
        sort_by=score_namespace,
        ascending=True,
        limit=1,
    )
    .to_pandas()["sys/id"]
    .values[0]
)

production_model = neptune.init_run(with_id=production_model_id)
production_model["training/pickled_model"].download()

# %%## Make predictions from downloaded model on current test data
print("Making predictions on current data")

with open("pickled_model.pkl", "rb") as f:
    model = pkl.load(f)


# %%## Generate regression report

# fixture: lines 285-287, evidently's Report stood in for: save_html() and as_dict() with the
#   shape of a RegressionQualityMetric result
class _RegressionReport:
    def save_html(self, filename):
        with open(filename, "w") as f:
            f.write("<html><body><h1>Regression performance</h1></body></html>")

    def as_dict(self):
        return {"metrics": [{"metric": "RegressionQualityMetric", "result": {
            "columns": {"target": "target", "prediction": "prediction", "datetime": None},
            "current": {"r2_score": 0.71, "rmse": 0.61, "mean_error": -0.02,
                        "mean_abs_error": 0.43, "error_std": 0.6},
            "reference": {"r2_score": 0.99, "rmse": 0.1, "mean_error": 0.0,
                          "mean_abs_error": 0.08, "error_std": 0.1},
            "rmse_default": 1.15, "error_bias": [0.1, -0.05]}}]}


reg_performance_report = _RegressionReport()
# %%## Upload report to the model
reg_performance_report.save_html("report.html")
production_model["production/report"].upload("report.html")
print(f"Model report uploaded to {production_model.get_url()}")

# %%## Upload metrics to the model
production_model["production/metrics"] = stringify_unsupported(
    reg_performance_report.as_dict()["metrics"][0]
)
production_model.wait()

# %%## These metrics can then be fetched downstream to trigger a model refresh or retraining, if needed
retraining_threshold = 0.5  # example threshold

if production_model["production/metrics/result/current/rmse"].fetch() > retraining_threshold:
    print("Model degradation detected. Retraining model...")
    ...
else:
    print("Model performance within expectations")

# %% ===== Stop Neptune objects ===== #
project.stop()
production_model.stop()

# check: no champion, so the best development trial (E2E-4, not the archived E2E-7 with a
#   better score) was promoted; the production run's pickled model was downloaded and the
#   report and its stringified metrics logged to it; the tables see the new stage
assert NO_CHAMPION and champion_model_df.empty
assert (challenger_model_id, challenger_model_score) == ("E2E-4", 0.45)
assert production_model_id == "E2E-4"
assert model == {"trial": 3, "score": 0.45}, model
production_model = neptune.init_run(with_id=production_model_id, mode="read-only")
assert production_model["sys/group_tags"].fetch() == {"production"}
assert production_model["production/report"].fetch_extension() == "html"
assert production_model["production/metrics/metric"].fetch() == "RegressionQualityMetric"
assert production_model["production/metrics/result/current/rmse"].fetch() == 0.61
assert production_model["production/metrics/result/error_bias"].fetch() == "[0.1, -0.05]"
assert production_model["production/metrics/result/columns/datetime"].fetch() == "None"
with neptune.init_project(mode="read-only") as _project:
    _table = _project.fetch_runs_table(columns=["sys/group_tags", score_namespace]).to_pandas()
    _stages = dict(zip(_table["sys/id"], _table["sys/group_tags"]))
    assert _stages == {"E2E-1": "development", "E2E-2": "development", "E2E-3": "development",
                       "E2E-4": "production", "E2E-5": "development", "E2E-6": "",
                       "E2E-7": "archived"}, _stages
    _champion = _project.fetch_runs_table(
        query='`sys/group_tags`:stringSet CONTAINS "production"', columns=[score_namespace],
    ).to_pandas()
    assert _champion["sys/id"].tolist() == ["E2E-4"]
    assert _champion[score_namespace].tolist() == [0.45]
production_model.stop()
