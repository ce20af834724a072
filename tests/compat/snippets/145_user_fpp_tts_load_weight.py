# Source: hyeongrae-voyagerx/fpp_tts (public user repository), utils/neptune.py
#   @ 0db12df66544f7a03f78aa38bef752766b90d81b (2024-11-06; whole file: how the team's TTS code
#   gets the best checkpoint of a finished training run, `load_weight(model_config)` with the
#   model configs' project_name / exp_name / resume run ID, e.g. configs/vocgan_config.py)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. The file's init(),
#   cache_write() and NeptuneLogger are defined but not called (nothing in the repository calls
#   them; init() returns None and cache_write's pkl.dump lacks its file). A `# fixture:` after
#   the file makes the training run as neptune's PyTorch Lightning logger lays it out
#   (training/model/best_model_path, the checkpoints uploaded under
#   training/model/checkpoints/<name>) in project v6x/fp-pitch (key VOC, as the configs'
#   "VOC-492"), deletes the local best checkpoint, and calls load_weight with a ModelConfig
#   stand-in twice; `# check:` blocks added.
#   Lint only: whitespace-only lines emptied, a final newline added, noqa comments on the two
#   upstream lines ruff flags.
import neptune_sys_widgets as neptune
from pathlib import Path
from contextlib import contextmanager
import pickle as pkl
import os

_cache_dir = "./cache"

def init(model_config):
    run = neptune.init_run(  # noqa: F841
        project=model_config.project_name,
        name=model_config.exp_name,
        with_id=model_config.resume,
        mode="async"
    )

def load_weight(model_config):
    run = neptune.init_run(
        project=model_config.project_name,
        name=model_config.exp_name,
        with_id=model_config.resume,
        mode="read-only"
    )

    weight_path = _get_weight_from_run(run)
    return weight_path

def _get_weight_from_run(run):
    data = run.get_structure()
    best_path_string = data["training"]["model"]["best_model_path"].fetch()
    best_path = Path(best_path_string)
    cache_dir = best_path.parent.resolve()
    if not cache_dir.exists():
        cache_dir = Path(_cache_dir, data["sys"]["id"].fetch())
        cache_dir.mkdir(exist_ok=True, parents=True)

    if not best_path.exists():
        data["training"]["model"]["checkpoints"][best_path.stem].download(str(best_path))
    return best_path

@contextmanager
def cache_write(key, item, delete=False):
    if "." not in key.split("/")[-1]:
        key = key + ".pkl"
    file_path = Path(_cache_dir, key)
    with open(str(file_path), "wb") as fw:  # noqa: F841
        pkl.dump(item)

    yield str(file_path)

    if delete and file_path.exists():
        os.remove(file_path)


class NeptuneLogger:
    def __init__(self, model_config):
        self.run = init(model_config)

    def log(self, key: str, item: str | float | int):
        self.run[key].log(item)

    def upload(self, key: str, item, empty_cache=False):
        with cache_write(key, item, empty_cache) as file:
            self.run[key].upload(file)

# fixture: the finished training run (VOC-1), its checkpoints folder with the best checkpoint
#   gone, and the model config that names the run
import types  # fixture

neptune.management.create_project("v6x/fp-pitch", key="VOC")  # fixture
os.makedirs("checkpoints/fastpitch-kss")  # fixture
_checkpoints = {"epoch=3-step=400": b"best-ckpt-bytes" * 10,  # fixture
                "epoch=5-step=600": b"last-ckpt-bytes" * 10}
with neptune.init_run(project="v6x/fp-pitch", name="fastpitch-kss") as _training:  # fixture
    for _name, _content in _checkpoints.items():
        _path = os.path.abspath(f"checkpoints/fastpitch-kss/{_name}.ckpt")
        with open(_path, "wb") as _f:
            _f.write(_content)
        _training[f"training/model/checkpoints/{_name}"].upload(_path)
    _training["training/model/best_model_path"] = os.path.abspath(
        "checkpoints/fastpitch-kss/epoch=3-step=400.ckpt")
    _training["training/model/best_model_score"] = 0.125
    _training.wait()
os.remove("checkpoints/fastpitch-kss/epoch=3-step=400.ckpt")  # fixture
model_config = types.SimpleNamespace(project_name="v6x/fp-pitch", resume="VOC-1",  # fixture
                                     exp_name="fastpitch-kss", best=True)
weight_path = load_weight(model_config)  # fixture
_mtime = os.path.getmtime(weight_path)  # fixture
weight_path_again = load_weight(model_config)  # fixture

# check: the best checkpoint came back from the run to the path it was logged with; the second
#   call found it there and downloaded nothing; the run is unchanged (read-only) and the
#   only run of the project
assert weight_path == Path(os.path.abspath("checkpoints/fastpitch-kss/epoch=3-step=400.ckpt"))
assert weight_path.read_bytes() == _checkpoints["epoch=3-step=400"]
assert weight_path_again == weight_path and os.path.getmtime(weight_path) == _mtime
assert not Path(_cache_dir).exists()
with neptune.init_project(project="v6x/fp-pitch", mode="read-only") as _project:
    _table = _project.fetch_runs_table().to_pandas()
assert _table["sys/id"].tolist() == ["VOC-1"] and _table["sys/name"].tolist() == ["fastpitch-kss"]
_run = neptune.init_run(project="v6x/fp-pitch", with_id="VOC-1", mode="read-only")
assert sorted(_run.get_structure()["training"]["model"]["checkpoints"]) == sorted(_checkpoints)
assert _run["training/model/best_model_score"].fetch() == 0.125
_run.stop()
