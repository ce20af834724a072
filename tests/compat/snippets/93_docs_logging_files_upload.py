# Source: https://docs.neptune.ai/logging/files/ (neptune 1.x docs, "Upload or download files":
#   "Log a file" and "Logging chart or figure objects")
# Changed: the docs' snippets assume `import neptune`; it is written as `import
#   neptune_sys_widgets as neptune` (`# fixture:`, with the project and the zip the example
#   uploads); `# check:` block added.
import os
import zipfile

import neptune_sys_widgets as neptune  # fixture: the import the docs' snippets assume

# fixture: the project and the archive
os.environ["NEPTUNE_PROJECT"] = "docs/files"
with zipfile.ZipFile("auxiliary-data.zip", "w") as _z:
    _z.writestr("notes.txt", "aux")

run = neptune.init_run()
run["aux/data"].upload("auxiliary-data.zip")

import matplotlib.pyplot as plt

fig = plt.figure(figsize=(7, 9))

# Log figure to run
run["my-figure"].upload(fig)

# check: the zip comes back whole, the figure as a PNG of 7 x 9 inches at 100 dpi
run.wait()
run["aux/data"].download("aux.zip")
assert zipfile.ZipFile("aux.zip").read("notes.txt") == b"aux"
assert run["my-figure"].fetch_extension() == "png"
run["my-figure"].download("fig.png")
from PIL import Image
assert Image.open("fig.png").size == (700, 900)
run.stop()
