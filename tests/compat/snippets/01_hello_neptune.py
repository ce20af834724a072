# Source: neptune-ai/examples, how-to-guides/hello-neptune/scripts/hello_neptune.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-28, 46-64, 68-69
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. Lines 30-44 (MNIST via
#   tensorflow, File.as_image series) and 65-66 (download of that series) are left out:
#   tensorflow is not installed. `# fixture:` / `# check:` blocks added.
import neptune_sys_widgets as neptune

# fixture: the script uploads a local sample.png
with open("sample.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)

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

# check:
assert run["seed"].fetch() == 0.42
assert len(run["accuracy"].fetch_values()) == 10 and len(run["loss"].fetch_values()) == 10
assert run["sys/tags"].fetch() == {"quickstart", "script"}
with open("downloaded_single_image.png", "rb") as f1, open("sample.png", "rb") as f2:
    assert f1.read() == f2.read()

# Stop the run
run.stop()
