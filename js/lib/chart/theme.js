// Colours from JupyterLab's theme variables (--jp-*), so the chart follows light and dark
// themes; fallbacks for hosts without them. The run palette is Tableau 10, readable on both.

export const PALETTE = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
];

/**
 * @param {Element} el
 * @returns {{text: string, grid: string, font: string}}
 */
export function themeOf(el) {
  const css = getComputedStyle(el);
  const v = (/** @type {string} */ name, /** @type {string} */ fallback) =>
    css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--jp-ui-font-color1", "#333"),
    grid: v("--jp-border-color2", "rgba(128,128,128,0.25)"),
    font: `11px ${v("--jp-ui-font-family", "sans-serif")}`,
  };
}

/**
 * A run's colour, and its translucent variant for the min–max band.
 * @param {number} i
 * @returns {{line: string, band: string}}
 */
export function runColor(i) {
  const line = PALETTE[i % PALETTE.length];
  return { line, band: `${line}33` };
}

/**
 * Call `cb` when JupyterLab switches themes (it rewrites attributes of <body>).
 * @param {() => void} cb
 * @returns {() => void} stop watching
 */
export function onThemeChange(cb) {
  if (typeof MutationObserver === "undefined") return () => {};
  const obs = new MutationObserver(cb);
  obs.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"] });
  return () => obs.disconnect();
}
