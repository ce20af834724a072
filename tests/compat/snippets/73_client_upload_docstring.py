# Source: neptune-ai/neptune-client, src/neptune/handler.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of Handler.upload(), lines 241-254
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`; `>>>`/`...` prompts removed. A `# fixture:`
#   writes the sample_data.csv the example uploads and gives the project; `# check:` block added.
import os

# fixture: the CSV the example uploads, and a project for init_run()
with open("sample_data.csv", "w") as f:
    f.write("x,y\n1,2\n3,4\n")
os.environ["NEPTUNE_PROJECT"] = "docs/handler"

import neptune_sys_widgets as neptune
run = neptune.init_run()

# Upload example data
run["dataset/data_sample"].upload("sample_data.csv")

# Both the content and the extension is stored
# When downloaded the filename is a combination of path and the extension
run["dataset/data_sample"].download() # data_sample.csv

# check: the download is named after the path's last part plus the extension
assert open("data_sample.csv").read() == "x,y\n1,2\n3,4\n"
assert run["dataset/data_sample"].fetch_extension() == "csv"

# Explicitly create File value object

from neptune_sys_widgets.types import File
run["dataset/data_sample"].upload(File("sample_data.csv"))

# check: the second upload replaces the first, same content
os.remove("data_sample.csv")
run["dataset/data_sample"].download()
assert open("data_sample.csv").read() == "x,y\n1,2\n3,4\n"
run.stop()
