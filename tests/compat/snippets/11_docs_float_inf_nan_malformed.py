# Source: https://docs.neptune.ai/help/error_float_attr_value_malformed (neptune 1.x docs,
#   "Float attribute value malformed": "Stringifying unsupported values", "When fetching" and
#   "Handling unsupported values in a series")
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.utils import ...` -> `from neptune_sys_widgets.utils import ...`. The page's
#   placeholder `values = [...]` is replaced by a `# fixture:` list of losses with NaN/Inf
#   (numpy and Python floats). `# check:` block added.
import math
import neptune_sys_widgets as neptune
from neptune_sys_widgets.utils import stringify_unsupported

run = neptune.init_run()

value = math.inf
run["inf"] = stringify_unsupported(value) # (1)!

run["inf"] = str(value) if math.isinf(value) else value

value = float(run["inf"].fetch())

# fixture: replaces the placeholder `values = [...]`
import numpy as np
values = [0.9, np.float32(0.7), float("nan"), np.float64(0.5), math.inf, np.nan, -np.inf, 0.25]

for v in values:
    if not math.isinf(v) and not math.isnan(v):
        run["metric"].append(v)

# check:
run.wait()
assert value == math.inf
got = run["metric"].fetch_values()["value"].tolist()
assert [round(x, 6) for x in got] == [0.9, 0.7, 0.5, 0.25], got
run.stop()
