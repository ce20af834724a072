# Source: https://docs.neptune.ai/help/value_of_unsupported_type (neptune 1.x docs, "Unsupported
#   type": "Converting to string" and "Using stringify_unsupported()" examples)
# Changed: the page shows interactive `>>>` sessions; the prompts and the `<error>`/`<warning>`/
#   repr output lines are dropped, the statements are kept as written.
#   `from neptune.utils import ...` -> `from neptune_sys_widgets.utils import ...`.
#   `# fixture:` (the run the session uses) and `# check:` blocks added. The page says: as of
#   1.0 an unsupported value is skipped with a warning, not an error.
import warnings

# fixture:
import neptune_sys_widgets as neptune

run = neptune.init_run()

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    run["tuple"] = ("hi", 1)
    # tuple isn't supported

run["tuple"] = str(("hi", 1))
run["tuple"]

run["complex_dict"] = {"tuple": ("hi", 1), "metric": 0.87}
# Doesn't work because the tuple isn't a supported type

from neptune_sys_widgets.utils import stringify_unsupported
run["complex_dict"] = stringify_unsupported({"tuple": ("hi", 1), "metric": 0.87})

# check:
run.wait()
assert caught, "assigning a tuple should warn"
assert run["tuple"].fetch() == "('hi', 1)"
assert run["complex_dict"].fetch() == {"tuple": "('hi', 1)", "metric": 0.87}
run.stop()
