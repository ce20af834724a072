# Source: neptune-ai/scale-examples, utils/migration_tools/from_wandb/wandb_to_neptune.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in 5ccbd234ca2f, 2025-07-25; whole
#   file, version 0.3.0: the tool its README gives users to copy every run of their W&B projects
#   into neptune-scale projects, kept as is)
# Changed: `from neptune_scale[.sub] import X` -> `from neptune_sys_widgets[.sub] import X`. wandb
#   is not installed (and the tool reads W&B's hosted API): a `# fixture:` before the file
#   registers a stand-in `wandb` module (wandb.Api serving the entity "myentity" with three
#   projects, runs with notes, group, tags, a nested config, a summary, a metric history with a
#   bool metric and a table-file entry, system metrics and files; wandb.old.summary's
#   SummarySubDict) and gives the tool the command line of its README's second example
#   (--wandb-entity myentity --neptune-workspace myworkspace --projects proj1,proj2 --log-level
#   DEBUG --num-workers 2 --timeout 300). `# check:` block added (it first gives sys.excepthook
#   back, which the tool pointed at its log file); neptune-query runs read the copies back.
# fixture: a stand-in for the W&B public API the tool reads, and its command line
import os as _os
import sys as _sys
import types as _types

_wandb = _types.ModuleType("wandb")
_wandb.old = _types.ModuleType("wandb.old")
_wandb.old.summary = _types.ModuleType("wandb.old.summary")


class _SummarySubDict(dict):
    pass


_wandb.old.summary.SummarySubDict = _SummarySubDict
_T0 = 1714557600  # 2024-05-01T10:00:00Z


class _File:
    def __init__(self, name, content):
        self.name, self._content, self.size = name, content, len(content)

    def download(self, root=".", replace=False, exist_ok=False):
        _path = _os.path.join(root, self.name)
        _os.makedirs(_os.path.dirname(_path), exist_ok=True)
        with open(_path, "wb") as _f:
            _f.write(self._content)


class _WandbRun:
    def __init__(self, entity, project, run_id, name, group, tags, lr):
        self.entity, self.project, self.id, self.name = entity, project, run_id, name
        self.url = f"https://wandb.ai/{entity}/{project}/runs/{run_id}"
        self._attrs = {
            "id": run_id, "name": name, "displayName": name, "state": "finished",
            "createdAt": "2024-05-01T10:00:00Z", "notes": f"{name}: baseline", "group": group,
            "tags": tags, "config": {"lr": lr}, "historyLineCount": 5, "user": {"username": "jo"},
            "sweepName": None, "systemMetrics": {"cpu_count": 8, "gpu": "A100"}}
        self.created_at = "2024-05-01T10:00:00Z"
        self.notes, self.group, self.tags = f"{name}: baseline", group, tags
        self.config = {"lr": lr, "optimizer": {"name": "adam", "betas": [0.9, 0.999]},
                       "layers": 3, "dropout": None}
        self.summary = {"_runtime": 12.5, "_step": 4, "acc": 0.9, "best_loss": 0.2,
                        "epoch_stats": _SummarySubDict(mean=0.5)}

    def __getattr__(self, name):  # W&B runs read their GraphQL attributes like this
        try:
            return self.__dict__["_attrs"][name]
        except KeyError:
            raise AttributeError(name) from None

    def save(self):  # one of the methods the tool skips (callable)
        pass

    def scan_history(self):
        for _i in range(5):
            yield {"_step": _i, "_timestamp": _T0 + 60 * _i, "_runtime": 60 * _i,
                   "loss": 1.0 / (_i + 1), "acc": 0.5 + _i / 10, "is_best": _i == 3,
                   "epoch": None,
                   "predictions": {"_type": "table-file", "path": "p.json"} if _i == 4 else None}

    def history(self, stream="default", pandas=True):
        return [{"_timestamp": _T0 + 30 * _i, "_runtime": 30 * _i, "_wandb": {"runtime": _i},
                 "system.cpu": 10.0 + _i, "system.gpu.0.temp": 40 + _i} for _i in range(3)]

    def files(self):
        return [_File("output.log", b"epoch 1\nepoch 2\nepoch 3\n"),
                _File("code/train.py", b"print('training')\n"),
                _File("requirements.txt", b"numpy\n"),
                _File("model-ckpt.pt", b"\x00weights"),
                _File("notes.md", b"# notes\n"),
                _File("empty.txt", b""),
                _File("config.yaml", b"lr: 0.01\n"),
                _File("wandb-summary.json", b"{}"),
                _File("media/images/x.png", b"png")]


