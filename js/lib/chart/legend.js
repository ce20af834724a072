// The legend (one row per run, named by sys/name or id, with the value under the cursor)
// and, for screen readers, an offscreen table of each run's last value. Text only ever
// goes in as textContent.

import { h, setText } from "../dom.js";
import { formatValue, formatX } from "./format.js";
import { nearest } from "./data.js";
import { runColor } from "./theme.js";

/**
 * @typedef {import("./data.js").Series} Series
 * @typedef {import("./plot.js").RunInfo} RunInfo
 */

/**
 * @param {RunInfo[]} runs
 */
export function createLegend(runs) {
  const rows = runs.map((run, i) => {
    const value = h("span", { class: "nsw-chart-value", "data-run": run.id });
    const row = h("li", { class: "nsw-chart-legend-row", title: run.id },
      h("span", { class: "nsw-chart-swatch", style: `background:${runColor(i).line}`, "aria-hidden": "true" }),
      h("span", { class: "nsw-chart-run", text: run.label }), value);
    return { row, value };
  });
  const at = h("span", { class: "nsw-chart-at" });
  const el = h("div", { class: "nsw-chart-legend" }, at, h("ul", null, ...rows.map((r) => r.row)));
  const body = h("tbody");
  const table = h("table", { class: "nsw-sr-only" },
    h("caption", { text: "Last value of each run" }),
    h("thead", null, h("tr", null, h("th", { text: "run" }), h("th", { text: "last value" }), h("th", { text: "points" }))),
    body);
  return {
    el,
    table,
    /**
     * Values at x (hover / keyboard), or the last ones when x is null.
     * @param {Series[]} series
     * @param {number | null} x
     * @param {string} kind
     */
    show(series, x, kind) {
      setText(at, x == null ? "last values" : `at ${formatX(x, kind)}`);
      rows.forEach((r, i) => setText(r.value, valueText(series[i], x)));
    },
    /**
     * @param {Series[]} series
     */
    summarize(series) {
      body.replaceChildren(...runs.map((run, i) => {
        const s = series[i];
        const last = s && s.last.length ? s.last[s.last.length - 1] : null;
        return h("tr", null, h("td", { text: run.label }), h("td", { class: "nsw-chart-last", "data-run": run.id, text: formatValue(last) }),
          h("td", { text: String(s ? s.points : 0) }));
      }));
    },
  };
}

/**
 * @param {Series | undefined} s
 * @param {number | null} x
 * @returns {string}
 */
function valueText(s, x) {
  if (!s || !s.x.length) return "no points";
  const i = x == null ? s.x.length - 1 : nearest(s.x, x);
  const last = formatValue(s.last[i]);
  if (s.min[i] === s.max[i] || !Number.isFinite(s.min[i])) return last;
  return `${last} (${formatValue(s.min[i])} … ${formatValue(s.max[i])})`;
}
