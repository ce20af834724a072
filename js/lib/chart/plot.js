// The uPlot options of a chart: one line per run (its buckets' last value, smoothed if
// asked), under it a translucent band from the bucket's min to its max, so a spike that
// the line skips still shows. Our own legend (legend.js) replaces uPlot's.

import uPlot from "uplot";
import { formatValue, formatX, X_TITLES } from "./format.js";
import { runColor, themeOf } from "./theme.js";

/**
 * @typedef {{id: string, label: string}} RunInfo
 * @typedef {{el: HTMLElement, runs: RunInfo[], x: import("../contract.js").XKind, log: boolean, width: number,
 *   height: number, hooks: Record<string, Function[]>}} PlotSpec
 */

/**
 * @param {PlotSpec} spec
 * @returns {any} uPlot options
 */
export function plotOptions(spec) {
  const theme = themeOf(spec.el);
  const axis = { stroke: theme.text, font: theme.font, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid } };
  /** @type {any[]} */
  const series = [{ label: X_TITLES[spec.x] ?? spec.x }];
  /** @type {any[]} */
  const bands = [];
  spec.runs.forEach((run, i) => {
    const c = runColor(i);
    const base = series.length;
    // points: uPlot's own rule (shown where the buckets are sparse, so a single point shows)
    series.push({ label: run.label, stroke: c.line, width: 1.5, spanGaps: true });
    series.push({ label: `${run.label} min`, stroke: "transparent", width: 0, spanGaps: true, points: { show: false } });
    series.push({ label: `${run.label} max`, stroke: "transparent", width: 0, spanGaps: true, points: { show: false } });
    bands.push({ series: [base + 2, base + 1], fill: c.band });
  });
  return {
    width: spec.width,
    height: spec.height,
    series,
    bands,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
    scales: {
      x: { time: spec.x === "time" },
      y: spec.log ? { distr: 3, log: 10 } : {},
    },
    axes: [
      { ...axis, values: spec.x === "time" ? undefined : xTicks(spec.x) },
      { ...axis, size: 60, values: (/** @type {any} */ _u, /** @type {number[]} */ ticks) => ticks.map(formatValue) },
    ],
    hooks: spec.hooks,
  };
}

/**
 * @param {string} kind
 * @returns {(u: any, ticks: number[]) => string[]}
 */
function xTicks(kind) {
  return (_u, ticks) => ticks.map((t) => formatX(t, kind));
}

/**
 * @param {PlotSpec} spec
 * @param {any[]} data
 * @param {HTMLElement} target
 * @returns {any} the uPlot instance
 */
export function createPlot(spec, data, target) {
  return new uPlot(plotOptions(spec), /** @type {any} */ (data), target);
}
