# Source: neptune-ai/neptune-query, docs/how_to_construct_filters.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Specifying experiments": exact names, regular
#   expression, attribute criterion, joined filters)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (experiments, owner "sigurd" via NEPTUNE_SYS_OWNER) and `# check:`
#   blocks (repeating each call) added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _owner, _name, _loss in (("sigurd", "kittiwake_week-1", 0.05), ("sigurd", "kittiwake_week-2", 0.2),
                             ("vidar", "kittiwake_week-10", 0.01), ("sigurd", "seagull_week-1", 0.09)):
    os.environ["NEPTUNE_SYS_OWNER"] = _owner
    with Run(experiment_name=_name) as _r:
        _r.log_metrics({"val/loss": 0.5}, step=0)
        _r.log_metrics({"val/loss": _loss}, step=1)

import neptune_sys_widgets.query as nq


nq.list_experiments(experiments=["kittiwake_week-1", "kittiwake_week-2"])

# check:
assert sorted(nq.list_experiments(experiments=["kittiwake_week-1", "kittiwake_week-2"])) == [
    "kittiwake_week-1", "kittiwake_week-2"]

import neptune_sys_widgets.query as nq


nq.list_experiments(experiments=r"kittiwake_week-\d+")

# check:
assert sorted(nq.list_experiments(experiments=r"kittiwake_week-\d+")) == [
    "kittiwake_week-1", "kittiwake_week-10", "kittiwake_week-2"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


low_loss = Filter.lt("val/loss", 0.1)
nq.list_experiments(experiments=low_loss)

# check:
assert sorted(nq.list_experiments(experiments=low_loss)) == [
    "kittiwake_week-1", "kittiwake_week-10", "seagull_week-1"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


low_loss = Filter.lt("val/loss", 0.1)
owned_by_me = Filter.eq("sys/owner", "sigurd")

interesting = owned_by_me & low_loss
nq.list_experiments(experiments=interesting)

# check:
assert sorted(nq.list_experiments(experiments=interesting)) == ["kittiwake_week-1", "seagull_week-1"]
assert sorted(nq.list_experiments(experiments=~interesting)) == ["kittiwake_week-10", "kittiwake_week-2"]
