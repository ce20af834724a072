# Source: dazzle-me/lct-2023 (public user repository) @ a394866785a28a82371fe050673f82210c69b2ec
#   (init commit, 2023-05-31): neptune_logger.py (whole file); configs/config_0.py (whole file:
#   the CFG class and its `cfg`) and configs/config_86.py (whole file: a run's config, debug
#   off); and train_tok_old.py, the Neptune lines of its __main__ block, lines 160-163
#   (NeptuneLogger(debug=cfg.debug), `run['parameters'] = vars(cfg)`) and the add_scalar calls
#   of lines 197, 208, 234-235 and 237-238
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. Left out: the rest of
#   train_tok_old.py (torch, transformers and timm training; torch is not installed): a
#   `# fixture:` loop stands in for its epochs and batches with numpy losses, the learning
#   rate of a cosine schedule and sklearn's roc_auc_score of random predictions, and calls
#   the script's Neptune lines verbatim. The config modules' `__file__` (which names the
#   experiment directory) is stood in for by their repository paths; config_86's `from
#   configs.config_0 import CFG` is the CFG defined above. A `# fixture:` exports
#   NEPTUNE_API_TOKEN (the logger reads it with os.environ[...]); `# check:` blocks added.
#   Lint only: whitespace-only lines emptied.
import os  # fixture

os.environ["NEPTUNE_API_TOKEN"] = "ANONYMOUS"  # fixture: the logger's os.environ[...] lookup

# --- neptune_logger.py
import neptune_sys_widgets as neptune
import os

class NeptuneLogger():
    def __init__(self, debug: bool = False):
        self.run = neptune.init_run(
            project="slime67/ozn-image-matching",
            api_token=os.environ['NEPTUNE_API_TOKEN'],
            mode="debug" if debug else None
        )
    def add_scalar(self, name, value, step):
        self.run[name].append(value)

# --- configs/config_0.py
import os
import os.path as osp
from typing import List, Dict

from dataclasses import dataclass, field

# @dataclass(frozen=False)
class CFG:
    ## dataset

    cache_dir: str = '/storage/nvme1/hacks/ozon/.cache'
    use_dynamic_padding: bool = True
    dataset: str = 'dataset_1'
    data_dir: str = '../data/'
    max_len: int = 512
    use_cache: bool = False
    special_tokens: Dict[str, List[str]] = {
        'additional_special_tokens' : ["[ATT_SEP]", "[ITEM_SEP]"]
    }
    max_num_pics: int = 32

    ## model
    head_multiplier: float = 1.0
    archead_dim: int = 128
    margin: float = 0.2
    teacher_weights: str = ''
    num_arcface_classes: int = 91615
    dropout: float = 0.0
    model: str = 'model_1'
    weights: str = ''
    model_name: str = 'microsoft/deberta-v3-small'
    pretrained: bool = True
    num_classes: int = 1
    vision_embedding: int = 128 ## is_first_sample, is_main_embedding features
    name_embedding: int = 64
    embedding_dim: int = 128
    use_residual_wrapper: bool = True
    dropout_prob: float = 0.0
    drop_path_prob: float = 0.0

    nhead: int = 8
    vision_dropout: float = 0.0
    num_encoder_layers: int = 1

    ## training misc
    do_eval_every: int = 1
    device: str = 'cuda:0'
    debug: bool = True
    gradient_checkpointing: bool = False
    do_train: bool = True
    seed: int = 2023
    print_graph: bool = True
    use_compile: bool = False
    use_scheduler: bool = True
    set_grad_to_none: bool = True
    use_amp: bool = True
    start_save_epoch: int = 0

    train_folds: List[int] = (1, 2, 3, 4)
    val_folds: List[int] = (0,)

    ## training
    cos_margin: float = 0.0
    subsample_proportion: float = 0.025
    epochs: int = 1
    epochs_warmup: int = 0
    opt: str = 'adam'

    lr: float = 1e-4
    wd: float = 0.0

    use_t0: bool = False
    T0: int = -1
    lr_min: float = 1e-7

    criterion: str = 'BCE'

    ## dataloader
    train_bs: int = 32
    val_bs: int = 32
    prefetch_factor: int = 2
    num_workers: int = 12

    ## logger
    exp_dir: str = '/storage/nvme1/hacks/ozon/exps'
    log_dir: str = ''
    weights_dir: str = ''
    artifacts_dir: str = ''

    def __init__(self, path):
        ## each config has a name "config_i.py"
        self.log_dir = osp.join(self.exp_dir, f"exp_{osp.basename(path).replace('.py', '').split('/')[-1].split('_')[-1]}")
        self.weights_dir = osp.join(self.log_dir, 'weights')
        self.artifacts_dir = osp.join(self.log_dir, 'artifacts')

