# Source: neptune-ai/neptune-query, docs/api_reference/fetch_metrics.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Examples": tail_limit with point previews, and
#   with include_time="absolute" and type suffixes)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`.
#   `# fixture:` (seabird-4 with final points at steps 0-39 and preview points at 41-49, logged
#   with log_metrics(preview=True, preview_completion=...)) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

with Run(experiment_name="seabird-4") as _r:
    for _s in range(40):
        _r.log_metrics({"accuracy": 0.8 + _s / 1000, "loss": 0.2 - _s / 1000}, step=_s)
    for _s in range(41, 50):
        _r.log_metrics({"accuracy": 0.81, "loss": 0.18}, step=_s, preview=True,
                       preview_completion=_s / (_s + 8))

import neptune_sys_widgets.query as nq


nq.fetch_metrics(
    experiments=["seabird-4"],
    attributes=r"loss | acc",
    tail_limit=12,
    include_point_previews=True,
)

nq.fetch_metrics(
    experiments=["seabird-4"],
    attributes=r"loss",
    tail_limit=15,
    include_time="absolute",
    type_suffix_in_column_names=True,
    include_point_previews=True,
)

# check:
df = nq.fetch_metrics(experiments=["seabird-4"], attributes=r"loss | acc", tail_limit=12,
                      include_point_previews=True)
# (preview points are not stored by neptune_sys_widgets: README, "Differences from Neptune")
assert df.index.get_level_values("step").tolist() == [float(s) for s in range(28, 40)]
assert df[("accuracy", "is_preview")].tolist() == [False] * 12
df = nq.fetch_metrics(experiments=["seabird-4"], attributes=r"loss", tail_limit=15,
                      include_time="absolute", type_suffix_in_column_names=True,
                      include_point_previews=True)
assert sorted(df.columns) == [("loss:float_series", "absolute_time"),
                              ("loss:float_series", "is_preview"),
                              ("loss:float_series", "preview_completion"),
                              ("loss:float_series", "value")]
assert len(df) == 15
