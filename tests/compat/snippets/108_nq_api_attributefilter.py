# Source: neptune-ai/neptune-query, docs/api_reference/filters/attributefilter.md
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0; both examples: AttributeFilter by
#   name and type, and two filters joined with `|`)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`;
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. `# fixture:` (two experiments of the default project, one named training-week-34,
#   with loss series, a string series named like a loss and configs) and `# check:` blocks
#   added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

for _name, _lr in (("training-week-34", 0.01), ("training-week-35", 0.001)):
    with Run(experiment_name=_name) as _r:
        _r.log_configs({"configs/learning_rate": _lr, "configs/loss_fn": "mse"})
        for _step in range(3):
            _r.log_metrics({"train/loss": 1.0 / (_step + 1), "val/loss": 2.0 / (_step + 1),
                            "train/acc": _step / 3}, step=_step)
            _r.log_string_series({"train/loss_notes": f"step {_step}"}, step=_step)

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import AttributeFilter


losses = AttributeFilter(name=r"loss", type="float_series")
loss_values = nq.fetch_metrics(
    experiments=["training-week-34"],
    attributes=losses,
)

# check: the two float series named like "loss", of that experiment only
assert sorted(loss_values.columns) == ["train/loss", "val/loss"], loss_values
assert set(loss_values.index.get_level_values(0)) == {"training-week-34"}, loss_values
assert list(loss_values["train/loss"]) == [1.0, 0.5, 1 / 3], loss_values

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import AttributeFilter


losses = AttributeFilter(name=r"loss", type="float_series")
learning_rate = AttributeFilter(name="configs/learning_rate")
nq.fetch_experiments_table(attributes=losses | learning_rate)

# check: the losses (their last values) and the learning rate, of both experiments
_table = nq.fetch_experiments_table(attributes=losses | learning_rate)
_columns = sorted({c[0] if isinstance(c, tuple) else c for c in _table.columns})
assert _columns == ["configs/learning_rate", "train/loss", "val/loss"], _table
assert sorted(_table.index) == ["training-week-34", "training-week-35"], _table
