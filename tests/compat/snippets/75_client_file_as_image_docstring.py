# Source: neptune-ai/neptune-client, src/neptune/types/atoms/file.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of File.as_image(), lines 192-207
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`; `>>>` prompts removed. A `# fixture:`
#   gives the project and the `numpy_array` / `pil_image` the example names; `# check:` added.
import os

import numpy as np
from PIL import Image

# fixture: the example's inputs: a float image in [0, 1] and a PIL image
os.environ["NEPTUNE_PROJECT"] = "docs/images"
numpy_array = np.linspace(0.0, 1.0, 16 * 16 * 3).reshape(16, 16, 3)
pil_image = Image.new("RGB", (8, 6), (200, 30, 30))

import neptune_sys_widgets as neptune
from neptune_sys_widgets.types import File
run = neptune.init_run()

# Convert NumPy array to File value object and upload it

run["train/prediction_example"].upload(File.as_image(numpy_array))

# Convert PIL image to File value object and upload it

pil_file = File.as_image(pil_image)
run["dataset/data_sample/img1"].upload(pil_file)

# You can upload PIL images without explicit conversion

run["dataset/data_sample/img2"].upload(pil_image)

# check: three PNGs; the array keeps its shape, both PIL uploads are the same image
run.wait()
for _path in ("train/prediction_example", "dataset/data_sample/img1", "dataset/data_sample/img2"):
    assert run[_path].fetch_extension() == "png"
run["train/prediction_example"].download("pred.png")
assert Image.open("pred.png").size == (16, 16)
run["dataset/data_sample/img1"].download("img1.png")
run["dataset/data_sample/img2"].download("img2.png")
assert np.asarray(Image.open("img1.png").convert("RGB")).tolist() == \
    np.asarray(Image.open("img2.png").convert("RGB")).tolist() == [[[200, 30, 30]] * 8] * 6
run.stop()
