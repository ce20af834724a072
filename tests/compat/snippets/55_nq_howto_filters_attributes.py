# Source: neptune-ai/neptune-query, docs/how_to_construct_filters.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Specifying attributes": exact attributes,
#   regular expression, attribute type with AttributeFilter, joined with |)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (two experiments; configs/batch_size an int in both: with one int and
#   one float, neptune-query raises ConflictingAttributeTypes unless
#   type_suffix_in_column_names=True) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

with Run(experiment_name="exp-int") as _r:
    _r.log_configs({"configs/learning_rate": 0.01, "configs/batch_size": 32, "configs/opt": "sgd",
                    "other": 1})
with Run(experiment_name="exp-float") as _r:
    _r.log_configs({"configs/learning_rate": 0.02, "configs/batch_size": 64, "configs/opt": "adam",
                    "other": 2})

import neptune_sys_widgets.query as nq


nq.fetch_experiments_table(attributes=["configs/learning_rate", "configs/batch_size"])

# check:
df = nq.fetch_experiments_table(attributes=["configs/learning_rate", "configs/batch_size"])
assert sorted(df.columns) == ["configs/batch_size", "configs/learning_rate"], df.columns
assert df.loc["exp-float", "configs/learning_rate"] == 0.02

import neptune_sys_widgets.query as nq


nq.fetch_experiments_table(attributes=r"^configs/")

# check:
df = nq.fetch_experiments_table(attributes=r"^configs/")
assert sorted(df.columns) == ["configs/batch_size", "configs/learning_rate", "configs/opt"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import AttributeFilter


batch_size_int = AttributeFilter(name="configs/batch_size", type="int")
nq.fetch_experiments_table(attributes=batch_size_int)

# check:
df = nq.fetch_experiments_table(attributes=batch_size_int)
assert list(df.columns) == ["configs/batch_size"]
assert df.loc["exp-int", "configs/batch_size"] == 32
assert sorted(df["configs/batch_size"].tolist()) == [32, 64]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import AttributeFilter


batch_size_int = AttributeFilter(name="configs/batch_size", type="int")
learning_rate_float = AttributeFilter(name="configs/learning_rate", type="float")
nq.fetch_experiments_table(attributes=batch_size_int | learning_rate_float)

# check:
df = nq.fetch_experiments_table(attributes=batch_size_int | learning_rate_float)
assert sorted(df.columns) == ["configs/batch_size", "configs/learning_rate"]
