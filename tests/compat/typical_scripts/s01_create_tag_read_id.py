import neptune_sys_widgets as neptune

run = neptune.init_run(project="ws/proj", tags=["quickstart", "script"])
run["sys/tags"].add(["run-organization", "me"])
run["sys/tags"].add("finetune")
run["parameters"] = {"lr": 0.1, "depth": 3}
for e in range(3):
    run["train/loss"].append(1 / (e + 1))
run_id = run["sys/id"].fetch()          # e.g. "PROJ-12"
assert "me" in run["sys/tags"].fetch()  # set of str
run.stop()
print(run_id)
