# Source: neptune-ai/examples, how-to-guides/sequential-pipelines/scripts/model_promotion.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file; its helper module utils.py is
#   beside this snippet, unchanged)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; `from neptune.exceptions
#   import ...` -> `from neptune_sys_widgets.exceptions import ...`. A `# fixture:` builds what
#   the earlier pipeline steps left (project key PIP, model PIP-PIPELINES with a production
#   version and a better staging version, each with its pickled_model file and validation
#   scores) and sets NEPTUNE_PROJECT; `# check:` block added.
import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import ModelNotFound

from utils import *

# fixture: the model registry as model_training.py and model_validation.py left it
import os as _os
import pickle as _pickle
_os.environ["NEPTUNE_PROJECT"] = "ml-team/pipelines"
neptune.management.create_project("ml-team/pipelines", key="PIP")
neptune.init_model(key="PIPELINES").stop()
for _stage, _fbeta in (("production", 0.61), ("staging", 0.74)):
    _version = neptune.init_model_version(model="PIP-PIPELINES")
    with open("pickled_model.pkl", "wb") as _f:
        _pickle.dump({"stage": _stage}, _f)
    _version["model/pickled_model"].upload("pickled_model.pkl")
    _version["metrics/validation/scores"] = {"class_0": {"fbeta_score": _fbeta, "precision": 0.7}}
    _version.change_stage(_stage)
    _version.stop()
_os.remove("pickled_model.pkl")

model_name = "pickled_model"

# (Neptune) Get latest model from training stage
model_key = "PIPELINES"
project_key = "PIP"

try:
    model = neptune.init_model(
        with_id=f"{project_key}-{model_key}",  # Your model ID here
    )
    model_versions_table = model.fetch_model_versions_table().to_pandas()
    staging_model_table = model_versions_table[model_versions_table["sys/stage"] == "staging"]
    challenger_model_id = staging_model_table["sys/id"].tolist()[0]
    production_model_table = model_versions_table[model_versions_table["sys/stage"] == "production"]
    champion_model_id = production_model_table["sys/id"].tolist()[0]

except ModelNotFound:
    print(
        f"The model with the provided key `{model_key}` doesn't exist in the `{project_key}` project."
    )

# (neptune) Download the lastest model checkpoint from model registry
challenger = neptune.init_model_version(with_id=challenger_model_id)
champion = neptune.init_model_version(with_id=champion_model_id)

# (Neptune) Get model weights from training stage
challenger["model"][model_name].download()
champion["model"][model_name].download()

# (Neptune) Move model to production
challenger_score = challenger["metrics/validation/scores/class_0"].fetch()
champion_score = champion["metrics/validation/scores/class_0"].fetch()

print(
    f"Challenger score: {challenger_score['fbeta_score']}\nChampion score: {champion_score['fbeta_score']}"
)
if challenger_score["fbeta_score"] > champion_score["fbeta_score"]:
    print(
        f"Promoting challenger model {challenger_model_id} to production and archiving current champion model {champion_model_id}"
    )
    challenger.change_stage("production")
    champion.change_stage("archived")
else:
    print(
        f"Challenger model {challenger_model_id} underperforms champion {champion_model_id}. Archiving."
    )
    challenger.change_stage("archived")

# check: the downloaded weights are the challenger's (downloaded last: the champion's, same
#   name), and the stages swapped
challenger.wait()
champion.wait()
assert (challenger_model_id, champion_model_id) == ("PIP-PIPELINES-2", "PIP-PIPELINES-1")
with open("pickled_model.pkl", "rb") as _f:
    assert _pickle.load(_f) == {"stage": "production"}
assert challenger["sys/stage"].fetch() == "production"
assert champion["sys/stage"].fetch() == "archived"
_table = model.fetch_model_versions_table().to_pandas()
assert sorted(_table["sys/stage"]) == ["archived", "production"]
