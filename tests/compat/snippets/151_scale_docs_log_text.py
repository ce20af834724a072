# Source: https://docs.neptune.ai/log_text/ (neptune-scale docs, "Log text": "Log a single
#   string", "Log a series of strings", "Set the step value", "Set custom timestamp"; the same
#   blocks are on https://docs.neptune.ai/3.4.15/log_text)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. `# fixture:`
#   fills in `Run(...)` (the run "text-run", resumed by each block; the last two blocks use a
#   `run` the page leaves open, here a fixture), the last block's `data=...` and `step=...`,
#   its missing `from datetime import datetime`, and NEPTUNE_PROJECT. The "Set the step value"
#   block passes `files=`, which log_string_series() does not take (a TypeError in
#   neptune-scale too): it is kept inside a `# check:` try/except that expects the TypeError.
#   `# check:` block added (neptune-query runs).
import os as _os  # fixture: the project

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture

from neptune_sys_widgets import Run


with Run(run_id="text-run") as run:  # fixture: Run(...)
    run.log_configs({"my_text": "Text I keep track of, like query or tokenized word"})

from neptune_sys_widgets import Run


with Run(run_id="text-run") as run:  # fixture: Run(...)
    run.log_string_series(
        data={"messages/errors": "Job failed", "messages/info": "Training completed"},
        step=1.2,
    )

run = Run(run_id="text-run")  # fixture: the run the next blocks log to
try:  # check: the page's `files=` is not a parameter
    run.log_string_series(
        files={"message/errors": "Job failed"},
        step=2,
    )
except TypeError:  # check
    pass  # check
else:  # check
    raise AssertionError("log_string_series() took files=")  # check

from datetime import datetime, timezone  # fixture: the page uses datetime (timezone: check)

_before = datetime.now(timezone.utc)  # check
run.log_string_series(
    data={"messages/errors": "Job failed again"},  # fixture: data=...
    step=3,  # fixture: step=...
    timestamp=datetime.utcnow(),
)
run.close()  # fixture

# check: the string, both series with their steps, and the custom timestamp: a naive
#   datetime.utcnow() is read as local time, as the page's note says
import neptune_sys_widgets.query.runs as nq_runs

_table = nq_runs.fetch_runs_table(runs=["text-run"], attributes=["my_text"])
assert _table.iloc[0, 0] == "Text I keep track of, like query or tokenized word"
assert nq_runs.list_attributes(runs=["text-run"], attributes=r"^messag") == [
    "messages/errors", "messages/info"], nq_runs.list_attributes(runs=["text-run"])
_series = nq_runs.fetch_series(runs=["text-run"], attributes=r"^messages/",
                               include_time="absolute")
assert _series.index.get_level_values("step").tolist() == [1.2, 3.0]
assert _series[("messages/errors", "value")].tolist() == ["Job failed", "Job failed again"]
assert _series[("messages/info", "value")].dropna().tolist() == ["Training completed"]
_logged = _series[("messages/errors", "absolute_time")].iloc[1]
_offset = datetime.now().astimezone().utcoffset()
assert abs((_logged - (_before - _offset)).total_seconds()) < 5, (_logged, _before, _offset)
