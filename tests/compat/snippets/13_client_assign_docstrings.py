# Source: neptune-ai/neptune-client @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x):
#   src/neptune/handler.py, docstring of Handler.assign(), lines 194-210, and
#   src/neptune/metadata_containers/metadata_container.py, docstring of
#   MetadataContainer.assign(), lines 362-375
# Changed: doctest prompts (`>>>`, `...`) removed; `import neptune` -> `import
#   neptune_sys_widgets as neptune`. `# check:` block added.
import neptune_sys_widgets as neptune
run = neptune.init_run()

# You can use both the Python assign operator (=)
run['parameters/max_epochs'] = 5
# as well as directly use the .assign method
run['parameters/max_epochs'].assign(5)

run['parameters/max_epochs'] = 5
run['parameters/max_lr'] = 0.4
run['parameters/early_stopping'] = True
run['JIRA'] = 'NPT-952'

params = {'max_epochs': 5, 'lr': 0.4}
run['parameters'] = params

import neptune_sys_widgets as neptune
run = neptune.init_run()
# Assign a single value with the Python "=" operator
run["parameters/learning_rate"] = 0.8
# or the assign() method
run["parameters/learning_rate"].assign(0.8)
# Assign a dictionary with the Python "=" operator
run["parameters"] = {"max_epochs": 10, "optimizer": "Adam", "learning_rate": 0.8}
# or the assign() method
run.assign({"parameters": {"max_epochs": 10, "optimizer": "Adam", "learning_rate": 0.8}})

params = run["params"]
params.assign({"max_epochs": 10, "optimizer": "Adam", "learning_rate": 0.8})

# check:
run.wait()
assert run["parameters"].fetch() == {"max_epochs": 10, "optimizer": "Adam", "learning_rate": 0.8}
assert run["params/optimizer"].fetch() == "Adam"
assert run.exists("params/max_epochs")
assert not run.exists("JIRA")  # that was the first run
run.stop()
