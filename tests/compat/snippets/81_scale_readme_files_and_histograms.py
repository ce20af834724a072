# Source: neptune-ai/neptune-client-scale, README.md @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0; "Example usage": lines 83-86 create an experiment, 116-121 "Upload files",
#   127-140 "Log series of histograms")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`,
#   `from neptune_scale.types import Histogram` -> `from neptune_sys_widgets.types import
#   Histogram`. `# fixture:` blocks give NEPTUNE_PROJECT (the README tells you to export it), the
#   two files assign_files uploads, the `epoch` the loop iterates and the `Histogram(...)`
#   placeholder's arguments; `# check:` block added.
import os

# fixture: the project, and the files the README uploads
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
with open("sample_data.csv", "w") as f:
    f.write("a,b\n1,2\n")
os.makedirs("input/images", exist_ok=True)
with open("input/images/img1.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)

from neptune_sys_widgets import Run


run = Run(experiment_name="MyExperimentName")

run.assign_files(
    {
        "dataset/data_sample": "sample_data.csv",
        "dataset/image_sample": "input/images/img1.png",
    }
)

from neptune_sys_widgets.types import Histogram

epoch = range(3)  # fixture: the steps of the training loop

for step in epoch:
    # your training loop

    my_histogram = Histogram(bin_edges=[0, 1, 2, 4], counts=[step, 2 * step, 3])  # fixture: the `...`

    run.log_histograms(
        histograms={
            "layers/1/activations": my_histogram
        },
        step=step,
    )

# check: both files and the three histograms, read back with neptune-query
run.close()
import neptune_sys_widgets.query as nq

table = nq.fetch_experiments_table(experiments=["MyExperimentName"], attributes=r"^dataset/")
assert sorted(table.columns) == ["dataset/data_sample", "dataset/image_sample"]
paths = nq.download_files(files=table, destination="out")
assert open(paths["dataset/data_sample"].iloc[0]).read() == "a,b\n1,2\n"
hists = nq.fetch_series(experiments=["MyExperimentName"], attributes=["layers/1/activations"])
assert [h.values for h in hists["layers/1/activations"]] == [[0, 0, 3], [1, 2, 3], [2, 4, 3]]
