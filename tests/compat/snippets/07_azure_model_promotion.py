# Source: neptune-ai/examples, integrations-and-supported-tools/azure-ml/scripts/model_promotion.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.exceptions import ...` -> `from neptune_sys_widgets.exceptions import ...`.
#   `# fixture:` (the TSF project, model PRO with a production champion and a staging
#   challenger, each with an uploaded serialized_model) and `# check:` blocks added.
import logging
import os

import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import ModelNotFound

NEPTUNE_PROJECT = "common/project-time-series-forecasting"  # change to your own Neptune project

os.environ["NEPTUNE_PROJECT"] = "common/project-time-series-forecasting"

# fixture: the training pipeline's output
neptune.management.create_project(NEPTUNE_PROJECT, key="TSF")
with open("model.pkl", "wb") as _f:
    _f.write(b"pickled-model-bytes")
neptune.init_model(key="PRO", name="prophet", mode="sync").stop()
for _stage, _rmse in (("production", 10.5), ("staging", 8.25)):
    _mv = neptune.init_model_version(model="TSF-PRO", mode="sync")
    _mv["scores"] = {"rmse": _rmse, "mae": _rmse / 2}
    _mv["serialized_model"].upload("model.pkl")
    _mv.change_stage(_stage)
    _mv.stop()


def promote_model():
    # (Neptune) Get latest model from training stage
    model_key = "PRO"
    project_key = "TSF"

    try:
        model = neptune.init_model(
            with_id=f"{project_key}-{model_key}",  # Your model ID here
        )
        model_versions_table = model.fetch_model_versions_table().to_pandas()
        staging_model_table = model_versions_table[model_versions_table["sys/stage"] == "staging"]
        challenger_model_id = staging_model_table["sys/id"].tolist()[0]
        production_model_table = model_versions_table[
            model_versions_table["sys/stage"] == "production"
        ]
        champion_model_id = production_model_table["sys/id"].tolist()[0]

    except ModelNotFound:
        logging.info(
            f"The model with the provided key `{model_key}` doesn't exist in the `{project_key}` project."
        )

    # (neptune) Download the lastest model checkpoint from model registry
    challenger = neptune.init_model_version(with_id=challenger_model_id)
    champion = neptune.init_model_version(with_id=champion_model_id)

    # (Neptune) Get model weights from training stage
    challenger["serialized_model"].download()
    champion["serialized_model"].download()

    # (Neptune) Move model to production
    challenger_score = challenger["scores"].fetch()
    champion_score = champion["scores"].fetch()

    logging.info(
        f"Challenger score: {challenger_score['rmse']}\nChampion score: {champion_score['rmse']}"
    )
    if challenger_score["rmse"] < champion_score["rmse"]:
        logging.info(
            f"Promoting challenger model {challenger_model_id} to production and archiving current champion model {champion_model_id}"
        )
        challenger.change_stage("production")
        champion.change_stage("archived")
    else:
        logging.info(
            f"Challenger model {challenger_model_id} underperforms champion {champion_model_id}. Archiving."
        )
        challenger.change_stage("archived")


if __name__ == "__main__":
    promote_model()

    # check:
    stages = {mv_id: neptune.init_model_version(with_id=mv_id, mode="read-only")["sys/stage"].fetch()
              for mv_id in ("TSF-PRO-1", "TSF-PRO-2")}
    assert stages == {"TSF-PRO-1": "archived", "TSF-PRO-2": "production"}, stages
    assert os.path.exists("serialized_model.pkl")
