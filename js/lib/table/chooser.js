// The column chooser: a button opening a searchable list of every available column (sys
// fields, the project's attributes and series) with a check box each; a change sends the
// new column list as a `columns` command. Escape closes it and gives focus back.

import { h, show, uid } from "../dom.js";

/** @typedef {import("./cells.js").Column} Column */

/**
 * @param {import("../types.js").TableModel} model
 * @param {import("./context.js").Send} send
 * @param {(err: import("../channel.js").ReplyError | undefined) => void} showError
 */
export function columnChooser(model, send, showError) {
  const button = h("button", { type: "button", class: "nsw-btn", "aria-expanded": "false" }, "Columns");
  const find = h("input", { type: "search", "aria-label": "Find a column", placeholder: "find a column" });
  const list = h("div", { class: "nsw-collist", role: "group", "aria-label": "Columns shown" });
  const panel = h("div", { class: "nsw-chooser", hidden: true }, find, list);
  button.setAttribute("aria-controls", (panel.id = uid("nsw-cols")));
  // sparkline columns are the table's `sparklines`, not columns the chooser lists
  const shownKeys = () => /** @type {Column[]} */ (model.get("columns") ?? []).filter((c) => c.type !== "sparkline").map((c) => String(c.key));
  /** @param {string} key @param {boolean} on */
  const toggle = (key, on) => {
    const keys = shownKeys();
    send("columns", { columns: on ? [...keys, key] : keys.filter((k) => k !== key) }, (r) => {
      if (!r.ok) showError(r.error);
    });
  };
  const render = () => {
    /** @type {Column[]} */
    const avail = /** @type {Column[]} */ (model.get("available") ?? []);
    const shown = new Set(shownKeys());
    const needle = find.value.trim().toLowerCase();
    const opts = avail.filter((c) => c.key !== "sys/id" && (!needle || c.key.toLowerCase().includes(needle)));
    list.replaceChildren(...opts.map((c) => option(c, shown.has(c.key), toggle)));
  };
  const open = (/** @type {boolean} */ on) => {
    show(panel, on);
    button.setAttribute("aria-expanded", String(on));
  };
  button.addEventListener("click", () => {
    open(panel.hidden === true);
    if (!panel.hidden) {
      render();
      find.focus();
    }
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    open(false);
    button.focus();
  });
  find.addEventListener("input", render);
  const refresh = () => {
    if (!panel.hidden) render();
  };
  return { button, panel, refresh };
}

/** @param {Column} c @param {boolean} checked @param {(key: string, on: boolean) => void} toggle */
function option(c, checked, toggle) {
  const box = h("input", {
    type: "checkbox",
    checked,
    onchange: () => toggle(c.key, box.checked),
  });
  return h("label", { class: "nsw-colopt", title: c.type }, box, ` ${c.key}`);
}
