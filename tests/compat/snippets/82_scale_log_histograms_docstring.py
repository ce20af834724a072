# Source: neptune-ai/neptune-client-scale, src/neptune_scale/api/run.py @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0), docstring of Run.log_histograms(), lines 840-856
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`,
#   `from neptune_scale.types import Histogram` -> `from neptune_sys_widgets.types import
#   Histogram`. The `Run(...)` placeholder is filled in (`# fixture:`); `# check:` added.
from neptune_sys_widgets import Run
from neptune_sys_widgets.types import Histogram


run = Run(project="docs/histograms", run_id="hist-docstring")  # fixture: Run(...)

# for step in iteration
my_histogram = Histogram(
    bin_edges=[0, 1, 40, 89, 1000],
    counts=[5, 82, 44, 1],
)
run.log_histograms(
    histograms={
        "layers/1/activations": my_histogram
    },
    step=1,
)

# check: the histogram is read back at step 1 through neptune-query's runs API
run.close()
import neptune_sys_widgets.query.runs as nq_runs

df = nq_runs.fetch_series(project="docs/histograms", runs=["hist-docstring"],
                          attributes=["layers/1/activations"])
h = df["layers/1/activations"].loc[("hist-docstring", 1.0)]
assert (h.type, h.edges, h.values) == ("COUNTING", [0, 1, 40, 89, 1000], [5, 82, 44, 1])
