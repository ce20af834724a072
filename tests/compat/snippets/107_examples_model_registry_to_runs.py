# Source: neptune-ai/examples, utils/migration_tools/model_registry_to_runs/model_to_run.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file: the tool its README gives users to
#   turn every model and model version of a project into runs, kept as is)
# Changed: `import neptune.metadata_containers` -> `import neptune_sys_widgets as neptune` and
#   `import neptune_sys_widgets.metadata_containers` (the one upstream line binds `neptune` and
#   loads the submodule; here that takes two); `from neptune[.sub] import X` ->
#   `from neptune_sys_widgets[.sub] import X`. A `# fixture:` before the imports answers the
#   tool's two prompts on stdin as a user types them (the project, one worker) and fills the
#   project's registry (model REG-CLF, a production and a staging version with scores, a file
#   and a float series); `# check:` block added (one run per model and version, tagged, group
#   tagged with the model id, every field copied; the errors the tool logs are for
#   `sys/archived`, which this package maintains and 1.x had not, as listed in the README).
#
# Copyright (c) 2024, Neptune Labs Sp. z o.o.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#
# Instructions on how to use this script can be found at
# https://github.com/neptune-ai/examples/blob/main/utils/migration_tools/from_another_project/README.md


# %%
# fixture: the answers a user types at the two prompts, and a model registry to convert
import io as _io
import sys as _sys
_sys.stdin = _io.StringIO("ml-team/registry\n1\n")
import neptune_sys_widgets as _neptune
_neptune.management.create_project("ml-team/registry", key="REG")
with open("model.pkl", "wb") as _f:
    _f.write(b"pickled-model" * 50)
with _neptune.init_model(project="ml-team/registry", key="CLF", name="classifier") as _model:
    _model["data/classes"] = "cat,dog"
for _stage, _acc in (("production", 0.91), ("staging", 0.94)):
    with _neptune.init_model_version(project="ml-team/registry", model="REG-CLF") as _version:
        _version["scores"] = {"accuracy": _acc, "epochs": 10}
        _version["model/pickled"].upload("model.pkl")
        _version["valid/loss"].extend([0.5, 0.3, 0.2])
        _version.change_stage(_stage)

import contextlib
import functools
import logging
import os
import sys
import threading
import time
import traceback
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from datetime import datetime
from glob import glob
from typing import Literal, Optional, Union

import neptune_sys_widgets as neptune
import neptune_sys_widgets.metadata_containers
import pandas as pd
from neptune_sys_widgets import management
from neptune_sys_widgets.exceptions import MetadataInconsistency, MissingFieldException
from neptune_sys_widgets.types import File
from tqdm.auto import tqdm

# %% Project Name
default_project = os.getenv("NEPTUNE_PROJECT")
PROJECT = input(
    f"Enter the project name (in WORKSPACE_NAME/PROJECT_NAME format). Leave empty to use the default project ({default_project}): "
).strip() or os.getenv("NEPTUNE_PROJECT")

# %% Num Workers
NUM_WORKERS = input(
    "Enter the number of workers to use (int). Leave empty to use ThreadPoolExecutor's defaults: "
).strip()
NUM_WORKERS = None if NUM_WORKERS == "" else int(NUM_WORKERS)

# %% Setup logger
now = datetime.now()
log_filename = now.strftime(f"models_migration_{PROJECT.replace('/','_')}_%Y%m%d%H%M%S.log")
logging.basicConfig(
    filename=log_filename,
    filemode="a",
    format="%(asctime)s %(name)s %(levelname)s %(message)s",
    datefmt="%Y-%m-%d %H:%M:%S",
    level=logging.INFO,
    force=True,
)

logger = logging.getLogger(__name__)

print(f"Logs available at {log_filename}\n")


def exc_handler(exctype, value, tb):
    logger.exception("".join(traceback.format_exception(exctype, value, tb)))


sys.excepthook = exc_handler

# Silencing Neptune messages and urllib connection pool warnings
logging.getLogger("neptune").setLevel(logging.ERROR)
logging.getLogger("urllib3").setLevel(logging.ERROR)

# %% Create temporary directory to store local metadata
tmpdirname = os.path.abspath(os.path.join(os.getcwd(), "tmp_" + now.strftime("%Y%m%d%H%M%S")))
os.mkdir(tmpdirname)
logger.info(f"Temporary directory created at {tmpdirname}")

# %% Map namespaces

READ_ONLY_NAMESPACES = {
    "sys/creation_time",
    "sys/id",
    "sys/modification_time",
    "sys/monitoring_time",
    "sys/owner",
    "sys/ping_time",
    "sys/running_time",
    "sys/size",
    "sys/trashed",
    "sys/stage",
    "sys/model_id",
}

MAPPED_NAMESPACES = {
    namespace: namespace.replace("sys", "old_sys") for namespace in READ_ONLY_NAMESPACES
}

UNFETCHABLE_NAMESPACES = {
    "sys/state",
}

