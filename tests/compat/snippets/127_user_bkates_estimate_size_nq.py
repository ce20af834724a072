# Source: bkates-cw/neptun_to_wandb_exporter (public user repository), estimate_size.py
#   @ a16f88a9e99db9b18fdfd9d011d4f19f52f47bcc (added in 6f8f54dc1bfb, 2026-02-18; whole file)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`; `from
#   neptune_query[.filters] import ...` -> `from neptune_sys_widgets.query[.filters] import ...`.
#   A `# fixture:` before the script logs, with neptune-scale, the project its usage line names
#   (si-inc/molmo: three runs with configs of every single-value type, tags, a metric, a string
#   series and a histogram series) plus a run of another project, exports NEPTUNE_API_TOKEN and
#   gives the command line; `# check:` blocks added (the script reports its fetch errors as
#   "Warning:" lines and goes on, so the check runs it again and reads its report).
#!/usr/bin/env python3
#   Lint only: noqa comments on the upstream lines ruff flags.
"""
Estimate total export size for Neptune projects.
Usage: uv run python estimate_size.py <project-id>
Example: uv run python estimate_size.py si-inc/molmo
"""

import os
import sys
import logging
import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query import filters, runs as nq_runs
from neptune_sys_widgets.query.filters import Attribute, AttributeFilter

# fixture: the project the usage line names, logged with neptune-scale, and the script's
#   environment and command line
from datetime import datetime as _datetime, timezone as _timezone

from neptune_sys_widgets import Run as _Run
from neptune_sys_widgets.types import Histogram as _Histogram

for _i, _run_id in enumerate(["molmo-7b-d-0924", "molmo-7b-o-0924", "molmo-72b-0924"]):
    with _Run(project="si-inc/molmo", run_id=_run_id, experiment_name=f"molmo-{_i}") as _run:
        _run.log_configs({"config/lr": 1e-4 * (_i + 1), "config/batch_size": 32 * (_i + 1),
                          "config/vision_backbone": "siglip", "config/bf16": _i != 1,
                          "config/started": _datetime(2024, 9, 24 + _i, tzinfo=_timezone.utc)})
        _run.add_tags(["pretrain", f"size-{_i}"])
        for _step in range(4):
            _run.log_metrics({"train/loss": 2.0 / (_step + 1)}, step=_step)
            _run.log_string_series({"train/log": f"step {_step} done"}, step=_step)
            _run.log_histograms({"train/grad_norm": _Histogram(bin_edges=[0.0, 1.0, 2.0],
                                                               counts=[_step, 4 - _step])},
                                step=_step)
with _Run(project="si-inc/other", run_id="not-this-project") as _run:
    _run.log_configs({"config/lr": 0.5})
os.environ["NEPTUNE_API_TOKEN"] = "ApiTokenFromYourNeptuneProfile"
sys.argv = ["estimate_size.py", "si-inc/molmo"]


# Silence Neptune logging
logging.getLogger("neptune").setLevel(logging.ERROR)


def format_size(bytes_size: int) -> str:
    """Format bytes into human-readable size."""
    for unit in ['B', 'KB', 'MB', 'GB', 'TB']:
        if bytes_size < 1024.0:
            return f"{bytes_size:.2f} {unit}"
        bytes_size /= 1024.0
    return f"{bytes_size:.2f} PB"


