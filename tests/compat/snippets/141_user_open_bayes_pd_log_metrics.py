# Source: instadeepai/OPEN_BAYES_PD (public user repository), src/utils/neptune_utils.py
#   @ 0810b64783d784f70723d3a24a107d9d2e2fbeb1 (whole file: the metric logging of the project's
#   training loop, which logs each epoch's "train" and "valid" metric dicts to a 1.x Run, or to
#   a plain dict when Neptune is off and plots that dict at the end, plus the per-author API
#   token lookup it uses on its AIchor cluster)
# client: neptune 1.x
# Changed: `from neptune import Run as NeptuneRun` -> `from neptune_sys_widgets import Run as
#   NeptuneRun` (the `client:` line above has the unchanged run map it back to neptune's
#   Run, not neptune_scale's, which a 1.x run is no instance of). torch is not installed:
#   its import (line 11) is stood in for by a `# fixture:` giving `torch.Tensor`, a class no
#   value here is an instance of. A `# fixture:` after the file sets the AIchor environment
#   (VCS_AUTHOR_EMAIL and the author's token variable) and runs three epochs of the training
#   loop's logging into a Run and into a dict (numpy scalars, a one-element array, a per-class
#   array), then the dict's plots; `# check:` blocks added.
#   Lint only: trailing whitespace removed.
"""
Utility functions for Neptune logging operations.
"""

import os
from typing import Any, Optional
from datetime import datetime

import numpy as np
import matplotlib.pyplot as plt
import types  # fixture: stand-in for `import torch`
torch = types.SimpleNamespace(Tensor=type("Tensor", (), {}))  # fixture
from neptune_sys_widgets import Run as NeptuneRun


def log_metrics_to_neptune(
    metrics: dict[str, Any], neptune_run: Optional[NeptuneRun], dataset_type: str
) -> None:
    """
    Log metrics to Neptune for a specific dataset type.

    Parameters:
    -----------
    metrics (dict[str, Any]):
        Dictionary containing metric names and values to log.
    neptune_run (NeptuneRun | None):
        Neptune run object for logging. If None, does nothing.
    dataset_type (str):
        Type of dataset (e.g., 'train', 'valid', 'test').
    """
    for metric_name, metric_value in metrics.items():
        # Convert numpy arrays and other non-supported types
        if isinstance(metric_value, np.ndarray):
            # For numpy arrays, convert to list or scalar
            if metric_value.size == 1:
                metric_value = float(metric_value.item())
            else:
                metric_value = metric_value.tolist()
        elif isinstance(metric_value, (np.integer, np.floating)):
            # Convert numpy scalars to Python types
            metric_value = metric_value.item()
        elif isinstance(metric_value, torch.Tensor):
            # Convert PyTorch tensors
            if metric_value.numel() == 1:
                metric_value = float(metric_value.item())
            else:
                metric_value = metric_value.detach().cpu().numpy().tolist()
        if isinstance(neptune_run, dict):
            if f"{dataset_type}/{metric_name}" not in neptune_run:
                neptune_run[f"{dataset_type}/{metric_name}"] = []
            neptune_run[f"{dataset_type}/{metric_name}"].append(metric_value)
        elif isinstance(neptune_run, NeptuneRun):
            neptune_run[f"{dataset_type}/{metric_name}"].log(metric_value)
        else:
            raise ValueError(f"Invalid Neptune run type: {type(neptune_run)}")


def set_author_neptune_api_token() -> None:
    """Set the variable NEPTUNE_API_TOKEN based on the email of commit author.

    It is useful on AIchor to have proper owner of each run.
    """
    try:
        author_email = os.environ["VCS_AUTHOR_EMAIL"]
    # we are not on AIchor
    except KeyError:
        return

    author_email, _ = author_email.split("@")
    author_email = author_email.replace("-", "_").replace(".", "_").upper()

    try:
        author_api_token = os.environ[f"{author_email}__NEPTUNE_API_TOKEN"]
        os.environ["NEPTUNE_API_TOKEN"] = author_api_token
    except KeyError:
        print(f"Neptune credentials for user {author_email} not found.")


