# Source: https://docs.neptune.ai/logging/new_run/ (neptune 1.x docs, "Create a run": the
#   minimal init_run(), credentials passed as arguments, and the anonymous public-project
#   settings)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. The page's anonymous
#   settings (two bare assignment lines) are used as arguments of a third init_run() by a
#   `# fixture:`. `# fixture:` NEPTUNE_PROJECT (the page tells you to export it) and `# check:`.
import os

os.environ["NEPTUNE_PROJECT"] = "ml-team/classification"  # fixture:

import neptune_sys_widgets as neptune

run = neptune.init_run()

run = neptune.init_run(
    api_token="h0dHBzOi8aHR0cHM6Lkc78ghs74kl0jv...Yh3Kb8", # (1)!
    project="ml-team/classification", # (2)!
)

# fixture: the anonymous settings, as the page lists them
api_token=neptune.ANONYMOUS_API_TOKEN
project="common/quickstarts"
anon = neptune.init_run(api_token=api_token, project=project)

# check:
assert run["sys/id"].fetch().split("-")[1] == "2"
assert anon["sys/id"].fetch().endswith("-1")
assert isinstance(neptune.ANONYMOUS_API_TOKEN, str) and neptune.ANONYMOUS_API_TOKEN
anon.stop()
run.stop()
