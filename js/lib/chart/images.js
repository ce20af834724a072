// The chart's image strips: the runs' image file series its pattern picks (the `galleries`
// trait, widgets/chart_images.py), each a strip of the run card's gallery (card/gallery.js)
// captioned by run and path. The chart's cursor moves the sliders to the image at or before
// it: by step, or, with x by time, the image logged last at or before the hovered time
// (`times`, seconds; relative time counts from the run's `start`, as its curve does), so an
// image lines up with the curve on every x axis.

import { strip } from "../card/gallery.js";
import { h, show } from "../dom.js";

/** @typedef {{run: string, label: string, path: string, count: number, steps: number[], times?: number[], start?: number}} ChartGallery */

/**
 * The step of `g`'s image to show for the cursor at `x` on the chart's x axis `kind`:
 * `x` itself by step; by time, the step of the image logged last at or before `x`
 * (-Infinity before the first one, which the strip shows as its first image).
 * @param {ChartGallery} g @param {number} x @param {string} kind
 * @returns {number}
 */
export function imageStepAt(g, x, kind) {
  if (kind === "step") return x;
  const times = g.times ?? [];
  const base = kind === "relative_time" ? (g.start ?? 0) : 0;
  let step = -Infinity;
  let latest = -Infinity;
  for (let i = 0; i < times.length && i < g.steps.length; i++) {
    const t = times[i] - base;
    if (t <= x && t >= latest) {
      latest = t;
      step = g.steps[i];
    }
  }
  return step;
}

/** @param {unknown} raw @returns {ChartGallery[]} */
function parse(raw) {
  if (!Array.isArray(raw)) return [];
  return raw.filter((g) => g && typeof g.run === "string" && typeof g.path === "string" &&
    Array.isArray(g.steps) && g.steps.length > 0);
}

/**
 * @param {import("../types.js").ChartModel} model
 * @param {import("../card/gallery.js").ImageChannel} channel
 */
export function createImages(model, channel) {
  const list = h("div", { class: "nsw-gallery-list" });
  const el = h("section", { class: "nsw-chart-images", "aria-label": "Images" }, list);
  /** @type {Map<string, {st: ReturnType<typeof strip>, g: ChartGallery}>} */
  let strips = new Map();
  const render = () => {
    const infos = parse(model.get("galleries"));
    /** @type {Map<string, {st: ReturnType<typeof strip>, g: ChartGallery}>} */
    const next = new Map();
    infos.forEach((g, i) => {
      const key = `${g.run}\u0000${g.path}`;
      const st = strips.get(key)?.st ?? strip(channel, g.path, { target: g.run, caption: `${g.label} · ${g.path}` });
      st.update(g.steps);
      st.el.dataset.run = g.run;
      if (list.children[i] !== st.el) list.insertBefore(st.el, list.children[i] ?? null);
      next.set(key, { st, g });
    });
    for (const [key, { st }] of strips) if (!next.has(key)) st.remove();
    strips = next;
    show(el, infos.length > 0);
  };
  render();
  model.on("change:galleries", render);
  return {
    el,
    /** @param {number} x the chart's cursor, on its x axis @param {string} kind that axis */
    seek(x, kind) {
      for (const { st, g } of strips.values()) st.seek(imageStepAt(g, x, kind));
    },
    destroy() {
      model.off("change:galleries", render);
      for (const { st } of strips.values()) st.remove();
    },
  };
}