class _Project:
    def __init__(self, entity, name):
        self.entity, self.name, self.url = entity, name, f"https://wandb.ai/{entity}/{name}"


class _Api:
    default_entity = "myentity"
    _RUNS = {"proj1": [("a1b2c3", "run-one", "grp-a", ["baseline", "wandb"], 0.01),
                       ("d4e5f6", "run-two", "grp-a", ["wandb"], 0.02)],
             "proj2": [("g7h8i9", "run-three", "grp-b", [], 0.03)],
             "scratch_pad": [("zz0000", "scratch", "grp-c", [], 0.1)]}

    def __init__(self, overrides=None, timeout=None, api_key=None):
        self.timeout = timeout

    def projects(self, entity=None, per_page=200):
        return [_Project(entity or self.default_entity, _name) for _name in self._RUNS]

    def runs(self, path, filters=None, order="-created_at", per_page=50):
        _entity, _project = path.split("/")
        return [_WandbRun(_entity, _project, *_run) for _run in self._RUNS[_project]]


_wandb.Api = _Api
_sys.modules.update({"wandb": _wandb, "wandb.old": _wandb.old,
                     "wandb.old.summary": _wandb.old.summary})
_sys.argv = ["wandb_to_neptune.py", "--wandb-entity", "myentity", "--neptune-workspace",
             "myworkspace", "--projects", "proj1,proj2", "--log-level", "DEBUG",
             "--num-workers", "2", "--timeout", "300"]

# W&B to Neptune migration tool
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
# https://github.com/neptune-ai/scale-examples/blob/main/utils/migration_tools/from_wandb/README.md

__version__ = "0.3.0"

import argparse
import logging
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed
from datetime import datetime
from typing import Optional

import wandb
from neptune_sys_widgets import Run
from neptune_sys_widgets.exceptions import (
    NeptuneSeriesStepNonIncreasing,
    NeptuneSeriesTimestampDecreasing,
)
from neptune_sys_widgets.projects import create_project
from neptune_sys_widgets.types import File
from tqdm.auto import tqdm

EXCLUDED_PATHS = {"artifact/", "config.yaml", "media/", "wandb-"}


def exc_handler(exctype, value, tb):
    logger.exception("".join(traceback.format_exception(exctype, value, tb)))


sys.excepthook = exc_handler

# Configure logging to silence specific messages
logger = None
for logger_name in ["httpx", "urllib3", "wandb", "neptune_scale", "neptune"]:
    logging.getLogger(logger_name).setLevel(logging.ERROR)


def setup_logging(log_level: str) -> tuple[logging.Logger, str]:
    now = datetime.now()
    log_filename = now.strftime("wandb_to_neptune_%Y%m%d%H%M%S.log")
    level = getattr(logging, log_level.upper(), logging.INFO)
    logging.basicConfig(
        filename=log_filename,
        filemode="a",
        format="%(asctime)s %(levelname)-8s %(funcName)20s:%(lineno)-4d %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
        level=level,
        force=True,
    )

    logger = logging.getLogger(__name__)

    print(f"Logs available at {log_filename}\n")

    return logger, log_filename


