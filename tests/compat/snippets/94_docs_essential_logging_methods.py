# Source: https://docs.neptune.ai/logging/methods/ (neptune 1.x docs, "Essential logging
#   methods": the opening code block, and the examples of the method table but the
#   `track_files("s3://data/train")` row, which needs an S3 bucket)
# Changed: the docs' snippets assume `import neptune` and a `run`; `# fixture:` gives them
#   (import written as `import neptune_sys_widgets as neptune`) and the values the table's
#   examples name (loss, img_object, model.pkl, ./preprocessing/*.py). The two lines the docs
#   mark "# Error" are run in the `# check:` block, inside pytest.raises.
import os

import pytest
from PIL import Image

import neptune_sys_widgets as neptune  # fixture:

os.environ["NEPTUNE_PROJECT"] = "docs/methods"  # fixture:
run = neptune.init_run()  # fixture:

run["metrics/acc"].append(0.98) # "metrics/acc" is a FloatSeries field
run["metrics/acc"].append(0.99) # You can keep appending float values
# (the docs' next line, `run["metrics/acc"] = "High accuracy!"`, is marked Error: see the check)
acc = run["metrics/acc"].fetch_values() # Series fields support fetching all values
acc = run["metrics/acc"].fetch_last() # ... or just the last value
# (the docs' next line, `run["metrics/acc"].download()`, is marked Error: see the check)

# fixture: the values the table's examples use
loss = 0.25
img_object = Image.new("RGB", (4, 4), "white")
open("model.pkl", "wb").write(b"pickled")
os.makedirs("preprocessing", exist_ok=True)
for _name in ("clean.py", "split.py"):
    open(os.path.join("preprocessing", _name), "w").write("# step\n")

run["f1_score"] = 0.86
for _ in range(3):  # fixture: "(inside a loop)"
    run["train/loss"].append(loss)
    run["misclassified_images"].append(img_object)
run["preprocessing_scripts"].upload_files("./preprocessing/*.py")
run["binaries"].upload("model.pkl")

# check: what the table says each call makes, and the two documented errors
run.wait()
assert acc == 0.99
with pytest.raises(Exception):
    run["metrics/acc"] = "High accuracy!" # Error: You can't suddenly assign a string
with pytest.raises(Exception):
    run["metrics/acc"].download() # Error: download() is for file fields
assert run["metrics/acc"].fetch_values()["value"].tolist() == [0.98, 0.99]
assert str(run["misclassified_images"].field_type) == "FileSeries"
assert sorted(e.name for e in run["preprocessing_scripts"].list_fileset_files("preprocessing")) == [
    "clean.py", "split.py"]
assert run["binaries"].fetch_extension() == "pkl"
assert run["f1_score"].fetch() == 0.86
run.stop()
