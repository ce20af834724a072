"""The run card in a real browser: JupyterLab in headless Chromium (the test harness).

(a) external commit -> chip in the DOM. This process (not the kernel) opens the card's run
    in sync mode and adds a tag, at random 100-300 ms spacing. t0 is ``time.time()`` right
    before ``run["sys/tags"].add(tag)``; t1 is recorded *inside the page* by a
    MutationObserver on the card, as ``performance.timeOrigin + performance.now()`` in the
    observer callback that first sees a (non-ghost) chip with that text in the "Tags" group.
    The path: commit -> the kernel's watcher thread (polls ``PRAGMA data_version``) -> comm
    message -> jupyter server -> websocket -> anywidget model -> chip rendered. "In the DOM"
    is not "painted": a frame (<= 17 ms) may follow.
    Both clocks are this machine's wall clock. The page's clock is checked against
    ``time.time()`` before and after (min-round-trip ``page.evaluate`` pairs); the offset is
    printed and subtracted (its uncertainty is half the round trip, printed too).
    Target: p95 <= 250 ms.
(b) tag typed + Enter -> durable in the store. ``fill`` the "Add tag" textbox, t0 =
    ``time.time()`` right before ``press("Enter")``, then poll the store from this process
    with a read-only sqlite3 connection every 2 ms until
    ``SELECT 1 FROM string_sets WHERE path='sys/tags' AND value=?`` finds it. The path: key
    event -> command message -> kernel (idle) -> validated edit -> commit. Target:
    p95 <= 150 ms. A capture keydown listener on the input also records when Enter reaches
    the page, splitting the total into Playwright's dispatch (locator.press resolves and
    checks the element first) and keydown -> durable.
(c) bundle size: ``neptune_sys_widgets/static/widget.js`` + ``widget.css``, raw and gzip -9.
    Target: raw <= 40 kB (40 000 bytes).

The notebook's kernel uses its folder's default store ``<folder>/.neptune/neptune.db``; this
process opens the same file. The kernel's run is in the default (async) mode.

    python benchmarks/bench_browser.py [--external 100] [--typed 60] [--json out.json]

Needs Chromium (``/usr/bin/chromium`` or ``NSW_CHROMIUM``), Playwright and JupyterLab, as the
browser tests do; ``npm run build`` first if ``neptune_sys_widgets/static/`` is missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

STATIC = REPO / "neptune_sys_widgets" / "static"
CARD = ".nsw-root"
TARGET_EXTERNAL_P95_MS = 250.0
TARGET_TYPED_P95_MS = 150.0
TARGET_BUNDLE_BYTES = 40_000

# Records, per chip text, when a settled (non-ghost) chip with that text first exists in the
# card's "Tags" group. Runs in the page; the timestamp is taken in the observer callback,
# i.e. in the same task as the DOM change (MutationObserver callbacks are microtasks).
OBSERVER_JS = r"""
(card) => {
  const group = [...card.querySelectorAll('[role=group][aria-labelledby]')].find(g => {
    const l = document.getElementById(g.getAttribute('aria-labelledby'));
    return l && l.textContent.trim() === 'Tags';
  });
  if (!group) throw new Error('no Tags group');
  const B = window.__bench = { seen: {}, batches: 0 };
  const scan = () => {
    const now = performance.timeOrigin + performance.now();
    for (const li of group.querySelectorAll('li.nsw-chip:not(.nsw-chip-adding)')) {
      const t = li.querySelector('.nsw-chip-text');
      if (t && !(t.textContent in B.seen)) B.seen[t.textContent] = now;
    }
  };
  scan();
  B.observer = new MutationObserver(() => { B.batches++; scan(); });
  B.observer.observe(group, { childList: true, subtree: true, characterData: true,
                              attributes: true, attributeFilter: ['class'] });
  return Object.keys(B.seen).length;
}
"""


def wait_js(timeout_ms: int) -> str:
    """Page code for ``page.evaluate(js, [action, pred, arg])``: run ``action``, then resolve
    with the milliseconds until ``pred`` holds (a MutationObserver on the whole document),
    or fail after ``timeout_ms``. Shared by the table and chart benchmarks."""
    return r"""
async ([action, pred, arg]) => {
  const act = new Function('arg', action);
  const ok = new Function('arg', pred);
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timeout')); }, TIMEOUT);
    const check = () => { if (ok(arg)) { clearTimeout(timer); obs.disconnect(); resolve(); } };
    const obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true,
                                characterData: true});
    act(arg);
    check();
  });
  return performance.now() - t0;
}
""".replace("TIMEOUT", str(int(timeout_ms)))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (as benchmarks/bench_feed.py)."""
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q / 100 * (len(values) - 1))))
    return values[k]


