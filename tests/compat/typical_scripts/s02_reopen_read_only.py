import os

import neptune_sys_widgets as neptune

run_id = os.environ["RUN_ID"]
run = neptune.init_run(project="ws/proj", with_id=run_id, mode="read-only")
print(run["sys/name"].fetch(), run["sys/owner"].fetch(), run["sys/creation_time"].fetch())
print(run["train/loss"].fetch_values())
run.stop()
