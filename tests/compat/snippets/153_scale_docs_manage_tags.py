# Source: https://docs.neptune.ai/manage_tags/ (neptune-scale docs, app version 3.20251215,
#   "Run tags": "Add tags at run creation", "Add group tags") and
#   https://docs.neptune.ai/3.4.3/manage_tags (app version 3.4.3, "Tags": "Manage tags via
#   API", with its emoji tip, and "Removing tags")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. `# fixture:`
#   fills in the first `Run(...)` (the run SomeExistingRunId the later blocks resume), drops the
#   `...` placeholder argument after `resume=True` (a syntax error as written), closes each run
#   before the next block resumes it, and sets NEPTUNE_PROJECT; `# check:` block added
#   (neptune-query runs).
import os as _os  # fixture: the project

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture

from neptune_sys_widgets import Run


run = Run(run_id="SomeExistingRunId")  # fixture: Run(...)
run.add_tags(tags=["tag1", "tag2", "tag3"])

run.add_tags(
    tags=["seabirds"],
    group_tags=True,
)
run.close()  # fixture

from neptune_sys_widgets import Run

run = Run(run_id="SomeExistingRunId", resume=True)  # fixture: `, ...` dropped

run.add_tags(tags=["best"])

run.add_tags(tags=["best 🏆"])
run.close()  # fixture

from neptune_sys_widgets import Run

run = Run(run_id="SomeExistingRunId", resume=True)  # fixture: `, ...` dropped
run.remove_tags(tags=["best"])
run.close()  # fixture

# check: the tags and group tags, and filters on them
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter

_row = nq_runs.fetch_runs_table(runs=["SomeExistingRunId"],
                                attributes=["sys/tags", "sys/group_tags"]).iloc[0]
assert _row["sys/tags"] == {"tag1", "tag2", "tag3", "best 🏆"}, _row["sys/tags"]
assert _row["sys/group_tags"] == {"seabirds"}, _row["sys/group_tags"]
assert nq_runs.list_runs(runs=Filter.contains_all("sys/tags", ["best 🏆", "tag2"])) == [
    "SomeExistingRunId"]
assert nq_runs.list_runs(runs=Filter.contains_all("sys/tags", ["best"])) == []
assert nq_runs.list_runs(runs=Filter.contains_all("sys/group_tags", "seabirds")) == [
    "SomeExistingRunId"]
