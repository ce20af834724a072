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
import numpy_torch_standins as _standins  # fixture

_standins.install(mnist_size=1024)  # fixture: 4 batches of 256 (MNIST has 60000)

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
