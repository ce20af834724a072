# Source: bkates-cw/neptun_to_wandb_exporter (public user repository), list_run_ids.py
#   @ a16f88a9e99db9b18fdfd9d011d4f19f52f47bcc (added in 6f8f54dc1bfb, 2026-02-18; whole file)
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`; `from
#   neptune_query import ...` -> `from neptune_sys_widgets.query import ...`. A `# fixture:`
#   before the script logs, with neptune-scale, the project its usage line names
#   (si-inc/Inverse-Inverse-Dynamics: runs whose IDs start with three prefixes, one of them an
#   experiment's run and one a fork) plus a run of another project, exports NEPTUNE_API_TOKEN
#   and gives the command line; `# check:` blocks added (the check runs the script's function
#   again to read its report).
#!/usr/bin/env python3
#   Lint only: noqa comments on the upstream lines ruff flags.
"""
List all run IDs for a Neptune project.
Usage: uv run python list_run_ids.py <project-id>
Example: uv run python list_run_ids.py si-inc/Inverse-Inverse-Dynamics
"""

import os
import sys
import logging
import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query import filters, runs as nq_runs

# fixture: the project the usage line names, logged with neptune-scale, the script's
#   environment and command line
from neptune_sys_widgets import Run as _Run

_IDS = ["iid-pretrain-20250101", "iid-pretrain-20250102", "iid-finetune-7", "abl-no-aug",
        "abl-no-dropout", "zeta-baseline"]
for _run_id in _IDS:
    with _Run(project="si-inc/Inverse-Inverse-Dynamics", run_id=_run_id,
              experiment_name="iid-main" if _run_id == "zeta-baseline" else None) as _run:
        _run.log_metrics({"train/loss": 0.5}, step=1)
with _Run(project="si-inc/Inverse-Inverse-Dynamics", run_id="iid-pretrain-fork",
          fork_run_id="iid-pretrain-20250101", fork_step=1) as _run:
    _run.log_metrics({"train/loss": 0.25}, step=2)
with _Run(project="si-inc/molmo", run_id="elsewhere-1") as _run:
    _run.log_metrics({"train/loss": 0.5}, step=1)
os.environ["NEPTUNE_API_TOKEN"] = "ApiTokenFromYourNeptuneProfile"
sys.argv = ["list_run_ids.py", "si-inc/Inverse-Inverse-Dynamics"]


# Silence Neptune logging
logging.getLogger("neptune").setLevel(logging.ERROR)


def list_run_ids(project_id: str):
    """List all run IDs for a project."""

    api_token = os.getenv("NEPTUNE_API_TOKEN")
    if not api_token:
        print("Error: NEPTUNE_API_TOKEN not set")
        sys.exit(1)

    nq.set_api_token(api_token)

    print(f"Fetching run IDs for: {project_id}\n")

    # List all runs
    runs_filter = filters.Filter.matches(
        filters.Attribute("sys/custom_run_id", type="string"), ".+"
    )
    run_ids = nq_runs.list_runs(project=project_id, runs=runs_filter)

    print(f"Found {len(run_ids)} runs\n")
    print("="*60)
    print("Run IDs:")
    print("="*60)

    for run_id in sorted(run_ids):
        print(f"  {run_id}")

    print("="*60)
    print(f"Total: {len(run_ids)} runs")
    print("="*60)

    # Analyze patterns
    print("\nPattern Analysis:")
    print("-"*60)

    # Check for common prefixes
    prefixes = {}
    for run_id in run_ids:
        # Get first word/token before hyphen or underscore
        parts = run_id.split('-')
        if len(parts) > 0:
            prefix = parts[0]
            prefixes[prefix] = prefixes.get(prefix, 0) + 1

    if prefixes:
        print("\nRun ID prefixes (first word before '-'):")
        for prefix, count in sorted(prefixes.items(), key=lambda x: -x[1]):
            print(f"  {prefix}: {count} runs")

    # Check for date patterns
    has_dates = sum(1 for run_id in run_ids if any(char.isdigit() for char in run_id))
    print(f"\nRuns with numbers/dates: {has_dates}/{len(run_ids)}")

    print("\nSuggested parallel split:")
    print("-"*60)
    if len(prefixes) >= 2:
        # Sort prefixes alphabetically and suggest splits
        sorted_prefixes = sorted(prefixes.keys())
        mid = len(sorted_prefixes) // 2
        group1 = sorted_prefixes[:mid]
        group2 = sorted_prefixes[mid:]

        count1 = sum(prefixes[p] for p in group1)
        count2 = sum(prefixes[p] for p in group2)

        print(f"Group 1 ({count1} runs): {', '.join(group1)}")
        print(f'  -r "^({"|".join(group1)}).*"')
        print()
        print(f"Group 2 ({count2} runs): {', '.join(group2)}")
        print(f'  -r "^({"|".join(group2)}).*"')
    else:
        print("Not enough pattern diversity for prefix-based splitting.")
        print("Consider alphabetical split:")
        print(f'  Group 1: -r "^[a-m].*"')  # noqa: F541
        print(f'  Group 2: -r "^[n-z].*"')  # noqa: F541


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("Usage: uv run python list_run_ids.py <project-id>")
        print("Example: uv run python list_run_ids.py si-inc/Inverse-Inverse-Dynamics")
        sys.exit(1)

    project_id = sys.argv[1]
    list_run_ids(project_id)

# check: every run of the project, forks and experiment runs included, and the split the
#   report suggests from their prefixes
import contextlib as _contextlib
import io as _io

_out = _io.StringIO()
with _contextlib.redirect_stdout(_out):
    list_run_ids("si-inc/Inverse-Inverse-Dynamics")
_report = _out.getvalue()
assert "Found 7 runs" in _report, _report
_listed = [_line.strip() for _line in _report.split("Run IDs:")[1].split("=" * 60)[1].strip()
           .splitlines()]
assert _listed == sorted(_IDS + ["iid-pretrain-fork"]), _listed
assert "  iid: 4 runs\n  abl: 2 runs\n  zeta: 1 runs\n" in _report, _report
assert "Runs with numbers/dates: 3/7" in _report, _report
assert 'Group 1 (2 runs): abl\n  -r "^(abl).*"' in _report, _report
assert 'Group 2 (5 runs): iid, zeta\n  -r "^(iid|zeta).*"' in _report, _report
