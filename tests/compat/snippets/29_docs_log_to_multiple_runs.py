# Source: https://docs.neptune.ai/logging/to_multiple_objects (neptune 1.x docs, "Log to
#   multiple objects at once", Example)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. `# check:` block added.
import neptune_sys_widgets as neptune

# Start 1st run
run1 = neptune.init_run(
    project="common/quickstarts",
    name="logging-to-multipe-runs",
    tags=["multiple"],
)
run1["params"] = {"lr": 0.007}

# Start 2nd run
run2 = neptune.init_run(
    project="common/quickstarts",
    name="logging-to-multipe-runs",
    tags=["multiple"],
)
run2["params"] = {"lr": 0.0034}

# Start 3rd run
run3 = neptune.init_run(
    project="common/quickstarts",
    name="logging-to-multipe-runs",
    tags=["multiple"],
)
run3["params"] = {"lr": 0.005}

# Log metric to run1
for j in range(1, 101):
    run1["train/loss"].append(0.7 / j**0.5)

# Log metric to run2
for j in range(1, 101):
    run2["train/loss"].append(0.8 / j**0.5)

# Log metric to run3
for j in range(1, 101):
    run3["train/loss"].append(0.9 / j**0.5)

# Stop tracking
run1.stop()
run2.stop()
run3.stop()

# check:
df = neptune.init_project("common/quickstarts", mode="read-only").fetch_runs_table(
    tag="multiple", sort_by="params/lr", ascending=True).to_pandas()
assert df["params/lr"].tolist() == [0.0034, 0.005, 0.007]
assert [round(v, 9) for v in df["train/loss"]] == [round(x / 10, 9) for x in (0.8, 0.9, 0.7)]
assert set(df["sys/state"]) == {"Inactive"}
