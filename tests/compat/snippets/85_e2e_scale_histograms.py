# Source: neptune-ai/neptune-client-scale, tests/e2e/test_histograms.py @ b40a89675739927062b52e06f38a2e6fc8ec7c2d
#   (tag 0.29.0; the whole module but lines 12-15, the autouse fixture that patches
#   neptune_scale.sync.metadata_splitter.INVALID_VALUE_ACTION to "raise": that internal
#   module of the hosted client's sync process is not mirrored, and an invalid histogram
#   raises here anyway)
# Changed: import lines only (`from neptune_scale.types import` -> `from
#   neptune_sys_widgets.types import`); the harness imports are replaced by the `# fixture:`
#   block below; a `# fixture:` main guard runs the tests.
from typing import Union
from unittest.mock import patch

import numpy as np
import pytest

from neptune_sys_widgets.types import Histogram

# fixture: stands in for the e2e harness of neptune-client-scale (`from .conftest import
#   unique_path`, `from .test_fetcher import fetch_series_values`, and the conftest's `run`,
#   `client`, `project_name` fixtures). unique_path and the run fixture follow
#   tests/e2e/conftest.py (imports mapped, source tracking left at its default);
#   fetch_series_values, which calls the hosted API there, reads back through this package's
#   neptune-query API with the same signature and return shape (path -> {step: histogram
#   dict with "type", "edges", "values"}).
import os as _os
import sys as _sys
import uuid as _uuid
from datetime import datetime as _datetime, timezone as _timezone

from neptune_sys_widgets import Run
import neptune_sys_widgets.query.runs as _nq_runs


@pytest.fixture(scope="session")
def project_name() -> str:
    return "e2e-ws/scale-e2e"


@pytest.fixture(scope="session")
def client():
    return None


@pytest.fixture(scope="module")
def run(project_name):
    run = Run(project=project_name, api_token="local-token", experiment_name="pye2e-scale",
              run_id=str(_uuid.uuid4()))
    yield run
    run.terminate()


def unique_path(prefix):
    return f"{prefix}__{_datetime.now(_timezone.utc).isoformat('-', 'seconds')}__{str(_uuid.uuid4())[-4:]}"


def fetch_series_values(client, project, *, attributes, custom_run_id=None, run_id=None):
    df = _nq_runs.fetch_series(project=project, runs=[custom_run_id], attributes=list(attributes))
    return {
        col: {step: {"type": h.type, "edges": h.edges, "values": h.values}
              for (_run, step), h in df[col].dropna().items()}
        for col in df.columns
    }
# end fixture


@pytest.mark.parametrize("values", ("counts", "densities"))
@pytest.mark.parametrize("use_numpy", (True, False), ids=("np.array", "list"))
def test_histograms(run, client, project_name, values, use_numpy):
    """Log multiple steps with multiple histograms, and verify that the values are correct. Do this
    once with counts and once with densities, and once with numpy arrays and once with plain lists."""

    path = unique_path("test_histograms")
    total_steps = 3

    histogram_lengths = [1, 2, 100, 512]
    step_to_logged_histograms = {
        step: {
            f"{path}/hist-{length}": Histogram(
                bin_edges=list(range(length + 1)),
                counts=_make_array(length, use_numpy) if values == "counts" else None,
                densities=_make_array(length, use_numpy) if values == "densities" else None,
            )
            for length in histogram_lengths
        }
        for step in range(total_steps)
    }

    for step, histograms in step_to_logged_histograms.items():
        run.log_histograms(histograms, step=step)

    run.wait_for_processing()

    attr_names = [f"{path}/hist-{length}" for length in histogram_lengths]
    fetched_histograms = fetch_series_values(client, project_name, attributes=attr_names, custom_run_id=run._run_id)

    # fetched histograms format is: path (str) -> dict of step (float) to histogram dict
    assert sorted(fetched_histograms.keys()) == sorted(attr_names), "Not all attributes are present"

    for path, series_values in fetched_histograms.items():
        assert len(series_values) == total_steps, f"Attribute {path} has incorrect number of steps"

        for step, histogram in series_values.items():
            expected = step_to_logged_histograms[int(step)][path]

            assert histogram["type"] == "COUNTING" if values == "counts" else "DENSITY"
            assert histogram["edges"] == expected.bin_edges
            expected_values = expected.counts if values == "counts" else expected.densities
            assert histogram["values"] == (expected_values.tolist() if use_numpy else expected_values)


def _make_array(length: int, use_numpy: bool) -> Union[list[int], np.ndarray]:
    return np.array(range(length)) if use_numpy else list(range(length))


# fixture: run the module's tests with pytest (this file's fixtures only)
if __name__ == "__main__":
    _sys.exit(pytest.main([__file__, "-q", "-rfE", "-p", "no:cacheprovider", "--noconftest",
                           "-c", _os.devnull, "--rootdir", _os.getcwd()]))
