# Source: neptune-ai/neptune-client-scale, README.md @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0; "Get started": the create_project() block, lines 58-63, and the exports of
#   NEPTUNE_API_TOKEN and NEPTUNE_PROJECT, lines 50 and 69; "Example usage": "Create an
#   experiment", lines 83-86)
# Changed: `from neptune_scale.projects import create_project` -> `from
#   neptune_sys_widgets.projects import create_project`; `from neptune_scale import Run` ->
#   `from neptune_sys_widgets import Run`. The two shell `export` lines are written as
#   `# fixture:` (os.environ); `# check:` blocks added. The pip install line (37) and the
#   web-app steps (logging in, copying the token) are left out.
import os

os.environ["NEPTUNE_API_TOKEN"] = "h0dHBzOi8aHR0cHM6...Y2MifQ=="  # fixture: line 50's export

from neptune_sys_widgets.projects import create_project

create_project(
    name="project-x",
    workspace="team-alpha",
)

# check: the project exists; create_project returns its full name, and creating it again
#   (fail_if_exists=False, the default) is no error
import neptune_sys_widgets.management as _management
assert "team-alpha/project-x" in _management.get_project_list()
assert create_project(name="project-x", workspace="team-alpha") == "team-alpha/project-x"
assert create_project(name="team-alpha/project-y") == "team-alpha/project-y"

os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture: line 69's export

from neptune_sys_widgets import Run


run = Run(experiment_name="MyExperimentName")

# check: the run is in the project the environment names
run.log_configs({"learning_rate": 0.001})
run.close()
import neptune_sys_widgets.query as _nq
assert _nq.list_experiments(project="team-alpha/project-x") == ["MyExperimentName"]
