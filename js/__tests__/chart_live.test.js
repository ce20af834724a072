import { describe, expect, it } from "vitest";
import { applyUpdate, currentData, isSeriesUpdate } from "../lib/chart/live.js";

/** @param {Record<string, any>} state */
function model(state) {
  return { get: (/** @type {string} */ k) => state[k], state };
}

/** @param {string} run @param {number} points */
const payload = (run, points) => ({ run, points, extent: [0, points], n: 0 });

describe("chart live updates", () => {
  const base = { version: 1, x: "step", metric: "loss", series: [payload("A-1", 10), payload("A-2", 20)] };

  it("replaces only the runs an update names, once for every view", () => {
    const m = model({ data: base });
    const msg = { type: "series", version: 2, x: "step", metric: "loss", series: [payload("A-2", 21)] };
    expect(isSeriesUpdate(msg)).toBe(true);
    const next = applyUpdate(m, /** @type {any} */ (msg));
    expect(next.version).toBe(2);
    expect(next.series?.map((s) => s.points)).toEqual([10, 21]);
    expect(applyUpdate(m, /** @type {any} */ (msg))).toBe(next); // a second view: no double merge
    expect(currentData(m)).toBe(next); // what a view opened later draws
  });

  it("drops updates for another series or older than the synced data", () => {
    const m = model({ data: { ...base, version: 5 } });
    const other = { type: "series", version: 6, x: "step", metric: "acc", series: [payload("A-1", 99)] };
    expect(applyUpdate(m, /** @type {any} */ (other)).version).toBe(5);
    const old = { type: "series", version: 4, x: "step", metric: "loss", series: [payload("A-1", 99)] };
    expect(applyUpdate(m, /** @type {any} */ (old)).series?.[0].points).toBe(10);
    expect(isSeriesUpdate({ type: "reply", id: 1 })).toBe(false);
  });

  it("a new full data trait wins over older merged updates", () => {
    const m = model({ data: base });
    applyUpdate(m, /** @type {any} */ ({ type: "series", version: 2, x: "step", metric: "loss", series: [payload("A-1", 11)] }));
    m.state.data = { ...base, version: 3, metric: "acc" };
    expect(currentData(m).metric).toBe("acc");
  });
});
