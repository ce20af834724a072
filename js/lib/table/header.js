// The header row: the select-all box, then one columnheader per column; a sortable column's
// label is a button that sorts by it (again: the other way), and aria-sort tells which.

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
  head.style.gridTemplateColumns = template(cols);
  head.replaceChildren(selectAllCell(t), ...cols.map((c, i) => headerCell(t, c, i, sort)));
  grid.setAttribute("aria-colcount", String(cols.length + 1));
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

/** @param {Table} t @param {Column} c @param {number} i @param {Sort} sort */
function headerCell(t, c, i, sort) {
  const dir = direction(c, sort);
  const icon = h("span", { class: "nsw-sort-icon", "aria-hidden": "true" }, dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : "");
  const label = c.sortable
    ? h("button", { type: "button", class: "nsw-sort", title: `${c.key}: sort`, onclick: () => sortBy(t, c, sort) }, c.label, icon)
    : h("span", { title: c.key }, c.label);
  return h("div", { role: "columnheader", class: "nsw-th", "aria-sort": dir, "aria-colindex": String(i + 2) }, label);
}

/** Sort by `c`: the other way if it is the sort already. @param {Table} t @param {Column} c @param {Sort} sort */
function sortBy(t, c, sort) {
  const ascending = sort.by === c.key ? !sort.ascending : !DESCENDING_FIRST.test(c.type);
  t.send("sort", { by: c.key, ascending }, (r) => {
    if (!r.ok) t.showError(r.error);
  });
}
