# Source: neptune-ai/neptune-client-scale, src/neptune_scale/api/run.py
#   @ b40a89675739927062b52e06f38a2e6fc8ec7c2d (tag 0.29.0), docstring of class
#   SourceTrackingConfig, lines 131-146
# Changed: `from neptune_scale.api.run import ...` -> `from neptune_sys_widgets.api.run import
#   ...`. The docstring's placeholders are filled in as `# fixture:` (a git repository with a
#   commit and an uncommitted change for "/path/to/repository", the import of Run, the
#   project and experiment for `...`); `# check:` block added.
import os
import subprocess

# fixture: the repository the config points at
os.makedirs("repository", exist_ok=True)
for _args in (["init", "-q"], ["config", "user.email", "a@b.c"], ["config", "user.name", "a"]):
    subprocess.run(["git", *_args], cwd="repository", check=True)
with open("repository/train.py", "w") as _f:
    _f.write("print('v1')\n")
subprocess.run(["git", "add", "."], cwd="repository", check=True)
subprocess.run(["git", "commit", "-qm", "first"], cwd="repository", check=True)
with open("repository/train.py", "w") as _f:
    _f.write("print('v2')\n")
from neptune_sys_widgets import Run

from neptune_sys_widgets.api.run import SourceTrackingConfig

config = SourceTrackingConfig(
    namespace="source_code_info",
    repository=os.path.abspath("repository"),  # fixture: "/path/to/repository"
    upload_run_command=False,
    upload_entry_point=True,
    upload_diff_head=True,
    upload_diff_upstream=True,
)

run = Run(
    source_tracking_config=config,
    project="ml-team/source-tracking", experiment_name="tracked",  # fixture: `...`
)

# check: the git state is under the namespace asked for, with the uncommitted diff
run.close()
import neptune_sys_widgets.query as _nq
_attributes = _nq.list_attributes(project="ml-team/source-tracking", experiments=["tracked"])
assert any(a.startswith("source_code_info/") for a in _attributes), _attributes
assert not any(a.startswith("source_code/") for a in _attributes), _attributes