cfg = CFG(path="configs/config_0.py")  # fixture: `CFG(path=__file__)`
config_0_cfg = cfg  # fixture

# --- configs/config_86.py, after its `from configs.config_0 import CFG`
cfg = CFG(path="configs/config_86.py")  # fixture: `CFG(path=__file__)`

cfg.dataset = 'dataset_24'
cfg.model = 'model_13'
cfg.model_name = 'microsoft/deberta-v3-large'
cfg.use_dynamic_padding = False
cfg.debug = False
cfg.subsample_proportion = 1.0

cfg.special_tokens = {
    'additional_special_tokens' : ["[SEP]"]
}
cfg.epochs = 5
cfg.do_eval_every = 1
cfg.epochs_warmup = 1
cfg.lr = 5e-6
cfg.train_bs = 16
cfg.val_bs = 16
cfg.max_len = 256

## train_tok_old
config_86_cfg = cfg  # fixture

# --- train_tok_old.py's Neptune lines, run once per config as `--config config_0` and
#   `--config config_86` would
import numpy as np
from sklearn.metrics import roc_auc_score


def _train(cfg):  # fixture: train_tok_old.py's __main__ block for this config
    _rng = np.random.default_rng(cfg.seed)  # fixture
    num_steps_per_epoch = 3  # fixture: len(train_dl)
    summary_writer = NeptuneLogger(
        debug=cfg.debug
    )
    summary_writer.run['parameters'] = vars(cfg)
    for epoch in range(1, cfg.epochs + 1):
        train_losses = []  # fixture
        for t_iter in range(num_steps_per_epoch):  # fixture: the batches
            global_iter = (epoch - 1) * num_steps_per_epoch + t_iter
            train_losses.append(float(_rng.uniform(0.2, 0.7)))  # fixture: loss.item()
            lr = cfg.lr_min + (cfg.lr - cfg.lr_min) * (1 + np.cos(np.pi * global_iter / 15)) / 2  # noqa: E501  fixture: opt.param_groups[0]['lr']
            summary_writer.add_scalar("lr", lr, global_iter)
        summary_writer.add_scalar('loss/train', np.mean(train_losses), epoch)
        val_losses = _rng.uniform(0.3, 0.6, size=4)  # fixture
        val_targets = np.array([0, 1] * 8)  # fixture
        val_predictions = _rng.uniform(size=16)  # fixture
        metric = np.mean(val_losses)
        summary_writer.add_scalar('loss/val', metric, epoch)

        roc_auc = roc_auc_score(val_targets, val_predictions)
        summary_writer.add_scalar('val/roc-auc', roc_auc, epoch)
    return summary_writer  # fixture


config_0_writer = _train(config_0_cfg)  # fixture: `--config config_0` (debug: True)
config_86_writer = _train(config_86_cfg)  # fixture: `--config config_86` (debug: False)

# check: the debug run (config_0) left nothing in the project; the other run holds vars(cfg)
#   (instance attributes only: the class defaults are not in vars()), but the special-tokens
#   list, a type 1.x does not store, and five epochs of scalars whose step argument the logger
#   drops (append numbers them 0, 1, ...)
config_86_writer.run.wait()
with neptune.init_project(project="slime67/ozn-image-matching", mode="read-only") as _project:
    _runs = _project.fetch_runs_table().to_pandas()
assert len(_runs) == 1, _runs
_run_id = _runs["sys/id"][0]
assert _run_id == config_86_writer.run["sys/id"].fetch()
_run = neptune.init_run(project="slime67/ozn-image-matching", with_id=_run_id, mode="read-only")
_parameters = _run["parameters"].fetch()
assert _parameters == {
    "log_dir": "/storage/nvme1/hacks/ozon/exps/exp_86",
    "weights_dir": "/storage/nvme1/hacks/ozon/exps/exp_86/weights",
    "artifacts_dir": "/storage/nvme1/hacks/ozon/exps/exp_86/artifacts",
    "dataset": "dataset_24", "model": "model_13", "model_name": "microsoft/deberta-v3-large",
    "use_dynamic_padding": False, "debug": False, "subsample_proportion": 1.0, "epochs": 5,
    "do_eval_every": 1, "epochs_warmup": 1, "lr": 5e-6, "train_bs": 16, "val_bs": 16,
    "max_len": 256}, _parameters
assert not _run.exists("parameters/special_tokens/additional_special_tokens")
assert _run["lr"].fetch_values()["step"].tolist() == [float(_s) for _s in range(15)]
assert abs(_run["lr"].fetch_last() - config_86_cfg.lr_min - (5e-6 - 1e-7)
           * (1 + np.cos(np.pi * 14 / 15)) / 2) < 1e-15
for _name in ("loss/train", "loss/val", "val/roc-auc"):
    assert _run[_name].fetch_values()["step"].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0], _name
_run.stop()
