"""What real training loops hand the logger: numpy scalars, NaN losses, repeated steps.

docs/SYS_FIELDS.md §3 (revised): numbers are anything ``float()`` takes that is a number,
NaN and Inf are stored as such, and a point whose step is not after the series' last one is
dropped and reported (neptune-scale's ``on_error_callback``, else a log record) - never
raised. Every accepted value is read back by a second process.
"""

from __future__ import annotations

import json
import logging
import math
import subprocess
import sys

import numpy as np
import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import (
    InvalidTypeError,
    NeptuneSeriesStepNonIncreasing,
    NeptuneUnsupportedType,
)
from tests.conftest import child_env

P = "ws/logging"

READ_BACK = """
import json, math, sys
import neptune_sys_widgets as nsw
run = nsw.init_run(project=sys.argv[1], with_id=sys.argv[2], mode="read-only")
out = {}
for path in sys.argv[3:]:
    h = run[path]
    try:
        df = h.fetch_values(include_timestamp=False)
        out[path] = {"steps": list(df["step"]), "values": [repr(v) for v in df["value"]]}
    except Exception:
        out[path] = {"atom": repr(h.fetch())}
print(json.dumps(out))
"""


def read_back(run: nsw.Run, *paths: str) -> dict:
    """Read ``paths`` of ``run`` from a fresh process: what is stored, not what is cached."""
    run.wait()
    proc = subprocess.run([sys.executable, "-c", READ_BACK, P, run._sys_id, *paths],
                          capture_output=True, text=True, timeout=60, env=child_env())
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


class FakeTensor:
    """A one-element tensor as torch/jax give it: ``float()`` fails, ``.item()`` works."""

    def __init__(self, v: float) -> None:
        self.v = v

    def item(self) -> float:
        return self.v


@pytest.mark.slow
def test_numpy_scalars_0d_arrays_and_item_tensors_are_numbers(store_path):
    run = nsw.init_run(project=P)
    run["train/loss"].append(np.float32(0.5))
    run["train/loss"].append(np.float64(0.25))
    run["train/loss"].append(np.int64(1))
    run["train/loss"].append(np.array(0.125))
    run["train/loss"].append(FakeTensor(2.0))
    run["train/loss"].extend([np.float32(3.0), np.int32(4)])
    run["params/lr"] = np.float32(0.5)
    run["params/epochs"] = np.int64(7)
    run["params/flag"] = np.bool_(True)
    run["params/zero_d"] = np.array(3.5)
    run.log_metrics({"m": np.float16(1.5), "n": np.array(2.0)}, step=np.int64(3))
    run.log_configs({"cfg/batch": np.int64(64)})
    got = read_back(run, "train/loss", "params/lr", "params/epochs", "params/flag",
                    "params/zero_d", "m", "n", "cfg/batch")
    assert got["train/loss"]["values"] == ["0.5", "0.25", "1.0", "0.125", "2.0", "3.0", "4.0"]
    assert got["train/loss"]["steps"] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert got["params/lr"] == {"atom": "0.5"} and got["params/epochs"] == {"atom": "7"}
    assert got["params/flag"] == {"atom": "True"} and got["params/zero_d"] == {"atom": "3.5"}
    assert got["m"] == {"steps": [3.0], "values": ["1.5"]}
    assert got["n"] == {"steps": [3.0], "values": ["2.0"]}
    assert got["cfg/batch"] == {"atom": "64"}
    run.stop()


@pytest.mark.slow
@pytest.mark.parametrize("bad", [np.array([1.0, 2.0]), object(), b"one", None])
def test_things_that_are_not_numbers_are_refused_and_change_nothing(store_path, bad):
    run = nsw.init_run(project=P)
    run["m"].append(1.0)
    with pytest.warns(NeptuneUnsupportedType, match="m"):  # 1.x warned and skipped
        run["m"].append(bad)
    run.log_metrics({"m": bad}, step=5)  # neptune-scale drops what float() refuses
    assert read_back(run, "m")["m"]["values"] == ["1.0"]
    run.stop()


