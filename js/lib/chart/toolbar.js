// The chart's controls: which series, x by step / time / relative time, log scale,
// smoothing and reset zoom. Series and x are asked of the kernel (commands); log and
// smoothing only redraw.

import { h } from "../dom.js";
import { X_TITLES } from "./format.js";

/** @typedef {import("../contract.js").XKind} XKind */
/**
 * @typedef {{metric: (path: string) => void, x: (kind: XKind) => void,
 *   log: (on: boolean) => void, smoothing: (w: number) => void, reset: () => void}} Actions
 */

/**
 * @param {{metrics: string[], metric: string, x: string, log: boolean, smoothing: number, together: boolean}} state
 * @param {Actions} on
 */
export function createToolbar(state, on) {
  const metric = h("select", { class: "nsw-chart-metric", "aria-label": "Series", onchange: () => on.metric(metric.value) },
    ...state.metrics.map((m) => h("option", { value: m, selected: m === state.metric, text: m })));
  const x = h("select", { class: "nsw-chart-x", "aria-label": "X axis", onchange: () => on.x(/** @type {XKind} */ (x.value)) },
    ...Object.entries(X_TITLES).map(([k, t]) => h("option", { value: k, selected: k === state.x, text: `x: ${t}` })));
  const log = h("input", { type: "checkbox", class: "nsw-chart-log", checked: state.log, onchange: () => on.log(log.checked) });
  const smooth = h("input", {
    type: "range", class: "nsw-chart-smoothing", min: "0", max: "0.99", step: "0.01", value: String(state.smoothing),
    "aria-label": "Smoothing", oninput: () => on.smoothing(Number(smooth.value)),
  });
  const reset = h("button", { type: "button", class: "nsw-chart-reset", text: "Reset zoom", title: "Show the whole range (Escape)", onclick: () => on.reset() });
  const el = h("div", { class: "nsw-chart-toolbar" },
    state.metrics.length > 1 && !state.together ? metric : h("span", { class: "nsw-chart-title", text: title(state) }),
    x, h("label", null, log, " log y"), h("label", null, "smoothing ", smooth), reset);
  return {
    el,
    /**
     * @param {string[]} metrics
     * @param {string} current
     */
    setMetrics(metrics, current) {
      metric.replaceChildren(...metrics.map((m) => h("option", { value: m, selected: m === current, text: m })));
      metric.value = current;
    },
    /** @param {string} kind */
    setX(kind) {
      x.value = kind;
    },
  };
}

/**
 * @param {{metrics: string[], metric: string, together: boolean}} state
 * @returns {string}
 */
function title(state) {
  if (!state.metrics.length) return "no float series matched";
  if (state.together) return `${state.metrics.length} series: ${state.metrics.join(", ")}`;
  return state.metric;
}