# %% Validate project name
projects = management.get_project_list()

if PROJECT not in projects:
    logger.error(f"Project {PROJECT} does not exist. Please check project name")
    exit()
else:
    logger.info(f"Copying Models in {PROJECT} to Runs using {NUM_WORKERS} workers")

# %% Get list of models to be copied
with neptune.init_project(
    project=PROJECT,
    mode="read-only",
) as neptune_from_project:
    models = neptune_from_project.fetch_models_table(columns=[]).to_pandas()["sys/id"].values

logger.info(f"{len(models)} models found")


# %% UDFs
@contextmanager
def threadsafe_change_directory(new_dir):
    lock = threading.Lock()
    old_dir = os.getcwd()
    try:
        with lock:
            os.chdir(new_dir)
        yield
    finally:
        with lock:
            os.chdir(old_dir)


def log_error(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception as e:
            logging.error(f"Failed to copy {args[-1]}/{args[1]} due to exception:\n{e}")

    return wrapper


def flatten_namespaces(
    dictionary: dict, prefix: Optional[list] = None, result: Optional[list] = None
) -> list:
    if prefix is None:
        prefix = []
    if result is None:
        result = []

    for k, v in dictionary.items():
        if isinstance(v, dict):
            flatten_namespaces(v, prefix + [k], result)
        elif prefix_str := "/".join(prefix):
            result.append(f"{prefix_str}/{k}")
        else:
            result.append(k)
    return result


@log_error
def copy_artifacts(object, namespace, run, id):
    for artifact_location in [
        artifact.metadata["location"] for artifact in object[namespace].fetch_files_list()
    ]:
        run[namespace].track_files(artifact_location)


@log_error
def copy_stringset(object, namespace, run, id):
    with contextlib.suppress(MissingFieldException, MetadataInconsistency):
        # Ignore missing `group_tags` field
        run[namespace].add(object[namespace].fetch())


@log_error
def copy_float_string_series(object, namespace, run, id):
    for row in object[namespace].fetch_values(progress_bar=False).itertuples():
        run[namespace].append(
            value=row.value,
            step=row.step,
            timestamp=time.mktime(pd.to_datetime(row.timestamp).timetuple()),
        )


@log_error
def copy_file(object, namespace, run, localpath, id):
    ext = object[namespace].fetch_extension()

    path = os.sep.join(namespace.split("/")[:-1])
    _download_path = os.path.join(localpath, path)
    os.makedirs(_download_path, exist_ok=True)
    object[namespace].download(_download_path, progress_bar=False)
    run[namespace].upload(os.path.join(localpath, namespace) + "." + ext)


@log_error
def copy_fileset(object, namespace, run, localpath, id):
    _download_path = os.path.join(localpath, namespace)
    os.makedirs(_download_path, exist_ok=True)
    object[namespace].download(_download_path, progress_bar=False)

    _zip_path = os.path.join(_download_path, f"{namespace.split('/')[-1]}.zip")
    with zipfile.ZipFile(_zip_path) as zip_ref:
        zip_ref.extractall(_download_path)
    os.remove(_zip_path)

    with threadsafe_change_directory(_download_path):
        run[namespace].upload_files(
            "*",
            wait=True,
        )


@log_error
def copy_fileseries(object, namespace, run, localpath, id):
    _download_path = os.path.join(localpath, namespace)
    object[namespace].download(_download_path, progress_bar=False)
    for file in glob(f"{_download_path}{os.sep}*"):
        run[namespace].append(File(file))


@log_error
def copy_atom(object, namespace, run, id):
    run[namespace] = object[namespace].fetch()


def copy_metadata(
    object: Union[neptune.Model, neptune.ModelVersion],
    object_id: str,
    run: neptune.Run,
) -> None:
    namespaces = flatten_namespaces(object.get_structure())

    _local_path = os.path.join(tmpdirname, object_id)

    for namespace in namespaces:
        if namespace in UNFETCHABLE_NAMESPACES:
            continue

        elif namespace in READ_ONLY_NAMESPACES:
            # Create old_sys namespaces for read-only sys namespaces
            run[MAPPED_NAMESPACES[namespace]] = object[namespace].fetch()

        elif str(object[namespace]).startswith("<Artifact"):
            copy_artifacts(object, namespace, run, object_id)

        elif str(object[namespace]).startswith("<StringSet"):
            copy_stringset(object, namespace, run, object_id)

        elif str(object[namespace]).split()[0] in (
            "<FloatSeries",
            "<StringSeries",
        ):
            copy_float_string_series(object, namespace, run, object_id)

        elif str(object[namespace]).startswith("<FileSet"):
            copy_fileset(object, namespace, run, _local_path, object_id)

        elif str(object[namespace]).startswith("<FileSeries"):
            copy_fileseries(object, namespace, run, _local_path, object_id)

        elif str(object[namespace]).startswith("<File"):
            copy_file(object, namespace, run, _local_path, object_id)

        else:
            copy_atom(object, namespace, run, object_id)

    run.wait()


def init_target_run(custom_run_id, type: Literal["model", "model_version"]):
    return neptune.init_run(
        project=PROJECT,
        custom_run_id=custom_run_id,  # Assigning model_id/model_version_id as custom_run_id to prevent duplication if the script is rerun
        tags=[type],
        capture_hardware_metrics=False,
        capture_stderr=False,
        capture_traceback=False,
        capture_stdout=False,
        git_ref=False,
        source_files=[],
    )


def copy_model_version(model_version_id, model_id):
    with neptune.init_model_version(
        project=PROJECT,
        with_id=model_version_id,
        mode="read-only",
    ) as model_version:
        with init_target_run(model_version_id, type="model_version") as model_version_run:
            model_version_run_id = model_version_run["sys/id"].fetch()

            # Adding model_id as a group tag for easier organization
            model_version_run["sys/group_tags"].add([model_id])

            copy_metadata(
                model_version,
                model_version_id,
                model_version_run,
            )

            logger.info(f"Copied {model_version_id} to {model_version_run_id}")


def copy_model(model_id):
    with neptune.init_model(
        project=PROJECT,
        with_id=model_id,
        mode="read-only",
    ) as model:
        with init_target_run(model_id, type="model") as model_run:
            model_run_id = model_run["sys/id"].fetch()

            # Adding model_id as a group tag for easier organization
            model_run["sys/group_tags"].add([model_id])

            copy_metadata(model, model_id, model_run)
            logger.info(f"Copied {model_id} to {model_run_id}")

            model_versions = model.fetch_model_versions_table(columns=[]).to_pandas()

            if model_versions.empty:
                return

            model_versions = (
                model.fetch_model_versions_table(columns=[]).to_pandas()["sys/id"].values
            )

            with ThreadPoolExecutor(max_workers=NUM_WORKERS) as executor:
                future_to_model_version = {
                    executor.submit(
                        copy_model_version, model_version_id, model_id
                    ): model_version_id
                    for model_version_id in model_versions
                }

                for future in tqdm(
                    as_completed(future_to_model_version),
                    total=len(model_versions),
                    desc=f"Copying Model Versions for {model_id}",
                ):
                    model_version_id = future_to_model_version[future]
                    try:
                        future.result()
                    except Exception as e:
                        logging.exception(
                            f"Failed to copy {model_version_id} due to exception:\n{e}"
                        )


# %%
try:
    with ThreadPoolExecutor(max_workers=NUM_WORKERS) as executor:
        future_to_model = {executor.submit(copy_model, model_id): model_id for model_id in models}

        for future in tqdm(
            as_completed(future_to_model),
            total=len(models),
            desc="Copying Models",
            position=0,
        ):
            model_id = future_to_model[future]
            try:
                future.result()
            except Exception as e:
                logger.exception(f"Failed to copy {model_id} due to exception:\n{e}")

        logger.info("Export complete!")
        print("\nDone!")
except Exception as e:
    logger.exception(f"Error during export: {e}")
    print("\nError!")
    raise e

finally:
    logging.shutdown()
    print(f"Check logs at {log_filename}")

# check: a run per model and version, with what they held; the only errors logged are for the
# sys field this package maintains and 1.x had not (README, "Differences from Neptune")
import re as _re
_log = open(log_filename).read()
assert "Export complete!" in _log, _log
assert set(_re.findall(r"Failed to copy REG-CLF(?:-\d)?/(\S+) due to exception", _log)) == {
    "sys/archived"}, _log
assert _log.count(" ERROR ") == 3, _log
with neptune.init_project(project="ml-team/registry", mode="read-only") as _project:
    _runs = _project.fetch_runs_table().to_pandas()
assert sorted(_runs["sys/custom_run_id"]) == ["REG-CLF", "REG-CLF-1", "REG-CLF-2"], _runs
for _id, _stage, _acc in (("REG-CLF-1", "production", 0.91), ("REG-CLF-2", "staging", 0.94)):
    with neptune.init_run(project="ml-team/registry", custom_run_id=_id,
                          mode="read-only") as _run:
        assert _run["sys/tags"].fetch() == {"model_version"}
        assert _run["sys/group_tags"].fetch() == {"REG-CLF"}
        assert _run["old_sys/stage"].fetch() == _stage
        assert _run["old_sys/model_id"].fetch() == "REG-CLF"
        assert _run["scores/accuracy"].fetch() == _acc
        assert list(_run["valid/loss"].fetch_values()["value"]) == [0.5, 0.3, 0.2]
        _run["model/pickled"].download("copied.pkl")
        assert open("copied.pkl", "rb").read() == open("model.pkl", "rb").read()
with neptune.init_run(project="ml-team/registry", custom_run_id="REG-CLF",
                      mode="read-only") as _run:
    assert _run["sys/tags"].fetch() == {"model"} and _run["sys/name"].fetch() == "classifier"
    assert _run["data/classes"].fetch() == "cat,dog"
