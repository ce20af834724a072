# Source: https://docs.neptune.ai/logging/images/ (neptune 1.x docs, "Log images": "Logging a single
#   image", "Logging a series of images" and its "Passing a file path as the argument" example)
# Changed: the docs' snippets assume `import neptune`; it is written as `import
#   neptune_sys_widgets as neptune` (`# fixture:`), `from neptune.types import File` ->
#   `from neptune_sys_widgets.types import File`. `# fixture:` gives the project, bboxes.png,
#   `image`, and the misclassified images with the `...` predictions filled in; `# check:` added.
import os

import numpy as np
from PIL import Image

import neptune_sys_widgets as neptune  # fixture: the import the docs' snippets assume

# fixture: the project, the images and names the examples use
os.environ["NEPTUNE_PROJECT"] = "docs/images"
Image.new("RGB", (10, 10), "red").save("bboxes.png")
image = Image.fromarray(np.full((8, 8, 3), 200, dtype=np.uint8))
misclassified_images_names = ["img_3", "img_17"]
for _name in misclassified_images_names:
    Image.new("L", (6, 6), 128).save(f"{_name}.png")

run = neptune.init_run()
run["train/bounding_boxes"].upload("bboxes.png")

run = neptune.init_run()
run["train/prediction_example"].append(image)

from neptune_sys_widgets.types import File

for name in misclassified_images_names:
    y_pred = 3  # fixture: `...`
    y_true = 8  # fixture: `...`
    run["misclassified_imgs"].append(
        File(f"{name}.png"),
        description=f"Prediction: {y_pred}\nActual: {y_true}",
    )

# check: the second run holds a one-image series and the two misclassified images
run.wait()
run["misclassified_imgs"].download("mis")
assert sorted(os.listdir("mis")) == ["0.png", "1.png"]
run["train/prediction_example"].download_last("last")
assert np.asarray(Image.open(os.path.join("last", "0.png"))).tolist() == np.asarray(image).tolist()
run.stop()
