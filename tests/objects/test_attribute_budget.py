"""Every open object keeps at most 30 instance attributes through a typical session.

Why a count is tested: CPython shares one key table among the instances of a class and
reads ``self._x`` at its fastest path only while that table has at most 30 keys (its
``SHARED_KEYS_MAX_SIZE``). At 35 a run's hot calls (``append``, a tag edit) were 10-17 %
slower (benchmarks/README.md, "Issue 21: run_all before and after"). Rare state (a failure
said, errors reported, what a run does when the process fails) lives at class level or in
one slot object, so it costs nothing until it is used.
"""

from __future__ import annotations

import pytest

import neptune_sys_widgets as n

BUDGET = 30


def _used(obj) -> object:
    """A session's usual calls, so attributes set lazily are counted too."""
    obj["sys/tags"].add("a")
    obj["x"] = 1
    obj.wait()
    return obj


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_a_run_stays_within_the_budget(tmp_path, mode):
    run = n.init_run(project="w/budget", mode=mode, store=str(tmp_path / "s.db"))
    try:
        _used(run)
        run["loss"].append(0.5)
        run.log_metrics({"acc": 0.1}, step=1)
        run.wait()
        assert len(vars(run)) <= BUDGET, sorted(vars(run))
    finally:
        run.stop()


def test_a_neptune_scale_run_stays_within_the_budget(tmp_path):
    run = n.Run(project="w/budget", experiment_name="e", store=str(tmp_path / "s.db"))
    try:
        run.add_tags(["a"])
        run.log_metrics({"loss": 0.5}, step=1)
        run.wait_for_processing()
        assert len(vars(run)) <= BUDGET, sorted(vars(run))
    finally:
        run.close()


def test_models_versions_and_projects_stay_within_the_budget(tmp_path):
    store = str(tmp_path / "s.db")
    model = n.init_model(project="w/budget", key="MOD", store=store)
    version = n.init_model_version(model=model["sys/id"].fetch(), project="w/budget",
                                   store=store)
    project = n.init_project(project="w/budget", store=store)
    try:
        for obj in (model, version, project):
            _used(obj)
            assert len(vars(obj)) <= BUDGET, (type(obj).__name__, sorted(vars(obj)))
    finally:
        for obj in (version, model, project):
            obj.stop()
