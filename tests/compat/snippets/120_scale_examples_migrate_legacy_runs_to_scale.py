# Source: neptune-ai/scale-examples, utils/migration_tools/from_legacy_neptune/runs_migrator.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in d8e2da509a3a, 2025-05-26; whole
#   file: the tool its README gives users to copy the runs of a Neptune Legacy (1.x API) project
#   into a Neptune 3.x (neptune-scale) project, kept as is)
# Changed: `import neptune.metadata_containers` -> `import neptune_sys_widgets as neptune` and
#   `import neptune_sys_widgets.metadata_containers` (the one upstream line binds `neptune` and
#   loads the submodule; here that takes two, as in snippets 106-107); `from neptune[.sub]
#   import X` and `from neptune_scale[.sub] import X` -> `from neptune_sys_widgets[.sub] import
#   X`. A `# fixture:` before the imports gives the tool the command line its README's
#   Quickstart shows (sys.argv: the two tokens, the new workspace, --new-project, a --query
#   keeping the runs tagged "migrate", two workers; the new token is a 3.x token, base64 of a
#   JSON holding api_url, which the tool decodes), sets a local time zone other than UTC
#   (Asia/Kolkata) and fills the legacy project with three runs (custom run id or not, atoms,
#   tags, group tags, float and string series with steps, a monitoring/ series, a file, a file
#   series, and a file set and an artifact, which the tool skips, here as upstream); `# check:`
#   block added (it first gives sys.excepthook back, which the tool pointed at its log file).
#
# Copyright (c) 2025, Neptune Labs Sp. z o.o.
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
# https://github.com/neptune-ai/scale-examples/blob/main/utils/migration_tools/from_legacy_neptune/README.md

# fixture: the tool's command line, and the legacy project to copy (in a local time zone
#   other than UTC: 1.x's fetch_values() timestamps are local and naive, and neptune-scale
#   reads naive datetimes as local time, so the copied points keep their instants)
import base64 as _base64
import json as _json
import os as _os
import sys as _sys
import time as _time
_os.environ["TZ"] = "Asia/Kolkata"
_time.tzset()
from datetime import datetime as _datetime
_NEW_TOKEN = _base64.urlsafe_b64encode(_json.dumps(
    {"api_address": "https://acme.neptune.ai", "api_url": "https://acme.neptune.ai",
     "api_key": "0f8a-new"}).encode()).decode()
_sys.argv = ["runs_migrator.py", "--legacy-token", "legacy-token", "--new-token", _NEW_TOKEN,
             "--legacy-project", "ml-team/legacy-project", "-w", "ml-team",
             "--new-project", "migrated", "-q", '`sys/tags`:stringSet CONTAINS "migrate"',
             "--max-workers", "2"]
import neptune_sys_widgets as _neptune
_neptune.management.create_project("ml-team/legacy-project", key="LEG")
with open("weights.bin", "wb") as _f:
    _f.write(b"\x00\x01weights" * 100)
with open("sample.png", "wb") as _f:
    _f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
_STARTED = _datetime(2024, 3, 1, 12, 30, 0)
_source_ids = {}
for _name, _custom_id, _tags in (("lr 0.1", "exp-lr-0.1", ["migrate", "lr"]),
                                 ("lr 0.01", None, ["migrate"]),
                                 ("scratch", None, ["scratch"])):
    with _neptune.init_run(project="ml-team/legacy-project", custom_run_id=_custom_id,
                           name=_name, description=f"legacy run {_name}", tags=_tags,
                           monitoring_namespace="monitoring") as _run:
        _run["sys/group_tags"].add("baseline")
        _run["parameters"] = {"lr": float(_name.split()[-1]) if _name != "scratch" else 0.0,
                              "epochs": 3, "optimizer": "adam", "use_amp": True,
                              "started": _STARTED}
        for _i in range(3):
            _run["train/loss"].append(1.0 / (_i + 1), step=_i * 10)
            _run["train/log"].append(f"epoch {_i}", step=_i * 10)
            _run["monitoring/cpu"].append(50.0 + _i)
        for _i in range(2):
            _run["predictions"].append(_neptune.types.File("sample.png"))
        _run["model/weights"].upload("weights.bin")
        _run["model/files"].upload_files(["weights.bin", "sample.png"])
        _run["data/train"].track_files("sample.png")
        _source_ids[_name] = _run["sys/id"].fetch()


