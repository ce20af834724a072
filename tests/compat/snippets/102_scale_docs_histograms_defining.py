# Source: https://docs.neptune.ai/histograms (neptune-scale docs, app version 3.20251215,
#   "Histograms in Neptune": "Defining a histogram" (NumPy counts and densities, custom values,
#   custom densities) and its "Bin edges" note: infinity is not a bin edge)
# Changed: `from neptune_scale.types import Histogram` -> `from neptune_sys_widgets.types import
#   Histogram`. `# check:` lines log each histogram to a run (`# fixture:` Run) and read them
#   back; the infinity note is checked with pytest.raises.
from neptune_sys_widgets.types import Histogram

from neptune_sys_widgets import Run  # fixture: a run to log the histograms to
run = Run(project="docs/histograms", run_id="defining")  # fixture:

import numpy as np


a = np.arange(5)
counts, bin_edges = np.histogram(a, density=False)
neptune_histogram = Histogram(bin_edges=bin_edges, counts=counts)
run.log_histograms({"numpy/counts": neptune_histogram}, step=0)  # check:

densities, bin_edges = np.histogram(a, density=True)
neptune_histogram = Histogram(bin_edges=bin_edges, densities=densities)
run.log_histograms({"numpy/densities": neptune_histogram}, step=0)  # check:

my_histogram = Histogram(
    bin_edges=[0, 1, 40, 89, 1000],
    counts=[5, 82, 44, 1],
)
run.log_histograms({"custom/counts": my_histogram}, step=0)  # check:

my_histogram = Histogram(
    bin_edges=[0, 1, 2, 3, 4],
    densities=[0.25, 0.25, 0.25, 0.25],
)
run.log_histograms({"custom/densities": my_histogram}, step=0)  # check:

# check: "Infinity values aren't supported as bin edges": refused, nothing logged
import pytest
with pytest.raises(ValueError):
    run.log_histograms({"custom/inf": Histogram(bin_edges=[0, 1, np.inf], counts=[1, 2])}, step=0)

# check: the four histograms, the densities' area 1
run.close()
import neptune_sys_widgets.query.runs as nq_runs

row = nq_runs.fetch_series(project="docs/histograms", runs=["defining"], attributes=r".*").loc[
    ("defining", 0.0)]
assert sorted(row.index) == ["custom/counts", "custom/densities", "numpy/counts",
                             "numpy/densities"]
assert row["custom/counts"].values == [5, 82, 44, 1]
for _name in ("custom/densities", "numpy/densities"):
    _h = row[_name]
    assert _h.type == "DENSITY"
    assert abs(sum(v * (e2 - e1) for v, e1, e2 in zip(_h.values, _h.edges, _h.edges[1:])) - 1) < 1e-9
