"""neptune-query calls of real code that a hunt found failing (sources in each test)."""

from __future__ import annotations

import warnings

import pytest

import neptune_sys_widgets as nsw
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query import exceptions as nq_exceptions
from neptune_sys_widgets.query.filters import AttributeFilter


def test_attribute_filter_types_as_a_tuple(store_path):
    """neptune-ai/neptune-exporter @ 8d3f44a, ``exporters/neptune3.py``: its type lists
    are tuple constants (``AttributeFilter(type=_PARAMETER_TYPES)``)."""
    with nsw.Run(run_id="r1", project="ws/p") as run:
        run.log_configs({"lr": 0.1, "opt": "adam"})
        run.log_metrics({"loss": 0.5}, step=0)
    got = nq_runs.list_attributes(project="ws/p", runs=["r1"],
                                  attributes=AttributeFilter(type=("float", "float_series")))
    assert {"loss", "lr"} <= set(got) and "opt" not in got
    with pytest.raises(ValueError, match="type must be a list of valid values"):
        AttributeFilter(type=("float", "no_such_type"))


def test_neptune_query_exceptions_are_all_there():
    """neptune-exporter @ d83070c34e25, ``exporters/neptune3.py`` line 18:
    ``from neptune_query.exceptions import NeptuneError, NeptuneWarning``."""
    e = nq_exceptions
    for cls in (e.NeptuneProjectNotProvided, e.NeptuneApiTokenNotProvided,
                e.NeptuneInvalidCredentialsError, e.NeptuneProjectInaccessible):
        assert isinstance(cls(), e.NeptuneError)
    assert isinstance(e.NeptuneFailedToFetchClientConfig(OSError("x")), e.NeptuneError)
    assert "503" in str(e.NeptuneUnexpectedResponseError(503, b"busy"))
    assert "3 retries" in str(e.NeptuneRetryError(retries=3, time=1.5, last_status_code=500))
    assert "gone" in str(e.NeptuneFileDownloadError(details="gone"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("slow", e.NeptuneWarning, stacklevel=1)
    assert caught[0].category is e.NeptuneWarning
    assert set(e.__all__) >= {"NeptuneError", "NeptuneWarning", "NeptuneRetryError",
                              "AttributeTypeInferenceError", "ConflictingAttributeTypes"}