import argparse
import base64
import contextlib
import functools
import json
import logging
import os
import sys
import threading
import traceback
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from datetime import datetime
from glob import glob
from typing import Optional

import neptune_sys_widgets as neptune
import neptune_sys_widgets.metadata_containers
from neptune_sys_widgets import management
from neptune_sys_widgets.exceptions import MetadataInconsistency, MissingFieldException
from neptune_sys_widgets import Run
from neptune_sys_widgets.exceptions import (
    NeptuneAttributePathNonWritable,
    NeptuneSeriesStepNonIncreasing,
    NeptuneSeriesTimestampDecreasing,
)
from neptune_sys_widgets.projects import create_project
from neptune_sys_widgets.types import File
from tqdm.auto import tqdm

for logger in [
    "httpx",
    "urllib3",
    "requests",
    "neptune",
    "azure.core.pipeline.policies.http_logging_policy",
    "neptune_scale",
]:
    logging.getLogger(logger).setLevel(logging.ERROR)

READ_ONLY_NAMESPACES = {
    "sys/id",
    "sys/modification_time",
    "sys/monitoring_time",
    "sys/name",
    "sys/owner",
    "sys/ping_time",
    "sys/running_time",
    "sys/size",
    "sys/trashed",
}

UNCOPYABLE_NAMESPACES = {
    "sys/creation_time",
    "sys/state",
    "source_code/git",
}


def map_namespace(namespace: str) -> str:
    if namespace in READ_ONLY_NAMESPACES:
        return namespace.replace("sys", "legacy_sys")
    if namespace.startswith("monitoring/"):
        return "runtime/" + namespace[len("monitoring/") :]
    return namespace


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
            with contextlib.suppress(MissingFieldException):
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


def setup_logging(project: str) -> tuple[logging.Logger, str]:
    now = datetime.now()
    log_filename = now.strftime(f"{project.replace('/', '_')}_migration_%Y%m%d%H%M%S.log")

    logging.basicConfig(
        filename=log_filename,
        filemode="a",
        format="%(asctime)s %(levelname)-8s %(funcName)20s:%(lineno)-4d %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
        level=logging.INFO,
        force=True,
    )

    logger = logging.getLogger(__name__)

    print(f"Logs available at {os.path.abspath(log_filename)}\n")

    return logger, log_filename


def exc_handler(logger: logging.Logger, exctype, value, tb):
    logger.exception("".join(traceback.format_exception(exctype, value, tb)))


def create_temporary_directory(log_filename: str) -> str:
    tmpdirname = os.path.abspath(
        os.path.join(os.getcwd(), f".tmp_{log_filename.replace('.log', '')}")
    )
    os.mkdir(tmpdirname)

    return tmpdirname


def validate_source_project(legacy_token: str, project: str):
    if project not in management.get_project_list(api_token=legacy_token):
        print(
            f"ERROR: Source project {project} does not exist. Please check project name",
            file=sys.stderr,
        )
        sys.exit(1)


def fetch_project_metadata(legacy_token: str, project: str) -> dict:
    with neptune.init_project(
        project=project,
        api_token=legacy_token,
        mode="read-only",
    ) as legacy_project:
        legacy_project_details = {
            "key": legacy_project["sys/id"].fetch(),
            "visibility": legacy_project["sys/visibility"].fetch(),
            "url": legacy_project.get_url(),
        }
        if legacy_project_details["visibility"] == "public":
            legacy_project_details["visibility"] = "pub"
        elif legacy_project_details["visibility"] == "private":
            legacy_project_details["visibility"] = "priv"

        return legacy_project_details


def fetch_source_runs(legacy_token: str, project: str, query: Optional[str] = None) -> list[str]:
    with neptune.init_project(
        project=project,
        api_token=legacy_token,
        mode="read-only",
    ) as source_project:
        return source_project.fetch_runs_table(columns=[], query=query).to_pandas()["sys/id"].values


@log_error
def copy_artifacts(source_run, namespace, run, id):
    # TODO: Not implemented in the new Neptune API
    return
    for artifact_location in [
        artifact.metadata["location"] for artifact in source_run[namespace].fetch_files_list()
    ]:
        run[map_namespace(namespace)].track_files(artifact_location)


@log_error
def copy_stringset(source_run, namespace, run, id):
    with contextlib.suppress(MissingFieldException, MetadataInconsistency):
        run.log_configs({map_namespace(namespace): source_run[namespace].fetch()})


