# Source: neptune-ai/examples, how-to-guides/hello-neptune/scripts/hello_neptune.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file; snippet 01 left out its MNIST image
#   series, lines 30-44 and 65-66)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`. tensorflow is not installed: a
#   `# fixture:` stands in for line 31's `from tensorflow.keras.datasets import mnist` with an
#   object whose load_data() returns MNIST-shaped uint8 arrays (28 x 28 digits, labels 0-9).
#   `# fixture:` also writes the sample.png line 28 uploads; `# check:` block added.
import neptune_sys_widgets as neptune

# fixture: the PNG the script uploads
from PIL import Image as _Image
_Image.new("RGB", (16, 16), "navy").save("sample.png")

# Initialize Neptune and create a new run
run = neptune.init_run(
    project="common/quickstarts",
    api_token=neptune.ANONYMOUS_API_TOKEN,
    tags=["quickstart", "script"],
    dependencies="infer",  # to infer dependencies. You can also pass the path to the requirements.txt file
)

# log single value
run["seed"] = 0.42

# log series of values
from random import random

epochs = 10
offset = random() / 5

for epoch in range(epochs):
    acc = 1 - 2**-epoch - random() / (epoch + 1) - offset
    loss = 2**-epoch + random() / (epoch + 1) + offset

    run["accuracy"].append(acc)
    run["loss"].append(loss)

# Upload single image to Neptune
run["single_image"].upload("sample.png")  # You can upload native images as-is

# Load MNIST dataset
# fixture: stands in for `from tensorflow.keras.datasets import mnist` (tensorflow is not
#   installed): load_data() gives ((x_train, y_train), (x_test, y_test)) as keras does
import numpy as _np


class mnist:
    @staticmethod
    def load_data():
        rng = _np.random.default_rng(0)
        x = rng.integers(0, 256, size=(20, 28, 28), dtype=_np.uint8)
        y = rng.integers(0, 10, size=20, dtype=_np.uint8)
        return (x[:12], y[:12]), (x[12:], y[12:])


(x_train, y_train), (x_test, y_test) = mnist.load_data()

# Upload a series of images to Neptune
from neptune_sys_widgets.types import File

for i in range(10):
    run["image_series"].append(
        File.as_image(
            x_train[i]
        ),  # You can upload arrays as images using Neptune's File.as_image() method
        name=str(y_train[i]),
    )

# Save the run ID to resume the run later
run_id = run["sys/id"].fetch()

# Stop logging
run.stop()

# Reinitialize an already logged run
run = neptune.init_run(
    project="common/quickstarts",
    api_token=neptune.ANONYMOUS_API_TOKEN,
    with_id=run_id,  # ID of the run you want to re-initialize
    mode="read-only",  # To prevent accidental overwrite of already logged data
)

# Download metadata from reinitialized run
print(f"Logged seed: {run['seed'].fetch()}")
print(f"Logged accuracies:\n{run['accuracy'].fetch_values()}")
run["single_image"].download("downloaded_single_image.png")
print("Image downloaded to downloaded_single_image.png")
run["image_series"].download("downloaded_image_series")
print("Image series downloaded to downloaded_image_series folder")

# check: ten 28 x 28 grayscale PNGs with the digits' pixels, in logging order
import os
_files = sorted(os.listdir("downloaded_image_series"), key=lambda n: int(n.split(".")[0]))
assert _files == [f"{i}.png" for i in range(10)]
for _i, _name in enumerate(_files):
    _img = _Image.open(os.path.join("downloaded_image_series", _name))
    assert _img.size == (28, 28)
    assert (_np.asarray(_img) == x_train[_i]).all()

# Stop the run
run.stop()
