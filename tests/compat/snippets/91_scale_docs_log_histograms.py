# Source: https://docs.neptune.ai/run/log_histograms (neptune-scale docs, app version 3.20251215,
#   "log_histograms()": "Log a single histogram series per step" and "Log multiple histogram
#   series per step")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`,
#   `from neptune_scale.types import Histogram` -> `from neptune_sys_widgets.types import
#   Histogram`. `# fixture:` fills in `Run(...)`, the `epoch` the loops iterate and the
#   `Histogram(...)` placeholders; `# check:` block added.
from neptune_sys_widgets import Run
from neptune_sys_widgets.types import Histogram


run = Run(project="docs/histograms", run_id="docs-log-histograms")  # fixture: Run(...)
epoch = [1]  # fixture: the example logs at step=1

for step in epoch:
    # your training loop

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

epoch = range(2, 5)  # fixture: the steps of the second loop

for step in epoch:
    # your training loop

    my_histogram_1 = Histogram(
        bin_edges=[0, 1, 2, 3, 4],
        densities=[0.25, 0.25, 0.25, 0.25],
    )
    my_histogram_2 = Histogram(bin_edges=[0, 10, 20], counts=[step, 1])  # fixture: Histogram(...)
    my_histogram_3 = Histogram(bin_edges=[-1.0, 0.0, 1.0], densities=[0.5, 0.5])  # fixture: Histogram(...)

    run.log_histograms(
        histograms={
            "layers/1/activations": my_histogram_1,
            "layers/2/activations": my_histogram_2,
            "layers/3/activations": my_histogram_3,
        },
        step=step,
    )

# check: layer 1 has the counting histogram at step 1, then densities at 2-4
run.close()
import neptune_sys_widgets.query.runs as nq_runs

df = nq_runs.fetch_series(project="docs/histograms", runs=["docs-log-histograms"],
                          attributes=r"^layers/")
layer1 = df["layers/1/activations"]
assert [h.type for h in layer1] == ["COUNTING", "DENSITY", "DENSITY", "DENSITY"]
assert [s for _, s in df.index] == [1.0, 2.0, 3.0, 4.0]
assert df["layers/2/activations"].dropna().map(lambda h: h.values[0]).tolist() == [2, 3, 4]
