// The runs / model-versions table: a virtual-scrolling ARIA grid over a query the kernel
// holds. This module composes the parts around one shared context (context.js): toolbar,
// bulk bar, header, body, windows of rows, scrolling, pointer and keys; then it wires the
// model's trait changes and the timers, and returns the teardown.

import { formatAgo, parseTime } from "../format.js";
import { setText } from "../dom.js";
import { bulkBar } from "./bulk.js";
import { installBody } from "./body.js";
import { compareButton } from "./compare.js";
import { createTable } from "./context.js";
import { renderHead } from "./header.js";
import { installKeys } from "./keys.js";
import { installPointer } from "./pointer.js";
import { installScrolling } from "./scrolling.js";
import { emptySelection, selectAll, selectedCount, target } from "./selection.js";
import { toolbar } from "./toolbar.js";
import { installWindows } from "./windows.js";

export { ROW_H } from "./layout.js";
export { OVERSCAN } from "./windows.js";
/** Ping ages tick this often (only the visible cells are touched). */
export const TICK_MS = 1000;
/** A harmless slow re-request of the window, for hosts that drop thread-driven messages. */
export const REFRESH_MS = 30_000;

/** @typedef {import("./context.js").Table} Table */

/**
 * @param {import("../types.js").TableModel} model
 * @param {HTMLElement} el
 * @returns {() => void}
 */
export function renderTable(model, el) {
  const t = createTable(model);
  const { root, grid, empty, live } = t.els;
  suppressNotebookKeys(root);
  const compare = t.kind === "run" ? compareButton(t) : null;
  const bar = toolbar({ model, send: t.send, kind: t.kind, extra: compare ? [compare.el] : [] });
  t.showError = bar.showError;
  const bulk = bulkFor(t);
  t.afterPaint.push(bulk.update);
  if (compare) t.afterPaint.push(compare.update);
  root.append(bar.el, bulk.el, grid, empty, live);
  installBody(t);
  const stopWindows = installWindows(t);
  installScrolling(t);
  installPointer(t, bulk.report);
  installKeys(t);
  t.openCard = (id) =>
    t.send("open", { id }, (r) => {
      if (!r.ok) t.showError(r.error);
      else setText(live, `Opened ${id} below the table`);
    });
  const unwire = wire(t);
  el.append(root);
  renderHead(t);
  const initial = model.get("initial");
  if (initial && initial.version === Number(model.get("version"))) t.accept(/** @type {import("./windows.js").Window} */ (initial));
  t.paint();
  t.request();
  const stopTimers = timers(t);
  return () => {
    stopTimers();
    unwire();
    stopWindows();
    t.closeChannel();
    bar.close();
    root.remove();
  };
}

/** Keys typed into the table never reach notebook shortcuts. @param {HTMLElement} root */
function suppressNotebookKeys(root) {
  root.addEventListener("keydown", (e) => {
    const el = /** @type {Element | null} */ (e.target);
    if (el && (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(el.tagName) || el.closest?.(".nsw-grid"))) {
      e.stopPropagation();
    }
  });
}

/** @param {Table} t */
function bulkFor(t) {
  return bulkBar({
    kind: t.kind,
    noun: t.noun,
    send: t.send,
    readOnly: t.readOnly,
    count: () => selectedCount(t.st.sel, t.total()),
    target: () => target(t.st.sel, t.st.loadedVersion),
    selectAllMatching: () => {
      t.st.sel = selectAll();
      t.paint();
    },
    clear: () => {
      t.st.sel = emptySelection();
      t.paint();
    },
  });
}

/** Follow the model's trait changes. @param {Table} t @returns {() => void} */
function wire(t) {
  /** @type {Array<[import("../types.js").ModelEvent<import("../types.js").TableTraits>, () => void]>} */
  const subs = [
    ["change:columns", () => {
      renderHead(t);
      t.st.loadedVersion = -1;
      t.request();
    }],
    ["change:sort", () => renderHead(t)],
    ["change:version", () => {
      // row positions of a shift range belong to the old order: keep only the ids
      if (t.st.sel.ranges.length) t.st.sel = { ...t.st.sel, ranges: [], anchor: -1 };
      t.request();
    }],
    ["change:total", () => {
      t.st.windowTotal = -1;
      setText(t.els.live, `${t.total()} ${t.noun}s`);
      t.paint();
      t.request();
    }],
    ["change:read_only", () => t.paint()],
  ];
  for (const [ev, cb] of subs) t.model.on(ev, cb);
  return () => {
    for (const [ev, cb] of subs) t.model.off(ev, cb);
  };
}

/** Ping ages tick in the browser; the window is re-requested now and then. @param {Table} t */
function timers(t) {
  const ticker = setInterval(() => {
    const now = Date.now();
    for (const td of /** @type {NodeListOf<HTMLElement>} */ (t.els.rowsEl.querySelectorAll("[data-ping]"))) {
      const at = parseTime(td.dataset.ping);
      setText(td, Number.isNaN(at) ? "never" : formatAgo(now - at));
    }
  }, TICK_MS);
  const refresher = setInterval(() => {
    t.st.loadedVersion = -1;
    t.request();
  }, REFRESH_MS);
  return () => {
    clearInterval(ticker);
    clearInterval(refresher);
  };
}
