# Source: neptune-ai/neptune-client, src/neptune/management/internal/api.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstrings of trash_objects(),
#   lines 893-901, and delete_objects_from_trash(), lines 966-974
# Changed: doctest prompts removed; `from neptune import management` -> `from
#   neptune_sys_widgets import management`. `# fixture:` (project CLS with runs CLS-1..CLS-3
#   and model CLS-PRETRAINED with a version) and `# check:` blocks added.
import neptune_sys_widgets as neptune

# fixture:
neptune.management.create_project("ml-team/classification", key="CLS")
for _ in range(3):
    neptune.init_run(project="ml-team/classification", mode="sync").stop()
neptune.init_model(key="PRETRAINED", project="ml-team/classification", mode="sync").stop()
neptune.init_model_version(model="CLS-PRETRAINED", project="ml-team/classification",
                           mode="sync").stop()
_project = neptune.init_project("ml-team/classification", mode="read-only")

from neptune_sys_widgets import management
management.trash_objects(project="ml-team/classification", ids="CLS-1")

# check:
assert _project.fetch_runs_table().to_pandas()["sys/id"].tolist() == ["CLS-3", "CLS-2"]
assert _project.fetch_runs_table(trashed=True).to_pandas()["sys/id"].tolist() == ["CLS-1"]

management.trash_objects(
    project="ml-team/classification",
    ids=["CLS-2", "CLS-3", "CLS-PRETRAINED"]
)

# check:
assert len(_project.fetch_runs_table().to_pandas()) == 0
assert len(_project.fetch_models_table().to_pandas()) == 0
assert neptune.init_run(with_id="CLS-2", project="ml-team/classification",
                        mode="read-only")["sys/trashed"].fetch() is True

from neptune_sys_widgets import management
management.delete_objects_from_trash(project="ml-team/classification", ids="CLS-1")

management.delete_objects_from_trash(
    project="ml-team/classification",
    ids=["CLS-2", "CLS-3", "CLS-PRETRAINED"],
)

# check:
assert len(_project.fetch_runs_table(trashed=None).to_pandas()) == 0
assert len(_project.fetch_models_table(trashed=None).to_pandas()) == 0