def estimate_project_size(project_id: str):
    """Estimate the total export size for a project."""

    api_token = os.getenv("NEPTUNE_API_TOKEN")
    if not api_token:
        print("Error: NEPTUNE_API_TOKEN not set")
        sys.exit(1)

    nq.set_api_token(api_token)

    print(f"Estimating export size for: {project_id}\n")

    # List all runs
    print("1. Counting runs...")
    runs_filter = filters.Filter.matches(
        filters.Attribute("sys/custom_run_id", type="string"), ".+"
    )
    run_ids = nq_runs.list_runs(project=project_id, runs=runs_filter)
    num_runs = len(run_ids)
    print(f"   Found {num_runs} runs")

    if num_runs == 0:
        print("\nNo runs found in project.")
        return

    # Fetch all attributes to count data points
    print("\n2. Analyzing attributes...")

    try:
        # Get all attributes (this might take a while for large projects)
        # We'll fetch a sample of runs to estimate
        sample_size = min(10, num_runs)
        sample_runs = run_ids[:sample_size]

        print(f"   Sampling {sample_size} runs to estimate...")

        # Fetch parameters (single values)
        params_df = nq_runs.fetch_runs_table(
            project=project_id,
            runs=sample_runs,
            attributes=AttributeFilter(
                type=["float", "int", "string", "bool", "datetime", "string_set"]
            ),
        )

        # Estimate parameters: count non-null values
        param_values = params_df.notna().sum().sum() if not params_df.empty else 0
        avg_param_values_per_run = param_values / sample_size if sample_size > 0 else 0
        total_param_values = int(avg_param_values_per_run * num_runs)

        # Estimate parquet size for parameters (~100 bytes per value)
        param_size = total_param_values * 100

        print(f"   Parameters: ~{total_param_values:,} values")
        print(f"   Estimated size: {format_size(param_size)}")

    except Exception as e:
        print(f"   Warning: Could not analyze attributes: {e}")
        param_size = 0
        total_param_values = 0

    # Estimate series/metrics size
    print("\n3. Estimating series/metrics size...")
    try:
        # Fetch series attributes (these have multiple points)
        series_df = nq_runs.fetch_runs_table(
            project=project_id,
            runs=sample_runs,
            attributes=AttributeFilter(
                type=["float_series", "string_series", "histogram_series"]
            ),
        )

        num_series = series_df.shape[1] if not series_df.empty else 0
        avg_series_per_run = num_series / sample_size if sample_size > 0 else 0
        total_series_count = int(avg_series_per_run * num_runs)

        # Rough estimate: 1000 points per series, 50 bytes per point
        estimated_points = total_series_count * 1000
        series_size = estimated_points * 50

        print(f"   Series attributes: ~{total_series_count:,}")
        print(f"   Estimated points: ~{estimated_points:,}")
        print(f"   Estimated size: {format_size(series_size)}")

    except Exception as e:
        print(f"   Warning: Could not analyze series: {e}")
        series_size = 0

    # Estimate file sizes
    print("\n4. Estimating file sizes...")
    print("   Note: File sizes may not be available via API")
    print("   Using rough estimate based on typical ML projects...")

    # Very rough estimate: average 100MB per run in files
    avg_files_per_run = 100 * 1024 * 1024  # 100 MB
    files_size = avg_files_per_run * num_runs

    print(f"   Estimated files: {format_size(files_size)}")

    # Total estimate
    total_size = param_size + series_size + files_size

    print(f"\n{'='*60}")
    print(f"ESTIMATED EXPORT SIZE")  # noqa: F541
    print(f"{'='*60}")
    print(f"  Parameters/config: {format_size(param_size):>15s}")
    print(f"  Metrics/series:    {format_size(series_size):>15s}")
    print(f"  Files (estimate):  {format_size(files_size):>15s}")
    print(f"{'='*60}")
    print(f"  Total (estimate):  {format_size(total_size):>15s}")
    print(f"{'='*60}\n")

    print("Note: This is a rough estimate based on sampling.")
    print("Actual size may vary significantly, especially for files.")
    print("Run a small export first to calibrate the estimate.\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("Usage: uv run python estimate_size.py <project-id>")
        print("Example: uv run python estimate_size.py si-inc/molmo")
        sys.exit(1)

    project_id = sys.argv[1]
    estimate_project_size(project_id)

# check: the run count and the sampled tables the estimate rests on, with no fetch error
#   reported as a "Warning:" line
import contextlib as _contextlib
import io as _io

_out = _io.StringIO()
with _contextlib.redirect_stdout(_out):
    estimate_project_size("si-inc/molmo")
_report = _out.getvalue()
assert "Warning" not in _report, _report
assert "Found 3 runs" in _report, _report
_ids = nq_runs.list_runs(project="si-inc/molmo", runs=filters.Filter.matches(
    filters.Attribute("sys/custom_run_id", type="string"), ".+"))
assert sorted(_ids) == ["molmo-72b-0924", "molmo-7b-d-0924", "molmo-7b-o-0924"], _ids
_params = nq_runs.fetch_runs_table(project="si-inc/molmo", runs=_ids, attributes=AttributeFilter(
    type=["float", "int", "string", "bool", "datetime", "string_set"]))
for _column in ("config/lr", "config/batch_size", "config/vision_backbone", "config/bf16",
                "config/started", "sys/tags"):
    assert _column in _params.columns, (_column, list(_params.columns))
assert "train/loss" not in _params.columns and "train/log" not in _params.columns
assert _params.loc["molmo-7b-o-0924", "config/bf16"] == False  # noqa: E712
assert _params.loc["molmo-72b-0924", "sys/tags"] == {"pretrain", "size-2"}
_series = nq_runs.fetch_runs_table(project="si-inc/molmo", runs=_ids, attributes=AttributeFilter(
    type=["float_series", "string_series", "histogram_series"]))
assert sorted(_series.columns) == ["train/grad_norm", "train/log", "train/loss"], _series.columns
assert _series.loc["molmo-7b-d-0924", "train/loss"] == 0.5
assert _series.loc["molmo-7b-d-0924", "train/log"] == "step 3 done"
assert "Series attributes: ~3" in _report, _report
_values = int(_params.notna().sum().sum())
assert f"Parameters: ~{_values:,} values" in _report, (_values, _report)
