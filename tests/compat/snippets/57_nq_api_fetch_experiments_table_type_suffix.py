# Source: neptune-ai/neptune-query, docs/api_reference/fetch_experiments_table.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Example")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`.
#   `# fixture:` (seabird-1..4; config/batch_size is a float in seabird-4 and an int in the
#   others, as in the page's sample output) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _i, (_bs, _loss) in enumerate(((32, 0.205908), (32, 0.224408), (64, 0.123372),
                                   (64.0, 0.181736)), start=1):
    with Run(experiment_name=f"seabird-{_i}") as _r:
        _r.log_configs({"config/batch_size": _bs})
        _r.log_metrics({"loss": 1.0}, step=0)
        _r.log_metrics({"loss": _loss}, step=1)

import neptune_sys_widgets.query as nq


nq.fetch_experiments_table(
    experiments=["seabird-1", "seabird-2", "seabird-3", "seabird-4"],
    attributes=r"loss | batch_size",
    type_suffix_in_column_names=True,
)

# check:
df = nq.fetch_experiments_table(experiments=["seabird-1", "seabird-2", "seabird-3", "seabird-4"],
                                attributes=r"loss | batch_size", type_suffix_in_column_names=True)
assert list(df.columns) == ["config/batch_size:float", "config/batch_size:int",
                            "loss:float_series"], df.columns
assert sorted(df.index) == ["seabird-1", "seabird-2", "seabird-3", "seabird-4"]
assert df.loc["seabird-4", "config/batch_size:float"] == 64.0
assert df.loc["seabird-1", "loss:float_series"] == 0.205908
