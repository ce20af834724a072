import neptune_sys_widgets as neptune

project = neptune.init_project(project="ws/proj", mode="read-only")
df = project.fetch_runs_table(state="inactive", tag=["showcase-run"], columns=["sys/failed"]).to_pandas()
failed_id = df[df["sys/failed"] == True]["sys/id"].values[0]  # noqa: E712
new_run = neptune.init_run(project="ws/proj", tags=["re-run"])
print(failed_id, new_run["sys/id"].fetch())
