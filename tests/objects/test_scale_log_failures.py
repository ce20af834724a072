"""neptune-scale's rule for one entry of a ``log_*`` call it cannot store: dropped with a
warning ("Dropping value. ..."), the rest of the call logged; with
``NEPTUNE_LOG_FAILURE_ACTION=raise``, ``NeptuneUnableToLogData`` and nothing of the call.
What a call stored is read back from a second process.

Real code this holds: scale-examples' ``wandb_to_neptune.py`` copies W&B histories whose
metrics hold bools (``{"early_stop": False}``); neptune-exporter and the docs' log_text
page pass what they have to ``log_string_series``.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.compat.neptune_scale import exceptions as scale_exceptions
from neptune_sys_widgets.exceptions import NeptuneUnableToLogData
from tests.conftest import run_python

P = "ws/drops"

READ = """
import json, neptune_sys_widgets as n
r = n.Run(run_id={rid!r}, project={project!r}, mode="read-only")
out = {{}}
for path in {paths!r}:
    if not r.exists(path):
        out[path] = None
    elif path.startswith("cfg/"):
        out[path] = r[path].fetch()
    else:
        df = r[path].fetch_values()
        out[path] = [df["step"].tolist(), df["value"].tolist()]
print(json.dumps(out))
r.close()
"""


def read(rid: str, *paths: str) -> dict:
    out = run_python(READ.format(rid=rid, project=P, paths=list(paths)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_metric_values_are_what_float_makes_of_them(store_path):
    with nsw.Run(run_id="floats", project=P) as run:
        run.log_metrics({"loss": 0.5, "early_stop": False, "done": True, "lr": Decimal("0.25"),
                         "text": "0.75", "raw": b"2"}, step=0)
    got = read("floats", "loss", "early_stop", "done", "lr", "text", "raw")
    assert got == {"loss": [[0.0], [0.5]], "early_stop": [[0.0], [0.0]],
                   "done": [[0.0], [1.0]], "lr": [[0.0], [0.25]], "text": [[0.0], [0.75]],
                   "raw": [[0.0], [2.0]]}


@pytest.mark.parametrize("bad", [None, "high", object(), [1.0, 2.0], 10**400])
def test_a_metric_value_float_refuses_is_dropped_and_the_rest_logged(store_path, caplog, bad):
    with nsw.Run(run_id="drop", project=P) as run, caplog.at_level(logging.WARNING):
        run.log_metrics({"bad": bad, "ok": 1.0}, step=1)
        run.log_metrics({"bad": bad}, step=2)  # alone: the call logs nothing, raises nothing
        run.log_metrics({5: 1.0, "ok": 2.0}, step=3)  # a path that is no str
    assert caplog.text.count("Dropping value. Metrics' values must be float or int") == 2
    assert "Dropping value. Field paths must be strings (got `5`)" in caplog.text
    assert read("drop", "bad", "ok") == {"bad": None, "ok": [[1.0, 3.0], [1.0, 2.0]]}


def test_a_config_of_another_type_is_dropped_and_the_rest_logged(store_path, caplog):
    with nsw.Run(run_id="cfg", project=P) as run, caplog.at_level(logging.WARNING):
        run.log_configs({"cfg/obj": object(), "cfg/lr": 0.1, "cfg/none": None})
    assert caplog.text.count("Dropping value. Config values must be") == 2
    assert read("cfg", "cfg/obj", "cfg/lr", "cfg/none") == {
        "cfg/obj": None, "cfg/lr": 0.1, "cfg/none": None}


def test_a_string_series_value_that_is_no_str_is_dropped(store_path, caplog):
    """The docs' log_text page: a value that is not a str never becomes a float series."""
    with nsw.Run(run_id="texts", project=P) as run, caplog.at_level(logging.WARNING):
        run.log_string_series({"messages/info": "ok", "messages/code": 5}, step=1)
    assert "String series values must be strings (got `messages/code`:`5`)" in caplog.text
    assert read("texts", "messages/info", "messages/code") == {
        "messages/info": [[1.0], ["ok"]], "messages/code": None}


CALLS = {
    "metric": lambda r: r.log_metrics({"ok": 1.0, "bad": None}, step=5),
    "config": lambda r: r.log_configs({"cfg/ok": 1, "cfg/bad": object()}),
    "string series": lambda r: r.log_string_series({"notes": "ok", "code": 5}, step=5),
}


@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
def test_raise_as_the_failure_action_logs_nothing_of_the_call(store_path, monkeypatch, call):
    monkeypatch.setenv("NEPTUNE_LOG_FAILURE_ACTION", "raise")
    with nsw.Run(run_id="strict", project=P) as run:
        with pytest.raises(NeptuneUnableToLogData, match="nothing of the call was logged"):
            CALLS[call](run)
    assert NeptuneUnableToLogData is scale_exceptions.NeptuneUnableToLogData
    assert set(read("strict", "ok", "bad", "cfg/ok", "cfg/bad", "notes", "code").values()) \
        == {None}


def test_an_argument_neptune_scale_ignores_is_ignored_with_a_warning(store_path):
    """neptune-client-scale's README at 0.6.3: ``Run(..., family="RunFamilyName")``; 0.29
    takes ``**kwargs`` and ignores what it does not know."""
    from neptune_sys_widgets.compat.neptune_scale import Run
    with pytest.warns(scale_exceptions.NeptuneScaleWarning, match="ignores family="):
        run = Run(run_id="fam", project=P, experiment_name="ExperimentName",
                  family="RunFamilyName")
    run.log_metrics({"m": 1.0}, step=0)
    run.close()
    assert read("fam", "m") == {"m": [[0.0], [1.0]]}
