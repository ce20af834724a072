# Source: neptune-ai/examples, how-to-guides/how-it-works/scripts/Neptune_API_Tour_basic_logging.py
#   @ 3e6a3ba59a6e1232327ed9b18382b3e7b9566d36 (2023-02-22, "v1.0 and other updates"; whole
#   file, unchanged until the script was removed in 58d7f6e3e48a, 2023-06-16; the first script
#   of that folder's run_examples.sh)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. `# check:` block added
#   (the script never stops its run: the process's exit does, nor does the check).
import neptune_sys_widgets as neptune

run = neptune.init_run(project="common/quickstarts", api_token=neptune.ANONYMOUS_API_TOKEN)

params = {"learning_rate": 0.1}

# log params
run["parameters"] = params

# log name and append tags
run["sys/name"] = "basic-colab-example"
run["sys/tags"].add(["colab", "intro"])

# log loss during training
for epoch in range(100):
    run["train/loss"].append(0.99**epoch)

# log train and validation scores
run["train/accuracy"] = 0.95
run["valid/accuracy"] = 0.93

# check: the run, found in the project table by its name, holds the parameters, both tags, the
#   100 losses at steps 0-99 and the two scores
run.wait()
with neptune.init_project(project="common/quickstarts", mode="read-only") as _project:
    _table = _project.fetch_runs_table(columns=["sys/name", "sys/tags", "train/accuracy"])
    _table = _table.to_pandas()
assert _table["sys/name"].tolist() == ["basic-colab-example"], _table
assert set(_table["sys/tags"][0].split(",")) == {"colab", "intro"}, _table
assert _table["train/accuracy"][0] == 0.95, _table
_read = neptune.init_run(project="common/quickstarts", with_id=_table["sys/id"][0],
                         mode="read-only")
assert _read["parameters"].fetch() == {"learning_rate": 0.1}
_loss = _read["train/loss"].fetch_values()
assert _loss["step"].tolist() == [float(_s) for _s in range(100)]
assert _loss["value"].tolist() == [0.99**_e for _e in range(100)]
assert _read["train/loss"].fetch_last() == 0.99**99
assert _read["valid/accuracy"].fetch() == 0.93
_read.stop()
