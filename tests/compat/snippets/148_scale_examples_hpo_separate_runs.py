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
import pickle as _pickle
import sys as _sys
import types as _types

import numpy as _np

_rng = _np.random.default_rng(0)
_PARAMETERS = []


class _Tensor:
    def __init__(self, array):
        self.array = _np.asarray(array)
        self.grad = None

    data = property(lambda self: self)

    def to(self, device):
        return self

    def view(self, *shape):
        return _Tensor(self.array.reshape(*shape))

    def size(self, dim):
        return self.array.shape[dim]

    def __len__(self):
        return len(self.array)

    def __eq__(self, other):
        return _Tensor(self.array == other.array)

    def __truediv__(self, other):
        return _Tensor(self.array / other)

    def __gt__(self, other):
        return bool(self.array > other.array)

    def __float__(self):
        return float(self.array)

    def item(self):
        return float(self.array)

    def norm(self, p):
        return _Tensor(_np.linalg.norm(self.array.ravel(), p))

    def backward(self):  # a gradient for every parameter, scaled by the loss
        for _p in _PARAMETERS:
            _p.grad = _Tensor(_p.array * float(self.array) * 1e-2)


class _Parameter(_Tensor):
    def __init__(self, array):
        super().__init__(array)
        _PARAMETERS.append(self)


class _Module:
    def __call__(self, *args):
        return self.forward(*args)

    def to(self, device):
        return self

    def train(self, mode=True):
        return self

    def named_parameters(self, prefix=""):
        for _name, _value in vars(self).items():
            if isinstance(_value, _Parameter):
                yield prefix + _name, _value
            elif isinstance(_value, _Module):
                yield from _value.named_parameters(prefix + _name + ".")

    def parameters(self):
        return [_p for _, _p in self.named_parameters()]

    def state_dict(self):
        return {_n: _p.array.copy() for _n, _p in self.named_parameters()}

    def load_state_dict(self, state):
        for _n, _p in self.named_parameters():
            _p.array = state[_n]


class _Linear(_Module):
    def __init__(self, in_features, out_features):
        self.weight = _Parameter(_rng.normal(0.0, in_features ** -0.5, (out_features, in_features)))
        self.bias = _Parameter(_np.zeros(out_features))

    def forward(self, x):  # cheaper than x @ W.T, of the same shape
        return _Tensor(x.array.mean(axis=1, keepdims=True) * self.weight.array[:, 0]
                       + self.bias.array)


class _ReLU(_Module):
    def forward(self, x):
        return _Tensor(_np.maximum(x.array, 0.0))


class _Dropout(_Module):
    def __init__(self, p=0.5):
        self.p = p

    def forward(self, x):
        return x


class _Sequential(_Module):
    def __init__(self, *layers):
        for _i, _layer in enumerate(layers):
            setattr(self, str(_i), _layer)

    def forward(self, x):
        for _layer in vars(self).values():
            x = _layer(x)
        return x


class _CrossEntropyLoss(_Module):
    def forward(self, output, target):
        _z = output.array - output.array.max(axis=1, keepdims=True)
        _logp = _z - _np.log(_np.exp(_z).sum(axis=1, keepdims=True))
        return _Tensor(-_logp[_np.arange(len(_z)), target.array.astype(int)].mean())


class _Optimizer:
    def __init__(self, params, lr):
        self.params, self.lr = list(params), lr

    def zero_grad(self):
        for _p in self.params:
            _p.grad = None

    def step(self):
        for _p in self.params:
            if _p.grad is not None:
                _p.array = _p.array - self.lr * _p.grad.array

    def state_dict(self):
        return {"lr": self.lr}

    def load_state_dict(self, state):
        self.lr = state["lr"]


class _Device:
    def __init__(self, spec):
        self.type = spec.split(":")[0]

    def __str__(self):
        return self.type

    def __repr__(self):
        return f"device(type='{self.type}')"


class _MNIST:
    size = 1280  # 10 batches of 128 (MNIST has 60000)

    def __init__(self, root, train=True, download=False, transform=None):
        self.data = _rng.random((self.size, 1, 28, 28))
        self.targets = _rng.integers(0, 10, self.size)


class _DataLoader:
    def __init__(self, dataset, batch_size=1, shuffle=False, num_workers=0):
        self.dataset, self.batch_size, self.shuffle = dataset, batch_size, shuffle

    def __iter__(self):
        _order = (_rng.permutation(len(self.dataset.targets)) if self.shuffle
                  else _np.arange(len(self.dataset.targets)))
        for _i in range(0, len(_order), self.batch_size):
            _idx = _order[_i:_i + self.batch_size]
            yield _Tensor(self.dataset.data[_idx]), _Tensor(self.dataset.targets[_idx])


def _save(obj, path):
    with open(path, "wb") as _f:
        _pickle.dump(obj, _f)


def _load(path):
    with open(path, "rb") as _f:
        return _pickle.load(_f)


_torch = _types.ModuleType("torch")
_torch.Tensor, _torch.device, _torch.save, _torch.load = _Tensor, _Device, _save, _load
_torch.cuda = _types.SimpleNamespace(is_available=lambda: False)
_torch.manual_seed = lambda seed: None
_torch.max = lambda t, dim: (_Tensor(t.array.max(axis=dim)), _Tensor(t.array.argmax(axis=dim)))
_torch.sum = lambda t: _Tensor(t.array.sum())
_torch.nn = _types.ModuleType("torch.nn")
_torch.nn.Module, _torch.nn.Linear, _torch.nn.ReLU = _Module, _Linear, _ReLU
_torch.nn.Dropout, _torch.nn.Sequential = _Dropout, _Sequential
_torch.nn.CrossEntropyLoss = _CrossEntropyLoss
_torch.optim = _types.ModuleType("torch.optim")
_torch.optim.SGD = _torch.optim.Adam = _Optimizer
_torch.utils = _types.ModuleType("torch.utils")
_torch.utils.data = _types.ModuleType("torch.utils.data")
_torch.utils.data.DataLoader = _DataLoader
_torchvision = _types.ModuleType("torchvision")
_torchvision.datasets = _types.ModuleType("torchvision.datasets")
_torchvision.datasets.MNIST = _MNIST
_torchvision.transforms = _types.ModuleType("torchvision.transforms")
_torchvision.transforms.Compose = lambda transforms: transforms
_torchvision.transforms.ToTensor = lambda: "ToTensor()"
_torchvision.transforms.Normalize = lambda mean, std: f"Normalize(mean={mean}, std={std})"
_sys.modules.update({
    "torch": _torch, "torch.nn": _torch.nn, "torch.optim": _torch.optim,
    "torch.utils": _torch.utils, "torch.utils.data": _torch.utils.data,
    "torchvision": _torchvision, "torchvision.datasets": _torchvision.datasets,
    "torchvision.transforms": _torchvision.transforms})

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
