# Source: neptune-ai/scale-examples, how-to-guides/hpo/scripts/neptune_hpo_separate_runs.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in 5ccbd234ca2f, 2025-07-25; whole
#   file: the HPO example that logs a sweep-level run and one run per trial, tied together by
#   a group tag holding the sweep ID)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. torch and
#   torchvision are not installed: a `# fixture:` before the file registers numpy stand-ins for
#   the modules it imports (torch.device, nn.Module/Linear/ReLU/Dropout, CrossEntropyLoss,
#   optim.SGD, torch.max/sum, DataLoader, and an MNIST of random images: 10 batches of 128
#   instead of 469), so the file's own lines stay as they are; NEPTUNE_PROJECT is set as the
#   script expects. `# check:` block added (neptune-query runs).
# fixture: numpy stand-ins for the parts of torch and torchvision the file uses, registered as
#   modules before its imports (MNIST: random images of the real shape)
import numpy_torch_standins as _standins  # fixture

_standins.install(mnist_size=1280)  # fixture: 10 batches of 128 (MNIST has 60000)

import os as _os  # fixture: the project

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/hpo"  # fixture

import math
from uuid import uuid4

import torch
import torch.nn as nn
import torch.optim as optim
from neptune_sys_widgets import Run
from torchvision import datasets, transforms
from tqdm.auto import tqdm, trange

parameters = {
    "batch_size": 128,
    "input_size": (1, 28, 28),
    "n_classes": 10,
    "epochs": 3,
    "device": torch.device("cuda:0" if torch.cuda.is_available() else "cpu"),
}

input_size = math.prod(parameters["input_size"])

learning_rates = [0.025, 0.05, 0.075]  # learning rate choices


class BaseModel(nn.Module):
    def __init__(self, input_size, num_classes):
        super(BaseModel, self).__init__()
        self.fc1 = nn.Linear(input_size, 128)
        self.fc2 = nn.Linear(128, 64)
        self.fc3 = nn.Linear(64, num_classes)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(0.5)

    def forward(self, x):
        x = self.relu(self.fc1(x))
        x = self.dropout(x)
        x = self.relu(self.fc2(x))
        x = self.dropout(x)
        x = self.fc3(x)
        return x


model = BaseModel(
    input_size,
    parameters["n_classes"],
).to(parameters["device"])

criterion = nn.CrossEntropyLoss()

data_tfms = {
    "train": transforms.Compose(
        [
            transforms.ToTensor(),
        ]
    )
}

trainset = datasets.MNIST(
    root="mnist",
    train=True,
    download=True,
    transform=data_tfms["train"],
)

trainloader = torch.utils.data.DataLoader(
    trainset,
    batch_size=parameters["batch_size"],
    shuffle=True,
    num_workers=0,
)

if __name__ == "__main__":
    sweep_id = str(uuid4())

    sweep_run = Run()

    sweep_run.add_tags(["sweep", "script"])
    sweep_run.add_tags([sweep_id], group_tags=True)

    sweep_run.log_configs({"config": parameters}, flatten=True, cast_unsupported=True)

    # Initialize fields for best values across all trials
    best_acc = None

    for trial, lr in tqdm(
        enumerate(learning_rates),
        total=len(learning_rates),
        desc="Trials",
    ):
        # Create a trial-level run
        with Run() as trial_run:
            trial_run.add_tags(["trial", "script"])

            # Add sweep_id to the trial-level run
            trial_run.add_tags([sweep_id], group_tags=True)

            # Log trial number and hyperparams
            trial_run.log_configs({"trial_num": trial, "parameters/lr": lr})

            optimizer = optim.SGD(model.parameters(), lr=lr)

            step = 0

            for epoch in trange(parameters["epochs"], desc=f"Trial {trial} - lr: {lr}"):
                trial_run.log_metrics(data={"epochs": epoch}, step=epoch)

                for x, y in trainloader:
                    x, y = x.to(parameters["device"]), y.to(parameters["device"])
                    optimizer.zero_grad()
                    x = x.view(x.size(0), -1)
                    outputs = model(x)
                    loss = criterion(outputs, y)

                    _, preds = torch.max(outputs, 1)
                    acc = (torch.sum(preds == y.data)) / len(x)

                    # Log trial metrics
                    trial_run.log_metrics(
                        data={
                            "metrics/batch/loss": float(loss),
                            "metrics/batch/acc": float(acc),
                        },
                        step=step,
                    )

                    # Log best values across all trials to Sweep-level run
                    if best_acc is None or acc > best_acc:
                        best_acc = acc
                        sweep_run.log_configs(
                            {
                                "best/trial": trial,
                                "best/metrics/loss": float(loss),
                                "best/metrics/acc": float(acc),
                                "best/parameters/lr": lr,
                            }
                        )

                    loss.backward()
                    optimizer.step()

                    step += 1

    sweep_run.close()

# check: the sweep run holds the config (the tuple and the device cast to strings) and the best
#   trial's values; the three trial runs share its group tag and hold every batch
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter

_runs = nq_runs.list_runs(runs=Filter.contains_all("sys/group_tags", [sweep_id]))
assert len(_runs) == 4, _runs
_sweep = nq_runs.fetch_runs_table(runs=Filter.contains_all("sys/tags", ["sweep"]),
                                  attributes=r"^config/|^best/")
assert len(_sweep) == 1, _sweep
_row = _sweep.iloc[0]
assert _row["config/device"] == "cpu", _row["config/device"]
assert _row["config/input_size"] == "(1, 28, 28)", _row["config/input_size"]
assert _row["config/batch_size"] == 128 and _row["config/epochs"] == 3
assert _row["best/metrics/acc"] == float(best_acc)
assert _row["best/parameters/lr"] == learning_rates[_row["best/trial"]]
_trials = nq_runs.fetch_runs_table(runs=Filter.contains_all("sys/tags", ["trial", "script"]),
                                   attributes=["trial_num", "parameters/lr", "sys/group_tags"])
assert sorted(_trials["trial_num"]) == [0, 1, 2], _trials
assert sorted(_trials["parameters/lr"]) == learning_rates
assert all(_tags == {sweep_id} for _tags in _trials["sys/group_tags"])
_metrics = nq_runs.fetch_metrics(runs=list(_trials.index), attributes=r"^metrics/batch/|^epochs$")
for _run_id in _trials.index:
    _points = _metrics.loc[_run_id]
    assert _points["metrics/batch/loss"].dropna().index.tolist() == [float(s) for s in range(30)]
    assert _points["epochs"].dropna().tolist() == [0.0, 1.0, 2.0]
    assert _points["metrics/batch/acc"].dropna().between(0, 1).all()