@log_error
def copy_float_series(source_run, namespace, run, id):
    for row in source_run[namespace].fetch_values(progress_bar=False).itertuples():
        run.log_metrics(
            {map_namespace(namespace): row.value},
            step=row.step,
            timestamp=row.timestamp,
        )


@log_error
def copy_string_series(source_run, namespace, run, id):
    for row in source_run[namespace].fetch_values(progress_bar=False).itertuples():
        run.log_string_series(
            {map_namespace(namespace): row.value},
            step=row.step,
            timestamp=row.timestamp,
        )


@log_error
def copy_file(source_run, namespace, run, localpath, id):
    ext = source_run[namespace].fetch_extension()

    path = os.sep.join(namespace.split("/")[:-1])
    _download_path = os.path.join(localpath, path)
    os.makedirs(_download_path, exist_ok=True)
    source_run[namespace].download(_download_path, progress_bar=False)
    run.assign_files({map_namespace(namespace): f"{os.path.join(localpath, namespace)}.{ext}"})


@log_error
def copy_fileset(source_run, namespace, run, localpath, id):
    # TODO: Not implemented in the new Neptune API
    return
    _download_path = os.path.join(localpath, namespace)
    os.makedirs(_download_path, exist_ok=True)
    source_run[namespace].download(_download_path, progress_bar=False)

    _zip_path = os.path.join(_download_path, f"{namespace.split('/')[-1]}.zip")
    with zipfile.ZipFile(_zip_path) as zip_ref:
        zip_ref.extractall(_download_path)
    os.remove(_zip_path)

    with threadsafe_change_directory(_download_path):
        run[map_namespace(namespace)].upload_files(
            "*",
            wait=True,
        )


@log_error
def copy_fileseries(source_run, namespace, run, localpath, id):
    _download_path = os.path.join(localpath, namespace)
    source_run[namespace].download(_download_path, progress_bar=False)
    for step, file in enumerate(glob(f"{_download_path}{os.sep}*")):
        run.log_files(
            {map_namespace(namespace): File(file)},
            step=step,
        )


@log_error
def copy_atom(source_run, namespace, run, id):
    run.log_configs({map_namespace(namespace): source_run[namespace].fetch()})


def copy_metadata(
    source_run: neptune.Run,
    object_id: str,
    target_run: neptune.Run,
    tmpdirname: str,
) -> None:
    namespaces = flatten_namespaces(source_run.get_structure())

    _local_path = os.path.join(tmpdirname, object_id)

    for namespace in namespaces:
        if namespace in UNCOPYABLE_NAMESPACES:
            continue

        mapped_namespace = map_namespace(namespace)

        if namespace in READ_ONLY_NAMESPACES:
            # Create legacy_sys namespaces for read-only sys namespaces
            target_run.log_configs({mapped_namespace: source_run[namespace].fetch()})

        elif str(source_run[namespace]).startswith("<Artifact"):
            copy_artifacts(source_run, namespace, target_run, object_id)

        elif str(source_run[namespace]).startswith("<StringSet"):
            copy_stringset(source_run, namespace, target_run, object_id)

        elif str(source_run[namespace]).startswith("<FloatSeries"):
            copy_float_series(source_run, namespace, target_run, object_id)

        elif str(source_run[namespace]).startswith("<StringSeries"):
            copy_string_series(source_run, namespace, target_run, object_id)

        elif str(source_run[namespace]).startswith("<FileSet"):
            copy_fileset(source_run, namespace, target_run, _local_path, object_id)

        elif str(source_run[namespace]).startswith("<FileSeries"):
            copy_fileseries(source_run, namespace, target_run, _local_path, object_id)

        elif str(source_run[namespace]).startswith("<File"):
            copy_file(source_run, namespace, target_run, _local_path, object_id)

        else:
            copy_atom(source_run, namespace, target_run, object_id)

    target_run.close()


