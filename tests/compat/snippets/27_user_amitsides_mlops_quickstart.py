# Source: amitsides/mlops (public user repository), neptune/neptune.py
#   @ 54d344bc43a19bdfa0f06ca86f7dfa8e2c2eb332 (whole file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. `# check:` block added.
#   (The api_token in the source is the placeholder "==".)
import neptune_sys_widgets as neptune

run = neptune.init_run(
    project="labmlops/mlops",
    api_token="==",
)  # your credentials

params = {"learning_rate": 0.001, "optimizer": "Adam"}
run["parameters"] = params

for epoch in range(10):
    run["train/loss"].append(0.9 ** epoch)

run["eval/f1_score"] = 0.66

run.stop()

# check:
_runs = neptune.init_project("labmlops/mlops", mode="read-only").fetch_runs_table().to_pandas()
assert len(_runs) == 1
_run = neptune.init_run(project="labmlops/mlops", with_id=_runs["sys/id"][0], mode="read-only")
assert _run["parameters/optimizer"].fetch() == "Adam"
assert abs(_run["train/loss"].fetch_last() - 0.9 ** 9) < 1e-12
assert _run["eval/f1_score"].fetch() == 0.66
assert _run["sys/state"].fetch().lower() == "inactive"
