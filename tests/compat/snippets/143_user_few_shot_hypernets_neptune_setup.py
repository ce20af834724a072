# Source: kidp330/few-shot-hypernets-public (public user repository), neptune_utils.py
#   @ 8679ff7270be05153332d4bfa7a3d3332e2cc01e (2024-06-25, "General refactors"; whole file:
#   the run setup train.py calls as `neptune_run = neptune.setup(params, model)` after
#   `import neptune_utils as neptune`, resuming the run named in the checkpoint folder's
#   NEPTUNE_RUN.txt under --resume)
# client: neptune 1.x
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune import Run`
#   -> `from neptune_sys_widgets import Run` (the `client:` line above has the unchanged run
#   map it back to neptune's Run, not neptune_scale's). The repository's own modules (lines 8-10: `import configs`, `from
#   methods.meta_template import MetaTemplate`, `from parsers.train import TrainParams`; torch
#   and typed-argument-parser are not installed) are stood in for by
#   `# fixture:` definitions: configs.py's save_dir, a model class, and a TrainParams holding
#   the values train.py sets (checkpoint_dir built as train.py builds it, resume,
#   checkpoint_suffix) and, like the repository's Tap-based TrainParams at this commit, no
#   `params` attribute. A `# fixture:` after the file runs train.py's setup call as two
#   processes, a first training and a `--resume` one (each process's exit stops the run it
#   opened), over the repository's *.py files; `# check:` blocks added. At this commit setup()
#   opens the run, records its ID, then fails on `vars(params.params)`, prints why and returns
#   None, so train.py trains without Neptune (the checks read that back).
from pathlib import Path
import sys
from typing import Optional

import neptune_sys_widgets as neptune
from neptune_sys_widgets import Run

# fixture: stand-ins for `import configs`, `from methods.meta_template import MetaTemplate` and
#   `from parsers.train import TrainParams`
configs = type(sys)("configs")  # fixture
configs.save_dir = Path('./save/')  # fixture: configs.py line 6


class MetaTemplate:  # fixture: methods/meta_template.py's MetaTemplate (a torch module)
    def __repr__(self):
        return "HyperMAML(\n  (feature): Conv4()\n)"


class TrainParams:  # fixture: the values of parsers/train.py's TrainParams that setup() reads
    def __init__(self, dataset, model, method, train_n_way, n_shot, checkpoint_suffix, resume):
        self.dataset, self.model, self.method = dataset, model, method
        self.train_n_way, self.n_shot = train_n_way, n_shot
        self.checkpoint_suffix, self.resume = checkpoint_suffix, resume
        self.checkpoint_dir = None


def track(run: Run, checkpoint_dir: Path, file: str):
    run[file].track_files(str(checkpoint_dir / f"{file}.tar"))


def setup(params: TrainParams, model: MetaTemplate) -> Optional[Run]:
    try:
        assert params.checkpoint_dir is not None
        run_name = (
            params.checkpoint_dir
            .relative_to(configs.save_dir / "checkpoints")
            .name
        )
        run_file = params.checkpoint_dir / "NEPTUNE_RUN.txt"

        run_id = None
        if params.resume and run_file.exists():
            with run_file.open("r") as f:
                run_id = f.read()
                print(f"Resuming neptune run {run_id}")

        run = neptune.init_run(
            name=run_name,
            source_files="**/*.py",
            tags=[params.checkpoint_suffix] if params.checkpoint_suffix != "" else [],
            with_id=run_id,
        )
        with run_file.open("w") as f:
            f.write(run["sys/id"].fetch())
            print("Starting neptune run", run["sys/id"].fetch())

        run["params"] = vars(params.params)
        run["cmd"] = f"python {' '.join(sys.argv)}"
        run["model"] = model

        return run

    except Exception as e:
        print("Cannot initialize neptune because of", e)
    return None

# fixture: `python train.py --dataset CUB --method hyper_maml --n_shot 1 --checkpoint_suffix
#   hm_lr1e-3 [--resume]`, each as its own process (this file run again with FSH_TRAIN_ARGS
#   set): the checkpoint folder as train.py derives it, then its setup call
import os  # fixture
import subprocess  # fixture

if "FSH_TRAIN_ARGS" in os.environ:  # fixture: the child process, one train.py invocation
    params = TrainParams("CUB", "Conv4", "hyper_maml", 5, 1, "hm_lr1e-3",
                         resume=os.environ["FSH_TRAIN_ARGS"] == "--resume")
    params.checkpoint_dir = configs.save_dir / 'checkpoints' / \
        params.dataset / params.model / params.method
    params.checkpoint_dir /= f'_{params.train_n_way}way_{params.n_shot}shot'  # nopep8
    params.checkpoint_dir /= params.checkpoint_suffix
    if not os.path.isdir(params.checkpoint_dir):
        os.makedirs(params.checkpoint_dir)
    model = MetaTemplate()
    neptune_run = setup(params, model)
    print("neptune_run:", neptune_run)
    sys.exit(0)

os.environ["NEPTUNE_PROJECT"] = "kidp330/few-shot-hypernets"  # fixture
for _path in ("train.py", "io_utils.py", "methods/meta_template.py",  # fixture
              "methods/hypernets/hypermaml.py", "parsers/train.py"):
    os.makedirs(os.path.dirname(_path) or ".", exist_ok=True)
    Path(_path).write_text(f"# {_path}\n")
_outputs = []  # fixture
for _args in ("", "--resume"):  # fixture
    _proc = subprocess.run([sys.executable, __file__], env=dict(os.environ, FSH_TRAIN_ARGS=_args),
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert _proc.returncode == 0, _proc.stdout + _proc.stderr
    _outputs.append(_proc.stdout)

# check: both processes used one run, named after the checkpoint folder and tagged with the
#   suffix, whose ID NEPTUNE_RUN.txt holds; the second resumed it; both setups stopped at
#   `params.params` and returned None, so nothing after the run's creation was logged; the
#   run holds the repository's sources matched by **/*.py
_run_file = Path("save/checkpoints/CUB/Conv4/hyper_maml/_5way_1shot/hm_lr1e-3/NEPTUNE_RUN.txt")
_run_id = _run_file.read_text()
with neptune.init_project(mode="read-only") as _project:
    assert _project.fetch_runs_table().to_pandas()["sys/id"].tolist() == [_run_id]
assert f"Starting neptune run {_run_id}" in _outputs[0], _outputs[0]
assert "Resuming neptune run" not in _outputs[0], _outputs[0]
assert f"Resuming neptune run {_run_id}" in _outputs[1], _outputs[1]
for _out in _outputs:
    assert "Cannot initialize neptune because of" in _out and "params" in _out, _out
    assert "neptune_run: None" in _out, _out
_read = neptune.init_run(with_id=_run_id, mode="read-only")
assert _read["sys/name"].fetch() == "hm_lr1e-3"
assert _read["sys/tags"].fetch() == {"hm_lr1e-3"}
assert not _read.exists("params") and not _read.exists("cmd") and not _read.exists("model")
_top = {_e.name for _e in _read["source_code/files"].list_fileset_files()}
assert {"train.py", "io_utils.py", "methods", "parsers"} <= _top, _top
_methods = {_e.name for _e in _read["source_code/files"].list_fileset_files(path="methods")}
assert {"meta_template.py", "hypernets"} <= _methods, _methods
_read.stop()
