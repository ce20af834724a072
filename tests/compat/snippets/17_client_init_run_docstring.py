# Source: neptune-ai/neptune-client, src/neptune/metadata_containers/run.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x), docstring of class Run,
#   lines 215-263 ("Creating a new run", "Connecting to an existing run", context manager)
# Changed: doctest prompts (`>>>`, `...`) removed; `import neptune` -> `import
#   neptune_sys_widgets as neptune`. The docstring uses `Run` and `GitRef` without importing
#   them: `# fixture:` imports them from the mapped modules (neptune 1.x: `from neptune import
#   Run`, `from neptune.types import GitRef`), sets NEPTUNE_PROJECT to a project whose key is
#   SAN (so the runs created first are SAN-1..SAN-4), gives SAN-4 the `parameters/lr` the
#   read-only example fetches, and defines `value`. `# check:` block added.
import os

import neptune_sys_widgets as neptune
from neptune_sys_widgets import Run
from neptune_sys_widgets.types import GitRef

# fixture:
neptune.management.create_project("jackie/sandbox", key="SAN")
os.environ["NEPTUNE_PROJECT"] = "jackie/sandbox"
value = 0.5

import neptune_sys_widgets as neptune

# Minimal invoke
# (creates a run in the project specified by the NEPTUNE_PROJECT environment variable)
run = neptune.init_run()

# Or initialize with the constructor
run = Run(project="ml-team/classification")

# Create a run with a name and description, with no sources files or Git info tracked:
run = neptune.init_run(
    name="neural-net-mnist",
    description="neural net trained on MNIST",
    source_files=[],
    git_ref=False,
)

# Log all .py files from all subdirectories, excluding hidden files
run = neptune.init_run(source_files="**/*.py")

# Log all files and directories in the current working directory, excluding hidden files
run = neptune.init_run(source_files="*")

# Larger example
run = neptune.init_run(
    project="ml-team/classification",
    name="first-pytorch-ever",
    description="Longer description of the run goes here",
    tags=["tags", "go-here", "as-list-of-strings"],
    source_files=["training_with_pytorch.py", "net.py"],
    dependencies="infer",
    capture_stderr=False,
    git_ref=GitRef(repository_path="/Users/Jackie/repos/cls_project"),
)

# Resume logging to an existing run with the ID "SAN-3"
run = neptune.init_run(with_id="SAN-3")
run["parameters/lr"] = 0.1  # modify or add metadata

# fixture:
run.wait()
_r4 = neptune.init_run(with_id="SAN-4", mode="sync")
_r4["parameters/lr"] = 0.01
_r4.stop()

# Initialize an existing run in read-only mode (logging new data is not possible, only fetching)
run = neptune.init_run(with_id="SAN-4", mode="read-only")
learning_rate = run["parameters/lr"].fetch()

with Run() as run:
    run["metric"].append(value)

# check:
assert learning_rate == 0.01
san2 = neptune.init_run(with_id="SAN-2", mode="read-only")
assert san2["sys/name"].fetch() == "neural-net-mnist"
assert san2["sys/description"].fetch() == "neural net trained on MNIST"
assert neptune.init_run(with_id="SAN-3", mode="read-only")["parameters/lr"].fetch() == 0.1
table = neptune.init_project("ml-team/classification", mode="read-only").fetch_runs_table()
names = sorted(table.to_pandas()["sys/name"].tolist())
assert names == ["Untitled", "first-pytorch-ever"], names
