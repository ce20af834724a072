// The pointer on rows: a click selects (shift extends, ctrl/cmd or the check box toggles),
// the id button opens the card, and a stage picker (model versions) edits in place.

import { clickRow } from "./selection.js";

/** @typedef {import("./context.js").Table} Table */

/**
 * @param {Table} t
 * @param {(r: import("../channel.js").Reply, action: import("../contract.js").BulkAction) => void} report the bulk bar's report
 */
export function installPointer(t, report) {
  t.els.grid.addEventListener("click", (e) => onClick(t, /** @type {MouseEvent} */ (e)));
  t.els.grid.addEventListener("change", (e) => {
    const sel = /** @type {HTMLSelectElement} */ (e.target);
    if (sel.tagName !== "SELECT") return;
    const tr = /** @type {HTMLElement | null} */ (sel.closest(".nsw-tr[data-id]"));
    if (!tr) return;
    sel.setAttribute("aria-busy", "true");
    t.send("bulk", { action: "change_stage", value: sel.value, ids: [String(tr.dataset.id)] }, (r) => {
      sel.removeAttribute("aria-busy");
      report(r, "change_stage");
    });
  });
}

/** @param {Table} t @param {MouseEvent} e */
function onClick(t, e) {
  const el = /** @type {HTMLElement} */ (e.target);
  const tr = /** @type {HTMLElement | null} */ (el.closest(".nsw-tr[data-id]"));
  if (!tr) return;
  const id = String(tr.dataset.id);
  const index = Number(tr.dataset.index);
  if (el.closest(".nsw-open")) {
    t.st.active = index;
    t.openCard(id);
    return;
  }
  if (el.tagName === "SELECT" || el.tagName === "OPTION") return;
  const toggle = el.tagName === "INPUT" || e.ctrlKey || e.metaKey;
  t.st.sel = clickRow(t.st.sel, index, id, { shift: e.shiftKey, toggle });
  t.st.active = index;
  t.paint();
}
