# Source: neptune-ai/neptune-query, docs/api_reference/fetch_series.md @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a
#   (tag 1.11.0; "Examples": "File series", "Histogram series", "String series")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`. A `# fixture:`
#   logs what the sample outputs show (experiments seabird-4 and seabird-5 with a predictions/
#   image series, an activations histogram series and a journal string series, 50 steps) with
#   neptune-scale, and sets NEPTUNE_PROJECT; `# check:` blocks compare with the sample outputs.
import os

# fixture: the project and its two experiments
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run
from neptune_sys_widgets.types import File as _File, Histogram as _Histogram
for _name in ("seabird-4", "seabird-5"):
    with _Run(experiment_name=_name) as _run:
        for _step in range(50):
            _run.log_files({"predictions/val": _File(b"\x89PNG" + bytes([_step]) * 100,
                                                     mime_type="image/png")}, step=_step)
            _run.log_histograms({"activations": _Histogram(bin_edges=[0.0, 1.0, 2.0, 4.0, 8.0],
                                                           counts=[1, _step % 10, 7, 3])}, step=_step)
            _run.log_string_series({"journal": f"training my model, day {_step}"}, step=_step)

import neptune_sys_widgets.query as nq


files = nq.fetch_series(
    experiments=["seabird-4", "seabird-5"],
    attributes=r"^predictions/",
    step_range=(1.0, 3.0),
    include_time="absolute",
)

# check: two experiments x steps 1-3, with absolute_time and value sub-columns
print(files)
assert list(files.index) == [(e, s) for e in ("seabird-4", "seabird-5") for s in (1.0, 2.0, 3.0)]
assert sorted(files.columns.get_level_values(1).unique()) == ["absolute_time", "value"]
assert files[("predictions/val", "value")].iloc[0].mime_type == "image/png"

import neptune_sys_widgets.query as nq

hists = nq.fetch_series(
    experiments=["seabird-4"],
    attributes=["activations"],
    tail_limit=10,
)

# check: the last 10 steps, 40.0-49.0
print(hists)
assert [s for _, s in hists.index] == [float(s) for s in range(40, 50)]
assert hists["activations"].iloc[0].type == "COUNTING"
assert hists["activations"].iloc[0].edges == [0.0, 1.0, 2.0, 4.0, 8.0]

import neptune_sys_widgets.query as nq


journal = nq.fetch_series(
    experiments=["seabird-4"],
    attributes=["journal"],
)

# check: the whole text series
print(journal)
assert len(journal) == 50 and journal["journal"].iloc[47] == "training my model, day 47"