@pytest.mark.slow
def test_nan_and_inf_are_stored_as_such_in_series_and_atoms(store_path):
    run = nsw.Run(project=P)
    run.log_metrics({"loss": math.nan, "acc": 0.5}, step=1)
    run.log_metrics({"loss": math.inf}, step=2)
    run.log_metrics({"loss": -math.inf}, step=3)
    run["old/loss"].append(math.nan)
    run["old/loss"].extend([1.0, math.inf])
    run["params/x"] = math.nan
    run["params"] = {"y": math.inf, "z": 1}
    run.log_configs({"cfg/w": -math.inf})
    got = read_back(run, "loss", "acc", "old/loss", "params/x", "params/y", "cfg/w")
    assert got["loss"] == {"steps": [1.0, 2.0, 3.0], "values": ["nan", "inf", "-inf"]}
    assert got["acc"]["values"] == ["0.5"]
    assert got["old/loss"]["values"] == ["nan", "1.0", "inf"]
    assert got["params/x"] == {"atom": "nan"} and got["params/y"] == {"atom": "inf"}
    assert got["cfg/w"] == {"atom": "-inf"}
    assert math.isnan(run["loss"].fetch_last()) is False  # last is -inf
    assert run["loss"].fetch_last() == -math.inf
    assert run.fetch()["params"]["z"] == 1
    run.stop()


@pytest.mark.slow
def test_step_problems_go_to_on_error_callback_and_the_rest_is_logged(store_path):
    seen: list[tuple[BaseException, float | None]] = []
    run = nsw.Run(project=P, on_error_callback=lambda e, last: seen.append((e, last)))
    run.log_metrics({"m": 1.0}, step=3)
    run.log_metrics({"m": 9.0, "fresh": 2.0}, step=2)       # m: decreasing; fresh: fine
    run.log_metrics({"m": 8.0}, step=3)                     # repeated, another value
    run.log_metrics({"m": 1.0}, step=3)                     # repeated, same value: ignored
    run["m"].append(7.0, step=1)                            # the 1.x spelling too
    run["m"].extend([4.0, 5.0], steps=[4, 4])               # second point repeats
    assert [type(e) for e, _ in seen] == [NeptuneSeriesStepNonIncreasing] * 4
    assert seen[0][1] is None and seen[1][1] is not None    # last_seen_at, as neptune-scale
    assert all(run._sys_id in str(e) and "m" in str(e) for e, _ in seen)
    got = read_back(run, "m", "fresh")
    assert got["m"] == {"steps": [3.0, 4.0], "values": ["1.0", "4.0"]}
    assert got["fresh"] == {"steps": [2.0], "values": ["2.0"]}
    run.stop()


@pytest.mark.slow
def test_without_a_callback_step_problems_are_logged_not_raised(store_path, caplog):
    run = nsw.init_run(project=P)
    run["loss"].append(1.0, step=5)
    with caplog.at_level(logging.WARNING, logger="neptune_sys_widgets"):
        run["loss"].append(2.0, step=5)
        run.log_metrics({"loss": 3.0}, step=4)
    assert sum("not greater than the last step" in r.getMessage() for r in caplog.records) == 2
    assert read_back(run, "loss")["loss"]["values"] == ["1.0"]
    run.stop()


def test_a_failing_callback_never_reaches_the_training_loop(store_path, caplog):
    def callback(error: BaseException, last: float | None) -> None:
        raise RuntimeError("callback bug")

    run = nsw.Run(project=P, on_error_callback=callback)
    run.log_metrics({"m": 1.0}, step=1)
    with caplog.at_level(logging.ERROR, logger="neptune_sys_widgets"):
        run.log_metrics({"m": 1.5}, step=1)
    assert any("callback bug" in r.getMessage() for r in caplog.records)
    run.stop()


def test_bad_sys_values_still_raise(store_path):
    run = nsw.Run(project=P)
    with pytest.raises(InvalidTypeError):
        run["sys/tags"].add(np.float32(1.0))
    with pytest.raises(TypeError):
        nsw.Run(project=P, on_error_callback="not callable")
    run.stop()


def test_a_run_opened_after_another_one_closed_is_flushed_promptly(store_path):
    """Regression (found by neptune-client's fetch-tables e2e suite): after the last attached
    object of a process stopped, the background thread slept its 2 s idle interval and a new
    run's writes waited it out.
    The committed store must hold the new run's value within the flush cadence (100 ms),
    far below that idle sleep (this test fails without the fix)."""
    import time

    from neptune_sys_widgets.objects.background import IDLE_INTERVAL
    first = nsw.init_run(project=P)
    first.stop()
    time.sleep(0.3)  # let the background thread enter its idle sleep
    second = nsw.init_run(project=P)
    t0 = time.monotonic()
    second["x"] = 1
    seen = None
    while time.monotonic() - t0 < 2 * IDLE_INTERVAL:
        s = nsw.store.open_store(store_path)
        got = s.read("SELECT count(*) FROM attributes a JOIN objects o ON o.pk = a.object_pk "
                     "WHERE o.id = ? AND a.path = 'x'", (second._sys_id,))[0][0]
        if got:
            seen = time.monotonic() - t0
            break
        time.sleep(0.02)
    assert seen is not None and seen < IDLE_INTERVAL / 2, seen
    second.stop()
