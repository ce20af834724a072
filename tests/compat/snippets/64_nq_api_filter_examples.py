# Source: neptune-ai/neptune-query, docs/api_reference/filters/filter.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a (closing "Examples" section)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (tagged experiments, owner "sigurd" via NEPTUNE_SYS_OWNER) and
#   `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
os.environ["NEPTUNE_SYS_OWNER"] = "sigurd"
from neptune_sys_widgets import Run

for _name, _tags, _ds, _loss in (("all-three", ["fly", "swim", "nest"], "v1", 0.05),
                                 ("two-only", ["fly", "swim"], "v1", 0.01),
                                 ("no-dataset", ["fly", "swim", "nest", "dive"], None, 0.02)):
    with Run(experiment_name=_name) as _r:
        _r.add_tags(_tags)
        _r.log_configs({"config/lr": 0.1, "config/seed": 7})
        if _ds:
            _r.log_configs({"dataset_version": _ds})
        _r.log_metrics({"metrics/loss/train": 0.5, "metrics/loss/val": 0.6, "validation/loss": 0.5},
                       step=0)
        _r.log_metrics({"metrics/loss/train": 0.3, "metrics/loss/val": 0.4, "validation/loss": _loss},
                       step=1)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


specific_tags = Filter.contains_all("sys/tags", ["fly", "swim", "nest"])
nq.fetch_metrics(experiments=specific_tags, attributes=r"^metrics/loss/")

owned_by_me = Filter.eq("sys/owner", "sigurd")
dataset_check = Filter.exists("dataset_version")
loss_filter = Filter.lt("validation/loss", 0.1)

interesting = owned_by_me & dataset_check & loss_filter
nq.list_experiments(experiments=interesting)

nq.fetch_experiments_table(experiments=interesting, attributes=r"config/")

# check:
m = nq.fetch_metrics(experiments=specific_tags, attributes=r"^metrics/loss/")
assert sorted(set(m.index.get_level_values("experiment"))) == ["all-three", "no-dataset"]
assert sorted(nq.list_experiments(experiments=interesting)) == ["all-three", "two-only"]
t = nq.fetch_experiments_table(experiments=interesting, attributes=r"config/")
assert sorted(t.columns) == ["config/lr", "config/seed"]
