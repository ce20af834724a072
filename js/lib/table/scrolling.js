// Scrolling: a scroll repaints and asks for the window once per animation frame, and the
// keyboard's current row is kept in view.

import { ROW_H } from "./layout.js";

/** @typedef {import("./context.js").Table} Table */

/** @param {Table} t */
export function installScrolling(t) {
  let queued = false;
  t.els.grid.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      t.paint();
      t.request();
    });
  });
}

/** Scroll so that row `index` is in view (with a row of margin). @param {Table} t @param {number} index */
export function keepInView(t, index) {
  const grid = t.els.grid;
  const top = index * ROW_H;
  if (top < grid.scrollTop + ROW_H) grid.scrollTop = Math.max(0, top - ROW_H);
  else if (top + ROW_H > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + 2 * ROW_H - grid.clientHeight;
}

/** Rows a PageUp / PageDown moves by. @param {Table} t */
export function pageRows(t) {
  return Math.max(1, Math.floor((t.els.grid.clientHeight || 400) / ROW_H) - 1);
}