def copy_run(wandb_run, wandb_project_name: str) -> None:  # type: ignore
    def _error_callback(exc: BaseException, ts: Optional[float]) -> None:
        if isinstance(exc, (NeptuneSeriesStepNonIncreasing, NeptuneSeriesTimestampDecreasing)):
            logger.warning(f"Encountered {exc} error while copying {wandb_run.name}")
        else:
            neptune_run.close()

    logger.debug(f"Starting copy of run {wandb_run.project}/{wandb_run.name} (id: {wandb_run.id})")

    try:
        with Run(
            run_id=wandb_run.id,
            project=f"{neptune_workspace}/{wandb_project_name}",
            experiment_name=wandb_run.name,
            creation_time=datetime.fromisoformat(wandb_run.created_at.replace("Z", "+00:00")),
            on_error_callback=_error_callback,
            enable_console_log_capture=False,
        ) as neptune_run:
            # Add run description
            if wandb_run.notes:
                logger.debug(f"Logging run description for {wandb_run.name}")
                neptune_run.log_configs({"sys/description": wandb_run.notes})

            # Add W&B run attributes
            for attr in wandb_run._attrs:
                try:
                    if (
                        attr.startswith("user")
                        or attr.startswith("_")
                        or callable(getattr(wandb_run, attr))
                    ):
                        # Skip unsupported attributes
                        continue
                    if attr == "group":
                        logger.debug(f"Adding group tags for {wandb_run.name}")
                        neptune_run.add_tags([wandb_run.group], group_tags=True)
                    elif attr == "config":
                        logger.debug(f"Copying config for {wandb_run.name}")
                        copy_config(neptune_run, wandb_run)
                    elif attr == "tags":
                        logger.debug(f"Adding tags for {wandb_run.name}")
                        neptune_run.add_tags(wandb_run.tags)
                    else:
                        neptune_run.log_configs(
                            {f"wandb/{attr}": getattr(wandb_run, attr)},
                            flatten=True,
                            cast_unsupported=True,
                        )
                except TypeError:
                    pass
                except Exception as e:
                    logger.error(
                        f"[{copy_run.__name__}]\tFailed to copy '{attr}' from W&B run '{wandb_run.name}' due to exception:\n{e}"
                    )

            try:
                copy_summary(neptune_run, wandb_run)
                copy_metrics(neptune_run, wandb_run)
                copy_system_metrics(neptune_run, wandb_run)
                download_folder = os.path.join(tmpdirname, wandb_run.project, wandb_run.id)
                copy_files(neptune_run, wandb_run, download_folder)
            except Exception as e:
                logger.error(f"Failed to copy {wandb_run.name} due to exception:\n{e}")
            else:
                logger.info(f"Copied {wandb_run.url} to {neptune_run.get_run_url()}")

    finally:
        logger.debug(
            f"Finished copy of run {wandb_run.project}/{wandb_run.name} (id: {wandb_run.id})"
        )


def copy_config(neptune_run: Run, wandb_run) -> None:  # type: ignore
    try:
        neptune_run.log_configs({"config": wandb_run.config}, flatten=True, cast_unsupported=True)
    except Exception as e:
        logger.error(f"Failed to copy configs from W&B run {wandb_run.name} due to exception:\n{e}")


def copy_summary(neptune_run: Run, wandb_run) -> None:  # type: ignore
    logger.debug(f"Copying summary for {wandb_run.name}")
    summary = wandb_run.summary
    for key, value in summary.items():
        if key.startswith("_") or (isinstance(value, wandb.old.summary.SummarySubDict)):
            continue
        try:
            neptune_run.log_configs({f"summary/{key}": value}, flatten=True, cast_unsupported=True)
        except KeyError:
            continue
        except Exception as e:
            logger.error(
                f"Failed to copy summary {key} from W&B run {wandb_run.name} due to exception:\n{e}"
            )


def copy_metrics(neptune_run: Run, wandb_run) -> None:  # type: ignore
    logger.debug(f"Copying metrics for {wandb_run.name}")
    for record in wandb_run.scan_history():
        for key, value in record.items():
            if (
                value is None
                or key.startswith("_")
                or (isinstance(value, dict) and value["_type"] == "table-file")
            ):
                continue
            try:
                neptune_run.log_metrics(
                    {key: value},
                    step=record.get("epoch") or record.get("_step"),
                    timestamp=(
                        datetime.fromtimestamp(record.get("_timestamp"))
                        if record.get("_timestamp")
                        else None
                    ),
                )
            except Exception as e:
                logger.error(
                    f"Failed to copy metric {key} from W&B run {wandb_run.name} due to exception:\n{e}"
                )


