# Source: neptune-ai/neptune-query, docs/api_reference/runs/fetch_series.md @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a
#   (tag 1.11.0; "Examples": file, histogram and string series of runs)
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`. A `# fixture:` logs what the sample outputs show (run prompt-wolf-... with a
#   predictions/ image series, run nano-terminal-... with an activations histogram series and a
#   journal string series, 50 steps) with neptune-scale, and sets NEPTUNE_PROJECT; `# check:`
#   blocks compare with the sample outputs.
import os

# fixture: the project and its two runs
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run
from neptune_sys_widgets.types import Histogram as _Histogram
with _Run(run_id="prompt-wolf-202506051321-2g2r1") as _run:
    for _step in range(5):
        _run.log_files({"predictions/sample": b"\x89PNG\r\n\x1a\n" + bytes([_step]) * 64},
                       step=_step)
with _Run(run_id="nano-terminal-20250829091720668-xga60") as _run:
    for _step in range(50):
        _run.log_histograms({"activations": _Histogram(bin_edges=[0.0, 1.0, 2.0, 4.0, 8.0],
                                                       counts=[1, 7, 4, _step % 9])}, step=_step)
        _run.log_string_series({"journal": f"training my model, day {_step}"}, step=_step)

import neptune_sys_widgets.query.runs as nq_runs


files = nq_runs.fetch_series(
    runs=["prompt-wolf-202506051321-2g2r1"],
    attributes=r"^predictions/",
    step_range=(1.0, 3.0),
    include_time="absolute",
)

# check: steps 1-3, each a File with its size and mime type, and the time it was logged
print(files)
assert [s for _, s in files.index] == [1.0, 2.0, 3.0]
_value = files[("predictions/sample", "value")].iloc[0]
assert (_value.size_bytes, _value.mime_type) == (72, "image/png")
assert files.index.names == ["run", "step"]
assert str(files[("predictions/sample", "absolute_time")].dtype).startswith("datetime64")

import neptune_sys_widgets.query.runs as nq_runs


hists = nq_runs.fetch_series(
    runs=["nano-terminal-20250829091720668-xga60"],
    attributes="activations",
    tail_limit=10,
)

# check: the last 10 steps, 40.0-49.0
print(hists)
assert [s for _, s in hists.index] == [float(s) for s in range(40, 50)]
assert hists["activations"].iloc[-1].values == [1, 7, 4, 49 % 9]

import neptune_sys_widgets.query.runs as nq_runs


journal = nq_runs.fetch_series(
    runs=["nano-terminal-20250829091720668-xga60"],
    attributes="journal",
)

# check: the whole text series
print(journal)
assert len(journal) == 50 and journal["journal"].iloc[0] == "training my model, day 0"
