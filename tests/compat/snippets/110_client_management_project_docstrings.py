# Source: neptune-ai/neptune-client, src/neptune/management/internal/api.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstrings of
#   get_project_list(), lines 143-144; create_project(), lines 202-209; clear_trash(), lines
#   1024-1025; delete_project(), lines 288-289
# Changed: doctest prompts (`>>>`, `...`) removed; `from neptune import management` -> `from
#   neptune_sys_widgets import management`. Run in the docstrings' order but create_project
#   first, so that the listing has a project to show. `# fixture:` (a run trashed in the
#   project) and `# check:` blocks added.
from neptune_sys_widgets import management

management.create_project(
    workspace="ml-team",
    name="classification",
    key="CLS",
    visibility="pub",
)

# check: the docstring shows the returned name
assert management.create_project(workspace="ml-team", name="detection", key="DET",
                                 visibility="priv") == "ml-team/detection"

from neptune_sys_widgets import management

management.get_project_list()

# check:
assert {"ml-team/classification", "ml-team/detection"} <= set(management.get_project_list())

# fixture: a run of the project, trashed
import neptune_sys_widgets as _neptune
with _neptune.init_run(project="ml-team/classification") as _run:
    _run["score"] = 0.5
management.trash_objects(project="ml-team/classification", ids="CLS-1")

from neptune_sys_widgets import management

management.clear_trash(project="ml-team/classification")

# check: the trashed run is gone for good
with _neptune.init_project(project="ml-team/classification", mode="read-only") as _project:
    assert len(_project.fetch_runs_table(trashed=None).to_pandas()) == 0


from neptune_sys_widgets import management

management.delete_project(project="ml-team/classification")

# check: the project is gone, the other one is not
assert "ml-team/classification" not in management.get_project_list()
assert "ml-team/detection" in management.get_project_list()
