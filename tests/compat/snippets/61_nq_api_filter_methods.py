# Source: neptune-ai/neptune-query, docs/api_reference/filters/filter.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a (method examples of name(), eq(), ne(), gt(),
#   ge(), lt(), le(), matches(), contains_all(), contains_none(), exists(); "Operate on
#   filters")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. The negation example's `negate(owned_by_me)` line calls a name the page never
#   imports and is left out (its `~owned_by_me` equivalent is kept). `# fixture:` (experiments
#   covering each condition) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

_EXPS = [  # name, owner, batch_size, val acc, val loss, optimizer, group tags, tokenizer
    ("kittiwake_week12", "sigurd", 64, 0.95, 0.05, "Adagrad", ["group1", "group2"], "bpe-32k"),
    ("kittiwake_week13", "sigurd", 32, 0.85, 0.10, "Adam", ["group1"], "wordpiece"),
    ("gull_week1", "bot@my-workspace", 64, 0.91, 0.20, "SGD", ["group2"], "bpe-8k"),
    ("vidar_exp", "vidar", 16, 0.50, 0.40, "rmsgrad", [], "unigram"),
]
for _n, _o, _bs, _acc, _loss, _opt, _g, _tok in _EXPS:
    os.environ["NEPTUNE_SYS_OWNER"] = _o
    with Run(experiment_name=_n) as _r:
        _r.log_configs({"batch_size": _bs, "config/lr": 0.01, "optimizer": _opt, "tokenizer": _tok})
        _r.add_tags(_g, group_tags=True)
        _r.log_metrics({"metrics/val/acc": 0.1, "metrics/val/loss": 1.0, "metrics/test/acc": 0.1}, step=0)
        _r.log_metrics({"metrics/val/acc": _acc, "metrics/val/loss": _loss, "metrics/test/acc": _acc},
                       step=1)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


name_filter = Filter.name(["kittiwake_week12", "kittiwake_week13"])

# Use the filter in a fetching method
nq.fetch_experiments_table(experiments=name_filter)

