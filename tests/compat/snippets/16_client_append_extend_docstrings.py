# Source: neptune-ai/neptune-client, src/neptune/handler.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x): docstring of Handler.append(),
#   lines 387-393, and of Handler.extend(), lines 438-444
# Changed: doctest prompts removed; `import neptune` -> `import neptune_sys_widgets as neptune`.
#   The FileSeries line of the append() example (a matplotlib histogram, line 394) is left out.
#   `# fixture:` (n_epochs, a numpy float32 `loss`, the CSV the extend() example reads) and
#   `# check:` blocks added.
import numpy as np
import pandas

# fixture:
n_epochs = 3
loss = np.float32(0.25)
pandas.DataFrame({"value": [1.0, 2.0, 3.0],
                  "timestamp": [1675876469.0, 1675876470.0, 1675876471.0]}).to_csv(
    "time_series.csv", index=False)

import neptune_sys_widgets as neptune
run = neptune.init_run()
for epoch in range(n_epochs):
    ... # Your training loop
    run["train/epoch/loss"].append(loss)  # FloatSeries
    token = str(...)
    run["train/tokens"].append(token)  # StringSeries

# check:
run.wait()
assert run["train/epoch/loss"].fetch_values()["value"].tolist() == [0.25, 0.25, 0.25]
assert run["train/tokens"].fetch_last() == "Ellipsis"
run.stop()

import neptune_sys_widgets as neptune
run = neptune.init_run()
for epoch in range(n_epochs):
    df = pandas.read_csv("time_series.csv")
    ys = df["value"]
    ts = df["timestamp"]
    run["data/example_series"].extend(ys, timestamps=ts)

# check:
run.wait()
values = run["data/example_series"].fetch_values()
assert values["value"].tolist() == [1.0, 2.0, 3.0] * 3, values
assert values["step"].tolist() == list(range(9)) or values["step"].tolist() == list(range(1, 10))
run.stop()
