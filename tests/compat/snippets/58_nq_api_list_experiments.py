# Source: neptune-ai/neptune-query, docs/api_reference/list_experiments.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Examples")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (experiments in the default project and in team-alpha/sandbox) and
#   `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _name in ("sigurd-exp-1", "sigurd-exp-2", "vidar-exp-1"):
    Run(experiment_name=_name).close()
for _name, _lr in (("sandbox-a", 0.001), ("sandbox-b", 0.1)):
    with Run(experiment_name=_name, project="team-alpha/sandbox") as _r:
        _r.log_configs({"config/lr": _lr})

import neptune_sys_widgets.query as nq


nq.list_experiments(experiments=r"^sigurd")

from neptune_sys_widgets.query.filters import Filter


nq.list_experiments(
    project="team-alpha/sandbox",
    experiments=Filter.lt("config/lr", 0.01),
)

# check:
assert sorted(nq.list_experiments(experiments=r"^sigurd")) == ["sigurd-exp-1", "sigurd-exp-2"]
assert nq.list_experiments(project="team-alpha/sandbox",
                           experiments=Filter.lt("config/lr", 0.01)) == ["sandbox-a"]
