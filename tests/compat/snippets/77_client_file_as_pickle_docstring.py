# Source: neptune-ai/neptune-client, src/neptune/types/atoms/file.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of File.as_pickle(), lines 279-285
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`; `>>>` prompts removed. A `# fixture:`
#   gives the project and the `trained_model` the example names (a fitted scikit-learn
#   model); `# check:` block added.
import os
import pickle

from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

# fixture: a trained model
os.environ["NEPTUNE_PROJECT"] = "docs/pickle"
_X, _y = load_iris(return_X_y=True)
trained_model = LogisticRegression(max_iter=500).fit(_X, _y)

import neptune_sys_widgets as neptune
from neptune_sys_widgets.types import File
run = neptune.init_run()

# Pickle model object and upload it

run["results/pickled_model"].upload(File.as_pickle(trained_model))

# check: the download unpickles to a model giving the same predictions
run.wait()
assert run["results/pickled_model"].fetch_extension() == "pkl"
run["results/pickled_model"].download("model.pkl")
with open("model.pkl", "rb") as f:
    restored = pickle.load(f)
assert (restored.predict(_X) == trained_model.predict(_X)).all()
run.stop()
