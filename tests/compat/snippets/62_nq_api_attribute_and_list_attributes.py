# Source: neptune-ai/neptune-query @ 00fcb6be522773bae030770a5823d5b55f69b80a:
#   docs/api_reference/filters/attribute.md ("Examples") and docs/api_reference/list_attributes.md
#   ("Example")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (experiments in the default project and in team-alpha/sandbox) and
#   `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _name, _bs in (("bs-64", 64), ("bs-32", 32), ("bs-64-float", 64.0)):
    with Run(experiment_name=_name) as _r:
        _r.log_configs({"config/batch_size": _bs, "config/opt": "adam"})
        _r.log_metrics({"metrics/loss": 0.5, "metrics/acc": 0.5, "other/x": 1.0}, step=0)
with Run(experiment_name="sb-low-lr", project="team-alpha/sandbox") as _r:
    _r.log_configs({"config/lr": 0.001, "only/in/low": 1})
with Run(experiment_name="sb-high-lr", project="team-alpha/sandbox") as _r:
    _r.log_configs({"config/lr": 0.1, "only/in/high": 1})

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Attribute, Filter


batch_size = Attribute(
    name="config/batch_size",
    type="int",
)

nq.fetch_experiments_table(experiments=Filter.eq(batch_size, 64))

# check:
assert list(nq.fetch_experiments_table(experiments=Filter.eq(batch_size, 64)).index) == ["bs-64"]

import neptune_sys_widgets.query as nq


nq.list_attributes(attributes=r"^metrics")

from neptune_sys_widgets.query.filters import Filter


nq.list_attributes(
    project="team-alpha/sandbox",
    experiments=Filter.lt("config/lr", 0.01),
)

# check:
assert sorted(nq.list_attributes(attributes=r"^metrics")) == ["metrics/acc", "metrics/loss"]
attrs = nq.list_attributes(project="team-alpha/sandbox", experiments=Filter.lt("config/lr", 0.01))
assert "only/in/low" in attrs and "only/in/high" not in attrs and "config/lr" in attrs
