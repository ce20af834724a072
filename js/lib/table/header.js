// The header row: the select-all box, then one columnheader per column. A sortable header
// cell is itself the control (the whole cell, not only its text): a click anywhere on it
// that is not on a control inside it (a resize handle, a menu), Enter or Space sort by it
// (again: the other way). It is focusable, aria-sort tells the direction, and focus stays
// on it when the header is redrawn for the new sort.

import { h } from "../dom.js";
import { template } from "./layout.js";
import { emptySelection, selectAll } from "./selection.js";

/** @typedef {import("./context.js").Table} Table */
/** @typedef {import("./cells.js").Column} Column */
/** @typedef {{by?: string, ascending?: boolean}} Sort */

/** Types whose first sort is descending (newest, largest first). */
const DESCENDING_FIRST = /Datetime|Float|Integer|float|int|RunState/;

/** @param {Table} t */
export function renderHead(t) {
  const { head, grid } = t.els;
  const cols = t.columns();
  /** @type {Sort} */
  const sort = t.model.get("sort") ?? {};
  const focused = head.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.key : undefined;
  head.style.gridTemplateColumns = template(cols);
  head.replaceChildren(selectAllCell(t), ...cols.map((c, i) => headerCell(t, c, i, sort)));
  grid.setAttribute("aria-colcount", String(cols.length + 1));
  if (focused !== undefined) /** @type {HTMLElement | undefined} */ ([...head.children].find((c) => c instanceof HTMLElement && c.dataset.key === focused))?.focus();
}

/** @param {Table} t */
function selectAllCell(t) {
  const box = h("input", {
    type: "checkbox",
    "aria-label": `Select all matching ${t.noun}s`,
    checked: t.st.sel.all,
    onchange: () => {
      t.st.sel = box.checked ? selectAll() : emptySelection();
      t.paint();
    },
  });
  return h("div", { role: "columnheader", class: "nsw-th nsw-th-check" }, box);
}

/** @param {Column} c @param {Sort} sort */
function direction(c, sort) {
  if (sort.by !== c.key) return "none";
  return sort.ascending ? "ascending" : "descending";
}

/** Controls inside a header cell that keep their own clicks and keys. */
const OWN_CONTROLS = "input, button, select, a, [role=menu], [role=separator], .nsw-resize";

/** Whether an event is on a control inside the header cell rather than on the cell. @param {Event} e @param {HTMLElement} cell */
function onInnerControl(e, cell) {
  const el = /** @type {Element} */ (e.target).closest?.(OWN_CONTROLS);
  return !!el && el !== cell && cell.contains(el);
}

/** @param {Table} t @param {Column} c @param {number} i @param {Sort} sort */
function headerCell(t, c, i, sort) {
  const dir = direction(c, sort);
  const icon = h("span", { class: "nsw-sort-icon", "aria-hidden": "true" }, dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : "");
  const attrs = { role: "columnheader", "aria-sort": dir, "aria-colindex": String(i + 2), "data-key": c.key };
  if (!c.sortable) return h("div", { ...attrs, class: "nsw-th", title: c.key }, h("span", { class: "nsw-th-label" }, c.label));
  const cell = h("div", { ...attrs, class: "nsw-th nsw-sortable", tabindex: "0", title: `${c.key}: sort` }, h("span", { class: "nsw-th-label" }, c.label), icon);
  cell.addEventListener("click", (e) => {
    if (!onInnerControl(e, cell)) sortBy(t, c, sort);
  });
  cell.addEventListener("keydown", (e) => {
    if ((e.key !== "Enter" && e.key !== " ") || onInnerControl(e, cell)) return;
    e.preventDefault();
    e.stopPropagation(); // not the grid's row keys, nor notebook shortcuts
    sortBy(t, c, sort);
  });
  return cell;
}

/** Sort by `c`: the other way if it is the sort already. @param {Table} t @param {Column} c @param {Sort} sort */
function sortBy(t, c, sort) {
  const ascending = sort.by === c.key ? !sort.ascending : !DESCENDING_FIRST.test(c.type);
  t.send("sort", { by: c.key, ascending }, (r) => {
    if (!r.ok) t.showError(r.error);
  });
}
