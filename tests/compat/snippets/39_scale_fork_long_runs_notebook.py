# Source: neptune-ai/scale-examples, how-to-guides/forking-long-runs/fork_long_training_runs.ipynb
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d, code cell 15 ("Create a forked run"), and the
#   run setup of code cell 11 (Run(experiment_name=...), log_configs, add_tags)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. torch is not
#   installed: the model/optimizer lines and the train() loop are replaced by `# fixture:` lines
#   that log what train() logs (metrics/train/loss and epoch per step) and stand in for the
#   checkpoint dict that cell 13 loads (run_id, epoch, global_step). `# check:` added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/forking"  # fixture:

# fixture: the training parameters of cell 8 (without the torch device lookup)
params = {"batch_size": 256, "epochs": 15, "lr": 0.001, "num_layers": 20, "seed": 42,
          "device": "cpu"}

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

# fixture: what train(run, ...) logs, 4 epochs of 5 batches, then the epoch-3 checkpoint dict
_step = 0
for _epoch in range(4):
    for _batch in range(5):
        run.log_metrics(data={"metrics/train/loss": 2.0 / (_step + 1), "epoch": _epoch},
                        step=_step)
        _step += 1
checkpoint = {"run_id": run._run_id, "epoch": 3, "global_step": _step - 1}
run.close()
params = {"batch_size": 512, "epochs": 10, "lr": 0.0001, "num_layers": 20, "seed": 42,
          "device": "cpu"}

# Create a forked run
print(f"Forking run with ID: {checkpoint['run_id']}")

forked_run = Run(
    experiment_name="forking-single",  # Becomes new head of the experiment
    fork_run_id=checkpoint["run_id"],
    fork_step=checkpoint["global_step"],  # Fork from the step where the checkpoint was saved
)

# Log the forked configuration
forked_run.log_configs(
    {
        "config/batch_size": params["batch_size"],
        "config/epochs": params["epochs"],
        "config/lr": params["lr"],
        "config/num_layers": params["num_layers"],
        "config/seed": params["seed"],
    }
)

forked_run.add_tags(tags=["fork"])

# fixture: train(forked_run, ..., step_start=checkpoint["global_step"] + 1, forked=True)
for _s in range(checkpoint["global_step"] + 1, checkpoint["global_step"] + 6):
    forked_run.log_metrics(data={"metrics/train/loss": 0.05, "epoch": 3}, step=_s)
forked_run.close()

# check:
import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs

df = nq.fetch_metrics(experiments=["forking-single"], attributes=["metrics/train/loss"])
assert len(df) == 25, len(df)
tbl = nq_runs.fetch_runs_table(attributes=["sys/forking/parent", "sys/forking/depth",
                                           "sys/tags", "config/batch_size"])
child = tbl[tbl["sys/forking/depth"] == 1]
assert child["sys/forking/parent"].iloc[0] == checkpoint["run_id"]
assert child["config/batch_size"].iloc[0] == 512
