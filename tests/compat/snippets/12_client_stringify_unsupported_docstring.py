# Source: neptune-ai/neptune-client, src/neptune/utils.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of stringify_unsupported(), lines 61-72
# Changed: doctest prompts (`>>>`) removed; `import neptune` -> `import neptune_sys_widgets as
#   neptune`; `from neptune.utils import ...` -> `from neptune_sys_widgets.utils import ...`.
#   `# check:` block added (the docstring's comments give the expected results).
import neptune_sys_widgets as neptune
run = neptune.init_run()
complex_dict = {"tuple": ("hi", 1), "metric": 0.87}
run["complex_dict"] = complex_dict
# (as of 1.0.0) error - tuple is not a supported type
from neptune_sys_widgets.utils import stringify_unsupported
run["complex_dict"] = stringify_unsupported(complex_dict)
run["complex_dict"].fetch()
# {'metric': 0.87, 'tuple': "('hi', 1)"} - tuple logged as string
run["complex_dict_expanded"] = stringify_unsupported(complex_dict, expand=True)
run["complex_dict_expanded"].fetch()
# {'metric': 0.87, 'tuple': {'0': 'hi', '1': 1} - tuple logged as an enumerated dictionary

# check:
run.wait()
assert run["complex_dict"].fetch() == {"metric": 0.87, "tuple": "('hi', 1)"}
assert run["complex_dict_expanded"].fetch() == {"metric": 0.87, "tuple": {"0": "hi", "1": 1}}
run.stop()
