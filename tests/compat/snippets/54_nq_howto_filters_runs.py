# Source: neptune-ai/neptune-query, docs/how_to_construct_filters.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Specifying runs": exact run IDs, regular
#   expression, Filter object; "Runs of a specific experiment")
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`; `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters
#   import ...`. `# fixture:` (runs with the page's IDs) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _rid, _exp, _loss in (("spurious-kittiwake_025c425", "kittiwake-week-1", 0.05),
                          ("cunning-kittiwake_x56jjh2", "kittiwake-week-1", 0.3),
                          ("bold-seagull_a1b2c3d", "seagull-week-1", 0.01),
                          ("lazy-kittiwake_9z9z9z9", None, 0.5)):
    with Run(run_id=_rid, experiment_name=_exp) as _r:
        _r.log_metrics({"val/loss": _loss}, step=0)

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.list_runs(runs=["spurious-kittiwake_025c425", "cunning-kittiwake_x56jjh2"])

# check:
assert sorted(nq_runs.list_runs(runs=["spurious-kittiwake_025c425", "cunning-kittiwake_x56jjh2"])) == [
    "cunning-kittiwake_x56jjh2", "spurious-kittiwake_025c425"]

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.list_runs(runs=r"^\w+-kittiwake_")

# check:
assert sorted(nq_runs.list_runs(runs=r"^\w+-kittiwake_")) == [
    "cunning-kittiwake_x56jjh2", "lazy-kittiwake_9z9z9z9", "spurious-kittiwake_025c425"]

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


low_loss = Filter.lt("val/loss", 0.1)
nq_runs.list_runs(runs=low_loss)

# check:
assert sorted(nq_runs.list_runs(runs=low_loss)) == ["bold-seagull_a1b2c3d",
                                                    "spurious-kittiwake_025c425"]

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.list_runs(runs=Filter.eq("sys/experiment/name", "kittiwake-week-1"))

# check:
assert sorted(nq_runs.list_runs(runs=Filter.eq("sys/experiment/name", "kittiwake-week-1"))) == [
    "cunning-kittiwake_x56jjh2", "spurious-kittiwake_025c425"]