def init_target_run(
    source_run: neptune.Run, args: argparse.Namespace, logger: logging.Logger
) -> Run:
    def _error_callback(exc: BaseException, ts: Optional[float]) -> None:
        if isinstance(
            exc,
            (
                NeptuneSeriesStepNonIncreasing,
                NeptuneSeriesTimestampDecreasing,
                NeptuneAttributePathNonWritable,
            ),
        ):
            logger.warning(
                f"Encountered {exc.__class__.__name__} error while copying {source_run['sys/id'].fetch()}. Skipping affected attribute."
            )
        else:
            logger.exception(
                f"""Encountered error while copying {source_run["sys/id"].fetch()}:
{exc}
Aborting copy of the run.
                """
            )
            target_run.close()

    custom_run_id = source_run["sys/id"].fetch()
    with contextlib.suppress(MissingFieldException):
        custom_run_id = source_run["sys/custom_run_id"].fetch()

    target_run = Run(
        run_id=custom_run_id,
        project=(
            f"{args.new_workspace}/{args.new_project}" if args.new_project else args.legacy_project
        ),
        api_token=args.new_token,
        creation_time=source_run["sys/creation_time"].fetch(),
        enable_console_log_capture=False,
        on_error_callback=_error_callback,
    )
    return target_run


def copy_run(source_run_id: str, args: argparse.Namespace, logger: logging.Logger, tmpdirname: str):
    with neptune.init_run(
        project=args.legacy_project,
        api_token=args.legacy_token,
        with_id=source_run_id,
        mode="read-only",
    ) as source_run:
        with init_target_run(source_run, args, logger) as target_run:
            copy_metadata(source_run, source_run_id, target_run, tmpdirname)
            logger.info(f"Copied {source_run.get_url()} to {target_run.get_run_url()}")


def fetch_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Migrate Neptune runs from a legacy workspace to a new workspace."
    )
    parser.add_argument(
        "--legacy-token", type=str, required=True, help="API token for the legacy workspace"
    )
    parser.add_argument(
        "--new-token", type=str, required=True, help="API token for the new workspace"
    )
    parser.add_argument(
        "--legacy-project",
        type=str,
        required=True,
        help="Legacy project name (in WORKSPACE_NAME/PROJECT_NAME format)",
    )
    parser.add_argument(
        "-w",
        "--new-workspace",
        type=str,
        required=True,
        help="New workspace name",
    )
    parser.add_argument(
        "--new-project",
        type=str,
        default=None,
        help="The project will be created if it doesn't already exist. If not provided, the project name will be the same as the legacy project name.",
    )
    parser.add_argument(
        "-q",
        "--query",
        type=str,
        default=None,
        help="Query filter for runs to be copied (Syntax: https://docs-legacy.neptune.ai/usage/nql/)",
    )

    parser.add_argument(
        "--max-workers",
        type=int,
        default=None,
        help="Maximum number of parallel workers to use (default: ThreadPoolExecutor's default)",
    )
    return parser.parse_args()


def main():
    args = fetch_args()

    validate_source_project(args.legacy_token, args.legacy_project)

    logger, log_filename = setup_logging(args.legacy_project)
    sys.excepthook = functools.partial(exc_handler, logger)

    legacy_project_details = fetch_project_metadata(args.legacy_token, args.legacy_project)
    create_project(
        api_token=args.new_token,
        workspace=args.new_workspace,
        name=args.new_project or args.legacy_project.split("/")[1],
        key=None if args.new_project else legacy_project_details["key"],
        visibility=legacy_project_details["visibility"],
    )
    if args.query:
        logger.info(f"Filter query: '{args.query}'")
    logger.info(f"Source project URL: {legacy_project_details['url']}runs")
    scale_instance_url = json.loads(base64.urlsafe_b64decode(args.new_token))["api_url"]
    logger.info(
        f"Target project URL: {scale_instance_url}/o/{args.new_workspace}/org/{args.new_project or args.legacy_project.split('/')[1]}/runs"
    )

    source_run_ids = fetch_source_runs(args.legacy_token, args.legacy_project, args.query)
    logger.info(f"Found {len(source_run_ids)} runs to copy")

    tmpdirname = create_temporary_directory(log_filename)
    logger.info(f"Temporary directory created at {tmpdirname}")

    try:
        with ThreadPoolExecutor(max_workers=args.max_workers) as executor:
            future_to_run = {
                executor.submit(copy_run, source_run_id, args, logger, tmpdirname): source_run_id
                for source_run_id in source_run_ids
            }

            for future in tqdm(as_completed(future_to_run), total=len(source_run_ids)):
                source_run_id = future_to_run[future]
                try:
                    future.result()
                except Exception as e:
                    logger.exception(f"Failed to copy {source_run_id} due to exception:\n{e}")

            logger.info("Export complete!")
            print("\nDone!")
    except Exception as e:
        logger.exception(f"Error during export: {e}")
        print("\nError!", file=sys.stderr)
        raise e

    finally:
        logging.shutdown()
        print(f"Check logs at {os.path.abspath(log_filename)}")


