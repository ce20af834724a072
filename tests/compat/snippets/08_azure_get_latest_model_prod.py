# Source: neptune-ai/examples, integrations-and-supported-tools/azure-ml/scripts/get_latest_model_prod.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.exceptions import ...` -> `from neptune_sys_widgets.exceptions import ...`.
#   `# fixture:` (project TSF, model PRO, three versions, one in production with an uploaded
#   serialized_model) and `# check:` blocks added.
import logging
import os

import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import ModelNotFound

NEPTUNE_PROJECT = "common/project-time-series-forecasting"  # change to your own Neptune project

os.environ["NEPTUNE_PROJECT"] = NEPTUNE_PROJECT

# fixture: three versions of model TSF-PRO, the second one in production
neptune.management.create_project(NEPTUNE_PROJECT, key="TSF")
neptune.init_model(key="PRO", mode="sync").stop()
for _i, _stage in enumerate(("archived", "production", "staging")):
    with open("model.pkl", "wb") as _f:
        _f.write(f"model-{_i}".encode())
    _mv = neptune.init_model_version(model="TSF-PRO", mode="sync")
    _mv["serialized_model"].upload("model.pkl")
    _mv.change_stage(_stage)
    _mv.stop()
os.remove("model.pkl")


def download_latest_prod_model():
    model_key = "PRO"
    project_key = "TSF"

    try:
        model = neptune.init_model(
            with_id=f"{project_key}-{model_key}",  # Your model ID here
        )
        model_versions_table = model.fetch_model_versions_table().to_pandas()
        production_model_table = model_versions_table[
            model_versions_table["sys/stage"] == "production"
        ]
        prod_model_id = production_model_table["sys/id"].tolist()[0]

    except ModelNotFound:
        logging.info(
            f"The model with the provided key `{model_key}` doesn't exist in the `{project_key}` project."
        )

    # (neptune) Download the lastest model checkpoint from model registry
    prod_model = neptune.init_model_version(with_id=prod_model_id)

    # (Neptune) Get model weights from training stage
    prod_model["serialized_model"].download()

    logging.info(
        f"Model to be deployed: {prod_model_id}. Model has been downloaded and is ready for deployment."
    )


if __name__ == "__main__":
    download_latest_prod_model()

    # check:
    with open("serialized_model.pkl", "rb") as f:
        assert f.read() == b"model-1"