def clock_offset(page, samples: int = 15) -> tuple[float, float]:
    """(page clock - time.time(), half round trip), both in ms, from the tightest pair."""
    best = None
    for _ in range(samples):
        a = time.time()
        js = page.evaluate("() => performance.timeOrigin + performance.now()")
        b = time.time()
        rtt = (b - a) * 1000
        if best is None or rtt < best[1]:
            best = (js - (a + b) / 2 * 1000, rtt)
    assert best is not None
    return best[0], best[1] / 2


def external_commits(page, store: str, run_id: str, n: int, rng: random.Random
                     ) -> tuple[list[float], dict]:
    import neptune_sys_widgets as nsw

    run = nsw.init_run(with_id=run_id, mode="sync", store=store)
    handle = run["sys/tags"]
    handle.add("warm-ext")  # first commit of this process: connection, attach
    page.wait_for_function("t => window.__bench.seen[t] !== undefined", arg="warm-ext",
                           timeout=60_000)
    off0, err0 = clock_offset(page)
    sent: dict[str, float] = {}
    for i in range(n):
        time.sleep(rng.uniform(0.100, 0.300))
        tag = f"ext-{i:03d}"
        t0 = time.time()
        handle.add(tag)
        sent[tag] = t0
        page.wait_for_function("t => window.__bench.seen[t] !== undefined", arg=tag,
                               timeout=30_000, polling=5)
    off1, err1 = clock_offset(page)
    seen = page.evaluate("() => window.__bench.seen")
    run.stop()
    offset = (off0 + off1) / 2
    lat = [seen[tag] - t0 * 1000 - offset for tag, t0 in sent.items()]
    return lat, {"offset_before_ms": off0, "offset_after_ms": off1,
                 "offset_uncertainty_ms": max(err0, err1),
                 "raw_p50_ms": percentile([seen[t] - t0 * 1000 for t, t0 in sent.items()], 50)}


def typed_tags(page, card, store: str, n: int, rng: random.Random, offset_ms: float
               ) -> tuple[list[float], list[float]]:
    """Latencies (ms) press -> durable, and of those, press -> keydown in the page."""
    add = card.get_by_role("textbox", name="Add tag", exact=True)
    # when the Enter keydown reaches the input (capture: before the control's own listener)
    add.evaluate("(el) => { window.__bench.enter = []; el.addEventListener('keydown', (e) => {"
                 " if (e.key === 'Enter') window.__bench.enter.push("
                 "performance.timeOrigin + performance.now()); }, true); }")
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, isolation_level=None)
    query = "SELECT 1 FROM string_sets WHERE path='sys/tags' AND value=?"

    def wait_durable(tag: str, t0: float, timeout: float = 30.0) -> float:
        while conn.execute(query, (tag,)).fetchone() is None:
            if time.time() - t0 > timeout:
                raise TimeoutError(f"tag {tag!r} not in the store after {timeout:.0f} s")
            time.sleep(0.002)
        return time.time()

    lat, dispatch, starts = [], [], []
    try:
        for i in range(-2, n):  # two warm-ups
            tag = f"typed-{i:03d}" if i >= 0 else f"warm-typed{i}"
            add.click()
            add.fill(tag)
            t0 = time.time()
            add.press("Enter")
            t1 = wait_durable(tag, t0)
            if i >= 0:
                lat.append((t1 - t0) * 1000)
                starts.append(t0 * 1000)
            # the chip settles (the kernel's reply arrived) before the next one
            page.wait_for_function("t => window.__bench.seen[t] !== undefined", arg=tag,
                                   timeout=30_000)
            time.sleep(rng.uniform(0.100, 0.300))
        enters = page.evaluate("() => window.__bench.enter")[2:]
        dispatch = [e - offset_ms - t0 for e, t0 in zip(enters, starts, strict=True)]
    finally:
        conn.close()
    return lat, dispatch


