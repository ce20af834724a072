// The table's selection, as plain data (no DOM): click, shift-click, ctrl-click and
// keyboard extend it the way file managers do; "all matching" selects every row the
// kernel's query holds, including those never loaded into the browser.

/**
 * @typedef {object} Selection
 * @property {Set<string>} ids explicitly selected ids (ignored while `all` is set)
 * @property {boolean} all every row of the query is selected
 * @property {number} anchor index a shift-click extends from (-1: none)
 */

/** @returns {Selection} */
export function emptySelection() {
  return { ids: new Set(), all: false, anchor: -1 };
}

/**
 * Apply a click on row `index` (whose id is `id`) to `sel`.
 * @param {Selection} sel
 * @param {number} index
 * @param {string} id
 * @param {{shift?: boolean, toggle?: boolean}} mods toggle: ctrl/cmd-click or the checkbox
 * @param {(i: number) => string | undefined} idAt ids of loaded rows, for shift ranges
 * @returns {Selection}
 */
export function clickRow(sel, index, id, mods, idAt) {
  if (mods.shift && sel.anchor >= 0) {
    const ids = mods.toggle && !sel.all ? new Set(sel.ids) : new Set();
    const [a, b] = sel.anchor <= index ? [sel.anchor, index] : [index, sel.anchor];
    for (let i = a; i <= b; i++) {
      const x = idAt(i);
      if (x !== undefined) ids.add(x);
    }
    return { ids, all: false, anchor: sel.anchor };
  }
  if (mods.toggle) {
    const ids = sel.all ? new Set() : new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, all: false, anchor: index };
  }
  return { ids: new Set([id]), all: false, anchor: index };
}

/** @param {Selection} sel @param {string} id */
export function isSelected(sel, id) {
  return sel.all || sel.ids.has(id);
}

/** @param {Selection} sel @param {number} total rows matching the query */
export function selectedCount(sel, total) {
  return sel.all ? total : sel.ids.size;
}

/** @returns {Selection} */
export function selectAll() {
  return { ids: new Set(), all: true, anchor: -1 };
}

/**
 * What a bulk command names: `{all: true}` or `{ids: [...]}`.
 * @param {Selection} sel
 */
export function target(sel) {
  return sel.all ? { all: true } : { ids: [...sel.ids] };
}
