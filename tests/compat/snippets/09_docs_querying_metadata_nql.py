# Source: https://docs.neptune.ai/usage/querying_metadata/ (neptune 1.x docs, "How to query
#   metadata via the Neptune API": "Downloading experiments table as DataFrame" and "Filtering
#   runs" code blocks; the same NQL block is on https://docs.neptune.ai/usage/nql/)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. `# fixture:` (runs to
#   find, NEPTUNE_PROJECT for the argument-less init_project()) and `# check:` blocks added.
import os

import neptune_sys_widgets as neptune

# fixture: four runs, one of which matches both conditions
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
for _tags, _f1 in ((["some-tag"], 0.9), (["some-tag"], 0.5), (["other"], 0.95), ([], 0.99)):
    _r = neptune.init_run(tags=_tags, mode="sync")
    _r["f1"] = _f1
    _r.stop()

import neptune_sys_widgets as neptune

project = neptune.init_project(
    project="workspace-name/project-name", # (1)!
    mode="read-only",
)

runs_table_df = project.fetch_runs_table().to_pandas()

import neptune_sys_widgets as neptune

project = neptune.init_project()
project.fetch_runs_table(
    query='(`sys/tags`:stringSet CONTAINS "some-tag") AND (`f1`:float >= 0.85)',
)

# check:
assert len(runs_table_df) == 4
df = project.fetch_runs_table(
    query='(`sys/tags`:stringSet CONTAINS "some-tag") AND (`f1`:float >= 0.85)',
).to_pandas()
assert df["f1"].tolist() == [0.9], df
