// What the parts of one table view share (header, body, windows, scrolling, pointer and
// keys, toolbar, bulk bar): the model and a typed command sender, the loaded window, the
// selection, the grid's elements, and the hooks the parts install (paint, request, ...).
// grid.js creates it and hands it to each part.

import { createChannel } from "../channel.js";
import { h } from "../dom.js";
import { emptySelection } from "./selection.js";

/** @typedef {import("./cells.js").Column} Column */
/** @typedef {{id: string, [key: string]: unknown}} Row */
/** @typedef {import("../contract.js").TableCommand} TableCommand */
/** @typedef {import("../contract.js").TableCommandValues} TableCommandValues */
/** @typedef {import("../channel.js").ReplyHandler} ReplyHandler */
/**
 * Send a table command: its name and value are checked against the kernel's table
 * (`runs_table.COMMAND_VALUES`, generated into contract.js).
 * @typedef {<C extends TableCommand>(cmd: C, value: TableCommandValues[C], onReply?: ReplyHandler) => number} Send
 */

/**
 * @typedef {object} TableState
 * @property {Map<number, Row>} cache index -> row, for the loaded window only
 * @property {Map<string, number>} indexOf id -> index of the loaded rows
 * @property {import("./selection.js").Selection} sel
 * @property {number} active the keyboard's current row
 * @property {number} loadedVersion listing version of the loaded window (-1: none)
 * @property {number} windowTotal the last window's total (-1: none; the trait counts)
 */

/**
 * @typedef {object} TableElements
 * @property {HTMLElement} root
 * @property {HTMLElement} head the header row
 * @property {HTMLElement} rowsEl the rendered rows
 * @property {HTMLElement} spacer as tall as every row would be, so the scrollbar is true
 * @property {HTMLElement} grid
 * @property {HTMLElement} empty
 * @property {HTMLElement} live the polite status region
 */

/**
 * @typedef {object} Table
 * @property {import("../types.js").TableModel} model
 * @property {Send} send
 * @property {() => void} closeChannel
 * @property {string} kind
 * @property {string} noun
 * @property {() => boolean} readOnly
 * @property {() => Column[]} columns
 * @property {() => number} total the newest of the trait and the last window's total
 * @property {TableState} st
 * @property {TableElements} els
 * @property {() => void} paint redraw the visible rows (body.js)
 * @property {() => void} request fetch the window in view unless it is loaded (windows.js)
 * @property {(win: import("./windows.js").Window) => void} accept take a window from the kernel (windows.js)
 * @property {(id: string) => void} openCard
 * @property {(err: import("../channel.js").ReplyError | undefined) => void} showError
 * @property {Array<() => void>} afterPaint run after every paint (selection counts, buttons)
 */

/**
 * @param {import("../types.js").TableModel} model
 * @returns {Table}
 */
export function createTable(model) {
  const channel = createChannel(model);
  const kind = String(model.get("kind") ?? "run");
  /** @type {TableState} */
  const st = { cache: new Map(), indexOf: new Map(), sel: emptySelection(), active: 0, loadedVersion: -1, windowTotal: -1 };
  const noop = () => {};
  return {
    model,
    send: (cmd, value, onReply) => channel.send(cmd, value === undefined ? {} : { value }, onReply),
    closeChannel: () => channel.close(),
    kind,
    noun: kind === "run" ? "run" : "model version",
    readOnly: () => !!model.get("read_only"),
    columns: () => {
      const cols = model.get("columns");
      return Array.isArray(cols) ? /** @type {Column[]} */ (cols) : [];
    },
    total: () => (st.windowTotal >= 0 ? st.windowTotal : Number(model.get("total")) || 0),
    st,
    els: elements(kind),
    paint: noop,
    request: noop,
    accept: noop,
    openCard: noop,
    showError: noop,
    afterPaint: [],
  };
}

/** @param {string} kind @returns {TableElements} */
function elements(kind) {
  const label = kind === "run" ? "Runs" : "Model versions";
  const root = h("div", {
    class: `nsw-root nsw-table nsw-table-${kind}`,
    "data-lm-suppress-shortcuts": "true",
    role: "region",
    "aria-label": label,
  });
  const head = h("div", { class: "nsw-thead", role: "row", "aria-rowindex": "1" });
  const rowsEl = h("div", { class: "nsw-tbody", role: "presentation" });
  const spacer = h("div", { class: "nsw-spacer", role: "presentation" }, rowsEl);
  const grid = h("div", { class: "nsw-grid", role: "grid", tabindex: "0", "aria-multiselectable": "true", "aria-label": label }, head, spacer);
  const noun = kind === "run" ? "run" : "model version";
  const empty = h("p", { class: "nsw-muted nsw-empty", hidden: true }, `No ${noun}s match.`);
  const live = h("div", { class: "nsw-sr-only", role: "status", "aria-live": "polite" });
  return { root, head, rowsEl, spacer, grid, empty, live };
}
