// Numbers and x values as the chart writes them (axis ticks, hover, the summary table).

/**
 * @param {number | null | undefined} v
 * @returns {string}
 */
export function formatValue(v) {
  if (v == null || Number.isNaN(v)) return "–";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3);
  return String(Number(v.toPrecision(6)));
}

/**
 * Seconds as a duration: 45s, 3m 05s, 2h 03m, 1d 04h.
 * @param {number} s
 * @returns {string}
 */
export function formatDuration(s) {
  const sign = s < 0 ? "-" : "";
  let t = Math.abs(s);
  if (t < 60) return `${sign}${Number(t.toPrecision(3))}s`;
  t = Math.round(t);
  const d = Math.floor(t / 86400);
  const hh = Math.floor((t % 86400) / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const p2 = (/** @type {number} */ n) => String(n).padStart(2, "0");
  if (d) return `${sign}${d}d ${p2(hh)}h`;
  if (hh) return `${sign}${hh}h ${p2(m)}m`;
  return `${sign}${m}m ${p2(sec)}s`;
}

/**
 * An x value in the chart's x kind ("step", "time" in s since the epoch, "relative_time").
 * @param {number | null | undefined} x
 * @param {string} kind
 * @returns {string}
 */
export function formatX(x, kind) {
  if (x == null || !Number.isFinite(x)) return "–";
  if (kind === "time") return new Date(x * 1000).toISOString().replace("T", " ").slice(0, 19);
  if (kind === "relative_time") return formatDuration(x);
  return formatValue(x);
}

/**
 * Axis titles of the x kinds, one for each the kernel offers.
 * @type {Readonly<Record<import("../contract.js").XKind, string>>}
 */
export const X_TITLES = {
  step: "step", time: "time (UTC)", relative_time: "time since start",
};
