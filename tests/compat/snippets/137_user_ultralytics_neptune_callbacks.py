# Source: ultralytics/ultralytics (public repository), ultralytics/utils/callbacks/neptune.py
#   @ 0005af52af705ebb03b6ed1a0be176d52d79241c (whole file: YOLOv8's Neptune callbacks, the
#   integration `pip install ultralytics` users get when SETTINGS["neptune"] is on)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`. ultralytics is not installed: a
#   `# fixture:` before the file registers stand-in modules for the two it imports,
#   `ultralytics.utils` (LOGGER, SETTINGS with neptune enabled, TESTS_RUNNING False) and
#   `ultralytics.utils.torch_utils` (model_info_for_loggers returning the dict its docstring
#   shows), so the file's own import lines stay as they are. A `# fixture:` after the file drives
#   its `callbacks` dict as ultralytics' BaseTrainer does (on_pretrain_routine_start, then per
#   epoch on_train_epoch_end / on_val_end / on_fit_epoch_end, then on_train_end) with a
#   stand-in trainer, validator and the files a YOLO run leaves in runs/detect/train; `# check:`
#   blocks added. The callbacks never stop the run (the process's exit does), nor does the check.
# fixture: stand-ins for the ultralytics modules the file imports
import sys  # fixture
import types  # fixture
import logging  # fixture

_ultralytics = types.ModuleType("ultralytics")  # fixture
_utils = types.ModuleType("ultralytics.utils")  # fixture
_utils.LOGGER = logging.getLogger("ultralytics")  # fixture
_utils.SETTINGS = {"neptune": True}  # fixture
_utils.TESTS_RUNNING = False  # fixture
_torch_utils = types.ModuleType("ultralytics.utils.torch_utils")  # fixture


def _model_info_for_loggers(trainer):  # fixture: what the real one returns without profiling
    return {"model/parameters": 3151904, "model/GFLOPs": 8.746,
            "model/speed_PyTorch(ms)": round(trainer.validator.speed["inference"], 3)}


_torch_utils.model_info_for_loggers = _model_info_for_loggers  # fixture
_ultralytics.utils = _utils  # fixture
_utils.torch_utils = _torch_utils  # fixture
sys.modules.update({"ultralytics": _ultralytics, "ultralytics.utils": _utils,  # fixture
                    "ultralytics.utils.torch_utils": _torch_utils})

# Ultralytics YOLO 🚀, AGPL-3.0 license

from ultralytics.utils import LOGGER, SETTINGS, TESTS_RUNNING

try:
    assert not TESTS_RUNNING  # do not log pytest
    assert SETTINGS["neptune"] is True  # verify integration is enabled
    import neptune_sys_widgets as neptune
    from neptune_sys_widgets.types import File

    assert hasattr(neptune, "__version__")

    run = None  # NeptuneAI experiment logger instance

except (ImportError, AssertionError):
    neptune = None


def _log_scalars(scalars, step=0):
    """Log scalars to the NeptuneAI experiment logger."""
    if run:
        for k, v in scalars.items():
            run[k].append(value=v, step=step)


def _log_images(imgs_dict, group=""):
    """Log scalars to the NeptuneAI experiment logger."""
    if run:
        for k, v in imgs_dict.items():
            run[f"{group}/{k}"].upload(File(v))


def _log_plot(title, plot_path):
    """
    Log plots to the NeptuneAI experiment logger.

    Args:
        title (str): Title of the plot.
        plot_path (PosixPath | str): Path to the saved image file.
    """
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt

    img = mpimg.imread(plot_path)
    fig = plt.figure()
    ax = fig.add_axes([0, 0, 1, 1], frameon=False, aspect="auto", xticks=[], yticks=[])  # no ticks
    ax.imshow(img)
    run[f"Plots/{title}"].upload(fig)


