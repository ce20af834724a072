# Source: https://docs.neptune.ai/logging/adding_field_to_all_runs (neptune 1.x docs, "Add a new
#   field to existing runs": "Example script" and "Fetching the runs individually")
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. The placeholders are
#   filled in as `# fixture:` lines: `some_value` (the value the docs leave to the reader) and
#   "RUN-ID" (an ID of the project). A `# fixture:` before the script exports NEPTUNE_PROJECT
#   (the page assumes the credentials in the environment: `init_run(with_id=)` names no
#   project) and fills the project: three runs, one of them in the trash, and a model;
#   `# check:` blocks added.
import os

import neptune_sys_widgets as neptune

# fixture: the project the page names, in the environment, with runs, a trashed run, a model
neptune.management.create_project("ml-team/xnlu", key="XNLU")
os.environ["NEPTUNE_PROJECT"] = "ml-team/xnlu"
for _i in range(3):
    with neptune.init_run(name=f"run {_i}") as _run:
        _run["train/loss"].append(1.0 / (_i + 1))
neptune.management.trash_objects(project="ml-team/xnlu", ids="XNLU-2")
neptune.init_model(key="NER").stop()
some_value = "reviewed"  # fixture: the value the page leaves to the reader

import neptune_sys_widgets as neptune

with neptune.init_project(project="ml-team/xnlu") as project: # (1)!
    runs_table_df = project.fetch_runs_table().to_pandas() # (2)!
    run_ids = runs_table_df["sys/id"].to_list()

for run_id in run_ids:
    with neptune.init_run(with_id=run_id) as run: # (3)!
        # some criteria for the new field or value
        run["some_new_field"] = some_value

# check: every run of the runs table got the field, and nothing else was opened: not the
#   trashed run (tables leave the trash out), not the model
assert sorted(run_ids) == ["XNLU-1", "XNLU-3"], run_ids
for _id in ("XNLU-1", "XNLU-3"):
    with neptune.init_run(with_id=_id, mode="read-only") as _run:
        assert _run["some_new_field"].fetch() == "reviewed"
        assert len(_run["train/loss"].fetch_values()) == 1
with neptune.init_run(with_id="XNLU-2", mode="read-only") as _run:
    assert not _run.exists("some_new_field")
with neptune.init_model(with_id="XNLU-NER", mode="read-only") as _model:
    assert not _model.exists("some_new_field")
with neptune.init_project(mode="read-only") as _project:
    _table = _project.fetch_runs_table(columns=["some_new_field"]).to_pandas()
    assert sorted(_table["some_new_field"]) == ["reviewed", "reviewed"], _table

import neptune_sys_widgets as neptune

run = neptune.init_run(with_id="XNLU-3")  # fixture: "RUN-ID" filled in

# check: the run resumed is the one asked for, with its metadata, and stays writable
assert run["sys/id"].fetch() == "XNLU-3" and run["sys/name"].fetch() == "run 2"
assert run["some_new_field"].fetch() == "reviewed"
run["train/loss"].append(0.2)
run.stop()
with neptune.init_run(with_id="XNLU-3", mode="read-only") as _run:
    assert _run["train/loss"].fetch_values()["value"].tolist() == [1.0 / 3, 0.2]
