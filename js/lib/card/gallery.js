// Card section: a run's image file series, each as a strip showing one image with a step
// slider. The kernel lists the series and their steps (the `galleries` trait) and sends one
// image on request (the "image" command): never the whole series. Images are shown through
// blob: URLs on an <img>; paths are text only. The chart widget shows its runs' image
// series with the same strips (lib/chart/images.js), the chart's cursor moving the slider.

import { h, setText, show } from "../dom.js";

/** @typedef {{path: string, count: number, steps: number[]}} GalleryInfo */
/**
 * What a strip needs of a channel: the `image` command, as the card and the chart both take it.
 * @typedef {import("../channel.js").Channel<Pick<import("../contract.js").CardCommandArgs, "image">>} ImageChannel
 */

/** Moving the slider asks for the image once it rests this long (keys repeat fast). */
export const SETTLE_MS = 120;

/** @param {unknown} raw @returns {GalleryInfo[]} */
function parse(raw) {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (g) => g && typeof g.path === "string" && Array.isArray(g.steps) && g.steps.length > 0,
  );
}

/** @param {number} step */
export const stepText = (step) => `step ${Number.isInteger(step) ? step : String(step)}`;

/** @param {string} b64 @param {string} mime */
function blobOf(b64, mime) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * The image series of a run, live (kind "run").
 * @param {import("./section.js").Section} s
 */
export function gallery(s) {
  if (s.kind !== "run") return;
  const list = h("div", { class: "nsw-gallery-list" });
  const wrap = h(
    "section",
    { class: "nsw-gallery nsw-field-wide", "aria-label": "Images" },
    h("div", { class: "nsw-label" }, "Images"),
    list,
  );
  s.root.append(wrap);
  /** @type {Map<string, ReturnType<typeof strip>>} */
  let strips = new Map();
  const render = () => {
    const infos = parse(s.get("galleries"));
    /** @type {Map<string, ReturnType<typeof strip>>} */
    const next = new Map();
    infos.forEach((g, i) => {
      const st = strips.get(g.path) ?? strip(s.ctx.channel, g.path, {});
      st.update(g.steps);
      if (list.children[i] !== st.el) list.insertBefore(st.el, list.children[i] ?? null);
      next.set(g.path, st);
    });
    for (const [path, st] of strips) if (!next.has(path)) st.remove();
    strips = next;
    show(wrap, infos.length > 0);
  };
  render();
  s.on("change:galleries", render);
}

/**
 * One series: its path, the image of the chosen step, the slider. At the last step it
 * follows new images; elsewhere it stays on the step the user (or `seek`) chose.
 * @param {ImageChannel} channel
 * @param {string} path
 * @param {{target?: string, caption?: string}} opts `target`: the run, where the widget
 *   shows several (the chart); `caption`: what names the strip (default: the path)
 */
export function strip(channel, path, opts) {
  const name = opts.caption ?? path;
  const img = h("img", { class: "nsw-gallery-img", alt: "" });
  const note = h("span", { class: "nsw-gallery-note nsw-muted", "aria-live": "polite" });
  const slider = h("input", { type: "range", min: "0", step: "1", class: "nsw-gallery-slider", "aria-label": `Step of ${name}` });
  const el = h(
    "figure",
    { class: "nsw-gallery-strip" },
    h("figcaption", { class: "nsw-gallery-path" }, name),
    img,
    h("div", { class: "nsw-gallery-controls" }, slider, note),
  );
  /** @type {number[]} */
  let steps = [];
  let follow = true;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  const shower = imageShower(channel, path, img, note, opts.target);
  const load = () => {
    const i = Number(slider.value);
    if (steps[i] !== undefined) shower.show(steps[i], `${i + 1} of ${steps.length}`);
  };
  const moved = () => {
    const i = Number(slider.value);
    follow = i === steps.length - 1;
    slider.setAttribute("aria-valuetext", stepText(steps[i]));
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(load, SETTLE_MS);
  };
  slider.addEventListener("input", moved);

  return {
    el,
    /** @param {number[]} next the series' steps, oldest first */
    update(next) {
      const shown = steps[Number(slider.value)];
      const had = steps.length;
      steps = next.map(Number);
      slider.max = String(steps.length - 1);
      const keep = steps.indexOf(shown);
      slider.value = String(follow || keep < 0 ? steps.length - 1 : keep);
      slider.setAttribute("aria-valuetext", stepText(steps[Number(slider.value)]));
      if (had === 0 || (follow && steps.length !== had) || keep < 0) load();
    },
    /** Show the image at the last step at or before `step` (the first one before any).
     * @param {number} step */
    seek(step) {
      const i = Math.max(0, atOrBefore(steps, step));
      if (!steps.length || String(i) === slider.value) return;
      slider.value = String(i);
      moved();
    },
    remove() {
      if (timer !== null) clearTimeout(timer);
      shower.release();
      el.remove();
    },
  };
}

/**
 * @param {number[]} steps sorted
 * @param {number} step
 * @returns {number} the index of the last step <= `step`, -1 when there is none
 */
export function atOrBefore(steps, step) {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Asks the kernel for one image at a time and shows it; an answer to a request the slider
 * has since left is dropped.
 * @param {ImageChannel} channel
 * @param {string} path
 * @param {HTMLImageElement} img
 * @param {HTMLElement} note
 * @param {string} [target] the run whose series it is (the chart)
 */
function imageShower(channel, path, img, note, target) {
  let asked = 0;
  let url = "";
  return {
    /** @param {number} step @param {string} where "2 of 5" */
    show(step, where) {
      asked += 1;
      const mine = asked;
      channel.send("image", { field: path, value: step, target }, (reply) => {
        if (mine !== asked) return;
        if (!reply.ok || !reply.result) {
          setText(note, reply.error?.message ?? "the image could not be loaded");
          return;
        }
        const image = /** @type {{data: string, mime: string}} */ (reply.result);
        const next = URL.createObjectURL(blobOf(image.data, image.mime));
        if (url) URL.revokeObjectURL(url);
        url = next;
        img.src = url;
        img.alt = `${path}, ${stepText(step)}`;
        img.dataset.step = String(step);
        setText(note, `${stepText(step)} (${where})`);
      });
    },
    release() {
      if (url) URL.revokeObjectURL(url);
    },
  };
}