if __name__ == "__main__":
    main()

# check: the two runs tagged "migrate" were copied into the new project (the one without a
#   custom run id under its legacy sys/id, as the tool's README says), every field of theirs
#   but the skipped file set and artifact; only sys/ fields were refused; the third run was
#   left behind
sys.excepthook = sys.__excepthook__  # the tool sent tracebacks to its log; the checks' to stderr
import neptune_sys_widgets.query.runs as _nq_runs
_log = open(glob("ml-team_legacy-project_migration_*.log")[0]).read()
assert "Found 2 runs to copy" in _log and "Export complete!" in _log, _log
import re as _re
_refused = _re.findall(r"Failed to copy LEG-\d+/(\S+) due to exception", _log)
assert all(_path.startswith("sys/") for _path in _refused), _refused
assert "ml-team/migrated" in management.get_project_list()
_runs = sorted(_nq_runs.list_runs(project="ml-team/migrated"))
assert _runs == ["LEG-2", "exp-lr-0.1"], _runs
for _name, _target_id in (("lr 0.1", "exp-lr-0.1"), ("lr 0.01", "LEG-2")):
    _source = neptune.init_run(project="ml-team/legacy-project", with_id=_source_ids[_name],
                               mode="read-only")
    _table = _nq_runs.fetch_runs_table(
        project="ml-team/migrated", runs=[_target_id],
        attributes=r"^(parameters/|legacy_sys/(id|name)$|sys/(tags|group_tags|description|creation_time)$)")
    _row = _table.loc[_target_id]
    assert _row["legacy_sys/id"] == _source_ids[_name] and _row["legacy_sys/name"] == _name
    assert _row["parameters/lr"] == float(_name.split()[-1]) and _row["parameters/epochs"] == 3
    assert _row["parameters/optimizer"] == "adam" and _row["parameters/use_amp"] == True  # noqa: E712
    assert _row["parameters/started"] == _source["parameters/started"].fetch()
    assert _row["sys/description"] == f"legacy run {_name}"
    assert set(_row["sys/tags"]) == _source["sys/tags"].fetch()
    assert set(_row["sys/group_tags"]) == {"baseline"}
    assert _row["sys/creation_time"] == _source["sys/creation_time"].fetch()
    _loss = _nq_runs.fetch_metrics(project="ml-team/migrated", runs=[_target_id],
                                   attributes="train/loss", include_time="absolute")
    _source_loss = _source["train/loss"].fetch_values()
    assert _loss.index.get_level_values("step").tolist() == [0.0, 10.0, 20.0], _loss
    assert _loss[("train/loss", "value")].tolist() == _source_loss["value"].tolist()
    from dateutil.tz import tzlocal as _tzlocal  # 1.x's fetch_values(): naive local times
    assert [_t.value // 10**6 for _t in _loss[("train/loss", "absolute_time")]] == \
        [_t.value // 10**6 for _t in _source_loss["timestamp"].dt.tz_localize(_tzlocal())], \
        (_loss, _source_loss)  # the same instants, to the ms
    _series = _nq_runs.fetch_series(project="ml-team/migrated", runs=[_target_id],
                                    attributes="train/log")
    assert _series["train/log"].tolist() == ["epoch 0", "epoch 1", "epoch 2"], _series
    _cpu = _nq_runs.fetch_metrics(project="ml-team/migrated", runs=[_target_id],
                                  attributes="runtime/cpu")
    assert _cpu["runtime/cpu"].tolist() == [50.0, 51.0, 52.0], _cpu
    _files = _nq_runs.fetch_runs_table(project="ml-team/migrated", runs=[_target_id],
                                       attributes="model/weights")
    _nq_runs.download_files(files=_files, destination=f"copied-{_target_id}")
    _copied = [_os.path.join(_d, _f) for _d, _, _fs in _os.walk(f"copied-{_target_id}")
               for _f in _fs]
    assert len(_copied) == 1 and open(_copied[0], "rb").read() == open("weights.bin", "rb").read()
    _predictions = _nq_runs.fetch_series(project="ml-team/migrated", runs=[_target_id],
                                         attributes="predictions")
    assert len(_predictions) == 2, _predictions
    _attributes = _nq_runs.list_attributes(project="ml-team/migrated", runs=[_target_id])
    assert "model/files" not in _attributes and "data/train" not in _attributes, _attributes
    _source.stop()

