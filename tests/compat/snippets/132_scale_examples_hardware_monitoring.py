# Source: neptune-ai/scale-examples, utils/monitoring_tools/hardware_monitoring/README.md
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d (last changed in 5edd2a2, 2025-10-28):
#   "Instructions" step 4, "Using a context manager" and "Using `start()` and `stop()`
#   methods", with the module of step 3, neptune_hardware_monitoring.py, beside it (see that
#   file)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   `Run(experiment_name=...)` placeholders are filled in and the "Your training or workload
#   code here" comments get a short `# fixture:` workload (a few metric steps over about a
#   second); a `# fixture:` exports NEPTUNE_PROJECT (step 2). `# check:` blocks added, the last
#   one for the README's note "When logging to a forked run, monitoring will start from
#   `fork_step + 1`".
import os  # fixture
import time  # fixture

os.environ["NEPTUNE_PROJECT"] = "examples/showcase"  # fixture: step 2's export


def _workload(run):  # fixture: the "training or workload code"
    for step in range(5):
        run.log_metrics({"train/loss": 1.0 / (step + 1)}, step=step)
        time.sleep(0.2)


from neptune_sys_widgets import Run
from neptune_hardware_monitoring import SystemMetricsMonitor

run = Run(experiment_name="hardware-monitoring-context")  # fixture: `...` filled in

with SystemMetricsMonitor(run=run):
    # Your training or workload code here
    _workload(run)  # fixture

run.close()  # fixture: the run ends with the script

from neptune_sys_widgets import Run
from neptune_hardware_monitoring import SystemMetricsMonitor

run = Run(experiment_name="hardware-monitoring-start-stop")  # fixture: `...` filled in

monitor = SystemMetricsMonitor(run=run)

monitor.start()
# Your training or workload code here
_workload(run)  # fixture
monitor.stop()

run.close()  # fixture: the run ends with the script

# check: the static details under runtime/details, and the sampled metrics under
#   runtime/monitoring from step 0 (the first sample is taken as the thread starts)
import socket

import psutil

import neptune_hardware_monitoring as _nhm
import neptune_sys_widgets.query as nq

assert _nhm.logger is __import__("logging").getLogger("neptune")
_details = nq.fetch_experiments_table(
    project="examples/showcase", experiments=r"^hardware-monitoring-", attributes=r"^runtime/details/")
for _name in ("hardware-monitoring-context", "hardware-monitoring-start-stop"):
    assert _details.loc[_name, "runtime/details/hostname"] == socket.gethostname(), _details
    assert _details.loc[_name, "runtime/details/gpu_num"] == 0, _details
    assert _details.loc[_name, "runtime/details/cpu_logical_num"] == psutil.cpu_count(), _details
_metrics = nq.fetch_metrics(project="examples/showcase", experiments=r"^hardware-monitoring-",
                            attributes=r"^runtime/monitoring/")
for _column in ("runtime/monitoring/cpu/percent", "runtime/monitoring/memory/virtual_used_GiB",
                "runtime/monitoring/disk/read_MiB", "runtime/monitoring/network/recv_MiB",
                "runtime/monitoring/process/rss_memory_MiB",
                "runtime/monitoring/process/num_threads"):
    assert _column in _metrics.columns, (_column, list(_metrics.columns))
for _name in ("hardware-monitoring-context", "hardware-monitoring-start-stop"):
    _steps = _metrics.loc[_name].index.tolist()
    assert _steps[0] == 0.0, _steps
    assert _metrics.loc[(_name, 0.0), "runtime/monitoring/disk/read_count"] == 0, _metrics

# check: the README's note on forked runs, with its API reference's namespace= and
#   sampling_rate= arguments
_forked = Run(experiment_name="hardware-monitoring-context", run_id="forked-at-4",
              fork_run_id=nq.fetch_experiments_table(
                  project="examples/showcase", experiments=["hardware-monitoring-context"],
                  attributes=["sys/custom_run_id"]).iloc[0, 0], fork_step=4)
with SystemMetricsMonitor(run=_forked, sampling_rate=0.5, namespace="rank_0/runtime"):
    time.sleep(1.2)
_forked.close()
import neptune_sys_widgets.query.runs as _nq_runs

_fork_metrics = _nq_runs.fetch_metrics(project="examples/showcase", runs=["forked-at-4"],
                                       attributes=r"^rank_0/runtime/monitoring/cpu/percent$",
                                       lineage_to_the_root=False)
_fork_steps = _fork_metrics.index.get_level_values("step").tolist()
assert _fork_steps[:2] == [5.0, 6.0], _fork_steps
