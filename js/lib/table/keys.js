// The keyboard on the grid's rows: arrows, PageUp/PageDown, Home/End move the current row
// (shift extends the selection), Space toggles it, Enter opens its card, Ctrl/Cmd+A selects
// every matching row, Escape clears. Keys on the header row are the header's (header.js).

import { keepInView, pageRows } from "./scrolling.js";
import { clickRow, emptySelection, selectAll } from "./selection.js";

/** @typedef {import("./context.js").Table} Table */

/** @param {Table} t */
export function installKeys(t) {
  t.els.grid.addEventListener("keydown", (e) => {
    if (!t.total() || t.els.head.contains(/** @type {Node} */ (e.target))) return;
    if (command(t, e)) return;
    const next = moveTo(e.key, t.st.active, t.total(), pageRows(t));
    if (next !== null) move(t, next, e.shiftKey, e);
  });
}

/** Where a movement key takes the current row (null: not a movement key). @param {string} key @param {number} active @param {number} n @param {number} page */
export function moveTo(key, active, n, page) {
  switch (key) {
    case "ArrowDown": return Math.min(n - 1, active + 1);
    case "ArrowUp": return Math.max(0, active - 1);
    case "PageDown": return Math.min(n - 1, active + page);
    case "PageUp": return Math.max(0, active - page);
    case "Home": return 0;
    case "End": return n - 1;
    default: return null;
  }
}

/** Space, Enter, Ctrl/Cmd+A, Escape; true if the key was one of them. @param {Table} t @param {KeyboardEvent} e */
function command(t, e) {
  const st = t.st;
  const id = st.cache.get(st.active)?.id;
  if (e.key === " ") {
    if (id !== undefined) st.sel = clickRow(st.sel, st.active, id, { toggle: true });
    e.preventDefault();
    t.paint();
  } else if (e.key === "Enter") {
    if (id !== undefined) t.openCard(id);
    e.preventDefault();
  } else if (e.key === "a") {
    if (!(e.ctrlKey || e.metaKey)) return true;
    st.sel = selectAll();
    e.preventDefault();
    t.paint();
  } else if (e.key === "Escape") {
    st.sel = emptySelection();
    t.paint();
  } else {
    return false;
  }
  return true;
}

/** @param {Table} t @param {number} next @param {boolean} extend @param {Event} e */
function move(t, next, extend, e) {
  const st = t.st;
  e.preventDefault();
  const prev = st.active;
  st.active = next;
  if (extend) {
    if (st.sel.anchor < 0) st.sel = { ...st.sel, anchor: prev };
    st.sel = clickRow(st.sel, next, st.cache.get(next)?.id ?? "", { shift: true });
  }
  keepInView(t, next);
  t.paint();
  t.request();
}
