# Source: neptune-ai/examples,
#   how-to-guides/restart-run-from-checkpoint/scripts/neptune_restart_run_from_checkpoint.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (last changed in 8a49b0efd3e2, 2024-07-11), lines
#   1, 7, 10-18, 35-54
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; `from neptune.utils
#   import stringify_unsupported` -> `from neptune_sys_widgets.utils import
#   stringify_unsupported`. Left out, torch and torchvision not being installed: lines 2-6 and
#   8-9 (their imports), 19-34 (save_checkpoint(), typed with torch classes and called only by
#   the training loop) and 55-123 (the model, CIFAR10 and the resumed training loop). A
#   `# fixture:` stands in for `torch.load` (line 8: the checkpoints are pickled dicts) and does
#   what run_examples.sh and neptune_save_checkpoints.py (the same folder) did before this
#   script: exports NEPTUNE_CUSTOM_RUN_ID, and logs to the run of that custom id the
#   hyperparameters with stringify_unsupported (a torch.device stood in for by an object whose
#   str() is "cpu"), batch metrics and a checkpoint every ckpt_frequency=5 epochs of an
#   11-epoch session, each uploaded from `checkpoint-<epoch>-<loss>.pth` to
#   `checkpoints/epoch_<epoch>`. `# check:` block added.
import neptune_sys_widgets as neptune
from neptune_sys_widgets.utils import stringify_unsupported

# fixture: run_examples.sh's export, torch.load, and the run neptune_save_checkpoints.py left
import os as _os
import pickle as _pickle
_os.environ["NEPTUNE_CUSTOM_RUN_ID"] = "20240711135951" + "1720699191123456789"


def torch_load(path):  # stands in for `from torch import load as torch_load` (line 8)
    with open(path, "rb") as f:
        return _pickle.load(f)


class _Device:  # what torch.device("cpu") stringifies to
    def __str__(self):
        return "cpu"


_saved = neptune.init_run(project="common/showroom")
_saved["parameters"] = stringify_unsupported({
    "lr": 1e-2, "batch_size": 128, "input_size": 32 * 32 * 3, "n_classes": 10,
    "device": _Device(), "num_epochs": 11, "ckpt_frequency": 5})
for _epoch in range(11):
    for _i in range(3):
        _saved["metrics"]["batch/loss"].append(2.3 - 0.1 * _epoch - 0.01 * _i)
        _saved["metrics"]["batch/acc"].append(0.1 + 0.05 * _epoch)
    if _epoch % 5 == 0:
        _loss = 2.3 - 0.1 * _epoch - 0.02
        _name = f"checkpoint-{_epoch}-{_loss:.2f}.pth"
        with open(_name, "wb") as _f:
            _pickle.dump({"model_state_dict": {"seq_model.0.weight": [_epoch] * 4},
                          "optimizer_state_dict": {"state": {}, "param_groups": [{"lr": 1e-2}]},
                          "epoch": _epoch, "loss": _loss}, _f)
        _saved[f"checkpoints/epoch_{_epoch}"].upload(_name)
_saved_id = _saved["sys/id"].fetch()
_saved.stop()
for _name in _os.listdir("."):
    if _name.endswith(".pth"):
        _os.remove(_name)


# (Neptune) Fetch and load checkpoints
def load_checkpoint(run: neptune.Run, epoch: int):
    checkpoint_name = f"epoch_{epoch}"
    ext = run["checkpoints"][checkpoint_name].fetch_extension()
    run["checkpoints"][checkpoint_name].download()  # Download the checkpoint
    checkpoint = torch_load(f"{checkpoint_name}.{ext}")  # Load the checkpoint
    return checkpoint


# (Neptune) Initialize existing run
run = neptune.init_run(
    project="common/showroom",  # Replace with your own
    # with_id="SAN-111", # Replace with your run id
)

# (Neptune) Fetch hyperparameters
parameters = run["parameters"].fetch()
parameters["num_epochs"] = 2
run["parameters"] = stringify_unsupported(parameters)

# (Neptune) Fetch and load checkpoint
checkpoints = run.get_structure()["checkpoints"]
epochs = [
    int(checkpoint.split("_")[-1]) for checkpoint in checkpoints
]  # Fetch the epochs of the checkpoints
epochs.sort()  # Sort the epochs
epoch = epochs[-1]  # Fetch the last epoch
checkpoint = load_checkpoint(run, epoch)  # Load the checkpoint

# check: the custom run id joined the run the first script logged to; the hyperparameters
#   came back with their types (the device as the string it was stringified to) and were
#   written back with num_epochs changed; the latest checkpoint by epoch number (10, not the
#   lexically last "epoch_5") was downloaded as epoch_10.pth and loaded; the batch series go on
assert run["sys/id"].fetch() == _saved_id
assert sorted(checkpoints) == ["epoch_0", "epoch_10", "epoch_5"], checkpoints
assert epoch == 10 and checkpoint["epoch"] == 10, checkpoint
assert checkpoint["model_state_dict"]["seq_model.0.weight"] == [10] * 4
assert _os.path.exists("epoch_10.pth")
assert parameters == {"lr": 1e-2, "batch_size": 128, "input_size": 3072, "n_classes": 10,
                      "device": "cpu", "num_epochs": 2, "ckpt_frequency": 5}, parameters
assert run["parameters/num_epochs"].fetch() == 2
assert run["parameters/device"].fetch() == "cpu"
assert isinstance(run["parameters/batch_size"].fetch(), int)
assert isinstance(run["parameters/lr"].fetch(), float)
run["metrics"]["batch/loss"].append(1.2)
run.wait()
_loss = run["metrics/batch/loss"].fetch_values()
assert len(_loss) == 34 and _loss["value"].iloc[-1] == 1.2, _loss
assert _loss["step"].tolist() == [float(_i) for _i in range(34)], _loss
run.stop()