def create_graph_run_from_dict(neptune_run: dict) -> None:
    """Create graph for every metric from a dictionary if Neptune is not used.

    Parameters:
    -----------
    neptune_run (dict):
        Dictionary containing the Neptune run.
    """
    #Create a new folder in graphs directory with the name of the run.
    #Name would be the date and time of the run in the format YYYYMMDD_HHMMSS.
    run_name = datetime.utcnow().isoformat().replace(":", "").replace(".", "_")
    os.makedirs(f"graphs/run_{run_name}", exist_ok=True)

    # Create a figure for each metric
    for metric_name, metric_values in neptune_run.items():
        #check if metric_values is not full of nan, if so, skip the plot
        if np.all(np.isnan(metric_values)):
            continue
        metric_name = metric_name.replace("/", "_")
        plt.plot(metric_values, label=metric_name)
        plt.legend()
        plt.title(metric_name)
        plt.xlabel("Epoch")
        plt.ylabel(metric_name)
        plt.savefig(f"graphs/run_{run_name}/{metric_name}.png")
        plt.close()

    # Create a figure for the epoch duration
    plt.figure()
    plt.plot(neptune_run["epoch_duration"], label="Epoch duration")
    plt.legend()
    plt.title("Epoch duration")
    plt.xlabel("Epoch")
    plt.ylabel("Epoch duration")
    plt.savefig(f"graphs/run_{run_name}/epoch_duration.png")
    plt.close()

# fixture: the AIchor environment and the training loop's logging: three epochs of "train" and
#   "valid" metrics (ELBO loss as numpy.float32, the epoch count as numpy.int64, an accuracy as a
#   one-element array, a per-class score array), logged to a 1.x run and, as with Neptune off,
#   to a dict then plotted
import neptune_sys_widgets as neptune  # fixture

os.environ["VCS_AUTHOR_EMAIL"] = "jane.doe-smith@instadeep.com"  # fixture
os.environ["JANE_DOE_SMITH__NEPTUNE_API_TOKEN"] = neptune.ANONYMOUS_API_TOKEN  # fixture
set_author_neptune_api_token()  # fixture
_run = neptune.init_run(project="instadeep/bayes-pd", tags=["elbo"])  # fixture
_dict_run = {"epoch_duration": []}  # fixture


def _epoch_metrics(epoch, dataset_type):  # fixture
    shift = 0.0 if dataset_type == "train" else 0.25
    return {"ELBOloss": np.float32(1.0 / (epoch + 1) + shift), "epoch": np.int64(epoch),
            "accuracy": np.array([0.5 + epoch / 10]),
            "per_class_auc": np.array([0.25, 0.5, 0.75]) + epoch / 100}


for _epoch in range(3):  # fixture
    for _neptune_run in (_run, _dict_run):
        for _dataset_type in ("train", "valid"):
            log_metrics_to_neptune(_epoch_metrics(_epoch, _dataset_type), _neptune_run,
                                   _dataset_type)
        _neptune_run["epoch_duration"].append(1.5 + _epoch)
create_graph_run_from_dict(_dict_run)  # fixture

# check: the token variable of the commit author was picked; every metric is a series of the
#   run, numpy values as numbers, the per-class list logged value by value; a value that is
#   neither a Run nor a dict is refused; the dict's plots were written
assert os.environ["NEPTUNE_API_TOKEN"] == neptune.ANONYMOUS_API_TOKEN
_run.wait()
_read = neptune.init_run(project="instadeep/bayes-pd", with_id=_run["sys/id"].fetch(),
                         mode="read-only")
assert _read["train/ELBOloss"].fetch_values()["value"].round(6).tolist() == [1.0, 0.5, 0.333333]
assert _read["valid/ELBOloss"].fetch_values()["value"].round(6).tolist() == [1.25, 0.75, 0.583333]
assert _read["train/epoch"].fetch_values()["value"].tolist() == [0.0, 1.0, 2.0]
assert _read["valid/accuracy"].fetch_values()["value"].round(6).tolist() == [0.5, 0.6, 0.7]
_per_class = _read["train/per_class_auc"].fetch_values()
assert _per_class["value"].round(6).tolist() == [0.25, 0.5, 0.75, 0.26, 0.51, 0.76, 0.27, 0.52,
                                                 0.77], _per_class
assert _per_class["step"].tolist() == [float(_s) for _s in range(9)], _per_class
assert _read["epoch_duration"].fetch_last() == 3.5
_read.stop()
_run.stop()
try:
    log_metrics_to_neptune({"x": 1.0}, None, "test")
except ValueError as _e:
    assert "NoneType" in str(_e)
else:
    raise AssertionError("None accepted")
(_graphs,) = os.listdir("graphs")
assert sorted(os.listdir(os.path.join("graphs", _graphs))) == sorted(
    [_k.replace("/", "_") + ".png" for _k in _dict_run]), os.listdir(os.path.join("graphs",
                                                                                  _graphs))
