# Source: https://docs-beta.neptune.ai/3.4.3/runs (neptune-scale docs, "Runs in Neptune": create
#   a run, experiment head, run metadata structure) and https://docs-beta.neptune.ai/runs
#   ("Create an experiment run")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. Runs are
#   closed by `# fixture:` lines before being rebound. `# fixture:` NEPTUNE_PROJECT and
#   `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture:

from neptune_sys_widgets import Run

run = Run(
    project="team-alpha/project-x",
    run_id="astute-kittiwake-15",
)
run.close()  # fixture:

from neptune_sys_widgets import Run

run = Run(
    experiment_name="gull-flying-skills",
    run_id="vigilant-kittiwake-1",
)
run.close()  # fixture:

run = Run(
    experiment_name="gull-flying-skills",
    run_id="vigilant-kittiwake-2",
)

run.log_configs(
    {
        "optimizer": "adam",
        "parameters/learning_rate": 0.001,
        "parameters/batch_size": 64,
    },
)
run.close()  # fixture:

from neptune_sys_widgets import Run

run = Run(
    run_id="astute-kittiwake-15",
    experiment_name="seabird-flying-skills",
)
run.close()  # fixture:

# check:
import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs

assert sorted(nq.list_experiments()) == ["gull-flying-skills", "seabird-flying-skills"]
assert sorted(nq_runs.list_runs()) == ["astute-kittiwake-15", "vigilant-kittiwake-1",
                                       "vigilant-kittiwake-2"]
heads = nq_runs.fetch_runs_table(attributes=["sys/experiment/is_head", "sys/experiment/name"])
assert heads.loc["vigilant-kittiwake-2", "sys/experiment/is_head"] == True  # noqa: E712
assert heads.loc["vigilant-kittiwake-1", "sys/experiment/is_head"] == False  # noqa: E712
assert heads.loc["astute-kittiwake-15", "sys/experiment/name"] == "seabird-flying-skills"
cfg = nq.fetch_experiments_table(experiments=["gull-flying-skills"], attributes=r"optimizer|parameters/")
assert cfg["optimizer"].iloc[0] == "adam" and cfg["parameters/batch_size"].iloc[0] == 64
