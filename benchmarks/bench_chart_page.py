"""Charts in a real browser (JupyterLab in headless Chromium), the figures of issue 23 that
``bench_chart.py`` does not take:

(a) a run card with 50 float series (1,000 points each) opens: in the page, t0 just before
    the notebook's ``run-cell`` command; t1 when a MutationObserver sees the new card with
    its Metrics section filled (summary "(6 of 50)", the six sparklines drawn). Includes the
    kernel's reads and the comm. Target <= 300 ms.
(b) idle CPU of 20 open charts (one run each, 1,000 points, one cell), nothing appended:
    the browser's main-thread busy time (CDP ``Performance.getMetrics`` TaskDuration) over
    10 s, beside the same page before the charts were opened and after they were closed
    (JupyterLab's own polling, the kernel's status...); and the kernel's
    ``os.times`` over 10 s. Target <= 1 % of a core each (no redraw without new points).
(c) the notebook stays responsive while the charts update at 10 Hz: keystrokes typed into
    another cell's editor, one every 100 ms; the echo is the time from the key's event
    (``event.timeStamp``) to the editor's DOM showing it (a MutationObserver), while
    another process appends a point every 100 ms to the charted runs, in turn; beside it
    the same with no appends.

    python benchmarks/bench_chart_page.py [--reps 10] [--keys 60] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for p in (str(REPO), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench_browser import percentile  # noqa: E402
from bench_chart import WAIT_JS  # noqa: E402
from bench_chart_live import APPENDER, child  # noqa: E402

PROJECT = "bench/page"
RUN_CARD = """
    for (const c of document.querySelectorAll('.nsw-root')) c.dataset.old = '1';
    window.__nsw.run(arg[0], 'notebook:run-cell', arg[1]);
"""
CARD_DRAWN = """
    const c = [...document.querySelectorAll('.nsw-root.nsw-kind-run')].find(c => !c.dataset.old);
    const s = c && c.querySelector('.nsw-metrics summary');
    return !!(s && s.textContent.includes('(6 of 50)')
              && c.querySelectorAll('.nsw-spark').length === 6);
"""
ECHO_JS = """
() => {
  const B = window.__echo = {down: [], seen: []};
  const ed = document.querySelector('.jp-Notebook .jp-Cell:last-child .cm-content');
  ed.addEventListener('keydown', (e) => B.down.push(e.timeStamp), true);
  new MutationObserver(() => B.seen.push(performance.now())).observe(ed,
    {subtree: true, childList: true, characterData: true});
}
"""


def populate(store: str) -> tuple[str, list[str]]:
    import neptune_sys_widgets as nsw
    card = nsw.init_run(project=PROJECT, name="fifty", store=store)
    for i in range(1000):
        card.log_metrics({f"m/s{k:02d}": (i * k) % 7 / 7 for k in range(50)}, step=i)
    card_id = card["sys/id"].fetch()
    card.stop()
    ids = []
    for r in range(20):
        run = nsw.init_run(project=PROJECT, name=f"r{r:02d}", store=store)
        run["loss"].extend([1.0 / (i + 1 + r) for i in range(1000)], steps=list(range(1000)))
        ids.append(run["sys/id"].fetch())
        run.stop()
    return card_id, ids


def busy_pct(page, cdp, seconds: float = 10.0) -> float:
    def task() -> float:
        got = cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in got if m["name"] == "TaskDuration")
    t0, w0 = task(), time.monotonic()
    time.sleep(seconds)
    return (task() - t0) / (time.monotonic() - w0) * 100


def kernel_idle_pct(page, nb: Path) -> float:
    got = page.kernel_eval(nb, "import os, time\nt = os.times()\ntime.sleep(10)\n"
                           "u = os.times()\n(u.user + u.system - t.user - t.system) / 10",
                           timeout=60)
    return float(got["result"]) * 100


def echoes(page, keys: int) -> list[float]:
    """Type `keys` characters into the last cell, one every 100 ms; each one's echo."""
    page.cell(4).locator(".cm-content").click()
    page.page.evaluate(ECHO_JS)
    for _ in range(keys):
        page.page.keyboard.type("x")
        time.sleep(0.1)
    got = page.page.evaluate("() => window.__echo")
    out = []
    for t in got["down"]:
        after = [s for s in got["seen"] if s >= t]
        if after:
            out.append(after[0] - t)
    page.page.keyboard.press("ControlOrMeta+a")
    page.page.keyboard.press("Delete")
    return out