# check:
assert sorted(nq.fetch_experiments_table(experiments=name_filter).index) == [
    "kittiwake_week12", "kittiwake_week13"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


name_regex_filter = Filter.name(r"kittiwake_week\d+")

# Use the filter in a fetching method
nq.fetch_experiments_table(experiments=name_regex_filter)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments owned by username "sigurd"
owner_filter = Filter.eq("sys/owner", "sigurd")

# Use the filter in a fetching method
nq.fetch_metrics(experiments=owner_filter, attributes="metrics/(val|test)/")

# check:
_m = nq.fetch_metrics(experiments=owner_filter, attributes="metrics/(val|test)/")
assert sorted(set(_m.index.get_level_values("experiment"))) == ["kittiwake_week12", "kittiwake_week13"]
assert sorted(_m.columns) == ["metrics/test/acc", "metrics/val/acc", "metrics/val/loss"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter, Attribute


# Create a filter for experiments with a batch size of 64
# and specify the attribute type
batch_size_filter = Filter.eq(Attribute(name="batch_size", type="int"), 64)

# Use the filter in a fetching method
nq.fetch_metrics(experiments=batch_size_filter, attributes="metrics/(val|test)/")

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments not owned by a particular service account
human_filter = Filter.ne("sys/owner", "bot@my-workspace")

# List experiments matching the filter
nq.list_experiments(experiments=human_filter)

# check:
assert "gull_week1" not in nq.list_experiments(experiments=human_filter)
assert len(nq.list_experiments(experiments=human_filter)) == 3

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter, Attribute


# Create a filter for experiments with a batch size not equal to 64
# and specify the attribute type
batch_size_filter = Filter.ne(Attribute(name="batch_size", type="int"), 64)

# List experiments matching the filter
nq.list_experiments(experiments=batch_size_filter)

# check:
assert sorted(nq.list_experiments(experiments=batch_size_filter)) == ["kittiwake_week13", "vidar_exp"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with an accuracy greater than 0.9
acc_filter = Filter.gt("metrics/val/acc", 0.9)

# List configs of experiments that match the filter
nq.fetch_experiments_table(experiments=acc_filter, attributes="config/")

# check:
assert sorted(nq.fetch_experiments_table(experiments=acc_filter, attributes="config/").index) == [
    "gull_week1", "kittiwake_week12"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter, Attribute


# Create a filter for experiments with an accuracy greater than 0.9
# and specify the attribute type
acc_filter = Filter.gt(Attribute(name="metrics/val/acc", type="float_series"), 0.9)

# List configs of experiments that match the filter
nq.fetch_experiments_table(experiments=acc_filter, attributes="config/")

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with an accuracy greater than 0.9
acc_filter = Filter.ge("metrics/val/acc", 0.9)

# List configs of experiments that match the filter
nq.fetch_experiments_table(experiments=acc_filter, attributes="config/")

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with a loss less than 0.1
loss_filter = Filter.lt("metrics/val/loss", 0.1)

# List configs of experiments that match the filter
nq.fetch_experiments_table(experiments=loss_filter, attributes="config/")

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with a loss less than or equal to 0.1
loss_filter = Filter.le("metrics/val/loss", 0.1)

# List configs of experiments that match the filter
nq.fetch_experiments_table(experiments=loss_filter, attributes="config/")

# check:
assert sorted(nq.fetch_experiments_table(experiments=loss_filter, attributes="config/").index) == [
    "kittiwake_week12", "kittiwake_week13"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter

# Create a filter for experiments with an optimizer value starting with "Ada" or containing "grad"
optimizer_filter = Filter.matches("optimizer", r"^Ada | grad")

# List experiments matching the filter
nq.list_experiments(experiments=optimizer_filter)

# check:
assert sorted(nq.list_experiments(experiments=optimizer_filter)) == [
    "kittiwake_week12", "kittiwake_week13", "vidar_exp"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with an optimizer not starting with "Ada" or containing "grad"
optimizer_filter = Filter.matches("optimizer", r"!^Ada & !grad")

# List experiments matching the filter
nq.list_experiments(experiments=optimizer_filter)

# check:
assert nq.list_experiments(experiments=optimizer_filter) == ["gull_week1"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments belonging to group1 and group2
group_filter = Filter.contains_all("sys/group_tags", ["group1", "group2"])

# List experiments matching the filter
nq.list_experiments(experiments=group_filter)

# check:
assert nq.list_experiments(experiments=group_filter) == ["kittiwake_week12"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with a tokenizer containing "bpe"
tokenizer_filter = Filter.contains_all("tokenizer", "bpe")

# List experiments matching the filter
nq.list_experiments(experiments=tokenizer_filter)

# check:
assert sorted(nq.list_experiments(experiments=tokenizer_filter)) == ["gull_week1", "kittiwake_week12"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments not belonging to group2
group_filter = Filter.contains_none("sys/group_tags", "group2")

# List experiments not belonging to group2
nq.list_experiments(experiments=group_filter)

# check:
assert sorted(nq.list_experiments(experiments=group_filter)) == ["kittiwake_week13", "vidar_exp"]

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments not using a tokenizer containing "bpe"
tokenizer_filter = Filter.contains_none("tokenizer", "bpe")

# List experiments not using a tokenizer containing "bpe"
nq.list_experiments(experiments=tokenizer_filter)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


# Create a filter for experiments with a validation loss
loss_filter = Filter.exists("metrics/val/loss")

# List experiments with a validation loss
nq.list_experiments(experiments=loss_filter)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter, Attribute


# Create a filter for experiments with a validation loss attribute of type FloatSeries
loss_filter = Filter.exists(Attribute(name="metrics/val/loss", type="float_series"))

# List experiments with a validation loss
nq.list_experiments(experiments=loss_filter)

# check:
assert len(nq.list_experiments(experiments=loss_filter)) == 4

from neptune_sys_widgets.query.filters import Filter


owned_by_me = Filter.eq("sys/owner", "vidar")

# equivalent to
owned_by_someone_else = ~owned_by_me

loss_filter = Filter.lt("validation/loss", 0.1)

owned_by_me_and_small_loss = owned_by_me & loss_filter

owned_by_me_or_small_loss = owned_by_me | loss_filter

# check:
assert len(nq.list_experiments(experiments=owned_by_someone_else)) == 3
assert nq.list_experiments(experiments=owned_by_me_or_small_loss) == ["vidar_exp"]
assert nq.list_experiments(experiments=owned_by_me_and_small_loss) == []
