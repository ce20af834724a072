// The chart widget's view: uPlot over the kernel's buckets. The whole range comes as the
// `data` trait (re-sent by the kernel when a run gets new points); a zoom asks the kernel
// for the buckets of the new range (`range` command), so detail appears as one zooms in,
// and the browser never holds more than ~1000 buckets per run.

import { createChannel } from "../channel.js";
import { h, setText } from "../dom.js";
import { align, decodeSeries, fullExtent } from "./data.js";
import { formatX, X_TITLES } from "./format.js";
import { enablePan, onKey } from "./keys.js";
import { createLegend } from "./legend.js";
import { createPlot } from "./plot.js";
import { onThemeChange } from "./theme.js";
import { createToolbar } from "./toolbar.js";

/** Wait this long after the last zoom or pan step before asking for its buckets. */
export const FETCH_DELAY_MS = 60;
export const HEIGHT = 300;

/** @typedef {import("./data.js").Series} Series */

/**
 * @param {import("../types.js").Model} model
 * @param {HTMLElement} el
 * @returns {() => void} cleanup
 */
export function renderChart(model, el) {
  const channel = createChannel(model);
  const runs = /** @type {import("./plot.js").RunInfo[]} */ (model.get("runs"));
  const st = createState(model);
  const legend = createLegend(runs);
  const plotBox = h("div", { class: "nsw-chart-plot" });
  const status = h("div", { class: "nsw-chart-status" });
  const root = h("div", { class: "nsw-chart", tabindex: "0", role: "figure" });
  const view = { plot: () => st.u, extent: () => fullExtent(st.full), zoomTo, reset };
  const toolbar = createToolbar({ metrics: model.get("metrics"), metric: model.get("metric"), x: st.x, log: st.log, smoothing: st.smoothing }, {
    metric: (m) => channel.send("metric", { value: { metric: m } }),
    x: (k) => channel.send("x", { value: { x: k } }),
    log: (on) => { st.log = on; rebuild(); },
    smoothing: (w) => { st.smoothing = w; redraw(); },
    reset,
  });
  root.append(toolbar.el, plotBox, legend.el, status, legend.table);
  el.append(root);
  root.addEventListener("keydown", (e) => { if (onKey(e, view)) e.preventDefault(); });

  function spec() {
    const hooks = { setScale: [onScale], setCursor: [onCursor] };
    return { el: root, runs, x: st.x, log: st.log, width: Math.max(300, el.clientWidth || 600), height: HEIGHT, hooks };
  }
  function rebuild() {
    st.unpan();
    st.u?.destroy();
    st.u = createPlot(spec(), align(st.shown, st), plotBox);
    st.unpan = enablePan(st.u.over, view);
    if (st.zoom) applyZoom();
    describe();
  }
  function redraw() {
    if (!st.u) return rebuild();
    st.u.setData(align(st.shown, st), st.zoom == null);
    if (st.zoom) applyZoom();
    describe();
  }
  function applyZoom() {
    if (!st.zoom) return;
    st.applying = true;
    st.u.setScale("x", { min: st.zoom[0], max: st.zoom[1] });
    st.applying = false;
  }
  /** @param {number} lo @param {number} hi */
  function zoomTo(lo, hi) {
    st.zoom = [lo, hi];
    applyZoom();
    fetchSoon();
  }
  function reset() {
    st.zoom = null;
    st.shown = st.full;
    redraw();
  }
  /** @param {any} u @param {string} key */
  function onScale(u, key) {
    if (key !== "x" || st.applying) return;
    const full = drawnRange(st.full);
    const { min, max } = u.scales.x;
    const slack = full ? (full[1] - full[0]) * 1e-9 : 0;
    const whole = !full || (min <= full[0] + slack && max >= full[1] - slack);
    st.zoom = whole ? null : [min, max];
    fetchSoon();
  }
  /** @param {any} u */
  function onCursor(u) {
    const i = u.cursor.idx;
    legend.show(st.shown, i == null ? null : u.data[0][i], st.x);
  }
  function fetchSoon() {
    clearTimeout(st.timer);
    st.timer = setTimeout(fetchRange, FETCH_DELAY_MS);
  }
  function fetchRange() {
    if (!st.zoom) {
      if (st.shown !== st.full) { st.shown = st.full; redraw(); }
      return;
    }
    const seq = ++st.seq;
    channel.send("range", { value: { range: st.zoom } }, (reply) => {
      if (seq !== st.seq || !reply.ok || !st.zoom) return;
      st.shown = reply.result.series.map(decodeSeries);
      redraw();
      root.dataset.zoomed = String(seq);
    });
  }
  function describe() {
    const metric = model.get("metric") || "no series";
    const pts = st.full.reduce((n, s) => n + s.points, 0);
    root.setAttribute("aria-label", `Chart of ${metric} for ${runs.length} run${runs.length === 1 ? "" : "s"} by ${X_TITLES[st.x] ?? st.x}` +
      ". Arrow keys move the cursor, plus and minus zoom, Shift+arrows pan, Escape resets.");
    const range = st.zoom ? `zoomed to ${formatX(st.zoom[0], st.x)} – ${formatX(st.zoom[1], st.x)}` : "whole range";
    setText(status, `${pts.toLocaleString("en-US")} points; ${range}`);
    legend.summarize(st.full);
    legend.show(st.shown, null, st.x);
    root.dataset.version = String(st.version);
  }
  function onData() {
    const data = model.get("data") || {};
    const changedAxis = data.x !== st.x || data.metric !== st.metric;
    Object.assign(st, { x: data.x ?? st.x, metric: data.metric ?? "", version: data.version ?? 0 });
    st.full = (data.series || []).map(decodeSeries);
    toolbar.setX(st.x);
    if (changedAxis || !st.zoom) { st.zoom = null; st.shown = st.full; }
    if (changedAxis) rebuild();
    else if (st.zoom) fetchRange();
    else redraw();
  }
  const onMetrics = () => toolbar.setMetrics(model.get("metrics"), model.get("metric"));
  model.on("change:data", onData);
  model.on("change:metrics", onMetrics);
  onData();
  rebuild();
  const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => st.u?.setSize({ width: Math.max(300, el.clientWidth || 600), height: HEIGHT }));
  ro?.observe(el);
  const stopTheme = onThemeChange(rebuild);
  return () => {
    clearTimeout(st.timer);
    ro?.disconnect();
    stopTheme();
    st.unpan();
    st.u?.destroy();
    channel.close();
    model.off("change:data", onData);
    model.off("change:metrics", onMetrics);
  };
}

/**
 * The x range of the whole-range buckets as drawn (a bucket sits at its last point, so
 * this can be narrower than the series' extent): a scale that covers it is not a zoom.
 * @param {Series[]} series
 * @returns {[number, number] | null}
 */
function drawnRange(series) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (!s.x.length) continue;
    lo = Math.min(lo, s.x[0]);
    hi = Math.max(hi, s.x[s.x.length - 1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * @param {import("../types.js").Model} model
 */
function createState(model) {
  return {
    /** @type {any} */ u: null,
    /** @type {Series[]} */ full: [],
    /** @type {Series[]} */ shown: [],
    /** @type {[number, number] | null} */ zoom: null,
    x: /** @type {string} */ (model.get("x")),
    metric: "",
    version: 0,
    log: Boolean(model.get("log_y")),
    smoothing: Number(model.get("smoothing")) || 0,
    applying: false,
    seq: 0,
    /** @type {any} */ timer: undefined,
    unpan: () => {},
  };
}
