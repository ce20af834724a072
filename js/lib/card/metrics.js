// Card section (runs): "Metrics", small live charts of the run's float series, most
// recently updated first, with a filter box and how many to show; a click opens the full
// chart (a ChartWidget the kernel creates) under the list. Sparklines are a canvas
// polyline here, so the card's bundle does not carry uPlot: the full chart brings its own
// module (its model's `_esm`), loaded only when opened.

import { decodeFloats } from "../chart/data.js";
import { METRICS_LIMITS } from "../contract.js";
import { formatValue } from "../chart/format.js";
import { h, setText } from "../dom.js";

/** @typedef {import("../contract.js").CardCommandArgs["metrics"]["value"]["limit"]} Limit */
const FILTER_DELAY_MS = 300;
const SPARK_W = 120;
const SPARK_H = 28;

/** @typedef {{path: string, points: number, last: number | null, spark: string}} Metric */

/**
 * @param {import("./section.js").Section} s
 */
export function metrics(s) {
  if (s.kind !== "run") return;
  const { model, root, ctx, on } = s;
  const list = h("ul", { class: "nsw-metrics-list" });
  const count = h("span", { class: "nsw-metrics-count" });
  const chartBox = h("div", { class: "nsw-metrics-chart" });
  let timer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
  const filter = h("input", {
    type: "search", class: "nsw-metrics-filter", placeholder: "filter series", "aria-label": "Filter series",
    value: String(model.get("metrics_filter") ?? ""),
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctx.channel.send("metrics", { value: { filter: filter.value } }), FILTER_DELAY_MS);
    },
  });
  const limit = h("select", { class: "nsw-metrics-limit", "aria-label": "Series shown", onchange: () => ctx.channel.send("metrics", { value: { limit: /** @type {Limit} */ (Number(limit.value)) } }) },
    ...METRICS_LIMITS.map((n) => h("option", { value: String(n), selected: n === model.get("metrics_limit"), text: `show ${n}` })));
  root.append(h("details", { class: "nsw-metrics nsw-field-wide", open: true },
    h("summary", null, "Metrics ", count), h("div", { class: "nsw-metrics-bar" }, filter, limit), list, chartBox));

  const draw = () => {
    const items = /** @type {Metric[]} */ (model.get("metrics") || []);
    list.replaceChildren(...items.map((m) => item(m, () => ctx.channel.send("open_chart", { value: { path: m.path } }))));
    const total = Number(model.get("metrics_total") || 0);
    setText(count, total ? `(${items.length} of ${total})` : "(none)");
  };
  on("change:metrics", draw);
  on("change:metrics_total", draw);
  draw();
  const chart = openedChart(model, chartBox, () => ctx.channel.send("close_chart", { value: {} }));
  on("change:chart", chart.show);
  chart.show();
}

/**
 * @param {Metric} m
 * @param {() => void} open
 */
function item(m, open) {
  const canvas = h("canvas", { class: "nsw-spark", width: String(SPARK_W), height: String(SPARK_H), "aria-hidden": "true" });
  const last = formatValue(m.last);
  const btn = h("button", {
    type: "button", class: "nsw-metric", title: `Open the chart of ${m.path}`,
    "aria-label": `${m.path}: last value ${last}, ${m.points} points. Open its chart`, onclick: open,
  }, h("span", { class: "nsw-metric-path", text: m.path }), canvas, h("span", { class: "nsw-metric-last", text: last }));
  sparkline(canvas, decodeFloats(m.spark));
  return h("li", { "data-path": m.path }, btn);
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float64Array} ys
 */
export function sparkline(canvas, ys) {
  const g = canvas.getContext?.("2d");
  if (!g) return;
  const vals = Array.from(ys).filter(Number.isFinite);
  if (!vals.length) return;
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const span = hi - lo || 1;
  g.clearRect(0, 0, SPARK_W, SPARK_H);
  g.strokeStyle = getComputedStyle(canvas).getPropertyValue("--jp-brand-color1").trim() || "#1976d2";
  g.lineWidth = 1.5;
  g.beginPath();
  let started = false;
  ys.forEach((y, i) => {
    if (!Number.isFinite(y)) return;
    const px = ys.length > 1 ? (i / (ys.length - 1)) * (SPARK_W - 2) + 1 : SPARK_W / 2;
    const py = SPARK_H - 2 - ((y - lo) / span) * (SPARK_H - 4);
    if (started) g.lineTo(px, py);
    else g.moveTo(px, py);
    started = true;
  });
  g.stroke();
}

/**
 * The full chart the kernel opened (the `chart` trait, a widget reference), rendered with
 * the chart widget's own module.
 * @param {import("../types.js").CardModel} model
 * @param {HTMLElement} box
 * @param {() => void} close
 */
function openedChart(model, box, close) {
  let cleanup = () => {};
  let seq = 0;
  const show = async () => {
    const mine = ++seq;
    cleanup();
    cleanup = () => {};
    box.replaceChildren();
    const ref = model.get("chart");
    // anywidget's model carries its widget manager, not part of the typed interface
    const manager = /** @type {{widget_manager?: {get_model(id: string): Promise<{get(name: string): unknown}>}}} */ (
      /** @type {unknown} */ (model)).widget_manager;
    if (typeof ref !== "string" || !ref.startsWith("IPY_MODEL_") || !manager) return;
    const m = await manager.get_model(ref.slice("IPY_MODEL_".length));
    const url = URL.createObjectURL(new Blob([String(m.get("_esm"))], { type: "text/javascript" }));
    const mod = await import(/* @vite-ignore */ url);
    URL.revokeObjectURL(url);
    if (mine !== seq) return;
    const el = h("div");
    const style = h("style", { text: String(m.get("_css") || "") });
    const closeBtn = h("button", { type: "button", class: "nsw-metrics-close", text: "Close chart", onclick: close });
    box.replaceChildren(style, closeBtn, el);
    cleanup = mod.default.render({ model: m, el }) || (() => {});
  };
  return { show: () => void show() };
}
