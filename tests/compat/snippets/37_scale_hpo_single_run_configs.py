# Source: neptune-ai/scale-examples, how-to-guides/hpo/scripts/neptune_hpo_single_run.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d, lines 1, 6, 10-20, 70-93, 131
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. torch,
#   torchvision and tqdm are not installed: the model, the MNIST loader and the per-batch loop
#   (lines 95-129) are left out; `# fixture:` stand-ins give `torch.device`/`torch.cuda` (the
#   config holds a torch.device, which cast_unsupported=True must turn into a string) and
#   pass-through tqdm/trange; NEPTUNE_PROJECT is set as the script expects. `# check:` added.
import math
import os
import types

os.environ["NEPTUNE_PROJECT"] = "team-alpha/hpo"  # fixture:


# fixture: minimal stand-ins for torch.device / torch.cuda and tqdm
class _Device:
    def __init__(self, spec):
        self.type = spec.split(":")[0]

    def __repr__(self):
        return f"device(type='{self.type}')"


torch = types.SimpleNamespace(device=_Device, cuda=types.SimpleNamespace(is_available=lambda: False))


def tqdm(iterable, **kwargs):
    return iterable


def trange(n, **kwargs):
    return range(n)


from neptune_sys_widgets import Run

parameters = {
    "batch_size": 128,
    "input_size": (1, 28, 28),
    "n_classes": 10,
    "epochs": 3,
    "device": torch.device("cuda:0" if torch.cuda.is_available() else "cpu"),
}

input_size = math.prod(parameters["input_size"])

learning_rates = [0.025, 0.05, 0.075]  # learning rate choices

if __name__ == "__main__":
    run = Run()

    run.add_tags(["all-trials", "script"])

    run.log_configs({"config": parameters}, flatten=True, cast_unsupported=True)

    for trial, lr in tqdm(
        enumerate(learning_rates),
        total=len(learning_rates),
        desc="Trials",
    ):
        # Log trial hyperparameters
        run.log_configs({f"trials/{trial}/parameters/lr": lr})

        # Initialize fields for best values across all trials
        best_acc = None

        step = 0

        for epoch in trange(parameters["epochs"], desc=f"Trial {trial} - lr: {lr}"):
            run.log_metrics(data={f"trials/{trial}/epochs": epoch}, step=epoch)

    run.close()

    # check:
    import neptune_sys_widgets.query.runs as nq_runs

    df = nq_runs.fetch_runs_table(attributes=r"^config/|^trials/")
    row = df.iloc[0]
    assert row["config/batch_size"] == 128 and row["config/epochs"] == 3
    assert row["config/device"] == "device(type='cpu')", row["config/device"]
    assert row["config/input_size"] == "(1, 28, 28)", row["config/input_size"]
    assert row["trials/2/parameters/lr"] == 0.075
    m = nq_runs.fetch_metrics(attributes=r"^trials/1/epochs$")
    assert m["trials/1/epochs"].tolist() == [0.0, 1.0, 2.0]
