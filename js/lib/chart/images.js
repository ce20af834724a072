// The chart's image strips: the runs' image file series its pattern picks (the `galleries`
// trait, widgets/chart_images.py), each a strip of the run card's gallery (card/gallery.js)
// captioned by run and path. With x by step, the chart's cursor moves the sliders to the
// image at or before the hovered step, so an image lines up with the curve.

import { strip } from "../card/gallery.js";
import { h, show } from "../dom.js";

/** @typedef {{run: string, label: string, path: string, count: number, steps: number[]}} ChartGallery */

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
  /** @type {Map<string, ReturnType<typeof strip>>} */
  let strips = new Map();
  const render = () => {
    const infos = parse(model.get("galleries"));
    /** @type {Map<string, ReturnType<typeof strip>>} */
    const next = new Map();
    infos.forEach((g, i) => {
      const key = `${g.run}\u0000${g.path}`;
      const st = strips.get(key) ?? strip(channel, g.path, { target: g.run, caption: `${g.label} · ${g.path}` });
      st.update(g.steps);
      st.el.dataset.run = g.run;
      if (list.children[i] !== st.el) list.insertBefore(st.el, list.children[i] ?? null);
      next.set(key, st);
    });
    for (const [key, st] of strips) if (!next.has(key)) st.remove();
    strips = next;
    show(el, infos.length > 0);
  };
  render();
  model.on("change:galleries", render);
  return {
    el,
    /** @param {number} step the step under the chart's cursor */
    seek(step) {
      for (const st of strips.values()) st.seek(step);
    },
    destroy() {
      model.off("change:galleries", render);
      for (const st of strips.values()) st.remove();
    },
  };
}
