// The chart widget's view: uPlot over the kernel's buckets. The whole range comes as the
// `data` trait, and the runs that got new points as `series` messages (live.js); a zoom asks the kernel
// for the buckets of the new range (`range` command), so detail appears as one zooms in,
// and the browser never holds more than ~1000 buckets per run.

import { createChannel } from "../channel.js";
import { h, setText } from "../dom.js";
import { align, decodeSeries, fullExtent } from "./data.js";
import { formatX, X_TITLES } from "./format.js";
import { createImages } from "./images.js";
import { applyUpdate, currentData, isSeriesUpdate } from "./live.js";
import { enablePan, onKey } from "./keys.js";
import { createLegend } from "./legend.js";
import { createPlot } from "./plot.js";
import { onThemeChange } from "./theme.js";
import { createToolbar } from "./toolbar.js";

/** Wait this long after the last zoom or pan step before asking for its buckets. */
export const FETCH_DELAY_MS = 60;
export const HEIGHT = 300;
export const THEME_SETTLE_MS = 150;

/** @typedef {import("./data.js").Series} Series */
/** @typedef {import("./plot.js").RunInfo} RunInfo */

/**
 * @param {import("../types.js").ChartModel} model
 * @param {HTMLElement} el
 * @returns {() => void} cleanup
 */
export function renderChart(model, el) {
  const view = new ChartView(model, el);
  return () => view.destroy();
}

