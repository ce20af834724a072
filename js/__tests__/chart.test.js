import { describe, expect, it } from "vitest";
import { align, decodeFloats, decodeSeries, ema, fullExtent, nearest, unionX } from "../lib/chart/data.js";
import { formatDuration, formatValue, formatX } from "../lib/chart/format.js";
import { panBy, zoomBy } from "../lib/chart/keys.js";
import { imageStepAt } from "../lib/chart/images.js";

/** @param {number[]} values */
function b64(values) {
  const bytes = new Uint8Array(new Float64Array(values).buffer);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** @param {string} run @param {number[]} x @param {number[]} last */
function series(run, x, last) {
  return decodeSeries({ run, points: x.length, extent: [x[0], x[x.length - 1]], n: x.length, x: b64(x), min: b64(last), max: b64(last), last: b64(last) });
}

describe("chart data", () => {
  it("decodes the kernel's base64 float64 arrays", () => {
    expect(Array.from(decodeFloats(b64([1.5, -2, Number.NaN])))).toEqual([1.5, -2, Number.NaN]);
    expect(decodeFloats(undefined).length).toBe(0);
  });

  it("aligns runs with different x on one axis, null where a run has no bucket", () => {
    const a = series("A-1", [0, 2, 4], [1, 2, 3]);
    const b = series("A-2", [1, 2], [10, 20]);
    expect(Array.from(unionX([a, b]))).toEqual([0, 1, 2, 4]);
    const data = align([a, b]);
    expect(data[0]).toEqual([0, 1, 2, 4]);
    expect(data[1]).toEqual([1, null, 2, 3]); // A-1 last
    expect(data[4]).toEqual([null, 10, 20, null]); // A-2 last
    expect(fullExtent([a, b])).toEqual([0, 4]);
  });

  it("drops values a log scale cannot show, and non-finite ones", () => {
    const a = series("A-1", [0, 1, 2, 3], [0, -1, 5, Number.POSITIVE_INFINITY]);
    expect(align([a], { log: true })[1]).toEqual([null, null, 5, null]);
    expect(align([a])[1]).toEqual([0, -1, 5, null]);
  });

  it("smooths with a debiased EMA and leaves NaN in place", () => {
    expect(ema(new Float64Array([1, 2]), 0)).toEqual(new Float64Array([1, 2]));
    const out = ema(new Float64Array([2, Number.NaN, 4]), 0.5);
    expect(out[0]).toBeCloseTo(2);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo((0.5 * (0.5 * 2) + 0.5 * 4) / (1 - 0.5 ** 2)); // debiased, as TensorBoard does
  });

  it("finds the nearest bucket of a run", () => {
    const xs = new Float64Array([0, 10, 20]);
    expect(nearest(xs, 14)).toBe(1);
    expect(nearest(xs, 16)).toBe(2);
    expect(nearest(xs, -5)).toBe(0);
    expect(nearest(new Float64Array(0), 1)).toBe(-1);
  });
});

describe("chart formats", () => {
  it("writes values, durations and times", () => {
    expect(formatValue(0.123456789)).toBe("0.123457");
    expect(formatValue(null)).toBe("–");
    expect(formatValue(1e9)).toBe("1.000e+9");
    expect(formatDuration(3725)).toBe("1h 02m");
    expect(formatDuration(42)).toBe("42s");
    expect(formatX(0, "time")).toBe("1970-01-01 00:00:00");
    expect(formatX(12, "step")).toBe("12");
  });
});

describe("chart keyboard zoom and pan", () => {
  /** A stand-in for uPlot's scale and cursor, and for the view's zoom. */
  function zoomer(min = 0, max = 100, idx = /** @type {number | null} */ (null)) {
    const calls = /** @type {any[]} */ ([]);
    const u = { scales: { x: { min, max } }, data: [[0, 25, 50, 75, 100]], cursor: { idx } };
    return {
      calls,
      plot: () => u,
      extent: () => /** @type {[number, number]} */ ([0, 100]),
      zoomTo: (/** @type {number} */ lo, /** @type {number} */ hi) => calls.push(["zoom", lo, hi]),
      reset: () => calls.push(["reset"]),
    };
  }

  it("zooms in around the cursor and back out to a reset", () => {
    const z = zoomer(0, 100, 3);
    zoomBy(z, 0.5);
    expect(z.calls[0]).toEqual(["zoom", 37.5, 87.5]);
    const out = zoomer(25, 75);
    zoomBy(out, 2);
    expect(out.calls[0]).toEqual(["reset"]);
  });

  it("pans within the series' extent", () => {
    const z = zoomer(70, 90);
    panBy(z, 0.5);
    expect(z.calls[0]).toEqual(["zoom", 80, 100]);
  });
});


describe("image strips under a chart", () => {
  // images at steps 0, 20, 40, logged at t = 100, 130, 115 s (custom timestamps: not in
  // time order); the run's relative time starts at 90 s
  const g = { run: "R-1", label: "r", path: "p", count: 3, steps: [0, 20, 40], times: [100, 130, 115], start: 90 };

  it("follows the cursor's step on a step axis", () => {
    expect(imageStepAt(g, 25, "step")).toBe(25);
  });

  it("shows the image logged last at or before the cursor's time", () => {
    expect(imageStepAt(g, 100, "time")).toBe(0);
    expect(imageStepAt(g, 120, "time")).toBe(40); // logged at 115, after step 0's 100
    expect(imageStepAt(g, 500, "time")).toBe(20); // the latest time, 130
    expect(imageStepAt(g, 99, "time")).toBe(-Infinity); // before the first: the strip's first
  });

  it("counts relative time from the run's start, as the curve does", () => {
    expect(imageStepAt(g, 10, "relative_time")).toBe(0);
    expect(imageStepAt(g, 25, "relative_time")).toBe(40);
    expect(imageStepAt(g, 9, "relative_time")).toBe(-Infinity);
  });

  it("without the times (an older kernel) stays on the first image", () => {
    expect(imageStepAt({ ...g, times: undefined }, 120, "time")).toBe(-Infinity);
  });
});
