# Source: neptune-ai/examples, how-to-guides/hello-neptune/scripts/hello_neptune.py
#   @ 36805d024b3c99e40fadc444ed3317e886f83bbc (2023-06-01 version; whole file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. `# check:` block added.
#   The appended values are numpy.float64 (int * np.random.random()).
from time import sleep

import neptune_sys_widgets as neptune
import numpy as np

run = neptune.init_run(project="common/quickstarts", api_token=neptune.ANONYMOUS_API_TOKEN)

# log score
run["single_metric"] = 0.62

for i in range(100):
    sleep(0.2)  # to see logging live
    run["random_training_metric"].append(i * np.random.random())
    run["other_random_training_metric"].append(0.5 * i * np.random.random())

# check:
run.wait()
vals = run["random_training_metric"].fetch_values()
assert len(vals) == 100 and vals["value"].iloc[0] == 0.0
assert len(run["other_random_training_metric"].fetch_values()) == 100
assert run["single_metric"].fetch() == 0.62
run.stop()
