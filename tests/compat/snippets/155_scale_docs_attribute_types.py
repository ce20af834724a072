# Source: https://docs.neptune.ai/attribute_types/ (neptune-scale docs, app version 3.20251215,
#   "Attribute types reference": the Boolean example and the Datetime examples "Logging custom
#   training end time" and "Logging other time-related metadata")
# Changed: nothing (the page's blocks import no Neptune name). `# fixture:` fills in
#   `Run(...)` (one run, types-run, opened by each block: the first creates it, the others
#   resume it), and sets NEPTUNE_PROJECT; `# check:` block added (neptune-query runs).
# fixture: the project and the Run the blocks use
import os as _os

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run

with Run(run_id="types-run") as run:  # fixture: Run(...)
    run.log_configs(
        {"params/use_preprocessing": True}
    )

from datetime import datetime

with Run(run_id="types-run") as run:  # fixture: Run(...)
    run.log_configs(
        {"train/end": datetime.now()}
    )

from datetime import datetime

with Run(run_id="types-run") as run:  # fixture: Run(...)
    run.log_configs(
        {"dataset/creation_date": datetime.fromisoformat("1998-11-01")}
    )

# check: a Boolean and two Datetime attributes (naive datetimes are local time), and filters
#   on them
from datetime import timezone as _timezone

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Attribute, AttributeFilter, Filter

assert nq_runs.list_attributes(runs=["types-run"],
                               attributes=AttributeFilter(type="bool", name=r"^params/")) == [
    "params/use_preprocessing"]
assert sorted(nq_runs.list_attributes(runs=["types-run"],
                                      attributes=AttributeFilter(type="datetime",
                                                                 name=r"^(train|dataset)/"))) == [
    "dataset/creation_date", "train/end"]
_table = nq_runs.fetch_runs_table(runs=["types-run"], attributes=r"^(params|train|dataset)/")
assert _table["params/use_preprocessing"].dtype == bool, _table.dtypes
_row = _table.iloc[0]
assert _row["params/use_preprocessing"] == True
_created = datetime.fromisoformat("1998-11-01").astimezone(_timezone.utc)
assert _row["dataset/creation_date"] == _created, _row["dataset/creation_date"]
assert abs((datetime.now(_timezone.utc) - _row["train/end"]).total_seconds()) < 60
assert nq_runs.list_runs(runs=Filter.lt(Attribute("dataset/creation_date", type="datetime"),
                                        datetime(2000, 1, 1))) == ["types-run"]
assert nq_runs.list_runs(runs=Filter.eq("params/use_preprocessing", True)) == ["types-run"]
