// Windows of rows from the kernel: the browser keeps only the window it shows (plus
// overscan), asks for it with a `window` command (one in flight; the latest wish waits),
// and takes the kernel's pushes: changed rows (`{type: "rows"}`) or a new window after a
// reorder (`{type: "window"}`).

import { TABLE_MAX_WINDOW } from "../contract.js";
import { ROW_H } from "./layout.js";

/** Rows fetched beyond the visible ones, above and below. */
export const OVERSCAN = 20;

/** @typedef {import("./context.js").Table} Table */
/** @typedef {import("./context.js").Row} Row */
/** @typedef {{start: number, count: number}} Span */

/**
 * Install `t.request` and `t.accept`, and listen to the kernel's pushes.
 * @param {Table} t
 * @returns {() => void} stop listening
 */
export function installWindows(t) {
  /** @type {{inflight: Span | null, wanted: Span | null}} */
  const q = { inflight: null, wanted: null };
  t.request = () => request(t, q);
  t.accept = (win) => accept(t, win);
  /** @param {{type?: unknown, rows?: unknown} | null} msg any custom message; a window or new rows are handled */
  const onMessage = (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "window") accept(t, /** @type {Window} */ (msg));
    else if (msg.type === "rows" && Array.isArray(msg.rows)) patchRows(t, msg.rows);
  };
  t.model.on("msg:custom", onMessage);
  return () => t.model.off("msg:custom", onMessage);
}

/** Whether a visible row is missing or the loaded window is of an older listing. @param {Table} t @param {number} first @param {number} visible */
function missing(t, first, visible) {
  for (let i = first; i < Math.min(t.total(), first + visible); i++) if (!t.st.cache.has(i)) return true;
  return t.st.loadedVersion !== Number(t.model.get("version"));
}

/** @param {Table} t @param {{inflight: Span | null, wanted: Span | null}} q */
function request(t, q) {
  const { grid } = t.els;
  const first = Math.floor(grid.scrollTop / ROW_H);
  const visible = Math.ceil((grid.clientHeight || 400) / ROW_H);
  if (!missing(t, first, visible)) {
    t.paint();
    return;
  }
  const start = Math.max(0, first - OVERSCAN);
  q.wanted = { start, count: Math.min(TABLE_MAX_WINDOW, visible + 2 * OVERSCAN) };
  if (q.inflight) return; // the reply sends the latest wanted window
  q.inflight = q.wanted;
  q.wanted = null;
  t.send("window", q.inflight, (reply) => {
    q.inflight = null;
    if (reply.ok && reply.result) accept(t, /** @type {Window} */ (reply.result));
    if (q.wanted) request(t, q);
  });
}

/** @typedef {{start: number, total: number, version: number, rows: Row[]}} Window rows of the listing, as the kernel sends them */
/** @param {Table} t @param {Window} win */
function accept(t, win) {
  const st = t.st;
  if (!win || !Array.isArray(win.rows) || win.version < st.loadedVersion) return; // stale
  st.loadedVersion = win.version;
  st.windowTotal = Number(win.total) || 0;
  // keep the cache small: only this window
  st.cache = new Map();
  st.indexOf = new Map();
  win.rows.forEach((r, i) => {
    st.cache.set(win.start + i, r);
    st.indexOf.set(r.id, win.start + i);
  });
  t.paint();
  t.els.grid.dataset.loadedVersion = String(win.version);
}

/** @param {Table} t @param {Row[]} rows */
function patchRows(t, rows) {
  for (const r of rows) {
    const i = t.st.indexOf.get(r.id);
    if (i !== undefined) t.st.cache.set(i, r);
  }
  t.paint();
}
