# Source: neptune-ai/neptune-query, README.md @ 00fcb6be522773bae030770a5823d5b55f69b80a
#   ("Example 1: Fetch metric values") and docs/how_to_query_metric_values.md ("Query NaN and
#   infinity values": "You can query metrics that contain non-finite values")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`. The
#   `# fixture:` logs what a typical training loop produces: numpy scalars (np.float32,
#   np.float64, np.int64, 0-d arrays), a NaN and an Inf loss, and one repeated step (which
#   must be reported through on_error_callback, not stored, and not stop the script).
#   `# check:` block added.
import math
import os

import numpy as np

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

errors = []
with Run(experiment_name="exp_dczjz", on_error_callback=lambda e, ts: errors.append(e)) as _r:
    _vals = [np.float32(0.5), np.float64(0.4), np.array(0.3), float("nan"), np.inf, np.float32(0.2),
             -math.inf, np.int64(1), 0.1, np.float16(0.05)]
    for _s, _v in enumerate(_vals, start=1):
        _r.log_metrics({"metrics/val_accuracy_estimated": _v,
                        "metrics/val_loss_estimated": _v}, step=_s)
    _r.log_metrics({"metrics/val_loss_estimated": 0.0}, step=10)  # repeated step

import neptune_sys_widgets.query as nq

nq.fetch_metrics(
    experiments=["exp_dczjz"],
    attributes=r"metrics/val_.+_estimated$",
    tail_limit=10,
)

# check:
df = nq.fetch_metrics(experiments=["exp_dczjz"], attributes=r"metrics/val_.+_estimated$",
                      tail_limit=10)
loss = df["metrics/val_loss_estimated"].tolist()
assert len(loss) == 10, loss
assert [round(v, 3) for v in loss[:3]] == [0.5, 0.4, 0.3]
assert math.isnan(loss[3]) and loss[4] == math.inf and loss[6] == -math.inf
assert loss[7] == 1.0 and round(loss[9], 3) == 0.05      # step 10 kept its first value
assert len(errors) == 1, errors
