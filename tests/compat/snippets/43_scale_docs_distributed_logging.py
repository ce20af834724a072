# Source: https://docs.neptune.ai/3.4.8/distributed_logging (neptune-scale docs, "Log from
#   different processes": Process A and Process B)
# Changed: the page uses `Run` without the import: `# fixture:` imports it from
#   neptune_sys_widgets. Process B runs in a second interpreter (a `# fixture:` subprocess
#   started with the page's Process B code), while process A logs. `epoch` (undefined on the
#   page) is a `# fixture:` range. `# check:` block added.
import os
import subprocess
import sys
import textwrap

os.environ["NEPTUNE_PROJECT"] = "team-alpha/distributed"  # fixture:
from neptune_sys_widgets import Run  # fixture:
epoch = range(50)  # fixture:

# Process A
run = Run(
    run_id="seagull-s68kj78",
)

# fixture: start process B (same code as on the page) now that the run exists
run.wait_for_processing()
_b = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
    from neptune_sys_widgets import Run
    epoch = range(50)

    run = Run(
        run_id="seagull-s68kj78",
        resume=True,
    )

    for step in epoch:
        # some validation loop
        run.log_metrics(
            data={"val/loss": 0.16},
            step=step,
        )
    run.close()
""")])

for step in epoch:
    # some training loop
    run.log_metrics(
        data={"train/loss": 0.14},
        step=step,
    )

# check:
assert _b.wait(timeout=60) == 0
run.close()
import neptune_sys_widgets.query.runs as nq_runs

m = nq_runs.fetch_metrics(runs=["seagull-s68kj78"], attributes=r"^(train|val)/loss$")
assert m["train/loss"].count() == 50 and m["val/loss"].count() == 50, m
assert nq_runs.list_runs() == ["seagull-s68kj78"]
