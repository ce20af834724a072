# Source: neptune-ai/neptune-client-scale, README.md @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   ("Example usage": create an experiment, log_configs, log_metrics in a loop, add_tags, close)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. Left out:
#   assign_files / log_histograms (file upload, histograms) and the group-tags block (as
#   printed it lacks a comma after `tags=[...]`, a syntax error). `# fixture:` NEPTUNE_PROJECT
#   (the README tells you to export it) and `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture:

from neptune_sys_widgets import Run


run = Run(experiment_name="MyExperimentName")

run.log_configs(
    {
        "learning_rate": 0.001,
        "batch_size": 64,
    }
)

# inside a loop
for step in range(100):
    run.log_metrics(
        data={"acc": 0.89, "loss": 0.17},
        step=step,
    )

run.add_tags(tags=["testing", "data v1.0"])

run.close()

# check:
import neptune_sys_widgets.query as nq

df = nq.fetch_metrics(experiments=["MyExperimentName"], attributes=["acc", "loss"])
assert len(df) == 100 and df["loss"].iloc[-1] == 0.17
table = nq.fetch_experiments_table(experiments=["MyExperimentName"],
                                   attributes=["learning_rate", "batch_size", "sys/tags"])
assert table["batch_size"].iloc[0] == 64
assert nq.list_experiments() == ["MyExperimentName"]
