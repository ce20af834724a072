# Source: neptune-ai/project-images-segmentation, ci_evaluate.py
#   @ 1cd31bbb16995a000051af8a7617fb23fedd6e27 (2023-01-21; the evaluation job that
#   .github/workflows/evaluate.yml runs as `python ci_evaluate.py`: the run tagged "best" by
#   train.py, re-opened to evaluate its uploaded weights), lines 1-3, 9-26 and 31-end
# Changed: `import neptune.new as neptune` -> `import neptune_sys_widgets.new as neptune`.
#   Left out: lines 27-30, the S3 validation data (track_files of an s3:// folder, downloaded
#   to evaluation_data; network). torch is not installed: line 4 (`import torch`) and lines 6-7
#   (the repository's dataset.py and model_utils.py, torch modules) are stood in for by a
#   `# fixture:` with numpy: torch.device / cuda.is_available() (False) / load / no_grad, a
#   BrainSegmentationDataset of seeded image and mask slices printing as the real one does, a
#   UNet that thresholds at the weight it loads, and model_utils' DiceLoss formula. (Line 39's
#   `args` is never defined in the file; with no CUDA, Python never evaluates it.) A
#   `# fixture:` before the script makes project common/project-images-segmentation-update as
#   train.py leaves it: runs with preprocessing params and uploaded weights, the best one
#   tagged "best"; `# check:` block added (the script stops neither the project nor the run:
#   the process's exit does, nor does the check).
# fixture: the project's training runs (train.py's data/preprocessing_params and
#   training/model/model_weight, the best run tagged "best")
import pickle  # fixture

import neptune_sys_widgets as _neptune

for _seed, _threshold, _tags in ((7, 0.25, []), (42, 0.5, ["best"]), (3, 0.75, [])):
    with open("unet.pt", "wb") as _f:  # a state dict, pickled as torch.save does
        pickle.dump({"threshold": _threshold}, _f)
    with _neptune.init_run(project="common/project-images-segmentation-update",
                           tags=_tags) as _run:
        _run["data/preprocessing_params"] = {"aug_angle": 15, "aug_scale": 0.05,
                                             "image_size": 256, "flip_prob": 0.5, "seed": _seed}
        _run["training/model/model_weight"].upload("unet.pt")
        _run.wait()
        if _tags:
            _best_id = _run["sys/id"].fetch()

import os

import neptune_sys_widgets.new as neptune

# fixture: stand-ins for `import torch`, `from dataset import BrainSegmentationDataset` and
#   `from model_utils import DiceLoss, UNet`
import contextlib  # fixture
import types  # fixture

import numpy as np  # fixture

torch = types.SimpleNamespace(  # fixture
    device=lambda name: name, cuda=types.SimpleNamespace(is_available=lambda: False),
    load=lambda path, map_location=None: pickle.load(open(path, "rb")),
    no_grad=contextlib.nullcontext)


class _Tensor(np.ndarray):  # fixture
    def unsqueeze(self, dim):
        return np.expand_dims(self, dim).view(_Tensor)


class BrainSegmentationDataset:  # fixture: dataset.py's class, on seeded arrays
    in_channels = 3
    out_channels = 1

    def __init__(self, images_dir, transform=None, image_size=256, subset="train",
                 random_sampling=True, validation_cases=10, seed=42):
        print(f"reading {subset} images...")
        rng = np.random.default_rng(seed)
        self.slices = [(rng.random((3, 8, 8)).view(_Tensor),
                        (rng.random((1, 8, 8)) > 0.5).astype(float).view(_Tensor),
                        f"TCGA_HT_7692_19960724_{i + 1}.tif") for i in range(4)]
        print("done creating {} dataset".format(subset))

    def __len__(self):
        return len(self.slices)

    def __getitem__(self, idx):
        return self.slices[idx]


class UNet:  # fixture: model_utils.py's UNet, reduced to a threshold read from its weights
    def __init__(self, in_channels=3, out_channels=1, init_features=32):
        self.threshold = None

    def to(self, device):
        return self

    def load_state_dict(self, state_dict):
        self.threshold = state_dict["threshold"]

    def __call__(self, x):
        return (x[:, :1] > self.threshold).astype(float)


class DiceLoss:  # fixture: model_utils.py's DiceLoss.forward
    smooth = 1.0

    def __call__(self, y_pred, y_true):
        assert y_pred.shape == y_true.shape
        y_pred = y_pred[:, 0].reshape(-1)
        y_true = y_true[:, 0].reshape(-1)
        intersection = (y_pred * y_true).sum()
        dsc = (2.0 * intersection + self.smooth) / (y_pred.sum() + y_true.sum() + self.smooth)
        return 1.0 - dsc


os.environ["NEPTUNE_PROJECT"] = "common/project-images-segmentation-update"

# (neptune) fetch project
project = neptune.init_project()

# (neptune) find best run
best_run_df = project.fetch_runs_table(tag="best").to_pandas()
best_run_id = best_run_df["sys/id"].values[0]

# (neptune) re-init the chosen run
base_namespace = "evaluate"
ref_run = neptune.init_run(
    tags=["evaluation"],
    source_files=None,
    monitoring_namespace=f"{base_namespace}/monitoring",
    with_id=best_run_id,
)

valid = BrainSegmentationDataset(
    images_dir="evaluation_data",
    subset="validation",
    random_sampling=False,
    seed=ref_run["data/preprocessing_params/seed"].fetch(),
)

device = torch.device(args.device if torch.cuda.is_available() else "cpu")

unet = UNet(
    in_channels=BrainSegmentationDataset.in_channels,
    out_channels=BrainSegmentationDataset.out_channels,
)
unet.to(device)

# (neptune) Download the weights from the `train` run
ref_run["training/model/model_weight"].download("evaluate_unet.pt")
ref_run.wait()

# Load the downloaded weights
state_dict = torch.load("evaluate_unet.pt", map_location=device)
unet.load_state_dict(state_dict)

loss_fn = DiceLoss()
loss = 0.0
for i in range(len(valid)):
    with torch.no_grad():
        x, y, fname = valid[i]
        x, y = x.unsqueeze(0), y.unsqueeze(0)
        y_pred = unet(x)
        loss += loss_fn(y_pred, y).item()

# (neptune) log evaluated loss.
ref_run[f"{base_namespace}/mean_evaluation_loss"] = (loss) / len(valid)

# check: the best run was found and re-opened (its "best" tag kept, "evaluation" added); the
#   dataset got its seed; the weights it evaluated are the best run's (threshold 0.5), and the
#   mean loss logged is the one they give; the other runs were not touched
ref_run.wait()
assert best_run_id == _best_id and len(best_run_df) == 1, best_run_df
assert unet.threshold == 0.5
_expected = sum(DiceLoss()(unet(x.unsqueeze(0)), y.unsqueeze(0))
                for x, y, _ in BrainSegmentationDataset("evaluation_data", seed=42).slices) / 4
_read = neptune.init_run(with_id=best_run_id, mode="read-only")
assert abs(_read["evaluate/mean_evaluation_loss"].fetch() - _expected) < 1e-12
assert _read["sys/tags"].fetch() == {"best", "evaluation"}, _read["sys/tags"].fetch()
_read.stop()
_table = project.fetch_runs_table(columns=["sys/tags", "evaluate/mean_evaluation_loss"])
assert _table.to_pandas()["evaluate/mean_evaluation_loss"].notna().sum() == 1
