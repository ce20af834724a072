"""Numpy stand-ins for the parts of torch and torchvision that scale-examples' training
scripts use (snippets 148, 156, 157): neither is installed here. ``install(mnist_size)``
registers them as modules before a snippet's own imports; MNIST gives random images of the
real shape, ``mnist_size`` of them. Not Neptune code: a fixture the snippets share."""

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
    size = 1280  # images (MNIST has 60000): install(mnist_size=) sets it

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


def install(mnist_size: int) -> None:
    """Register the stand-ins as torch and torchvision, with an MNIST of ``mnist_size``."""
    _MNIST.size = mnist_size
    _sys.modules.update({
        "torch": _torch, "torch.nn": _torch.nn, "torch.optim": _torch.optim,
        "torch.utils": _torch.utils, "torch.utils.data": _torch.utils.data,
        "torchvision": _torchvision, "torchvision.datasets": _torchvision.datasets,
        "torchvision.transforms": _torchvision.transforms})
