"""The ten typical user scripts of tests/compat/typical_scripts/ (condensed from public Neptune
example code), run unchanged but for the import, each in its own process against one
shared store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import management
from tests.conftest import child_env

SCRIPTS = Path(__file__).parent / "typical_scripts"


def script(name: str, **env: str) -> str:
    proc = subprocess.run([sys.executable, str(SCRIPTS / name)], capture_output=True, text=True,
                          timeout=120, env=child_env(**env))
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.mark.slow
def test_create_tag_then_reopen_read_only(store_path):
    run_id = script("s01_create_tag_read_id.py").strip().splitlines()[-1]
    assert run_id == "PROJ-1"
    out = script("s02_reopen_read_only.py", RUN_ID=run_id)
    assert "Untitled" in out and "0.333333" in out
    run = nsw.init_run(project="ws/proj", with_id=run_id, mode="read-only")
    assert run["sys/tags"].fetch() == {"quickstart", "script", "run-organization", "me",
                                       "finetune"}
    assert run["parameters/lr"].fetch() == 0.1 and run["parameters/depth"].fetch() == 3
    assert run["sys/state"].fetch() == "Inactive"


@pytest.mark.slow
def test_find_last_failed_run(store_path):
    ok = nsw.init_run(project="ws/proj", tags=["showcase-run"], mode="sync")
    ok.stop()
    bad = nsw.init_run(project="ws/proj", tags=["showcase-run"], mode="sync")
    bad["sys/failed"] = True
    bad.stop()
    failed_id, new_id = script("s03_last_failed_run.py").split()
    assert failed_id == "PROJ-2"
    assert new_id == "PROJ-3"


def test_shared_custom_run_id(store_path):
    script("s04_shared_custom_id.py")
    table = nsw.init_project("ws/proj").fetch_runs_table().to_pandas()
    assert len(table) == 1
    assert len(table["sys/custom_run_id"][0]) == 32


def test_model_and_version_ids(store_path):
    assert script("s05_model_and_version.py").strip() == "SAND-PIPELINES-1"
    assert script("s05_model_and_version.py").strip() == "SAND-PIPELINES-2"
    mv = nsw.init_model_version(with_id="SAND-PIPELINES-2", mode="read-only")
    assert mv["run/id"].fetch() == "SAND-2"
    assert mv["sys/model_id"].fetch() == "SAND-PIPELINES"


@pytest.mark.slow
def test_stage_promotion(store_path):
    management.create_project("pipelines", key="PIP")
    import os
    os.environ["NEPTUNE_PROJECT"] = "pipelines"
    try:
        nsw.init_model(key="PIPELINES")
        champion = nsw.init_model_version(model="PIP-PIPELINES", mode="sync")
        champion.change_stage("production")
        challenger = nsw.init_model_version(model="PIP-PIPELINES", mode="sync")
        challenger.change_stage("staging")
        for obj in (champion, challenger):
            obj.stop()
        out = script("s06_stage_promotion.py")
    finally:
        del os.environ["NEPTUNE_PROJECT"]
    assert out.split() == ["PIP-PIPELINES-2", "PIP-PIPELINES-1"]
    stages = {i: nsw.init_model_version(with_id=i, mode="read-only")["sys/stage"].fetch()
              for i in ("PIP-PIPELINES-1", "PIP-PIPELINES-2")}
    assert stages == {"PIP-PIPELINES-1": "archived", "PIP-PIPELINES-2": "production"}


@pytest.mark.slow
def test_group_tags_and_nql(store_path):
    other = nsw.init_run(tags=["trial-level"], mode="sync")
    other["score"] = 0.1
    other.stop()
    best = script("s07_group_tags_nql.py").strip()
    assert best == "SAND-2"
    run = nsw.init_run(with_id=best, mode="read-only")
    assert run["sys/group_tags"].fetch() == {"production"}


@pytest.mark.slow
def test_failure_marking_in_context_manager(store_path):
    rid = script("s08_failure_marking.py").strip()
    run = nsw.init_run(with_id=rid, mode="read-only")
    lines = run["monitoring/traceback"].fetch_values()["value"].tolist()
    assert "Marking run as failed" in lines and "RuntimeError: boom" in lines


def test_scale_experiment_run(store_path):
    sys_id = script("s09_scale_experiment.py").strip()
    run = nsw.init_run(with_id=sys_id, mode="read-only")
    assert run["sys/tags"].fetch() == {"quickstart"}
    assert run["sys/group_tags"].fetch() == {"short"}
    assert run["sys/description"].fetch() == "first try"
    assert run["sys/name"].fetch() == "quickstart-experiment"
    assert run["sys/experiment/is_head"].fetch() is True
    assert run["metrics/loss"].fetch_last() == 1 / 9
    assert run["sys/custom_run_id"].fetch().count("-") == 3


@pytest.mark.slow
def test_scale_fork_and_lineage(store_path):
    out = script("s10_scale_fork_lineage.py")
    assert "['swim-further']" in out
    child = nsw.Run("base-fork", project=None, mode="read-only")
    values = child["loss"].fetch_values()
    assert values["step"].tolist() == list(range(0, 20))
    assert values["value"].tolist()[:5] == [1 / (s + 1) for s in range(5)]
    own = child["loss"].fetch_values(include_inherited=False)
    assert own["step"].tolist() == list(range(5, 20))
    assert child["sys/forking/parent"].fetch() == "base"
    assert child["sys/forking/depth"].fetch() == 1
    assert child["sys/forking/step"].fetch() == 4.0
    assert child["sys/experiment/is_head"].fetch() is True
    base = nsw.Run("base", mode="read-only")
    assert base["sys/experiment/is_head"].fetch() is False
