# Source: https://docs.neptune.ai/3.20250825/create_run and https://docs.neptune.ai/3.4.10/create_run
#   (neptune-scale docs, "Create a run": experiment run, target project, custom run ID,
#   get_run_url() / get_experiment_url())
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The pages'
#   `Run(...)` / `Run(experiment_name=...)` placeholders before the URL calls are left out (the
#   URL calls use the run created just before). `# fixture:` (NEPTUNE_PROJECT, closing runs)
#   and `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture:

from neptune_sys_widgets import Run


if __name__ == "__main__":
    run = Run(experiment_name="seabird-flying-skills")

experiment_url = run.get_experiment_url()  # fixture: the page calls run.get_experiment_url()
run.close()  # fixture:

run = Run(
    experiment_name="seabird-flying-skills",
    project="team-alpha/project-x", # replace with your workspace and project name
)
run.close()  # fixture:

run = Run(
    experiment_name="seabird-flying-skills",
    run_id="astute-kittiwake-23",
)

run_url = run.get_run_url()  # fixture: the page calls run.get_run_url()
run.close()  # fixture:

from neptune_sys_widgets import Run

run = Run()
run.close()  # fixture:

run = Run(run_id="astute-kittiwake-24")
run.close()  # fixture:

# check:
assert isinstance(experiment_url, str) and experiment_url
assert isinstance(run_url, str) and run_url and run_url != experiment_url
import neptune_sys_widgets.query.runs as nq_runs

assert len(nq_runs.list_runs()) == 5
assert "astute-kittiwake-23" in nq_runs.list_runs()
