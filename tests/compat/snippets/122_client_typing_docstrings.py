# Source: neptune-ai/neptune-client @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x;
#   the same at tag 1.14.0): src/neptune/metadata_containers/abstract.py, docstring of class
#   SupportsNamespaces, lines 39-54 (the class is public as `neptune.typing.SupportsNamespaces`),
#   and src/neptune/typing.py, docstring of class ProgressBarCallback, lines 46-75
# Changed: doctest prompts (`>>>`, `...`) removed; `from neptune import init_run` / `init_project`
#   -> `from neptune_sys_widgets import init_run` / `init_project`; `from neptune.typing import
#   X` -> `from neptune_sys_widgets.typing import X`. A `# fixture:` before the second example
#   fills the project it reads (three runs, a model); `# check:` blocks added.
from neptune_sys_widgets import init_run
from neptune_sys_widgets.typing import SupportsNamespaces
class NeptuneCallback:
    # Proper type hinting of `start_from` parameter.
    def __init__(self, start_from: SupportsNamespaces):
        self._start_from = start_from

    def log_accuracy(self, accuracy: float) -> None:
        self._start_from["train/acc"] = accuracy

run = init_run()
callback = NeptuneCallback(start_from=run)
callback.log_accuracy(0.8)
# or
callback = NeptuneCallback(start_from=run["some/random/path"])
callback.log_accuracy(0.8)

# check: a run and a namespace handler both are SupportsNamespaces; the handler's writes land
#   under its path
assert isinstance(run, SupportsNamespaces) and isinstance(run["some/random/path"],
                                                          SupportsNamespaces)
assert run["train/acc"].fetch() == 0.8
assert run["some/random/path/train/acc"].fetch() == 0.8
run.stop()

# fixture: the runs and the model the tables list
import neptune_sys_widgets as _neptune
for _i in range(3):
    with _neptune.init_run(tags=["progress"]) as _run:
        _run["score"] = _i / 10
_neptune.init_model(key="CLF").stop()

from typing import Any, Optional, Type
from types import TracebackType
from neptune_sys_widgets.typing import ProgressBarCallback
class ClickProgressBar(ProgressBarCallback):
    def __init__(self, *, description: Optional[str] = None, **_: Any) -> None:
        super().__init__()
        from click import progressbar

        self._progress_bar = progressbar(iterable=None, length=1, label=description)

    def update(self, *, by: int, total: Optional[int] = None) -> None:
        if total:
            self._progress_bar.length = total
        self._progress_bar.update(by)

    def __enter__(self) -> "ClickProgressBar":
        self._progress_bar.__enter__()
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_val: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self._progress_bar.__exit__(exc_type, exc_val, exc_tb)
from neptune_sys_widgets import init_project
with init_project() as project:
    project.fetch_runs_table(progress_bar=ClickProgressBar)
    project.fetch_models_table(progress_bar=ClickProgressBar)

# check: a progress bar class is accepted by the three table methods, which return the same
#   tables as without it
with init_project(mode="read-only") as project:
    _runs = project.fetch_runs_table(progress_bar=ClickProgressBar, tag="progress").to_pandas()
    assert sorted(_runs["score"]) == [0.0, 0.1, 0.2], _runs
    _models = project.fetch_models_table(progress_bar=ClickProgressBar).to_pandas()
    assert _models["sys/id"].tolist() == project.fetch_models_table().to_pandas()["sys/id"].tolist()
    assert len(_models) == 1 and _models["sys/id"][0].endswith("-CLF"), _models
    with _neptune.init_model(with_id=_models["sys/id"][0], mode="read-only") as _model:
        _versions = _model.fetch_model_versions_table(progress_bar=ClickProgressBar).to_pandas()
        assert _versions.empty, _versions
