# Source: neptune-ai/neptune-client-scale, src/neptune_scale/legacy.py
#   @ b40a89675739927062b52e06f38a2e6fc8ec7c2d (tag 0.29.0; last changed in 5f5deace13c3,
#   2025-05-16): docstring example of class Run, lines 155-161, and of class Attribute, lines
#   60-61 and 63 (line 62, `run['nested'] = {'foo': 1, {'bar': {'baz': 2}}}`, is left out: it is
#   not valid Python)
# Changed: `from neptune_scale.legacy import Run` -> `from neptune_sys_widgets.legacy import
#   Run`. The `Run(...)` placeholders are filled in as `# fixture:` lines (a project and a run
#   ID); `# check:` blocks added (read back with neptune-query).
from neptune_sys_widgets.legacy import Run

run = Run(project="team-alpha/project-x", run_id="legacy-api-run")  # fixture: `Run(...)`
run['foo'] = 1
run['metrics/loss'].append(0.5, step=10)

run.close()

# check: the dict-like assignment logged a config, the append a metric point at step 10
import neptune_sys_widgets.query.runs as _nq_runs
_table = _nq_runs.fetch_runs_table(project="team-alpha/project-x", runs=["legacy-api-run"],
                                   attributes=["foo"])
assert _table.loc["legacy-api-run", "foo"] == 1, _table
_loss = _nq_runs.fetch_metrics(project="team-alpha/project-x", runs=["legacy-api-run"],
                               attributes="metrics/loss")
assert _loss.index.get_level_values("step").tolist() == [10.0], _loss
assert _loss["metrics/loss"].tolist() == [0.5], _loss

run = Run(project="team-alpha/project-x", run_id="legacy-api-run-2")  # fixture: `Run(...)`
run['foo'] = 1
run['bar'].append(1, step=10)

# check: the same through an Attribute; the run is a neptune-scale Run underneath
run.log_metrics({"bar": 2}, step=11)
run.close()
_bar = _nq_runs.fetch_metrics(project="team-alpha/project-x", runs=["legacy-api-run-2"],
                              attributes="bar")
assert _bar["bar"].tolist() == [1.0, 2.0], _bar