def on_pretrain_routine_start(trainer):
    """Callback function called before the training routine starts."""
    try:
        global run
        run = neptune.init_run(project=trainer.args.project or "YOLOv8", name=trainer.args.name, tags=["YOLOv8"])
        run["Configuration/Hyperparameters"] = {k: "" if v is None else v for k, v in vars(trainer.args).items()}
    except Exception as e:
        LOGGER.warning(f"WARNING ⚠️ NeptuneAI installed but not initialized correctly, not logging this run. {e}")


def on_train_epoch_end(trainer):
    """Callback function called at end of each training epoch."""
    _log_scalars(trainer.label_loss_items(trainer.tloss, prefix="train"), trainer.epoch + 1)
    _log_scalars(trainer.lr, trainer.epoch + 1)
    if trainer.epoch == 1 and not trainer.args.privacy_mode:
        _log_images({f.stem: str(f) for f in trainer.save_dir.glob("train_batch*.jpg")}, "Mosaic")


def on_fit_epoch_end(trainer):
    """Callback function called at end of each fit (train+val) epoch."""
    if run and trainer.epoch == 0:
        from ultralytics.utils.torch_utils import model_info_for_loggers

        run["Configuration/Model"] = model_info_for_loggers(trainer)
    _log_scalars(trainer.metrics, trainer.epoch + 1)


def on_val_end(validator):
    """Callback function called at end of each validation."""
    if run:
        # Log val_labels and val_pred
        _log_images({f.stem: str(f) for f in validator.save_dir.glob("val*.jpg")}, "Validation")


def on_train_end(trainer):
    """Callback function called at end of training."""
    if run:
        # Log final results, CM matrix + PR plots
        files = [
            "results.png",
            "confusion_matrix.png",
            "confusion_matrix_normalized.png",
            *(f"{x}_curve.png" for x in ("F1", "PR", "P", "R")),
        ]
        files = [(trainer.save_dir / f) for f in files if (trainer.save_dir / f).exists()]  # filter
        for f in files:
            _log_plot(title=f.stem, plot_path=f)
        # Log the final model
        if not trainer.args.privacy_mode:
            run[f"weights/{trainer.args.name or trainer.args.task}/{trainer.best.name}"].upload(
                File(str(trainer.best)))


callbacks = (
    {
        "on_pretrain_routine_start": on_pretrain_routine_start,
        "on_train_epoch_end": on_train_epoch_end,
        "on_fit_epoch_end": on_fit_epoch_end,
        "on_val_end": on_val_end,
        "on_train_end": on_train_end,
    }
    if neptune
    else {}
)

# fixture: a 3-epoch `yolo detect train` as BaseTrainer runs the callbacks: the files it leaves
#   in its save_dir (mosaics, validation batches, result plots, best.pt), its args (a flat
#   namespace with None values), the loss items, learning rates and metrics it passes
import pathlib  # fixture
import numpy as np  # fixture
from PIL import Image  # fixture

_save_dir = pathlib.Path("runs/detect/train")  # fixture
_save_dir.mkdir(parents=True)  # fixture
_rng = np.random.default_rng(0)  # fixture
for _name in ("train_batch0.jpg", "train_batch1.jpg", "train_batch2.jpg", "val_batch0_labels.jpg",
              "val_batch0_pred.jpg", "results.png", "confusion_matrix.png",
              "confusion_matrix_normalized.png", "PR_curve.png"):
    Image.fromarray(_rng.integers(0, 255, (64, 80, 3), dtype=np.uint8)).save(_save_dir / _name)
(_save_dir / "weights").mkdir()  # fixture
(_save_dir / "weights" / "best.pt").write_bytes(b"\x80\x02yolov8n state dict" * 64)  # fixture
_args = types.SimpleNamespace(  # fixture
    task="detect", mode="train", model="yolov8n.pt", data="coco8.yaml", epochs=3, imgsz=640,
    batch=16, device=None, project="ultralytics-team/yolo", name="train", exist_ok=False,
    pretrained=True, optimizer="auto", lr0=0.01, lrf=0.01, classes=None, cfg=None,
    save_dir=str(_save_dir), privacy_mode=False)