def measure_page(page, nb: Path, rel: str, card_reps: int, keys: int, env: dict,
                 ids: list[str]) -> dict:
    out: dict = {}
    page.run_cell(nb, 0)
    page.page.evaluate(WAIT_JS, [RUN_CARD, CARD_DRAWN, [rel, 1]])  # warm: the bundle
    out["card_ms"] = [page.page.evaluate(WAIT_JS, [RUN_CARD, CARD_DRAWN, [rel, 1]])
                      for _ in range(card_reps)]
    cdp = page.page.context.new_cdp_session(page.page)
    cdp.send("Performance.enable")
    time.sleep(2.0)
    out["browser_idle_before_pct"] = busy_pct(page, cdp)
    page.run_cell(nb, 2)
    page.page.wait_for_function("() => document.querySelectorAll('.nsw-chart canvas').length"
                                " >= 20", timeout=120_000)
    time.sleep(2.0)
    out["browser_idle_20_charts_pct"] = busy_pct(page, cdp)
    out["kernel_idle_20_charts_pct"] = kernel_idle_pct(page, nb)
    out["echo_quiet_ms"] = echoes(page, keys)
    app = child(APPENDER, env, LIVE_RUNS=" ".join(ids), LIVE_PERIOD="0.1", LIVE_STEP="5000")
    assert app.stdin is not None and app.stdout is not None
    assert app.stdout.readline().strip() == "ready"
    app.stdin.write(f"{keys * 2 + 100}\n")
    app.stdin.flush()
    try:
        time.sleep(1.0)
        before = page.kernel_eval(nb, "print(sum(w.version for w in ws))")["stdout"]
        out["echo_10hz_ms"] = echoes(page, keys)
        after = page.kernel_eval(nb, "print(sum(w.version for w in ws))")["stdout"]
        out["chart_updates_while_typing"] = int(after) - int(before)
    finally:
        app.kill()
    page.run_code(nb, "for w in ws: w.close()")  # the same page without the charts
    time.sleep(2.0)
    out["browser_idle_closed_pct"] = busy_pct(page, cdp)
    return out


def run(folder: Path, root: str, card_id: str, ids: list[str], a: argparse.Namespace,
        env: dict) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.harness.lab import LabPage, LabServer, launch_chromium, write_notebook
    nb = write_notebook(folder / "page.ipynb", [
        "%load_ext neptune_sys_widgets\nimport neptune_sys_widgets as n",
        f"n.init_run(with_id={card_id!r}, mode='read-only')",
        "from neptune_sys_widgets.widgets.chart import chart\n"
        "from IPython.display import display\n"
        f"ws = [chart(i, 'loss') for i in {ids!r}]\nfor w in ws: display(w)",
        "# the cell below is typed into",
        "",
    ])
    server = LabServer(root)
    server.start()
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                ctx.set_default_timeout(120_000)
                page = LabPage(server, ctx.new_page(), name="bench-chart-page")
                page.goto_lab()
                rel = page.open_notebook(nb)
                out = measure_page(page, nb, rel, a.reps, a.keys, env, ids)
                out["console_errors"] = [m for m in page.console if "error" in m][:5]
                page.close()
            finally:
                browser.close()
    finally:
        server.stop()
    return out


def report(out: dict) -> None:
    print(f"card with 50 series opens, median / max ms (<= 300): "
          f"{percentile(out['card_ms'], 50):.1f} / {max(out['card_ms']):.1f}")
    print(f"browser main-thread busy, % of a core: page idle before the charts "
          f"{out['browser_idle_before_pct']:.2f}; with 20 idle charts "
          f"{out['browser_idle_20_charts_pct']:.2f}; after closing them "
          f"{out['browser_idle_closed_pct']:.2f} (<= 1 added)")
    print(f"kernel idle CPU with 20 open charts, % (<= 1): "
          f"{out['kernel_idle_20_charts_pct']:.2f}")
    for key, what in (("echo_quiet_ms", "no appends"), ("echo_10hz_ms", "charts at 10 Hz")):
        print(f"keystroke echo, {what}, p50 / p95 ms ({len(out[key])} keys): "
              f"{percentile(out[key], 50):.1f} / {percentile(out[key], 95):.1f}")
    print(f"chart updates while typing at 10 Hz: {out['chart_updates_while_typing']}")
    if out["console_errors"]:
        print("console errors:", out["console_errors"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--keys", type=int, default=60)
    ap.add_argument("--json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nsw-bench-page-") as root:
        folder = Path(root) / "bench"
        store = str(folder / ".neptune" / "neptune.db")
        card_id, ids = populate(store)
        env = {**os.environ, "NEPTUNE_SYS_STORE": store, "PYTHONPATH": str(REPO)}
        out = run(folder, root, card_id, ids, a, env)
    report(out)
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
