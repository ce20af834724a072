# Source: neptune-ai/neptune-fetcher, docs/original/migrate_from_fetcher_to_query.md
#   @ c52d723f789eb9a289466c861fe29c2ef6d50091 ("Migrate from original Fetcher API to Query
#   API": every "Query API" code block, in order: "Imports" and "Runs API", "Listing experiments
#   or runs of a project", "Fetching metadata as table" with "Match experiment names", "Match
#   run IDs", "Filter by metadata value" and "Specify columns to include", "Fetching metric
#   values", "Fetching a config or single value"; the "Setting the project and API token"
#   block, `any_fetching_method(project=..., ...)`, is a placeholder and left out)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`, `from
#   neptune_query.filters import (...)` -> `from neptune_sys_widgets.query.filters import
#   (...)`, `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs
#   as nq_runs`. A `# fixture:` logs, with neptune-scale, the project the guide queries:
#   experiments exp123, exp-123 and exp456 (runs run-a, run-b, run-c with an f1 config and acc
#   and loss series) and an experiment named otherwise (run baseline-7); `# check:` block added
#   (it repeats the guide's calls to read their results).
import neptune_sys_widgets.query as nq

# optional filter imports
from neptune_sys_widgets.query.filters import (
    Attribute,
    AttributeFilter,
    Filter,
)

import neptune_sys_widgets.query.runs as nq_runs

# fixture: the project the guide's calls read (from NEPTUNE_PROJECT, as its note says)
import os as _os

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run

for _experiment, _run_id, _accs, _f1 in [("exp123", "run-a", [0.5, 0.9], 0.7),
                                         ("exp-123", "run-b", [0.6, 0.8], 0.61),
                                         ("exp456", "run-c", [0.95, 0.85], 0.8),
                                         ("baseline", "baseline-7", [0.99], 0.9)]:
    with _Run(experiment_name=_experiment, run_id=_run_id) as _run:
        _run.log_configs({"f1": _f1})
        for _step, _acc in enumerate(_accs):
            _run.log_metrics({"acc": _acc, "loss": 1 - _acc}, step=_step)

nq.list_experiments()
nq_runs.list_runs()

nq.fetch_experiments_table()

nq.fetch_experiments_table(
    experiments=r"exp.*"
)

nq_runs.fetch_runs_table(
    runs=r"run.*"
)

nq.fetch_experiments_table(
    experiments=Filter.gt("acc", 0.88)
)

nq.fetch_experiments_table(
    attributes=r"acc"
)

nq.fetch_metrics(
    experiments=r"exp.*",
    attributes=r"loss",
)

f1_value = nq.fetch_experiments_table(
    experiments=["exp-123"],
    attributes=["f1"],
).iat[0, 0]

# check: what each call returns
assert sorted(nq.list_experiments()) == ["baseline", "exp-123", "exp123", "exp456"]
assert sorted(nq_runs.list_runs()) == ["baseline-7", "run-a", "run-b", "run-c"]
assert sorted(nq.fetch_experiments_table().index) == ["baseline", "exp-123", "exp123", "exp456"]
assert sorted(nq.fetch_experiments_table(experiments=r"exp.*").index) == [
    "exp-123", "exp123", "exp456"]
assert sorted(nq_runs.fetch_runs_table(runs=r"run.*").index) == ["run-a", "run-b", "run-c"]
# the last value of the acc series: 0.9 and 0.99 pass, exp456's 0.85 does not
assert sorted(nq.fetch_experiments_table(experiments=Filter.gt("acc", 0.88)).index) == [
    "baseline", "exp123"]
_acc = nq.fetch_experiments_table(attributes=r"acc")
assert list(_acc.columns) == ["acc"]
assert _acc["acc"].to_dict() == {"baseline": 0.99, "exp-123": 0.8, "exp123": 0.9, "exp456": 0.85}
_loss = nq.fetch_metrics(experiments=r"exp.*", attributes=r"loss")
assert list(_loss.columns) == ["loss"] and len(_loss) == 6
assert _loss.loc[("exp456", 0.0), "loss"] == 1 - 0.95
assert f1_value == 0.61
