# Source: neptune-ai/scale-examples, how-to-guides/forking-long-runs/fork_long_training_runs.ipynb
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in 3dd3832fa9c3, 2025-07-11), code
#   cells 8 (the training code: SimpleModel, save/load_checkpoint, train() logging loss and
#   epoch per step and closing the run, params, the MNIST loader), 11 ("Step 1: Create initial
#   base experiment") and 19 ("Advanced: Launch multiple forks from a single parent": three
#   forks of the epoch-3 checkpoint trained in parallel threads, each a `with Run(...)` block
#   whose train() closes the run before get_run_url()), in that order; cells are numbered from
#   0 among all the notebook's cells, as in snippet 39
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run` (in each
#   cell). torch and torchvision are not installed: a `# fixture:` before the cells registers
#   numpy stand-ins for the modules they import (nn.Module/Linear/ReLU/Sequential, state_dict(),
#   CrossEntropyLoss, optim.Adam, torch.save/load as pickle, DataLoader, and an MNIST of random
#   images: 4 batches of 256 instead of 235), so the cells' own lines stay as they are;
#   NEPTUNE_PROJECT is set as cell 4's commented-out `%env` line would. `# check:` block
#   added (neptune-query).
# fixture: numpy stand-ins for the parts of torch and torchvision the cells use, registered as
#   modules before their imports (MNIST: random images of the real shape)
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
    size = 1024  # 4 batches of 256 (MNIST has 60000)

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

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/forking"  # fixture

import torch
import torch.nn as nn
import torch.optim as optim
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


# Function to save the checkpoint
import os


def save_checkpoint(epoch, global_step, model, optimizer, run):
    # Function saves the checkpoint locally
    checkpoint_dir = "./checkpoints"

    # Create checkpoint directory if it doesn't exist
    os.makedirs(checkpoint_dir, exist_ok=True)
    checkpoint_path = os.path.join(checkpoint_dir, f"checkpoint_epoch_{epoch}.pth")
    torch.save(
        {
            "run_id": run._run_id,
            "epoch": epoch,
            "global_step": global_step,
            "model_state_dict": model.state_dict(),
            "optimizer_state_dict": optimizer.state_dict(),
        },
        checkpoint_path,
    )
    print(f"Checkpoint saved at epoch {epoch}")


# Function to load the checkpoint
def load_checkpoint(model, optimizer, checkpoint_path):
    checkpoint = torch.load(checkpoint_path)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    epoch = checkpoint["epoch"]
    global_step = checkpoint["global_step"]
    print(
        f"Checkpoint created by experiment ID {checkpoint['run_id']}, loaded from step {global_step}, epoch {epoch}"
    )
    return checkpoint


# Define a generic training loop with Neptue logging
from neptune_sys_widgets import Run

def train(
    run: Run,
    model: nn.Module,
    params,
    train_loader,
    optimizer,
    epoch_start=0,
    step_start=0,
    forked=False,
):
    criterion = nn.CrossEntropyLoss()

    # Training loop
    step_counter = step_start
    for epoch in range(epoch_start, epoch_start + params["epochs"]):
        model.train()
        running_loss = 0.0
        for batch_idx, (data, target) in enumerate(train_loader):
            # Move data to device
            data, target = data.to(params["device"]), target.to(params["device"])
            data = data.view(data.size(0), -1)  # Flatten the images

            optimizer.zero_grad()
            output = model(data)
            loss = criterion(output, target)
            loss.backward()
            optimizer.step()

            batch_loss = loss.item()

            running_loss += batch_loss

            run.log_metrics(
                data={
                    "metrics/train/loss": batch_loss,
                    "epoch": epoch,
                },
                step=step_counter,
            )
            step_counter += 1

        # Save checkpoint after each epoch
        if not forked:
            save_checkpoint(epoch, step_counter, model, optimizer, run)

    run.close()


# Training parameters
params = {
    "batch_size": 256,
    "epochs": 15,
    "lr": 0.001,
    "num_layers": 20,  # Configurable number of layers
    "seed": 42,
    "device": "cuda" if torch.cuda.is_available() else "cpu",
}

# Data transformations
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
train_dataset = datasets.MNIST("./data", train=True, download=True, transform=transform)
train_loader = DataLoader(train_dataset, batch_size=params["batch_size"], shuffle=False)

# Make experiments reproducible
torch.manual_seed(params["seed"])


from neptune_sys_widgets import Run

run = Run(
    experiment_name="forking-example-initial",  # Create a run that is the head of an experiment
)

