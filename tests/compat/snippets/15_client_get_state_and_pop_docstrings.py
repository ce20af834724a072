# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/metadata_container.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstring of get_state(),
#   lines 479-485, and of pop(), lines 571-576; src/neptune/handler.py, docstring of
#   Handler.get_root_object(), lines 164-168
# Changed: doctest prompts removed; output lines ('started', 'stopped') turned into
#   `# check:` asserts; `from neptune import init_run` -> `from neptune_sys_widgets import
#   init_run`, `import neptune` -> `import neptune_sys_widgets as neptune`. The pop() example's
#   file-upload lines (577-580) are left out. The get_root_object example's "Error" line is
#   wrapped in a `# check:` that expects the error.
from neptune_sys_widgets import init_run
run = init_run()
state = run.get_state()
# check:
assert state == "started", state
run.stop()
state = run.get_state()
# check:
assert state == "stopped", state

import neptune_sys_widgets as neptune
run = neptune.init_run()
run["parameters/learninggg_rata"] = 0.3
# Let's delete that misspelled field along with its data
run.pop("parameters/learninggg_rata")
run["parameters/learning_rate"] = 0.3

pretraining = run["workflow/steps/pretraining"]
# check: a namespace handler has no stop()
try:
    pretraining.stop()
except AttributeError:
    pass
else:
    raise AssertionError("Handler.stop() should not exist")
pretraining_run = pretraining.get_root_object()

# check:
run.wait()
assert not run.exists("parameters/learninggg_rata")
assert run["parameters/learning_rate"].fetch() == 0.3
assert pretraining_run is run

pretraining_run.stop()  # The root run is stopped
