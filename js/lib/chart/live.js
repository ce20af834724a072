// Live updates of the chart: the kernel sends only the runs that got new points, as a
// custom message {type: "series", version, metric, x, series: [payload...]}, not the whole
// `data` trait again (~43 KB a run, widgets/chart.py _update_runs). The merged result is
// kept per model, so every view of it (and one opened later on the page) draws the same.

/**
 * @typedef {{version?: number, x?: import("../contract.js").XKind, metric?: string,
 *   series?: import("./data.js").SeriesPayload[]}} ChartData
 * @typedef {{type: "series", version: number, x: import("../contract.js").XKind, metric: string,
 *   series: import("./data.js").SeriesPayload[]}} SeriesUpdate
 */

/** @type {WeakMap<object, ChartData>} */
const merged = new WeakMap();

/**
 * The newest data of a model: the synced trait, or what live updates made of it since.
 * @param {import("../types.js").ChartModel} model
 * @returns {ChartData}
 */
export function currentData(model) {
  const synced = /** @type {ChartData} */ (model.get("data") || {});
  const live = merged.get(model);
  return live && (live.version ?? 0) > (synced.version ?? 0) ? live : synced;
}

/**
 * @param {unknown} msg
 * @returns {msg is SeriesUpdate}
 */
export function isSeriesUpdate(msg) {
  const m = /** @type {Partial<SeriesUpdate> | null} */ (msg);
  return !!m && m.type === "series" && Number.isFinite(m.version) && Array.isArray(m.series);
}

/**
 * Merge an update into the model's newest data (once, however many views see it); an
 * update older than what is shown, or for another series or x axis, is dropped.
 * @param {import("../types.js").ChartModel} model
 * @param {SeriesUpdate} msg
 * @returns {ChartData} the newest data after it
 */
export function applyUpdate(model, msg) {
  const base = currentData(model);
  if (msg.version <= (base.version ?? 0) || msg.metric !== base.metric || msg.x !== base.x) return base;
  const byRun = new Map(msg.series.map((s) => [s.run, s]));
  const next = { ...base, version: msg.version, series: (base.series || []).map((s) => byRun.get(s.run) ?? s) };
  merged.set(model, next);
  return next;
}
