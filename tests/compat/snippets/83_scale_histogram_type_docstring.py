# Source: neptune-ai/neptune-client-scale, src/neptune_scale/types.py @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0), docstring of class Histogram, lines 84-104 (both examples)
# Changed: `from neptune_scale.types import Histogram` -> `from neptune_sys_widgets.types import
#   Histogram`. `# check:` blocks log each histogram to a run (`# fixture:` Run) and read them back.
from neptune_sys_widgets.types import Histogram


neptune_histogram = Histogram(bin_edges=[0, 1, 10, 1000], counts=[135, 289, 45])

# check: logged at step 0
from neptune_sys_widgets import Run  # fixture: a run to log to
run = Run(project="docs/histograms", run_id="hist-types")  # fixture:
run.log_histograms({"h/plain": neptune_histogram}, step=0)  # check:

import numpy as np


a = np.arange(5)

# Using sample count per bin
counts, bin_edges = np.histogram(a, density=False)
neptune_histogram = Histogram(bin_edges=bin_edges, counts=counts)
run.log_histograms({"h/numpy_counts": neptune_histogram}, step=0)  # check:

# Using density values
densities, bin_edges = np.histogram(a, density=True)
neptune_histogram = Histogram(bin_edges=bin_edges, densities=densities)
run.log_histograms({"h/numpy_densities": neptune_histogram}, step=0)  # check:

# check: numpy arrays come back as lists, counts as COUNTING and densities as DENSITY
run.close()
import neptune_sys_widgets.query.runs as nq_runs

df = nq_runs.fetch_series(project="docs/histograms", runs=["hist-types"], attributes=r"^h/")
row = df.loc[("hist-types", 0.0)]
assert row["h/plain"].values == [135, 289, 45]
assert row["h/numpy_counts"].type == "COUNTING"
assert row["h/numpy_counts"].edges == bin_edges.tolist()
assert row["h/numpy_counts"].values == np.histogram(a)[0].tolist()
assert row["h/numpy_densities"].type == "DENSITY"
assert np.allclose(row["h/numpy_densities"].values, densities)
