import neptune_sys_widgets as neptune
from neptune_sys_widgets.exceptions import NeptuneModelKeyAlreadyExistsError

run = neptune.init_run()
project_key = run["sys/id"].fetch().split("-")[0]
try:
    model = neptune.init_model(key="PIPELINES"); model.wait()
except NeptuneModelKeyAlreadyExistsError:
    pass
mv = neptune.init_model_version(model=f"{project_key}-PIPELINES")
run["model/version_id"] = mv["sys/id"].fetch()        # "KEY-PIPELINES-<n>"
run["model/model_id"] = mv["sys/model_id"].fetch()    # "KEY-PIPELINES"
mv["run/id"] = run["sys/id"].fetch(); mv["run/name"] = run["sys/name"].fetch()
print(mv["sys/id"].fetch())
