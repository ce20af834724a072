// The runs / model-versions table: a virtual-scrolling ARIA grid over a query the kernel
// holds. The browser keeps only the rows of the window it shows (plus some overscan); it
// asks for a window with a `window` command, and the kernel pushes changed rows
// (`{type: "rows"}`) or a new window after a reorder (`{type: "window"}`).

import { createChannel } from "../channel.js";
import { STAGES } from "../contract.js";
import { h, setText, show } from "../dom.js";
import { formatAgo, parseTime } from "../format.js";
import { bulkBar } from "./bulk.js";
import { fillCell } from "./cells.js";
import { clickRow, emptySelection, isSelected, selectAll, selectedCount, target } from "./selection.js";
import { toolbar } from "./toolbar.js";

/** Row height in px: fixed, so a scroll position maps to a row index without measuring. */
export const ROW_H = 28;
/** Rows fetched beyond the visible ones, above and below. */
export const OVERSCAN = 20;
/** Ping ages tick this often (only the visible cells are touched). */
export const TICK_MS = 1000;
/** A harmless slow re-request of the window, for hosts that drop thread-driven messages. */
export const REFRESH_MS = 30_000;

/** @typedef {import("./cells.js").Column} Column */
/** @typedef {{id: string, [key: string]: any}} Row */

/**
 * @param {import("../types.js").Model} model
 * @param {HTMLElement} el
 * @returns {() => void}
 */
