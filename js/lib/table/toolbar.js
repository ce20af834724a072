// The table's toolbar: the NQL filter box (filter.js), the column chooser (chooser.js),
// the count of matching rows, any extra buttons of the table (Compare), the quick filters
// (quick.js) and the inline query error (the rows stay).

import { h, setText } from "../dom.js";
import { columnChooser } from "./chooser.js";
import { filterBox } from "./filter.js";
import { quickFilters } from "./quick.js";

export { FILTER_DEBOUNCE_MS } from "./filter.js";

/**
 * @param {{model: import("../types.js").TableModel, send: import("./context.js").Send, kind: string, extra?: HTMLElement[]}} opts
 */
export function toolbar({ model, send, kind, extra = [] }) {
  /** @type {import("./quick.js").Quick} */
  const quick = { ...(model.get("quick") ?? {}) };
  const filter = filterBox({ model, send, kind }, quick);
  const chooser = columnChooser(model, send, filter.showError);
  const count = h("span", { class: "nsw-count", "aria-live": "off" });
  const noun = kind === "run" ? "run" : "model version";
  const updateCount = () => {
    const n = Number(model.get("total")) || 0;
    setText(count, `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`);
  };
  const onQuery = () => {
    if (document.activeElement !== filter.query) filter.query.value = String(model.get("query") ?? "");
  };
  /** @type {Array<[import("../types.js").ModelEvent<import("../types.js").TableTraits>, () => void]>} */
  const subs = [["change:total", updateCount], ["change:columns", chooser.refresh], ["change:available", chooser.refresh], ["change:query", onQuery]];
  for (const [ev, cb] of subs) model.on(ev, cb);
  updateCount();
  const el = h(
    "div",
    { class: "nsw-tbar" },
    h("div", { class: "nsw-tbar-row" }, filter.query, chooser.button, ...extra, count),
    h("div", { class: "nsw-tbar-row nsw-quicks", role: "group", "aria-label": "Quick filters" }, ...quickFilters(kind, quick, filter.sendQuery)),
    filter.error,
    chooser.panel,
  );
  const close = () => {
    filter.close();
    for (const [ev, cb] of subs) model.off(ev, cb);
  };
  return { el, showError: filter.showError, close };
}
