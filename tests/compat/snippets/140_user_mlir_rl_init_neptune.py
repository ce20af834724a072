# Source: Modern-Compilers-Lab/MLIR-RL (public user repository), utils/neptune_utils.py
#   @ e643fd512c61e2156c8b1cf76102d983d7559e68 (whole file: the run setup of the repository's
#   PPO training scripts, which call it with `tags=['ppo'] + cfg.tags` and mode 'sync', or
#   'debug' when debugging, log their metrics to the returned run and stop it at the end)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. A `# fixture:` after the
#   file lays out what it uploads as the repository has it (the rl_autoschedular package, the
#   utils folder, train.py, the JSON config named by CONFIG_FILE_PATH), sets the .env values
#   the training scripts load with python-dotenv (NEPTUNE_PROJECT, NEPTUNE_TOKEN,
#   CONFIG_FILE_PATH), and makes a training script's two calls, a 'sync' run and a 'debug' one,
#   each logging a few metrics and stopped at the end; `# check:` blocks added.
import os
import neptune_sys_widgets as neptune
from typing import Literal


def init_neptune(tags: list, mode: Literal["async", "sync", "offline", "read-only", "debug"] = "async"):
    # Get tags
    tags = list(map(str, tags))
    # Initialize neptune run
    run = neptune.init_run(
        project=os.getenv('NEPTUNE_PROJECT'),
        api_token=os.getenv('NEPTUNE_TOKEN'),
        tags=tags,
        mode=mode
    )
    # Upload source code
    run["src"].upload_files([
        './rl_autoschedular',
        './utils',
        './train.py'
    ])
    # Upload config
    run["config"].upload(os.getenv('CONFIG_FILE_PATH'))
    return run

# fixture: the repository's layout, its .env, and a training script's calls (cfg.tags from the
#   config, a number among them; debugging off, then on)
import json  # fixture

_files = {  # fixture
    "rl_autoschedular/__init__.py": "from .config import config\n",
    "rl_autoschedular/config.py": "config = None\n",
    "rl_autoschedular/env.py": "class Env:\n    pass\n",
    "rl_autoschedular/ppo.py": "def ppo_update():\n    pass\n",
    "rl_autoschedular/state/__init__.py": "",
    "utils/__init__.py": "",
    "utils/log.py": "def print_info(*args):\n    print(*args)\n",
    "utils/neptune_utils.py": "# this module\n",
    "train.py": "from utils.neptune_utils import init_neptune\n",
    "config/example.json": json.dumps({"lr": 0.001, "tags": ["lqcd", 3], "nb_iterations": 10}),
}
for _path, _content in _files.items():  # fixture
    os.makedirs(os.path.dirname(_path) or ".", exist_ok=True)
    with open(_path, "w") as _f:
        _f.write(_content)
os.environ.update({"NEPTUNE_PROJECT": "mlir-rl/autoscheduler",  # fixture
                   "NEPTUNE_TOKEN": neptune.ANONYMOUS_API_TOKEN,
                   "CONFIG_FILE_PATH": "config/example.json"})
_cfg_tags = json.load(open("config/example.json"))["tags"]  # fixture
_ids = []  # fixture
for _debug in (False, True):  # fixture
    neptune_logs = init_neptune(tags=['ppo'] + _cfg_tags, mode='debug' if _debug else 'sync')
    for _step in range(3):
        neptune_logs['train/reward'].append(0.5 * _step)
        neptune_logs['train/final_speedup'].append(1.0 + _step)
    if not _debug:
        _ids.append(neptune_logs["sys/id"].fetch())
    neptune_logs.stop()

# check: one run in the project (the debug one stored nothing), its tags stringified, the
#   three sources in one file set (two folders and train.py, at the top of the set), the
#   config as a file, the metrics as series
with neptune.init_project(project="mlir-rl/autoscheduler", mode="read-only") as _project:
    _table = _project.fetch_runs_table().to_pandas()
assert _table["sys/id"].tolist() == _ids, (_table["sys/id"].tolist(), _ids)
_run = neptune.init_run(project="mlir-rl/autoscheduler", with_id=_ids[0], mode="read-only")
assert _run["sys/tags"].fetch() == {"ppo", "lqcd", "3"}, _run["sys/tags"].fetch()
_top = sorted((_e.name, _e.file_type) for _e in _run["src"].list_fileset_files())
assert _top == [("rl_autoschedular", "directory"), ("train.py", "file"),
                ("utils", "directory")], _top
_pkg = sorted(_e.name for _e in _run["src"].list_fileset_files(path="rl_autoschedular"))
assert _pkg == ["__init__.py", "config.py", "env.py", "ppo.py", "state"], _pkg
_run["src"].download("src.zip")
import zipfile  # check:

_names = sorted(_n for _n in zipfile.ZipFile("src.zip").namelist() if not _n.endswith("/"))
assert _names == sorted(_p for _p in _files if not _p.startswith("config/")), _names
assert _run["config"].fetch_extension() == "json"
_run["config"].download("config_downloaded.json")
assert json.load(open("config_downloaded.json")) == json.load(open("config/example.json"))
assert _run["train/final_speedup"].fetch_values()["value"].tolist() == [1.0, 2.0, 3.0]
_run.stop()