run.log_configs(
    {
        "config/batch_size": params["batch_size"],
        "config/epochs": params["epochs"],
        "config/lr": params["lr"],
        "config/num_layers": params["num_layers"],
        "config/seed": params["seed"],
    }
)

run.add_tags(tags=["forking"])

# Initialize model andoptimizer
model = SimpleModel(num_layers=params["num_layers"]).to(params["device"])
optimizer = optim.Adam(model.parameters(), lr=params["lr"])

# Execute training loop for initial experiment
train(run, model, params, train_loader, optimizer)


from concurrent.futures import ThreadPoolExecutor, as_completed
from neptune_sys_widgets import Run


def run_single_experiment_fork(params, train_loader):
    """Function to run a single experiment"""

    # Create a fresh model instance for this experiment
    model = SimpleModel(num_layers=20).to(params["device"])
    optimizer = optim.Adam(model.parameters(), lr=params["lr"])

    # Load the checkpoint into this fresh model
    checkpoint_data = torch.load(f"./checkpoints/checkpoint_epoch_{3}.pth")
    model.load_state_dict(checkpoint_data["model_state_dict"])
    # optimizer.load_state_dict(checkpoint_data['optimizer_state_dict'])

    with Run(
        experiment_name=f"forking-parallel-lr={params['lr']}-bs={params['batch_size']}",
        fork_run_id=checkpoint_data["run_id"],
        fork_step=checkpoint_data["global_step"],
    ) as run:

        run.add_tags(["parallel", "forked"])
        run.log_configs(
            {
                "config/batch_size": params["batch_size"],
                "config/epochs": params["epochs"],
                "config/lr": params["lr"],
            }
        )

        print("Training forked run")
        # Your training code here
        train(
            run,
            model,
            params,
            train_loader,
            optimizer,
            step_start=checkpoint_data["global_step"] + 1,
            epoch_start=checkpoint_data["epoch"],
            forked=True,
        )

        return run.get_run_url()


# Launch multiple runs in parallel
trial_configs = [
    {"lr": 0.001, "batch_size": 256, "epochs": 10, "device": "cpu"},
    {"lr": 0.0001, "batch_size": 256, "epochs": 10, "device": "cpu"},
    {"lr": 0.00001, "batch_size": 256, "epochs": 10, "device": "cpu"},
]

with ThreadPoolExecutor(max_workers=3) as executor:
    # Submit all experiments
    futures = [
        executor.submit(run_single_experiment_fork, config, train_loader) for config in trial_configs
    ]

    # Wait for all to complete
    for future in as_completed(futures):
        try:
            future.result()  # This will raise any exceptions
        except Exception as e:
            print(f"Experiment failed: {e}")

print("All experiments completed!")


# check: the base run (15 epochs of 4 steps, a checkpoint per epoch) and its three forks at the
#   epoch-3 checkpoint's step 16 (the base run's first step of epoch 4), each logging 10 epochs
#   from step 17 on, numbered from epoch 3 again; read with and without lineage
import neptune_sys_widgets.query as nq

assert sorted(_os.listdir("checkpoints")) == sorted(f"checkpoint_epoch_{_e}.pth"
                                                    for _e in range(15))
_base = nq.fetch_metrics(experiments=["forking-example-initial"], attributes="metrics/train/loss")
assert _base.index.get_level_values("step").tolist() == [float(_s) for _s in range(60)]
_forks = nq.list_experiments(experiments=r"^forking-parallel")
assert sorted(_forks) == ["forking-parallel-lr=0.0001-bs=256", "forking-parallel-lr=0.001-bs=256",
                          "forking-parallel-lr=1e-05-bs=256"], _forks
_table = nq.fetch_experiments_table(experiments=_forks,
                                    attributes=r"^config/lr$|^sys/forking/|^sys/tags$")
assert set(_table["sys/forking/parent"]) == {run._run_id}, _table
assert set(_table["sys/forking/step"]) == {16.0}, _table
assert sorted(_table["config/lr"]) == [0.00001, 0.0001, 0.001]
assert all(_tags == {"forking", "parallel", "forked"} for _tags in _table["sys/tags"])  # inherited
for _name in _forks:
    _lineage = nq.fetch_metrics(experiments=[_name], attributes=r"^metrics/train/loss$|^epoch$")
    assert _lineage.index.get_level_values("step").tolist() == [float(_s) for _s in range(57)]
    assert _lineage["epoch"].tolist()[16:] == [4.0] + [float(3 + _s // 4) for _s in range(40)]
    _own = nq.fetch_metrics(experiments=[_name], attributes="metrics/train/loss",
                            lineage_to_the_root=False)
    assert _own.index.get_level_values("step").tolist() == [float(_s) for _s in range(17, 57)]
