// The rows in view: only those are in the DOM, absolutely placed at index x ROW_H inside a
// spacer as tall as the whole listing; a row not loaded yet is a busy placeholder.

import { STAGES } from "../contract.js";
import { h, show } from "../dom.js";
import { fillCell } from "./cells.js";
import { ROW_H, template } from "./layout.js";
import { isSelected } from "./selection.js";

/** @typedef {import("./context.js").Table} Table */
/** @typedef {import("./context.js").Row} Row */
/** @typedef {import("./cells.js").Column} Column */

/** Install `t.paint`. @param {Table} t */
export function installBody(t) {
  t.paint = () => paint(t);
}

/** @param {Table} t */
function paint(t) {
  const { spacer, grid, empty, rowsEl, head } = t.els;
  const n = t.total();
  spacer.style.height = `${n * ROW_H}px`;
  grid.setAttribute("aria-rowcount", String(n + 1));
  show(empty, n === 0 && t.st.loadedVersion >= 0);
  const first = Math.max(0, Math.floor(grid.scrollTop / ROW_H) - 2);
  const visible = Math.ceil((grid.clientHeight || 400) / ROW_H) + 4;
  const tmpl = template(t.columns());
  const nodes = [];
  for (let i = first; i < Math.min(n, first + visible); i++) {
    const row = t.st.cache.get(i);
    nodes.push(row ? renderRow(t, i, row, tmpl) : placeholder(i));
  }
  rowsEl.replaceChildren(...nodes);
  const allBox = /** @type {HTMLInputElement | null} */ (head.querySelector("input[type=checkbox]"));
  if (allBox) allBox.checked = t.st.sel.all;
  for (const f of t.afterPaint) f();
}

/** @param {number} i */
function placeholder(i) {
  const ph = h("div", { class: "nsw-tr nsw-placeholder", role: "row", "aria-rowindex": String(i + 2), "aria-busy": "true" });
  ph.style.top = `${i * ROW_H}px`;
  ph.append(h("div", { role: "gridcell", class: "nsw-td" }, "…"));
  return ph;
}

/** @param {Table} t @param {number} index @param {Row} row @param {string} tmpl */
function renderRow(t, index, row, tmpl) {
  const selected = isSelected(t.st.sel, row.id, index);
  const tr = h("div", {
    class: `nsw-tr${selected ? " nsw-selected" : ""}${index === t.st.active ? " nsw-current" : ""}`,
    role: "row",
    "aria-rowindex": String(index + 2),
    "aria-selected": selected ? "true" : "false",
    "data-id": row.id,
    "data-index": String(index),
  });
  tr.style.top = `${index * ROW_H}px`;
  tr.style.gridTemplateColumns = tmpl;
  const box = h("input", { type: "checkbox", "aria-label": `Select ${row.id}`, checked: selected, tabindex: "-1" });
  tr.append(h("div", { role: "gridcell", class: "nsw-td nsw-td-check" }, box));
  const now = Date.now();
  for (const c of t.columns()) tr.append(cell(t, c, row, now));
  return tr;
}

/** @param {Table} t @param {Column} c @param {Row} row @param {number} now */
function cell(t, c, row, now) {
  const td = h("div", { role: "gridcell", class: "nsw-td", "data-key": c.key });
  if (c.key === "sys/id") {
    td.append(h("button", { type: "button", class: "nsw-open", tabindex: "-1", title: `Open the card of ${row.id}` }, row.id));
  } else if (c.key === "sys/stage" && t.kind === "model_version" && !t.readOnly()) {
    const options = STAGES.map((s) => h("option", { value: s, selected: s === row[c.key] }, s));
    td.append(h("select", { "aria-label": `Stage of ${row.id}`, tabindex: "-1" }, ...options));
  } else {
    fillCell(td, c, row[c.key], now);
  }
  return td;
}