export function renderTable(model, el) {
  const channel = createChannel(model);
  /** @type {Array<[string, (...args: any[]) => void]>} */
  const subs = [];
  /** @param {string} ev @param {(...args: any[]) => void} cb */
  const on = (ev, cb) => {
    model.on(ev, cb);
    subs.push([ev, cb]);
  };
  const kind = String(model.get("kind") ?? "run");
  const noun = kind === "run" ? "run" : "model version";
  const readOnly = () => !!model.get("read_only");
  /** @returns {Column[]} */
  const columns = () => (Array.isArray(model.get("columns")) ? model.get("columns") : []);
  // the newest of the trait and the last window's total (a window can arrive first)
  let windowTotal = -1;
  const total = () => (windowTotal >= 0 ? windowTotal : Number(model.get("total")) || 0);

  /** index -> row, for the loaded window only */
  /** @type {Map<number, Row>} */
  let cache = new Map();
  /** id -> index of the loaded rows */
  /** @type {Map<string, number>} */
  let indexOf = new Map();
  let sel = emptySelection();
  let active = 0; // keyboard focus row
  /** @type {{start: number, count: number} | null} */
  let inflight = null;
  /** @type {{start: number, count: number} | null} */
  let wanted = null;
  let loadedVersion = -1;

  const root = h("div", {
    class: `nsw-root nsw-table nsw-table-${kind}`,
    "data-lm-suppress-shortcuts": "true",
    role: "region",
    "aria-label": kind === "run" ? "Runs" : "Model versions",
  });
  root.addEventListener("keydown", (e) => {
    const t = /** @type {Element | null} */ (e.target);
    if (t && (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(t.tagName) || t.closest?.(".nsw-grid"))) {
      e.stopPropagation(); // our keys never reach notebook shortcuts
    }
  });

  // ---- toolbar: NQL filter, quick filters, column chooser ------------------------------
  const bar = toolbar({ model, channel, kind, onFilterResult: () => {} });
  root.append(bar.el);

  // ---- bulk actions ----------------------------------------------------------------------
  const bulk = bulkBar({
    kind,
    channel,
    readOnly,
    count: () => selectedCount(sel, total()),
    target: () => target(sel, loadedVersion),
    noun,
    selectAllMatching: () => {
      sel = selectAll();
      paint();
    },
    clear: () => {
      sel = emptySelection();
      paint();
    },
  });
  root.append(bulk.el);

  // ---- the grid ----------------------------------------------------------------------------
  const head = h("div", { class: "nsw-thead", role: "row", "aria-rowindex": "1" });
  const rowsEl = h("div", { class: "nsw-tbody", role: "presentation" });
  const spacer = h("div", { class: "nsw-spacer", role: "presentation" }, rowsEl);
  const grid = h(
    "div",
    {
      class: "nsw-grid",
      role: "grid",
      tabindex: "0",
      "aria-multiselectable": "true",
      "aria-label": kind === "run" ? "Runs" : "Model versions",
    },
    head,
    spacer,
  );
  const empty = h("p", { class: "nsw-muted nsw-empty", hidden: true }, `No ${noun}s match.`);
  const live = h("div", { class: "nsw-sr-only", role: "status", "aria-live": "polite" });
  root.append(grid, empty, live);

  const template = () => `2.2rem ${columns().map((c) => widthOf(c)).join(" ")}`;

  const renderHead = () => {
    const cols = columns();
    const sort = model.get("sort") ?? {};
    head.style.gridTemplateColumns = template();
    const allBox = h("input", {
      type: "checkbox",
      "aria-label": `Select all matching ${noun}s`,
      checked: sel.all,
      onchange: () => {
        sel = /** @type {HTMLInputElement} */ (allBox).checked ? selectAll() : emptySelection();
        paint();
      },
    });
    const cells = [h("div", { role: "columnheader", class: "nsw-th nsw-th-check" }, allBox)];
    cols.forEach((c, i) => {
      const dir = sort.by === c.key ? (sort.ascending ? "ascending" : "descending") : "none";
      /** @type {HTMLElement} */
      let label;
      if (c.sortable) {
        label = h(
          "button",
          {
            type: "button",
            class: "nsw-sort",
            title: `${c.key}: sort`,
            onclick: () => {
              const asc = sort.by === c.key ? !sort.ascending : !/Datetime|Float|Integer|float|int|RunState/.test(c.type);
              channel.send("sort", { value: { by: c.key, ascending: asc } }, (r) => {
                if (!r.ok) bar.showError(r.error);
              });
            },
          },
          c.label,
          h("span", { class: "nsw-sort-icon", "aria-hidden": "true" }, dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : ""),
        );
      } else {
        label = h("span", { title: c.key }, c.label);
      }
      cells.push(
        h("div", { role: "columnheader", class: "nsw-th", "aria-sort": dir, "aria-colindex": String(i + 2) }, label),
      );
    });
    head.replaceChildren(...cells);
    grid.setAttribute("aria-colcount", String(cols.length + 1));
  };

  /** @param {number} index @param {Row} row */
  const renderRow = (index, row) => {
    const cols = columns();
    const selected = isSelected(sel, row.id, index);
    const tr = h("div", {
      class: `nsw-tr${selected ? " nsw-selected" : ""}${index === active ? " nsw-current" : ""}`,
      role: "row",
      "aria-rowindex": String(index + 2),
      "aria-selected": selected ? "true" : "false",
      "data-id": row.id,
      "data-index": String(index),
    });
    tr.style.top = `${index * ROW_H}px`;
    tr.style.gridTemplateColumns = template();
    const box = h("input", { type: "checkbox", "aria-label": `Select ${row.id}`, checked: selected, tabindex: "-1" });
    tr.append(h("div", { role: "gridcell", class: "nsw-td nsw-td-check" }, box));
    const now = Date.now();
    for (const c of cols) {
      const td = h("div", { role: "gridcell", class: "nsw-td", "data-key": c.key });
      if (c.key === "sys/id") {
        td.append(h("button", { type: "button", class: "nsw-open", tabindex: "-1", title: `Open the card of ${row.id}` }, row.id));
      } else if (c.key === "sys/stage" && kind === "model_version" && !readOnly()) {
        const select = h(
          "select",
          { "aria-label": `Stage of ${row.id}`, tabindex: "-1" },
          ...STAGES.map((s) => h("option", { value: s, selected: s === row[c.key] }, s)),
        );
        td.append(select);
      } else {
        fillCell(td, c, row[c.key], now);
      }
      tr.append(td);
    }
    return tr;
  };

  const paint = () => {
    const n = total();
    spacer.style.height = `${n * ROW_H}px`;
    grid.setAttribute("aria-rowcount", String(n + 1));
    show(empty, n === 0 && loadedVersion >= 0);
    const first = Math.max(0, Math.floor(grid.scrollTop / ROW_H) - 2);
    const visible = Math.ceil((grid.clientHeight || 400) / ROW_H) + 4;
    const nodes = [];
    for (let i = first; i < Math.min(n, first + visible); i++) {
      const row = cache.get(i);
      if (row) nodes.push(renderRow(i, row));
      else {
        const ph = h("div", { class: "nsw-tr nsw-placeholder", role: "row", "aria-rowindex": String(i + 2), "aria-busy": "true" });
        ph.style.top = `${i * ROW_H}px`;
        ph.append(h("div", { role: "gridcell", class: "nsw-td" }, "…"));
        nodes.push(ph);
      }
    }
    rowsEl.replaceChildren(...nodes);
    const allBox = /** @type {HTMLInputElement | null} */ (head.querySelector("input[type=checkbox]"));
    if (allBox) allBox.checked = sel.all;
    bulk.update();
  };

  // ---- windows -----------------------------------------------------------------------------
  const request = () => {
    const n = total();
    const first = Math.floor(grid.scrollTop / ROW_H);
    const visible = Math.ceil((grid.clientHeight || 400) / ROW_H);
    const start = Math.max(0, first - OVERSCAN);
    const count = Math.min(500, visible + 2 * OVERSCAN);
    const missing = () => {
      for (let i = first; i < Math.min(n, first + visible); i++) if (!cache.has(i)) return true;
      return loadedVersion !== Number(model.get("version"));
    };
    if (!missing()) {
      paint();
      return;
    }
    wanted = { start, count };
    if (inflight) return; // the reply sends the latest wanted window
    inflight = wanted;
    wanted = null;
    channel.send("window", { value: inflight }, (reply) => {
      inflight = null;
      if (reply.ok && reply.result) accept(reply.result);
      if (wanted) request();
    });
  };

  /** @param {{start: number, total: number, version: number, rows: Row[]}} win */
  const accept = (win) => {
    if (!win || !Array.isArray(win.rows) || win.version < loadedVersion) return; // stale
    loadedVersion = win.version;
    windowTotal = Number(win.total) || 0;
    // keep the cache small: only this window
    cache = new Map();
    indexOf = new Map();
    win.rows.forEach((r, i) => {
      cache.set(win.start + i, r);
      indexOf.set(r.id, win.start + i);
    });
    paint();
    grid.dataset.loadedVersion = String(win.version);
  };

  /** @param {any} msg */
  const onMessage = (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "window") {
      accept(msg);
    } else if (msg.type === "rows" && Array.isArray(msg.rows)) {
      for (const r of msg.rows) {
        const i = indexOf.get(r.id);
        if (i !== undefined) cache.set(i, r);
      }
      paint();
    }
  };
  model.on("msg:custom", onMessage);

  let scrollQueued = false;
  grid.addEventListener("scroll", () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      paint();
      request();
    });
  });

  // ---- pointer and keyboard ------------------------------------------------------------
  /** @param {number} i */
  const idAt = (i) => cache.get(i)?.id;
  grid.addEventListener("click", (e) => {
    const t = /** @type {HTMLElement} */ (e.target);
    const tr = /** @type {HTMLElement | null} */ (t.closest(".nsw-tr[data-id]"));
    if (!tr) return;
    const id = String(tr.dataset.id);
    const index = Number(tr.dataset.index);
    if (t.closest(".nsw-open")) {
      active = index;
      openCard(id);
      return;
    }
    if (t.tagName === "SELECT" || t.tagName === "OPTION") return;
    const toggle = t.tagName === "INPUT" || e.ctrlKey || e.metaKey;
    sel = clickRow(sel, index, id, { shift: e.shiftKey, toggle });
    active = index;
    paint();
  });
  grid.addEventListener("change", (e) => {
    const t = /** @type {HTMLSelectElement} */ (e.target);
    if (t.tagName !== "SELECT") return;
    const tr = /** @type {HTMLElement | null} */ (t.closest(".nsw-tr[data-id]"));
    if (!tr) return;
    t.setAttribute("aria-busy", "true");
    channel.send("bulk", { value: { action: "change_stage", value: t.value, ids: [String(tr.dataset.id)] } }, (r) => {
      t.removeAttribute("aria-busy");
      bulk.report(r, "change_stage");
    });
  });
  grid.addEventListener("keydown", (e) => {
    const n = total();
    if (!n) return;
    const page = Math.max(1, Math.floor((grid.clientHeight || 400) / ROW_H) - 1);
    let next = active;
    switch (e.key) {
      case "ArrowDown": next = Math.min(n - 1, active + 1); break;
      case "ArrowUp": next = Math.max(0, active - 1); break;
      case "PageDown": next = Math.min(n - 1, active + page); break;
      case "PageUp": next = Math.max(0, active - page); break;
      case "Home": next = 0; break;
      case "End": next = n - 1; break;
      case " ": {
        const id = idAt(active);
        if (id !== undefined) sel = clickRow(sel, active, id, { toggle: true });
        e.preventDefault();
        paint();
        return;
      }
      case "Enter": {
        const id = idAt(active);
        if (id !== undefined) openCard(id);
        e.preventDefault();
        return;
      }
      case "a":
        if (e.ctrlKey || e.metaKey) {
          sel = selectAll();
          e.preventDefault();
          paint();
        }
        return;
      case "Escape":
        sel = emptySelection();
        paint();
        return;
      default:
        return;
    }
    e.preventDefault();
    const prev = active;
    active = next;
    if (e.shiftKey) {
      if (sel.anchor < 0) sel = { ...sel, anchor: prev };
      sel = clickRow(sel, next, idAt(next) ?? "", { shift: true });
    }
    // keep the active row in view
    const top = next * ROW_H;
    if (top < grid.scrollTop + ROW_H) grid.scrollTop = Math.max(0, top - ROW_H);
    else if (top + ROW_H > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + 2 * ROW_H - grid.clientHeight;
    paint();
    request();
  });

  /** @param {string} id */
  const openCard = (id) => {
    channel.send("open", { value: { id } }, (r) => {
      if (!r.ok) bar.showError(r.error);
      else setText(live, `Opened ${id} below the table`);
    });
  };

  // ---- wiring ------------------------------------------------------------------------------
  on("change:columns", () => {
    renderHead();
    loadedVersion = -1;
    request();
  });
  on("change:sort", renderHead);
  on("change:version", () => {
    // row positions of a shift range belong to the old order: keep only the ids
    if (sel.ranges.length) sel = { ...sel, ranges: [], anchor: -1 };
    request();
  });
  on("change:total", () => {
    windowTotal = -1;
    setText(live, `${total()} ${noun}s`);
    paint();
    request();
  });
  on("change:read_only", () => {
    bulk.update();
    paint();
  });

  el.append(root);
  renderHead();
  const initial = model.get("initial");
  if (initial && initial.version === Number(model.get("version"))) accept(initial);
  paint();
  request();

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const td of /** @type {NodeListOf<HTMLElement>} */ (rowsEl.querySelectorAll("[data-ping]"))) {
      const t = parseTime(td.dataset.ping);
      setText(td, Number.isNaN(t) ? "never" : formatAgo(now - t));
    }
  }, TICK_MS);
  const refresher = setInterval(() => {
    loadedVersion = -1;
    request();
  }, REFRESH_MS);

  return () => {
    clearInterval(ticker);
    clearInterval(refresher);
    for (const [ev, cb] of subs) model.off(ev, cb);
    model.off("msg:custom", onMessage);
    channel.close();
    bar.close();
    root.remove();
  };
}

/** @param {Column} c */
function widthOf(c) {
  if (c.key === "sys/id") return "8rem";
  if (c.key === "sys/name") return "minmax(8rem, 1.5fr)";
  if (c.type === "StringSet" || c.type === "string_set") return "minmax(8rem, 2fr)";
  if (c.type === "RunState") return "7rem";
  if (c.type === "Datetime" || c.key === "sys/running_time") return "minmax(7rem, 1fr)";
  return "minmax(5rem, 1fr)";
}