def bundle_sizes() -> dict[str, int]:
    out = {}
    for name in ("widget.js", "widget.css"):
        data = (STATIC / name).read_bytes()
        out[name] = len(data)
        out[name + ".gz"] = len(gzip.compress(data, compresslevel=9))
    out["total"] = out["widget.js"] + out["widget.css"]
    # each file is fetched and compressed on its own
    out["total.gz"] = out["widget.js.gz"] + out["widget.css.gz"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--external", type=int, default=100, help="external commits (>= 50)")
    ap.add_argument("--typed", type=int, default=60, help="typed tags (>= 50)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--json", help="also write the numbers to this JSON file")
    a = ap.parse_args()
    if not (STATIC / "widget.js").exists():
        raise SystemExit("neptune_sys_widgets/static/ is missing: run `npm run build` first")
    from playwright.sync_api import sync_playwright

    from tests.harness.lab import LabPage, LabServer, launch_chromium, write_notebook

    rng = random.Random(a.seed)
    results: dict = {"bundle": bundle_sizes()}
    with tempfile.TemporaryDirectory(prefix="nsw-bench-browser-") as root:
        folder = Path(root) / "bench"
        store = str(folder / ".neptune" / "neptune.db")
        nb = write_notebook(folder / "card.ipynb", [
            "%load_ext neptune_sys_widgets",
            "%neptune_run --project bench/browser --run-id card --name bench --tags seed",
        ])
        server = LabServer(root)
        server.start()
        try:
            with sync_playwright() as pw:
                browser = launch_chromium(pw)
                try:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.set_default_timeout(60_000)
                    page = LabPage(server, context.new_page(), name="bench-browser")
                    page.goto_lab()
                    page.open_notebook(nb)
                    if page.run_all(nb):
                        raise SystemExit("the notebook raised")
                    card = page.cell(1).locator(CARD)
                    page.wait_for_text(card.locator(".nsw-id"), re.compile(r"\S"))
                    run_id = card.locator(".nsw-id").inner_text().strip()
                    card.evaluate(OBSERVER_JS)
                    lat_a, clock = external_commits(page.page, store, run_id, a.external, rng)
                    offset = (clock["offset_before_ms"] + clock["offset_after_ms"]) / 2
                    lat_b, dispatch = typed_tags(page, card, store, a.typed, rng, offset)
                    results["console_errors"] = [m for m in page.console
                                                 if not m.startswith("warning")]
                    page.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    results["external"] = {"n": len(lat_a), **{f"p{q}_ms": percentile(lat_a, q)
                                               for q in (50, 95, 99)},
                           "max_ms": max(lat_a), **clock}
    results["typed"] = {"n": len(lat_b), **{f"p{q}_ms": percentile(lat_b, q)
                                            for q in (50, 95, 99)}, "max_ms": max(lat_b),
                        "press_to_keydown_p50_ms": percentile(dispatch, 50),
                        "press_to_keydown_p95_ms": percentile(dispatch, 95),
                        "keydown_to_durable_p50_ms": percentile(
                            [x - d for x, d in zip(lat_b, dispatch, strict=True)], 50),
                        "keydown_to_durable_p95_ms": percentile(
                            [x - d for x, d in zip(lat_b, dispatch, strict=True)], 95)}
    report(results)
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(results, fh, indent=1)


def report(r: dict) -> None:
    e, t, b = r["external"], r["typed"], r["bundle"]
    print(f"(a) external commit -> chip in the DOM, {e['n']} commits: p50 {e['p50_ms']:.1f} ms, "
          f"p95 {e['p95_ms']:.1f} ms, p99 {e['p99_ms']:.1f} ms, max {e['max_ms']:.1f} ms "
          f"(target p95 <= {TARGET_EXTERNAL_P95_MS:.0f} ms; ratio "
          f"{e['p95_ms'] / TARGET_EXTERNAL_P95_MS:.2f}) "
          f"[{'pass' if e['p95_ms'] <= TARGET_EXTERNAL_P95_MS else 'MISS'}]")
    print(f"    page clock - time.time(): {e['offset_before_ms']:+.2f} ms before, "
          f"{e['offset_after_ms']:+.2f} ms after (+-{e['offset_uncertainty_ms']:.2f} ms), "
          f"subtracted; uncorrected p50 {e['raw_p50_ms']:.1f} ms")
    print(f"(b) typed tag + Enter -> durable in the store, {t['n']} tags: p50 "
          f"{t['p50_ms']:.1f} ms, p95 {t['p95_ms']:.1f} ms, max {t['max_ms']:.1f} ms "
          f"(target p95 <= {TARGET_TYPED_P95_MS:.0f} ms; ratio "
          f"{t['p95_ms'] / TARGET_TYPED_P95_MS:.2f}) "
          f"[{'pass' if t['p95_ms'] <= TARGET_TYPED_P95_MS else 'MISS'}]")
    print(f"    of which Playwright's press -> Enter keydown in the page: p50 "
          f"{t['press_to_keydown_p50_ms']:.1f} ms, p95 {t['press_to_keydown_p95_ms']:.1f} ms; "
          f"keydown -> durable: p50 {t['keydown_to_durable_p50_ms']:.1f} ms, "
          f"p95 {t['keydown_to_durable_p95_ms']:.1f} ms")
    print(f"(c) bundle: widget.js {b['widget.js']:,} B + widget.css {b['widget.css']:,} B = "
          f"{b['total']:,} B (target <= {TARGET_BUNDLE_BYTES:,} B; ratio "
          f"{b['total'] / TARGET_BUNDLE_BYTES:.2f}) "
          f"[{'pass' if b['total'] <= TARGET_BUNDLE_BYTES else 'MISS'}]; gzip -9: "
          f"{b['widget.js.gz']:,} B + {b['widget.css.gz']:,} B = {b['total.gz']:,} B")
    if r.get("console_errors"):
        print(f"    browser console errors: {len(r['console_errors'])}, first: "
              f"{r['console_errors'][0][:200]}")


if __name__ == "__main__":
    main()