_trainer = types.SimpleNamespace(  # fixture
    args=_args, save_dir=_save_dir, best=_save_dir / "weights" / "best.pt", epoch=0,
    tloss=np.array([1.25, 2.5, 1.125], dtype=np.float32),
    validator=types.SimpleNamespace(speed={"inference": 18.7554}), metrics={}, lr={})
_trainer.label_loss_items = lambda loss_items, prefix="train": {  # fixture
    f"{prefix}/{k}": round(float(x), 5) for k, x in zip(("box_loss", "cls_loss", "dfl_loss"),
                                                          loss_items)}
_validator = types.SimpleNamespace(save_dir=_save_dir)  # fixture
callbacks["on_pretrain_routine_start"](_trainer)  # fixture
for _epoch in range(3):  # fixture
    _trainer.epoch = _epoch
    _trainer.tloss = _trainer.tloss * np.float32(0.5)
    _trainer.lr = {f"lr/pg{i}": 0.000333 * (_epoch + 1) for i in range(3)}
    callbacks["on_train_epoch_end"](_trainer)
    callbacks["on_val_end"](_validator)
    _trainer.metrics = {"metrics/precision(B)": np.float64(0.5 + _epoch / 10),
                        "metrics/mAP50(B)": 0.25 * (_epoch + 1), "val/box_loss": np.float32(1.5)}
    callbacks["on_fit_epoch_end"](_trainer)
callbacks["on_train_end"](_trainer)

# check: the run (ultralytics-team/yolo, named after args.name, tagged YOLOv8) holds the args
#   with None as "", the model info dict under Configuration/Model split at its slashes, every
#   scalar as a series at steps epoch + 1 (numpy values as floats), the mosaics of epoch 2 only,
#   the last validation images, one figure per existing plot (stored as PNG) and best.pt
run.wait()
_id = run["sys/id"].fetch()
_read = neptune.init_run(project="ultralytics-team/yolo", with_id=_id, mode="read-only")
assert _read["sys/name"].fetch() == "train" and _read["sys/tags"].fetch() == {"YOLOv8"}
_hyper = _read["Configuration/Hyperparameters"].fetch()
assert _hyper["device"] == "" and _hyper["classes"] == "" and _hyper["cfg"] == "", _hyper
assert _hyper["epochs"] == 3 and _hyper["lr0"] == 0.01 and _hyper["pretrained"] is True, _hyper
assert _hyper["save_dir"] == "runs/detect/train" and _hyper["task"] == "detect", _hyper
assert _read["Configuration/Model"].fetch() == {
    "model": {"parameters": 3151904, "GFLOPs": 8.746, "speed_PyTorch(ms)": 18.755}}
_box = _read["train/box_loss"].fetch_values()
assert _box["step"].tolist() == [1.0, 2.0, 3.0], _box
assert _box["value"].tolist() == [0.625, 0.3125, 0.15625], _box
assert _read["lr/pg2"].fetch_values()["value"].round(6).tolist() == [0.000333, 0.000666, 0.000999]
assert _read["metrics/precision(B)"].fetch_values()["value"].round(6).tolist() == [0.5, 0.6, 0.7]
assert _read["val/box_loss"].fetch_last() == 1.5
_structure = _read.get_structure()
assert sorted(_structure["Mosaic"]) == ["train_batch0", "train_batch1", "train_batch2"]
assert sorted(_structure["Validation"]) == ["val_batch0_labels", "val_batch0_pred"]
assert sorted(_structure["Plots"]) == ["PR_curve", "confusion_matrix",
                                       "confusion_matrix_normalized", "results"]
assert _read["Mosaic/train_batch1"].fetch_extension() == "jpg"
assert _read["Plots/results"].fetch_extension() == "png"
_read["Validation/val_batch0_pred"].download("val_pred_downloaded.jpg")
assert (pathlib.Path("val_pred_downloaded.jpg").read_bytes()
        == (_save_dir / "val_batch0_pred.jpg").read_bytes())
_read["weights/train/best.pt"].download("best_downloaded.pt")
assert pathlib.Path("best_downloaded.pt").read_bytes() == b"\x80\x02yolov8n state dict" * 64
_read.stop()
