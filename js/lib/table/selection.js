// The table's selection, as plain data (no DOM): click, shift-click, ctrl-click and
// keyboard extend it the way file managers do; "all matching" selects every row the
// kernel's query holds. A shift range is kept as row positions, not ids, so a range over
// rows that were never loaded into the browser (scroll far, shift-click) still names every
// row in it: the kernel resolves it against the same listing version.

/**
 * @typedef {object} Selection
 * @property {Set<string>} ids explicitly selected ids (ignored while `all` is set)
 * @property {Array<[number, number]>} ranges inclusive row positions (shift ranges)
 * @property {boolean} all every row of the query is selected
 * @property {number} anchor index a shift-click extends from (-1: none)
 */

/** @returns {Selection} */
export function emptySelection() {
  return { ids: new Set(), ranges: [], all: false, anchor: -1 };
}

/**
 * Apply a click on row `index` (whose id is `id`) to `sel`.
 * @param {Selection} sel
 * @param {number} index
 * @param {string} id
 * @param {{shift?: boolean, toggle?: boolean}} mods toggle: ctrl/cmd-click or the checkbox
 * @returns {Selection}
 */
export function clickRow(sel, index, id, mods) {
  if (mods.shift && sel.anchor >= 0) {
    const ids = mods.toggle && !sel.all ? new Set(sel.ids) : new Set();
    const range = /** @type {[number, number]} */ (sel.anchor <= index ? [sel.anchor, index] : [index, sel.anchor]);
    const ranges = mods.toggle && !sel.all ? [...sel.ranges, range] : [range];
    return { ids, ranges, all: false, anchor: sel.anchor };
  }
  if (mods.toggle) {
    const ids = sel.all ? new Set() : new Set(sel.ids);
    const ranges = sel.all ? [] : sel.ranges;
    if (ids.has(id) || inRanges(ranges, index)) {
      ids.delete(id);
      // leaving a row out of a range splits it
      const split = /** @type {Array<[number, number]>} */ ([]);
      for (const [a, b] of ranges) {
        if (index < a || index > b) split.push([a, b]);
        else {
          if (a <= index - 1) split.push([a, index - 1]);
          if (index + 1 <= b) split.push([index + 1, b]);
        }
      }
      return { ids, ranges: split, all: false, anchor: index };
    }
    ids.add(id);
    return { ids, ranges, all: false, anchor: index };
  }
  return { ids: new Set([id]), ranges: [], all: false, anchor: index };
}

/** @param {Array<[number, number]>} ranges @param {number} index */
function inRanges(ranges, index) {
  return ranges.some(([a, b]) => index >= a && index <= b);
}

/** @param {Selection} sel @param {string} id @param {number} index */
export function isSelected(sel, id, index) {
  return sel.all || sel.ids.has(id) || inRanges(sel.ranges, index);
}

/** @param {Selection} sel @param {number} total rows matching the query */
export function selectedCount(sel, total) {
  if (sel.all) return total;
  let n = sel.ids.size;
  for (const [a, b] of sel.ranges) n += Math.min(b, total - 1) - a + 1;
  return n; // an id also inside a range counts twice: the kernel de-duplicates
}

/** @returns {Selection} */
export function selectAll() {
  return { ids: new Set(), ranges: [], all: true, anchor: -1 };
}

/**
 * What a bulk command names: `{all: true}` or `{ids, ranges?, version?}`.
 * @param {Selection} sel
 * @param {number} version the listing version the row positions refer to
 */
export function target(sel, version) {
  if (sel.all) return { all: true };
  return sel.ranges.length ? { ids: [...sel.ids], ranges: sel.ranges, version } : { ids: [...sel.ids] };
}