def copy_system_metrics(neptune_run: Run, wandb_run) -> None:  # type: ignore
    logger.debug(f"Copying system metrics for {wandb_run.name}")
    for step, record in enumerate(wandb_run.history(stream="system", pandas=False)):
        for key in record:
            if key.startswith("_"):  # Excluding '_runtime', '_timestamp', '_wandb'
                continue

            value = record.get(key)
            if value is None:
                continue
            try:
                neptune_run.log_metrics(
                    {f"runtime/{key.replace('system.', '').replace('.', '/')}": value},
                    step=step,
                    timestamp=datetime.fromtimestamp(record.get("_timestamp")),
                )
            except Exception as e:
                logger.error(
                    f"Failed to copy system metric {key} from W&B run {wandb_run.name} due to exception:\n{e}"
                )


def copy_console_output(neptune_run: Run, download_path: str) -> None:  # type: ignore
    with open(download_path, encoding="utf-8", errors="ignore") as f:
        for step, line in enumerate(f):
            neptune_run.log_string_series({"runtime/stdout": line}, step=step)


def copy_source_code(
    neptune_run: Run,
    download_path: str,
    filename: str,
) -> None:
    abs_path = os.path.abspath(download_path)
    rel_filename = filename.replace("code/", "")
    neptune_run.assign_files(
        {f"source_code/files/{rel_filename}": File(source=abs_path, mime_type="text/plain")}
    )


def copy_requirements(neptune_run: Run, download_path: str) -> None:
    neptune_run.assign_files(
        {"source_code/requirements.txt": File(source=download_path, mime_type="text/plain")}
    )


def copy_other_files(neptune_run: Run, download_path: str, filename: str, namespace: str) -> None:
    abs_path = os.path.abspath(download_path)
    neptune_run.assign_files({f"{namespace}/{filename}": File(source=abs_path)})


def copy_files(neptune_run: Run, wandb_run, download_folder: str) -> None:  # type: ignore
    for file in wandb_run.files():
        if file.size and not any(file.name.startswith(path) for path in EXCLUDED_PATHS):
            download_path = os.path.join(download_folder, file.name)
            try:
                logger.debug(
                    f"Downloading file {file.name} for run {wandb_run.name} to {download_path}"
                )
                file.download(root=download_folder, replace=True, exist_ok=True)
                if file.name == "output.log":
                    logger.debug(f"Copying console output for {wandb_run.name}")
                    copy_console_output(neptune_run, download_path)

                elif file.name.startswith("code/"):
                    logger.debug(f"Copying source code file {file.name} for {wandb_run.name}")
                    copy_source_code(neptune_run, download_path, file.name)

                elif file.name == "requirements.txt":
                    logger.debug(f"Copying requirements.txt for {wandb_run.name}")
                    copy_requirements(neptune_run, download_path)

                elif "ckpt" in file.name or "checkpoint" in file.name:
                    logger.debug(f"Copying checkpoint file {file.name} for {wandb_run.name}")
                    copy_other_files(neptune_run, download_path, file.name, namespace="checkpoints")

                else:
                    logger.debug(f"Copying other file {file.name} for {wandb_run.name}")
                    copy_other_files(neptune_run, download_path, file.name, namespace="files")
            except Exception as e:
                logger.error(
                    f"Failed to copy {download_path} for {wandb_run.name} due to exception:\n{e}"
                )


def copy_project(wandb_project) -> None:  # type: ignore
    wandb_project_name = wandb_project.name.replace("_", "-")

    logger.debug(f"Starting copy of project {wandb_project.name}")

    # Create a new Neptune project for each W&B project
    create_project(
        name=f"{neptune_workspace}/{wandb_project_name}",
        description=f"Exported from {wandb_project.url}",
    )

    wandb_runs = [
        run for run in client.runs(f"{wandb_entity}/{wandb_project.name}")
    ]  # sourcery skip: identity-comprehension

    FAILED_RUNS = []

    with ThreadPoolExecutor(max_workers=num_workers) as executor:
        future_to_run = {
            executor.submit(copy_run, wandb_run, wandb_project_name): wandb_run
            for wandb_run in wandb_runs
        }

        for future in tqdm(
            as_completed(future_to_run),
            total=len(future_to_run),
            desc=f"Copying {wandb_project_name} runs",
        ):
            wandb_run = future_to_run[future]
            try:
                future.result(timeout=timeout)
            except TimeoutError:
                logger.error(f"Timeout copying run {wandb_run.project}/{wandb_run.name}")
                FAILED_RUNS.append((wandb_run.project, wandb_run.name, "Timeout"))
            except Exception as e:
                logger.exception(
                    f"Failed to copy {wandb_run.project}/{wandb_run.name} due to exception:\n{e}"
                )
                FAILED_RUNS.append((wandb_run.project, wandb_run.name, str(e)))

    if FAILED_RUNS:
        logger.error(f"Some runs failed to copy in project {wandb_project.name}: {FAILED_RUNS}")
        print(f"Some runs failed to copy in project {wandb_project.name}: {FAILED_RUNS}")

    logger.debug(f"Finished copy of project {wandb_project.name}")


