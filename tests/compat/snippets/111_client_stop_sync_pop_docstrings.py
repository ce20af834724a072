# Source: neptune-ai/neptune-client @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x):
#   src/neptune/metadata_containers/metadata_container.py, docstrings of
#   MetadataContainer.stop(), lines 438-441, and MetadataContainer.sync(), lines 619-628;
#   src/neptune/handler.py, docstring of Handler.pop(), lines 494-496
# Changed: doctest prompts (`>>>`, `...`) removed; `import neptune` -> `import
#   neptune_sys_widgets as neptune`. `# fixture:` (NEPTUNE_PROJECT; the runs DIST-43, with the
#   status Worker #2 wrote, and RUN-100, with a large_dataset field, in projects of those keys)
#   and `# check:` blocks added.
import os

# fixture:
import neptune_sys_widgets as _neptune
os.environ["NEPTUNE_PROJECT"] = "ml-team/distributed"
_neptune.management.create_project("ml-team/distributed", key="DIST")
_neptune.management.create_project("ml-team/datasets", key="RUN")
for _project, _n in (("ml-team/distributed", 43), ("ml-team/datasets", 100)):
    for _ in range(_n):
        _neptune.init_run(project=_project, source_files=[], git_ref=False).stop()
with _neptune.init_run(with_id="DIST-43") as _worker_2:
    _worker_2["status/2"] = "done"
with _neptune.init_run(project="ml-team/datasets", with_id="RUN-100") as _run:
    _run["large_dataset"] = _neptune.types.File.from_content("x" * 10000, extension="csv")

import neptune_sys_widgets as neptune
run = neptune.init_run()
# Your training or monitoring code
run.stop()

# check:
assert neptune.init_run(with_id="DIST-44", mode="read-only")["sys/state"].fetch() == "Inactive"

import neptune_sys_widgets as neptune
# Connect to a run from Worker #3
worker_id = 3
run = neptune.init_run(with_id="DIST-43", monitoring_namespace=f"monitoring/{worker_id}")
# Try to access logs that were created in the meantime by Worker #2
worker_2_status = run["status/2"].fetch()
# Error if this field was created after this script starts
run.sync() # Synchronizes local representation with Neptune servers
worker_2_status = run["status/2"].fetch()
# No error

# check:
assert worker_2_status == "done"
run.stop()

# fixture: the docstring's run is in the default project
os.environ["NEPTUNE_PROJECT"] = "ml-team/datasets"

import neptune_sys_widgets as neptune
run = neptune.init_run(with_id="RUN-100")
run["large_dataset"].pop()

# check:
assert not run.exists("large_dataset")
run.stop()
assert not neptune.init_run(with_id="RUN-100", mode="read-only").exists("large_dataset")
