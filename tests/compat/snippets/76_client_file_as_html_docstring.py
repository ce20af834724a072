# Source: neptune-ai/neptune-client, src/neptune/types/atoms/file.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of File.as_html(), lines 239-245
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`; `>>>` prompts removed. Lines 247-254
#   (an Altair chart) are left out: altair is not installed. A `# fixture:` gives the project
#   and the `df_predictions` DataFrame the example names; `# check:` block added.
import os

import pandas as pd

# fixture: the example's predictions table
os.environ["NEPTUNE_PROJECT"] = "docs/html"
df_predictions = pd.DataFrame({"id": [1, 2, 3], "label": ["cat", "dog", "<b>bird</b>"],
                               "score": [0.9, 0.75, 0.6]})

import neptune_sys_widgets as neptune
from neptune_sys_widgets.types import File
run = neptune.init_run()

# Convert Pandas DataFrame to File value object and upload it

run["train/results"].upload(File.as_html(df_predictions))

# check: an HTML table of the frame (the label text escaped)
run.wait()
assert run["train/results"].fetch_extension() == "html"
run["train/results"].download("results.html")
_html = open("results.html").read()
assert "<table" in _html and "<td>dog</td>" in _html and "<td>0.75</td>" in _html
assert "&lt;b&gt;bird&lt;/b&gt;" in _html and "<b>bird" not in _html
run.stop()
