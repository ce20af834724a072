// A sparkline cell: a small inline SVG polyline of a float series of the row's run, as the
// kernel sends it with the row (at most ~48 bucketed points: `{x, y, last, step}`, null for
// a gap). Its aria-label names the series and its last value.

import { setText } from "../dom.js";

const SVG = "http://www.w3.org/2000/svg";
/** Drawing size in px (viewBox units; CSS may scale it). */
export const SPARK_W = 100;
export const SPARK_H = 18;

/**
 * @typedef {object} Spark
 * @property {Array<number | null>} x steps
 * @property {Array<number | null>} y values (null: no finite value in that bucket)
 * @property {number | null} last the last finite value
 * @property {number | null} step its step
 */

/** The polyline's points, scaled into the box: "" without a finite point, a dot for one. @param {Spark} v */
export function sparkPoints(v) {
  /** @type {Array<[number, number]>} */
  const pts = [];
  v.y.forEach((y, i) => {
    const x = v.x[i];
    if (y != null && x != null && Number.isFinite(y) && Number.isFinite(x)) pts.push([x, y]);
  });
  if (!pts.length) return "";
  if (pts.length === 1) return `${SPARK_W / 2 - 1},${SPARK_H / 2} ${SPARK_W / 2 + 1},${SPARK_H / 2}`; // a dot
  const [x0, x1] = [pts[0][0], pts[pts.length - 1][0]];
  const ys = pts.map((p) => p[1]);
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const sx = (/** @type {number} */ x) => (x1 === x0 ? SPARK_W / 2 : ((x - x0) / (x1 - x0)) * SPARK_W);
  const sy = (/** @type {number} */ y) => (hi === lo ? SPARK_H / 2 : SPARK_H - 1 - ((y - lo) / (hi - lo)) * (SPARK_H - 2));
  return pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ");
}

/** @param {number | null} v */
function num(v) {
  return v == null ? "none" : String(Number(v.toPrecision(4)));
}

/**
 * Fill `td` with the sparkline of `v` (text "" when the run has no point of the series).
 * @param {HTMLElement} td @param {string} path the series @param {unknown} v
 */
export function fillSparkline(td, path, v) {
  const spark = /** @type {Spark | null} */ (v && typeof v === "object" && "y" in v && Array.isArray(v.y) ? v : null);
  const points = spark ? sparkPoints(spark) : "";
  if (td.dataset.spark === points && td.childElementCount === (points ? 1 : 0)) return;
  td.dataset.spark = points;
  if (!spark || !points) {
    td.replaceChildren();
    setText(td, "");
    td.removeAttribute("aria-label");
    return;
  }
  const svg = document.createElementNS(SVG, "svg");
  for (const [k, val] of Object.entries({ viewBox: `0 0 ${SPARK_W} ${SPARK_H}`, width: String(SPARK_W), height: String(SPARK_H), preserveAspectRatio: "none", class: "nsw-spark", role: "img" })) {
    svg.setAttribute(k, val);
  }
  svg.setAttribute("aria-label", `${path}: last ${num(spark.last)} at step ${num(spark.step)}`);
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", points);
  svg.append(line);
  td.replaceChildren(svg);
}
