# Source: neptune-ai/neptune-query, tests/e2e/v1/test_experiments.py
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a, lines 1-17 (imports), 30 (EXPERIMENT_NAMES) and 174-206
#   (test__fetch_experiments_table with sort_by/sort_direction, and
#   test__fetch_experiments_table_empty_attribute_list)
# Changed: `from neptune_query import ...` -> `from neptune_sys_widgets.query import ...`,
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`. The module's data-ingestion harness is replaced by a `# fixture:` `project` that logs
#   the three experiments with the neptune-scale API; a `# fixture:` main guard runs the tests.
from datetime import (
    datetime,
    timezone,
)

import pandas as pd
import pytest

from neptune_sys_widgets.query import (
    fetch_experiments_table,
    list_experiments,
)
from neptune_sys_widgets.query.filters import (
    Attribute,
    AttributeFilter,
    Filter,
)

EXPERIMENT_NAMES = ["test_alpha_1", "test_alpha_2", "test_alpha_3"]


# fixture: the module-scoped `project` fixture of the e2e suite (ingests the experiments)
import os as _os
import sys as _sys
import types as _types


@pytest.fixture(scope="module")
def project():
    from neptune_sys_widgets import Run

    name = "e2e-ws/neptune-query-e2e"
    for i, experiment in enumerate(EXPERIMENT_NAMES):
        with Run(project=name, experiment_name=experiment) as run:
            run.log_configs({"int-value": i, "float-value": float(i), "str-value": f"hello_{i}"})
            run.log_metrics({"metrics/step": 0.0}, step=0)
    return _types.SimpleNamespace(project_identifier=name)
# end fixture


@pytest.mark.parametrize("sort_direction", ["asc", "desc"])
def test__fetch_experiments_table(project, sort_direction):
    df = fetch_experiments_table(
        experiments=EXPERIMENT_NAMES,
        sort_by=Attribute("sys/name", type="string"),
        sort_direction=sort_direction,
        project=project.project_identifier,
    )

    expected = pd.DataFrame(
        {
            "experiment": EXPERIMENT_NAMES if sort_direction == "asc" else EXPERIMENT_NAMES[::-1],
        }
    ).set_index("experiment", drop=True)
    expected.columns.name = "attribute"
    assert len(df) == 3
    pd.testing.assert_frame_equal(df, expected)


def test__fetch_experiments_table_empty_attribute_list(project):
    df = fetch_experiments_table(
        project=project.project_identifier,
        experiments=EXPERIMENT_NAMES,
        attributes=[],
        sort_by=Attribute("sys/name", type="string"),
        sort_direction="asc",
    )

    expected = pd.DataFrame({"experiment": EXPERIMENT_NAMES}).set_index("experiment", drop=True)
    expected.columns.name = "attribute"
    assert len(df) == 3
    pd.testing.assert_frame_equal(df, expected)



# fixture: run the tests with pytest (this file's fixtures only)
if __name__ == "__main__":
    _sys.exit(pytest.main([__file__, "-q", "-rfE", "-p", "no:cacheprovider", "--noconftest",
                           "-c", _os.devnull, "--rootdir", _os.getcwd()]))
