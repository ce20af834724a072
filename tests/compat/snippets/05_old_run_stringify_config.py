# Source: neptune-ai/examples, how-to-guides/reproduce-run/scripts/old_run.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1, 5, 8-36, 72-75
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.utils import ...` -> `from neptune_sys_widgets.utils import ...`. torch and
#   torchvision are not installed: their imports, the model and the training loop are left out,
#   and a `# fixture:` stands in for `torchvision.transforms` objects (plain Python objects,
#   which is what stringify_unsupported must turn into strings) and for the dataset size.
import neptune_sys_widgets as neptune
from neptune_sys_widgets.utils import stringify_unsupported


# fixture: stand-ins for torchvision.transforms (the values are arbitrary objects)
class transforms:  # noqa: N801
    class Compose:
        def __init__(self, ts):
            self.ts = ts

        def __repr__(self):
            return "Compose(" + ", ".join(map(repr, self.ts)) + ")"

    class RandomHorizontalFlip:
        def __repr__(self):
            return "RandomHorizontalFlip(p=0.5)"

    class ToTensor:
        def __repr__(self):
            return "ToTensor()"

    class Normalize:
        def __init__(self, mean, std):
            self.mean, self.std = mean, std

        def __repr__(self):
            return f"Normalize(mean={self.mean}, std={self.std})"


###################################################################
# (Neptune) Step 1: Initialize Neptune and create new Neptune run #
###################################################################
run = neptune.init_run(
    project="common/showroom",
    tags="Basic script",
    api_token=neptune.ANONYMOUS_API_TOKEN,
)

# Experiment Config
data_dir = "data/CIFAR10"
compressed_ds = "./data/CIFAR10/cifar-10-python.tar.gz"
data_tfms = {
    "train": transforms.Compose(
        [
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ]
    )
}

params = {
    "lr": 1e-2,
    "bs": 128,
    "input_sz": 32 * 32 * 3,
    "n_classes": 10,
    "model_filename": "basemodel",
}

# fixture: len(datasets.CIFAR10(...)) for the train split
dataset_size = {"train": 50000}

###############################################
# (Neptune) Step 2: Log config & pararameters #
###############################################
run["config/dataset/path"] = data_dir
run["config/dataset/transforms"] = stringify_unsupported(data_tfms)
run["config/dataset/size"] = dataset_size
run["config/params"] = stringify_unsupported(params)

# check:
run.wait()
assert run["sys/tags"].fetch() == {"Basic script"}
transforms_logged = run["config/dataset/transforms/train"].fetch()
assert isinstance(transforms_logged, str) and "RandomHorizontalFlip" in transforms_logged
assert run["config/dataset/size/train"].fetch() == 50000
assert run["config/params/lr"].fetch() == 1e-2
assert run["config/params/model_filename"].fetch() == "basemodel"
run.stop()
