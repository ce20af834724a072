// Chart data: the kernel's compact buckets (base64 float64 arrays, see
// widgets/chart_data.py) decoded, merged onto one x axis for uPlot, smoothed and made
// safe for a log scale. Pure functions: tested in js/__tests__/chart.test.js.

/**
 * One run's buckets as the kernel sends them.
 * @typedef {{run: string, points: number, extent: number[] | null, n: number,
 *   x?: string, min?: string, max?: string, last?: string}} SeriesPayload
 * @typedef {{run: string, points: number, extent: number[] | null, x: Float64Array,
 *   min: Float64Array, max: Float64Array, last: Float64Array}} Series
 * @typedef {(number | null)[]} Column
 */

/**
 * @param {string | undefined} b64 little-endian float64 values
 * @returns {Float64Array}
 */
export function decodeFloats(b64) {
  if (!b64) return new Float64Array(0);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer, 0, bytes.length >> 3);
}

/**
 * @param {SeriesPayload} p
 * @returns {Series}
 */
export function decodeSeries(p) {
  return {
    run: p.run, points: p.points, extent: p.extent, x: decodeFloats(p.x),
    min: decodeFloats(p.min), max: decodeFloats(p.max), last: decodeFloats(p.last),
  };
}

/**
 * The smallest and largest x over every run's whole series (what reset zooms back to).
 * @param {Series[]} series
 * @returns {[number, number] | null}
 */
export function fullExtent(series) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (!s.extent) continue;
    lo = Math.min(lo, s.extent[0]);
    hi = Math.max(hi, s.extent[1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The runs' buckets on one sorted x axis: `[x, last0, min0, max0, last1, ...]`, null where
 * a run has no bucket at that x. `smoothing`: EMA weight applied to each run's `last`;
 * `log`: values <= 0 become null (a log scale cannot show them).
 * @param {Series[]} series
 * @param {{smoothing?: number, log?: boolean}} [opts]
 * @returns {Column[]}
 */
export function align(series, opts = {}) {
  const xs = unionX(series);
  const pos = new Map();
  for (let i = 0; i < xs.length; i++) pos.set(xs[i], i);
  /** @type {Column[]} */
  const out = [Array.from(xs)];
  for (const s of series) {
    const last = ema(s.last, opts.smoothing ?? 0);
    const cols = [last, s.min, s.max].map((src) => {
      /** @type {Column} */
      const col = new Array(xs.length).fill(null);
      for (let i = 0; i < s.x.length; i++) col[pos.get(s.x[i])] = clean(src[i], opts.log);
      return col;
    });
    out.push(...cols);
  }
  return out;
}

/**
 * @param {number} v
 * @param {boolean | undefined} log
 * @returns {number | null}
 */
function clean(v, log) {
  if (!Number.isFinite(v)) return null;
  if (log && v <= 0) return null;
  return v;
}

/**
 * @param {Series[]} series
 * @returns {Float64Array} every run's x, sorted, without repeats
 */
export function unionX(series) {
  let n = 0;
  for (const s of series) n += s.x.length;
  const all = new Float64Array(n);
  let k = 0;
  for (const s of series) {
    all.set(s.x, k);
    k += s.x.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[w - 1]) all[w++] = all[i];
  return all.slice(0, w);
}

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not
 * pulled towards 0); non-finite values are kept as they are and skipped.
 * @param {Float64Array} values
 * @param {number} weight 0 (none) to below 1
 * @returns {Float64Array}
 */
export function ema(values, weight) {
  if (!(weight > 0)) return values;
  const out = new Float64Array(values.length);
  let acc = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    acc = acc * weight + (1 - weight) * v;
    n += 1;
    out[i] = acc / (1 - Math.pow(weight, n));
  }
  return out;
}

/**
 * The index of the bucket nearest to `x` in a run's own sorted x (hover and keyboard
 * read values there, not at another run's x).
 * @param {Float64Array} xs
 * @param {number} x
 * @returns {number} -1 when empty
 */
export function nearest(xs, x) {
  if (!xs.length) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x)) return lo - 1;
  return lo;
}