export class ChartView {
  /**
   * @param {import("../types.js").ChartModel} model
   * @param {HTMLElement} el
   */
  constructor(model, el) {
    this.model = model;
    this.el = el;
    /** @type {import("../channel.js").Channel<import("../contract.js").ChartCommandArgs>} */
    this.channel = createChannel(model);
    this.runs = /** @type {RunInfo[]} */ (model.get("runs"));
    /** @type {any} */ this.u = null;
    /** @type {Series[]} */ this.full = [];
    /** @type {Series[]} */ this.shown = [];
    /** @type {[number, number] | null} */ this.zoom = null;
    this.x = model.get("x");
    this.metric = "";
    this.version = 0;
    this.log = Boolean(model.get("log_y"));
    this.smoothing = Number(model.get("smoothing")) || 0;
    this.applying = false;
    this.seq = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */ this.timer = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */ this.themeTimer = undefined;
    this.unpan = () => {};
    this.legend = createLegend(this.runs);
    this.plotBox = h("div", { class: "nsw-chart-plot" });
    this.status = h("div", { class: "nsw-chart-status" });
    this.root = h("div", { class: "nsw-chart", tabindex: "0", role: "figure" });
    this.toolbar = this.makeToolbar();
    this.images = createImages(model, this.channel);
    this.root.append(this.toolbar.el, this.plotBox, this.legend.el, this.status, this.legend.table, this.images.el);
    el.append(this.root);
    this.root.addEventListener("keydown", (e) => { if (onKey(e, this)) e.preventDefault(); });
    this.onData = this.onData.bind(this);
    this.onMetrics = () => this.toolbar.setMetrics(this.metrics(), model.get("metric"));
    /** @param {unknown} msg */
    this.onMessage = (msg) => {
      if (isSeriesUpdate(msg) && applyUpdate(model, msg).version !== this.version) this.onData();
    };
    model.on("change:data", this.onData);
    model.on("change:metrics", this.onMetrics);
    model.on("msg:custom", this.onMessage);
    this.onData();
    this.rebuild();
    this.ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => this.u?.setSize(this.size()));
    this.ro?.observe(el.closest(".jp-OutputArea-output, .output_subarea") ?? el);
    // a new theme's stylesheet settles after the attribute changes: colours and sizes are
    // read a moment later
    this.stopTheme = onThemeChange(() => {
      clearTimeout(this.themeTimer);
      this.themeTimer = setTimeout(() => this.rebuild(), THEME_SETTLE_MS);
    });
  }

  /** The series the pattern picked, to choose from. @returns {string[]} */
  metrics() {
    return this.model.get("metrics").map(String);
  }

  makeToolbar() {
    return createToolbar({
      metrics: this.metrics(), metric: this.model.get("metric"), x: this.x, log: this.log, smoothing: this.smoothing,
      together: Boolean(this.model.get("together")),
    }, {
      metric: (m) => this.channel.send("metric", { value: { metric: m } }),
      x: (k) => this.channel.send("x", { value: { x: k } }),
      log: (on) => { this.log = on; this.rebuild(); },
      smoothing: (w) => { this.smoothing = w; this.redraw(); },
      reset: () => this.reset(),
    });
  }

  /** The width to draw at: the notebook output's, where there is one (the widget's own
   * element may shrink to its content, which would shrink the chart at each rebuild). */
  size() {
    const box = this.el.closest(".jp-OutputArea-output, .output_subarea") ?? this.el;
    return { width: Math.max(300, (box.clientWidth || 600) - 16), height: HEIGHT };
  }

  // -------------------------------------------------- what keys.js drives (Zoomer)
  plot() {
    return this.u;
  }

  /** @returns {[number, number] | null} */
  extent() {
    return fullExtent(this.full);
  }

  /** @param {number} lo @param {number} hi */
  zoomTo(lo, hi) {
    this.zoom = [lo, hi];
    this.applyZoom();
    this.fetchSoon();
  }

  reset() {
    this.zoom = null;
    this.shown = this.full;
    this.redraw();
  }

  // -------------------------------------------------- drawing
  rebuild() {
    const size = this.size(); // before the old plot goes: a shrink-to-fit output narrows
    this.unpan();
    this.u?.destroy();
    const hooks = { setScale: [(/** @type {any} */ u, /** @type {string} */ key) => this.onScale(u, key)], setCursor: [(/** @type {any} */ u) => this.onCursor(u)] };
    const spec = { el: this.root, runs: this.runs, x: this.x, log: this.log, ...size, hooks };
    this.u = createPlot(spec, align(this.shown, this), this.plotBox);
    this.unpan = enablePan(this.u.over, this);
    if (this.zoom) this.applyZoom();
    this.describe();
  }

  redraw() {
    if (!this.u) return this.rebuild();
    this.u.setData(align(this.shown, this), this.zoom == null);
    if (this.zoom) this.applyZoom();
    this.describe();
  }

  applyZoom() {
    if (!this.zoom || !this.u) return;
    this.applying = true;
    this.u.setScale("x", { min: this.zoom[0], max: this.zoom[1] });
    this.applying = false;
  }

  /** @param {any} u @param {string} key */
  onScale(u, key) {
    if (key !== "x" || this.applying) return;
    const full = drawnRange(this.full);
    const { min, max } = u.scales.x;
    const slack = full ? (full[1] - full[0]) * 1e-9 : 0;
    const whole = !full || (min <= full[0] + slack && max >= full[1] - slack);
    this.zoom = whole ? null : [min, max];
    this.fetchSoon();
  }

  /** @param {any} u */
  onCursor(u) {
    const i = u.cursor.idx;
    this.legend?.show(this.shown, i == null ? null : u.data[0][i], this.x);
    if (i != null) this.images?.seek(u.data[0][i], this.x);
  }

  describe() {
    const n = this.runs.length;
    const metric = this.metric || "no series";
    const pts = this.full.reduce((sum, s) => sum + s.points, 0);
    this.root.setAttribute("aria-label", `Chart of ${metric} for ${n} run${n === 1 ? "" : "s"} by ${X_TITLES[this.x] ?? this.x}` +
      ". Arrow keys move the cursor, plus and minus zoom, Shift+arrows pan, Escape resets.");
    const range = this.zoom ? `zoomed to ${formatX(this.zoom[0], this.x)} – ${formatX(this.zoom[1], this.x)}` : "whole range";
    setText(this.status, `${pts.toLocaleString("en-US")} points; ${range}`);
    this.legend.summarize(this.full);
    this.legend.show(this.shown, null, this.x);
    this.root.dataset.version = String(this.version);
  }

  // -------------------------------------------------- data from the kernel
  fetchSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetchRange(), FETCH_DELAY_MS);
  }

  fetchRange() {
    if (!this.zoom) {
      if (this.shown !== this.full) this.reset();
      return;
    }
    const seq = ++this.seq;
    this.channel.send("range", { value: { range: this.zoom } }, (reply) => {
      if (seq !== this.seq || !reply.ok || !this.zoom) return;
      this.shown = (/** @type {import("./live.js").ChartData} */ (reply.result).series ?? []).map(decodeSeries);
      this.redraw();
      this.root.dataset.zoomed = String(seq);
    });
  }

  onData() {
    const data = currentData(this.model);
    const changedAxis = data.x !== this.x || data.metric !== this.metric;
    this.x = data.x ?? this.x;
    this.metric = data.metric ?? "";
    this.version = data.version ?? 0;
    this.full = (data.series || []).map(decodeSeries);
    this.toolbar.setX(this.x);
    if (changedAxis || !this.zoom) {
      this.zoom = null;
      this.shown = this.full;
    }
    if (changedAxis) this.rebuild();
    else if (this.zoom) this.fetchRange();
    else this.redraw();
  }

  destroy() {
    clearTimeout(this.timer);
    clearTimeout(this.themeTimer);
    this.ro?.disconnect();
    this.stopTheme();
    this.unpan();
    this.u?.destroy();
    this.images.destroy();
    this.channel.close();
    this.model.off("change:data", this.onData);
    this.model.off("msg:custom", this.onMessage);
    this.model.off("change:metrics", this.onMetrics);
  }
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
