// Keyboard and pan: the chart is one focusable element. Left/Right move the cursor one
// bucket (Home/End to the ends), Shift+Left/Right pan, + and - zoom around the cursor,
// Escape (or 0) resets. Shift+drag pans with the mouse; a plain drag zooms (uPlot's own).

/**
 * @typedef {{plot: () => any, zoomTo: (lo: number, hi: number) => void, reset: () => void,
 *   extent: () => [number, number] | null}} Zoomer
 */

/**
 * @param {any} u
 * @param {number} idx index into the aligned x
 */
export function moveCursor(u, idx) {
  const xs = u.data[0];
  if (!xs.length) return;
  const i = Math.max(0, Math.min(xs.length - 1, idx));
  const left = u.valToPos(xs[i], "x");
  u.setCursor({ left, top: u.bbox.height / devicePixelRatio / 2 });
}

/**
 * @param {Zoomer} z
 * @param {number} factor <1 zooms in, >1 out
 */
export function zoomBy(z, factor) {
  const u = z.plot();
  const full = z.extent();
  if (!u || !full) return;
  const { min, max } = u.scales.x;
  const xs = u.data[0];
  const idx = u.cursor.idx;
  const center = idx != null && xs[idx] != null ? xs[idx] : (min + max) / 2;
  const span = (max - min) * factor;
  if (span >= full[1] - full[0]) return z.reset();
  let lo = center - (center - min) * factor;
  let hi = lo + span;
  if (lo < full[0]) [lo, hi] = [full[0], full[0] + span];
  if (hi > full[1]) [lo, hi] = [full[1] - span, full[1]];
  z.zoomTo(lo, hi);
}

/**
 * @param {Zoomer} z
 * @param {number} fraction of the visible range, negative to the left
 */
export function panBy(z, fraction) {
  const u = z.plot();
  const full = z.extent();
  if (!u || !full) return;
  const { min, max } = u.scales.x;
  const span = max - min;
  const lo = Math.max(full[0], Math.min(full[1] - span, min + span * fraction));
  z.zoomTo(lo, lo + span);
}

/**
 * @param {KeyboardEvent} e
 * @param {Zoomer} z
 * @returns {boolean} handled
 */
export function onKey(e, z) {
  const u = z.plot();
  if (!u) return false;
  const idx = u.cursor.idx ?? -1;
  const k = e.key;
  if ((k === "ArrowLeft" || k === "ArrowRight") && e.shiftKey) panBy(z, k === "ArrowLeft" ? -0.2 : 0.2);
  else if (k === "ArrowLeft") moveCursor(u, idx < 0 ? u.data[0].length - 1 : idx - 1);
  else if (k === "ArrowRight") moveCursor(u, idx + 1);
  else if (k === "Home") moveCursor(u, 0);
  else if (k === "End") moveCursor(u, u.data[0].length - 1);
  else if (k === "+" || k === "=") zoomBy(z, 0.5);
  else if (k === "-" || k === "_") zoomBy(z, 2);
  else if (k === "Escape" || k === "0") z.reset();
  else return false;
  return true;
}

/**
 * Shift+drag pans (captured before uPlot's drag-to-zoom sees the press).
 * @param {HTMLElement} over uPlot's plotting-area element
 * @param {Zoomer} z
 * @returns {() => void} remove
 */
export function enablePan(over, z) {
  /** @param {MouseEvent} e */
  const down = (e) => {
    const u = z.plot();
    const full = z.extent();
    if (!e.shiftKey || !u || !full) return;
    e.stopPropagation();
    e.preventDefault();
    const { min, max } = u.scales.x;
    const perPx = (max - min) / over.clientWidth;
    const x0 = e.clientX;
    /** @param {MouseEvent} m */
    const move = (m) => {
      const span = max - min;
      const lo = Math.max(full[0], Math.min(full[1] - span, min - (m.clientX - x0) * perPx));
      z.zoomTo(lo, lo + span);
    };
    const up = () => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  };
  over.addEventListener("mousedown", down, true);
  return () => over.removeEventListener("mousedown", down, true);
}
