"""The team page: ``neptune-sys ui`` start -> rows visible in a browser.

The store: 1,000 finished runs in one project (through the public API). Each repetition
starts ``neptune-sys ui`` as a user does (a new process, the console script), opens the
URL it prints in headless Chromium as soon as it is printed, and stops when the first row
of the runs table is in the DOM. Reported (median over the repetitions):

(a) start -> URL printed: interpreter, click, the checks of the arguments, Voilà listening.
(b) start -> first row visible: (a) plus the page request, Voilà starting a kernel and
    running the page notebook, the page loading JupyterLab's widget manager and the
    anywidget bundle, and the table's first window.
(c) a second visit on the running server (a new browser context): URL opened -> first row
    visible; a kernel starts and runs the page notebook again.
(d) SIGTERM -> the process and its kernels gone.

    python benchmarks/bench_teampage.py [--reps 3] [--runs 1000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.harness.lab import launch_chromium  # noqa: E402
from tests.harness.teampage import TeamPageProcess  # noqa: E402


def make_store(path: str, runs: int) -> None:
    import neptune_sys_widgets as nsw
    for i in range(runs):
        nsw.init_run(project="bench/team", name=f"run-{i:04d}", tags=["bench"], mode="sync",
                     store=path).stop()
    from neptune_sys_widgets.store import close_all
    close_all()


def open_page(browser, url: str) -> float:
    """Open ``url`` in a fresh browser context; the time its first row is visible."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(".nsw-tr[data-id]", state="visible", timeout=180_000)
        return time.monotonic()
    finally:
        context.close()


def one_start(browser, store: str) -> dict[str, float]:
    ui = TeamPageProcess(store)
    try:
        ui.start()
        printed = time.monotonic() - ui.started_at
        rows = open_page(browser, ui.url) - ui.started_at
        t0 = time.monotonic()
        revisit = open_page(browser, ui.url) - t0
        t0 = time.monotonic()
        code = ui.stop(signal.SIGTERM)
        stopped = time.monotonic() - t0
        if code != 0:
            raise RuntimeError(f"neptune-sys ui exited with {code}\n{ui.log()}")
        return {"url_printed_s": printed, "rows_visible_s": rows, "revisit_s": revisit,
                "stop_s": stopped}
    finally:
        ui.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--runs", type=int, default=1000)
    p.add_argument("--json", help="write the results here")
    a = p.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "team.db")
        make_store(store, a.runs)
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            reps = [one_start(browser, store) for _ in range(a.reps)]
            browser.close()
    result = {k: statistics.median(r[k] for r in reps) for k in reps[0]}
    for k, v in result.items():
        each = ", ".join(f"{r[k]:.2f}" for r in reps)
        print(f"{k:16s} median {v:6.2f} s   ({each})")
    if a.json:
        Path(a.json).write_text(json.dumps({"median": result, "reps": reps}, indent=1))


if __name__ == "__main__":
    main()