if __name__ == "__main__":
    client = wandb.Api(timeout=120)
    parser = argparse.ArgumentParser(description="Migrate W&B runs to Neptune.")
    parser.add_argument(
        "--wandb-entity", type=str, default=client.default_entity, help="W&B entity name"
    )
    parser.add_argument(
        "--neptune-workspace",
        type=str,
        default=(
            os.getenv("NEPTUNE_PROJECT").split("/")[0] if os.getenv("NEPTUNE_PROJECT") else None
        ),
        help="Neptune workspace name",
    )
    parser.add_argument("--num-workers", type=int, default=1, help="Number of workers to use")
    parser.add_argument(
        "--projects",
        type=str,
        default=None,
        help="Comma-separated list of projects to copy. Leave blank to copy all projects in the entity.",
    )
    parser.add_argument(
        "--log-level",
        type=str,
        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
        default="INFO",
        help="Logging level",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=600,
        help="Timeout in seconds for each run/project (default: 600)",
    )
    args = parser.parse_args()

    wandb_entity = args.wandb_entity
    neptune_workspace = args.neptune_workspace
    num_workers = args.num_workers
    timeout = args.timeout

    if not neptune_workspace:
        raise ValueError(
            "Neptune workspace not found. Either set the `NEPTUNE_PROJECT` environment variable or provide it via the `--neptune-workspace` CLI argument."
        )

    logger, log_filename = setup_logging(args.log_level)
    logger.info(f"Running version {__version__}")
    logger.info(f"Copying from W&B entity {wandb_entity} to Neptune workspace {neptune_workspace}")

    # Create temporary directory to store local metadata
    tmpdirname = os.path.abspath(
        os.path.join(os.getcwd(), "tmp_" + datetime.now().strftime("%Y%m%d%H%M%S"))
    )
    os.makedirs(tmpdirname, exist_ok=True)
    logger.info(f"Temporary directory created at {tmpdirname}")

    wandb_projects = [
        project for project in client.projects()
    ]  # sourcery skip: identity-comprehension
    wandb_project_names = [project.name for project in wandb_projects]

    if args.projects:
        selected_projects = [p.strip() for p in args.projects.split(",") if p.strip()]
    else:
        selected_projects = wandb_project_names

    if not_found := set(selected_projects) - set(wandb_project_names):
        print(f"Projects not found: {not_found}")
        logger.warning(f"Projects not found: {not_found}")
        selected_projects = set(selected_projects) - not_found

    print(f"Copying {len(selected_projects)} projects: {selected_projects}\n")
    logger.info(f"Copying {len(selected_projects)} projects: {selected_projects}")

    FAILED_PROJECTS = []
    try:
        with ThreadPoolExecutor(max_workers=num_workers) as executor:
            future_to_project = {
                executor.submit(copy_project, wandb_project): wandb_project
                for wandb_project in wandb_projects
                if wandb_project.name in selected_projects
            }

            for future in tqdm(
                as_completed(future_to_project),
                total=len(future_to_project),
                desc="Copying projects",
            ):
                wandb_project = future_to_project[future]
                try:
                    future.result(timeout=timeout)
                except TimeoutError:
                    logger.error(f"Timeout copying project {wandb_project.name}")
                    FAILED_PROJECTS.append((wandb_project.name, "Timeout"))
                except Exception as e:
                    logger.exception(f"Failed to copy {wandb_project.name} due to exception:\n{e}")
                    FAILED_PROJECTS.append((wandb_project.name, str(e)))

        if FAILED_PROJECTS:
            logger.error(f"Some projects failed to copy: {FAILED_PROJECTS}")
            print(f"Some projects failed to copy: {FAILED_PROJECTS}")
            sys.exit(1)

        logger.info("Copy complete!")
        print("\nDone!")

    except Exception as e:
        logger.exception(f"Copy failed due to exception:\n{e}")
        print("\nError!")
        raise e

    finally:
        logging.shutdown()
        print(f"Check logs at {log_filename}\n")

