# Source: neptune-ai/scale-examples,
#   how-to-guides/debug-model-training-runs/scripts/debug_training_runs.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in f3bae1a014a3, 2025-06-06; whole
#   file: the "debug model training runs" how-to, which logs the L2 norm of every layer's
#   gradients next to the loss at each step, to an experiment's head run)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. torch and
#   torchvision are not installed: a `# fixture:` before the file registers numpy stand-ins for
#   the modules it imports (nn.Module with named_parameters(), Linear/ReLU/Sequential, gradients
#   set by backward(), CrossEntropyLoss, optim.Adam, DataLoader, and an MNIST of random images:
#   2 batches of 512 instead of 118), so the file's own lines stay as they are; NEPTUNE_PROJECT
#   is set as the script expects. `# check:` block added (neptune-query).
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
    size = 1024  # 2 batches of 512 (MNIST has 60000)

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

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/debugging"  # fixture

import torch
import torch.nn as nn
import torch.optim as optim
from neptune_sys_widgets import Run
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class SimpleModel(nn.Module):
    def __init__(
        self,
        input_size: int = 784,
        hidden_size: int = 128,
        output_size: int = 10,
        num_layers: int = 10,
    ):
        super().__init__()

        layers = [nn.Linear(input_size, hidden_size), nn.ReLU()]

        for _ in range(num_layers):
            layers.append(nn.Linear(hidden_size, hidden_size))
            layers.append(nn.ReLU())

        layers.append(nn.Linear(hidden_size, output_size))

        # Combine all layers into a sequential model
        self.model = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x)

    def get_gradient_norms(self) -> dict:
        """
        Calculate the L2 norm of gradients for each layer.

        Returns:
            dict: Dictionary containing gradient norms for each layer
        """
        gradient_norms = {}

        # Iterate through all named parameters
        for name, param in self.named_parameters():
            if param.grad is not None:
                # Calculate L2 norm of gradients
                norm = param.grad.norm(2).item()
                # Store in dictionary with a descriptive key
                gradient_norms[f"debug/L2_grad_norm/{name}"] = norm

        return gradient_norms


def main():

    # Training parameters
    params = {
        "batch_size": 512,
        "epochs": 10,
        "lr": 0.001,
        "num_layers": 20,  # Configurable number of layers
    }

    # Data transformations
    transform = transforms.Compose(
        [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]
    )

    # Load MNIST dataset
    train_dataset = datasets.MNIST("./data", train=True, download=True, transform=transform)

    train_loader = DataLoader(train_dataset, batch_size=params["batch_size"], shuffle=True)

    device = "cuda" if torch.cuda.is_available() else "cpu"
    # Initialize model, loss function, and optimizer
    model = SimpleModel(num_layers=params["num_layers"]).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=params["lr"])

    # Step 1: Initialize Neptune Run object
    run = Run(
        experiment_name="debugging-gradient-norms",  # Create a run that is the head of an experiment.
    )

    print(run.get_experiment_url())

    # Step 2: Log configuration parameters
    run.log_configs(
        {
            "config/batch_size": params["batch_size"],
            "config/epochs": params["epochs"],
            "config/lr": params["lr"],
        }
    )

    run.add_tags(tags=["debug", "gradient-norm"])

    print(f"See configuration parameters:\n{run.get_experiment_url() + '&detailsTab=metadata'}")

    # Step 3: Track gradient norms during training
    step_counter = 0
    for epoch in range(params["epochs"]):
        model.train()

        for batch_idx, (data, target) in enumerate(train_loader):
            # Move data to device
            data, target = data.to(device), target.to(device)
            data = data.view(data.size(0), -1)  # Flatten the images

            optimizer.zero_grad()
            output = model(data)
            loss = criterion(output, target)
            loss.backward()
            optimizer.step()

            gradient_norms = model.get_gradient_norms()
            batch_loss = loss.item()

            run.log_metrics(
                data={
                    "metrics/train/loss": batch_loss,
                    "epoch": epoch,
                    **gradient_norms,
                },
                step=step_counter,
            )
            step_counter += 1

    run.close()

    # Step 4: Analyze training behavior
    # While your model trains, use Neptune's web interface to monitor and analyze metrics in near real-time:
    # 1. Real-time metric visualization
    # 2. Advanced metric filtering
    # 3. Create custom charts and dashboards
    # 4. Dynamic metric analysis


if __name__ == "__main__":
    main()

# check: 22 linear layers' weight and bias norms at each of the 20 steps, beside the loss and
#   the epoch, and the configs and tags of the experiment
import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import AttributeFilter

_norms = nq.list_attributes(experiments=["debugging-gradient-norms"],
                            attributes=AttributeFilter(name=r"^debug/L2_grad_norm/",
                                                       type="float_series"))
assert sorted(_norms) == sorted(f"debug/L2_grad_norm/model.{2 * _i}.{_p}" for _i in range(22)
                                for _p in ("weight", "bias")), _norms
_metrics = nq.fetch_metrics(experiments=["debugging-gradient-norms"],
                            attributes=r"^debug/L2_grad_norm/model\.42\.|^metrics/|^epoch$")
assert _metrics.index.get_level_values("step").tolist() == [float(_s) for _s in range(20)]
assert _metrics["epoch"].tolist() == [float(_s // 2) for _s in range(20)]
assert (_metrics["metrics/train/loss"] > 0).all()
assert (_metrics["debug/L2_grad_norm/model.42.weight"] > 0).all()
_table = nq.fetch_experiments_table(experiments=["debugging-gradient-norms"],
                                    attributes=r"^config/|^sys/tags$")
assert _table.iloc[0].to_dict() == {"config/batch_size": 512, "config/epochs": 10,
                                    "config/lr": 0.001,
                                    "sys/tags": {"debug", "gradient-norm"}}, _table.iloc[0]
