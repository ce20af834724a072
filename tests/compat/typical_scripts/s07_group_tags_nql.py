import neptune_sys_widgets as neptune

run = neptune.init_run(tags=["script", "trial-level"])
run["sys/group_tags"].add(["development"]); run.stop()
project = neptune.init_project(mode="read-only")
best = project.fetch_runs_table(
    query='(`sys/group_tags`:stringSet CONTAINS "development") AND (`sys/tags`:stringSet CONTAINS "trial-level")',
    columns=["score"], sort_by="score", ascending=True, limit=1).to_pandas()
with neptune.init_run(with_id=best["sys/id"].values[0]) as r:
    r["sys/group_tags"].add("production"); r["sys/group_tags"].remove("development")
print(best["sys/id"].values[0])
