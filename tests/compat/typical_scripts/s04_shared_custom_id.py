import hashlib
import os
import time

import neptune_sys_widgets as neptune

os.environ["NEPTUNE_CUSTOM_RUN_ID"] = hashlib.md5(str(time.time()).encode()).hexdigest()  # 32 chars <= 36
with neptune.init_run(project="ws/proj") as run:
    run["stage1/done"] = True
with neptune.init_run(project="ws/proj") as run:      # same custom id -> same sys/id
    assert run["stage1/done"].fetch() is True