# check: the two selected projects' runs, copied with their W&B IDs, names, notes, tags,
#   config, summary, metrics (steps and timestamps), system metrics, console log and files
_sys.excepthook = _sys.__excepthook__
from datetime import timezone as _timezone

import pandas as _pd

import neptune_sys_widgets.query.runs as nq_runs

_log = open(log_filename).read()
assert "Copy complete!" in _log and " ERROR " not in _log, _log
assert sorted(nq_runs.list_runs(project="myworkspace/proj1")) == ["a1b2c3", "d4e5f6"]
assert nq_runs.list_runs(project="myworkspace/proj2") == ["g7h8i9"]
_row = nq_runs.fetch_runs_table(project="myworkspace/proj1", runs=["a1b2c3"],
                                attributes=r"^(sys|config|summary|wandb)/").iloc[0]
assert _row["sys/experiment/name"] == "run-one" and _row["sys/name"] == "run-one"
assert _row["sys/description"] == "run-one: baseline"
assert _row["sys/tags"] == {"baseline", "wandb"} and _row["sys/group_tags"] == {"grp-a"}
assert _row["sys/creation_time"] == _pd.Timestamp("2024-05-01 10:00:00", tz="UTC")
assert _row["config/lr"] == 0.01 and _row["config/optimizer/name"] == "adam"
assert _row["config/optimizer/betas"] == "[0.9, 0.999]" and _row["config/layers"] == 3
assert _row["summary/acc"] == 0.9 and _row["summary/best_loss"] == 0.2
assert "summary/epoch_stats/mean" not in _row and "summary/_runtime" not in _row
assert _row["wandb/displayName"] == "run-one" and _row["wandb/state"] == "finished"
assert _row["wandb/systemMetrics/cpu_count"] == 8 and _row["wandb/historyLineCount"] == 5
assert not [_c for _c in _row.index if _c.startswith(("wandb/user", "wandb/_"))]
_metrics = nq_runs.fetch_metrics(project="myworkspace/proj1", runs=["a1b2c3"],
                                 attributes=r"^(loss|acc|is_best)$", include_time="absolute")
assert _metrics.index.get_level_values("step").tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
assert _metrics[("is_best", "value")].tolist() == [0.0, 0.0, 0.0, 1.0, 0.0]
assert _metrics[("loss", "absolute_time")].tolist() == [
    _pd.Timestamp(_T0 + 60 * _i, unit="s", tz=_timezone.utc) for _i in range(5)]
_runtime = nq_runs.fetch_metrics(project="myworkspace/proj1", runs=["a1b2c3"],
                                 attributes=r"^runtime/")
assert sorted(_runtime.columns) == ["runtime/cpu", "runtime/gpu/0/temp"], _runtime.columns
assert _runtime["runtime/gpu/0/temp"].tolist() == [40.0, 41.0, 42.0]
_stdout = nq_runs.fetch_series(project="myworkspace/proj1", runs=["a1b2c3"],
                               attributes=r"^runtime/stdout$")
assert [_line.rstrip("\n") for _line in _stdout["runtime/stdout"]] == [
    "epoch 1", "epoch 2", "epoch 3"], _stdout
_files = nq_runs.fetch_runs_table(project="myworkspace/proj2", runs=["g7h8i9"],
                                  attributes=r"^(source_code|checkpoints|files)/")
assert sorted(_files.columns) == ["checkpoints/model-ckpt.pt", "files/notes.md",
                                  "source_code/files/train.py",
                                  "source_code/requirements.txt"], _files.columns
_paths = nq_runs.download_files(files=_files, destination="copied")
assert open(_paths["source_code/files/train.py"].iloc[0]).read() == "print('training')\n"
assert open(_paths["checkpoints/model-ckpt.pt"].iloc[0], "rb").read() == b"\x00weights"
