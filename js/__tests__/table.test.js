// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import table from "../table.js";
import { BULK_ACTIONS, DEFAULT_COLUMNS, FIELDS_BY_KIND, TABLE_COMMANDS } from "../lib/contract.js";
import { clickRow, emptySelection, isSelected, selectAll, selectedCount, target } from "../lib/table/selection.js";
import { sparkPoints } from "../lib/table/sparkline.js";
import { createFakeModel } from "./fake-model.js";
import { button, byLabel, type } from "./helpers.js";

const T0 = "2026-11-23T10:00:00.000Z";

/** Columns as the kernel describes them, from the generated contract. @param {string} kind */
function columnsOf(kind) {
  const fields = new Map(FIELDS_BY_KIND[kind].map((f) => [f.path, f]));
  return DEFAULT_COLUMNS[kind].map((key) => ({
    key,
    label: key.slice(4),
    type: fields.get(key)?.type ?? "String",
    sortable: fields.get(key)?.type !== "StringSet",
  }));
}

/** @param {number} i */
const runRow = (i) => ({
  id: `CLS-${i + 1}`,
  "sys/id": `CLS-${i + 1}`,
  "sys/name": `run ${i}`,
  "sys/state": i === 0 ? "active" : "inactive",
  "sys/tags": ["a"],
  "sys/group_tags": [],
  "sys/owner": "alice",
  "sys/creation_time": T0,
  "sys/ping_time": T0,
  "sys/failed": i === 2,
  "sys/running_time": 65,
});

/**
 * A table model plus a fake kernel that answers `window` commands from `rows`.
 * @param {{kind?: string, total?: number, row?: (i: number) => any, extra?: Record<string, any>}} [opts]
 */
function mount({ kind = "run", total = 50, row = runRow, extra = {} } = {}) {
  const model = createFakeModel({
    kind,
    project: "ws/cls",
    read_only: false,
    columns: columnsOf(kind),
    available: [...columnsOf(kind), { key: "lr", label: "lr", type: "float", sortable: true }],
    sort: { by: "sys/creation_time", ascending: false },
    query: "",
    quick: {},
    query_error: null,
    total,
    version: 1,
    actions: BULK_ACTIONS[kind],
    stages: ["none", "staging", "production", "archived"],
    opened: null,
    ...extra,
  });
  /** @type {Record<string, (v: any) => any>} */
  const kernel = {
    window: ({ start, count }) => ({
      start,
      total: model.get("total"),
      version: model.get("version"),
      rows: Array.from({ length: Math.max(0, Math.min(count, model.get("total") - start)) }, (_, k) => row(start + k)),
    }),
  };
  const send = model.send;
  /** @type {any} */
  let auto = true;
  model.send = (/** @type {any} */ msg) => {
    send(msg);
    if (auto && msg.cmd === "window") {
      model.emit("msg:custom", { type: "reply", id: msg.id, ok: true, result: kernel.window(msg.value) });
    }
  };
  const el = document.createElement("div");
  document.body.append(el);
  const cleanup = table.render({ model, el });
  return {
    model,
    el,
    cleanup,
    setAuto: (/** @type {boolean} */ v) => {
      auto = v;
    },
    /** @param {number} id @param {any} result */
    answer(id, result, ok = true, error = undefined) {
      model.emit("msg:custom", ok ? { type: "reply", id, ok, result } : { type: "reply", id, ok, error });
    },
  };
}

/** @param {ParentNode} el */
const rowIds = (el) => [...el.querySelectorAll(".nsw-tr[data-id]")].map((r) => r.getAttribute("data-id"));

let mounted = /** @type {ReturnType<typeof mount>[]} */ ([]);
/** @param {Parameters<typeof mount>[0]} [opts] */
const render = (opts) => {
  const m = mount(opts);
  mounted.push(m);
  return m;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date", "requestAnimationFrame"] });
  vi.setSystemTime(new Date(Date.parse(T0) + 5000));
});
afterEach(() => {
  for (const m of mounted) m.cleanup();
  mounted = [];
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe("the contract", () => {
  it("names the table commands the grid sends", () => {
    expect(TABLE_COMMANDS).toEqual(expect.arrayContaining(["window", "filter", "sort", "columns", "bulk", "open"]));
    expect(BULK_ACTIONS.run).toContain("abort");
    expect(BULK_ACTIONS.model_version).toContain("change_stage");
  });
});

describe("runs table", () => {
  it("asks for the visible window and renders those rows as a grid", () => {
    const { el, model } = render();
    const win = model.last("window");
    expect(win.value.start).toBe(0);
    expect(win.value.count).toBeGreaterThan(10);
    const grid = el.querySelector('[role="grid"]');
    expect(grid?.getAttribute("aria-rowcount")).toBe("51");
    expect(rowIds(el).slice(0, 3)).toEqual(["CLS-1", "CLS-2", "CLS-3"]);
    const first = el.querySelector('.nsw-tr[data-id="CLS-1"]');
    expect(first?.textContent).toContain("Active");
    expect(first?.textContent).toContain("5 s ago");
    expect(first?.textContent).toContain("1 min 05 s");
    expect(el.querySelector('.nsw-tr[data-id="CLS-3"]')?.textContent).toContain("failed");
    expect(el.textContent).toContain("50 runs");
  });

  it("ticks ping ages in the browser without asking the kernel", () => {
    const { el, model } = render();
    const n = model.sent.length;
    vi.advanceTimersByTime(25_000);
    expect(el.querySelector('.nsw-tr[data-id="CLS-1"] [data-ping]')?.textContent).toBe("30 s ago");
    expect(model.sent.length).toBe(n);
  });

  it("sorts by a click anywhere on a header cell, or Enter / Space on it, and shows aria-sort", () => {
    const { el, model } = render();
    const header = (/** @type {string} */ label) =>
      /** @type {HTMLElement} */ ([...el.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent?.startsWith(label)));
    expect(header("creation_time").getAttribute("aria-sort")).toBe("descending");
    expect(header("name").getAttribute("tabindex")).toBe("0");
    header("name").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(model.last("sort").value).toEqual({ by: "sys/name", ascending: true });
    model.update({ sort: { by: "sys/name", ascending: true } });
    expect(header("name").getAttribute("aria-sort")).toBe("ascending");
    const n = model.sent.length;
    header("name").focus();
    header("name").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(model.last("sort").value).toEqual({ by: "sys/name", ascending: false });
    model.update({ sort: { by: "sys/name", ascending: false } });
    expect(header("name").getAttribute("aria-sort")).toBe("descending");
    expect(document.activeElement).toBe(header("name")); // focus survives the redraw
    header("owner").dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true }));
    expect(model.last("sort").value).toEqual({ by: "sys/owner", ascending: true });
    expect(model.sent.length).toBe(n + 2);
    // Space on a header does not toggle a row's selection
    expect(el.textContent).toContain("Nothing selected");
    // a control inside a header cell (a resize handle, a menu button) keeps its clicks and keys
    const handle = document.createElement("button");
    handle.className = "nsw-resize";
    header("owner").append(handle);
    handle.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    handle.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(model.sent.length).toBe(n + 2);
    // tag columns cannot be sorted by: not focusable, a click sends nothing
    const tags = header("tags");
    expect(tags.hasAttribute("tabindex")).toBe(false);
    tags.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(model.sent.length).toBe(n + 2);
  });

  it("compares the selected runs: the button is enabled by a selection and sends it", () => {
    const { el, model, answer } = render();
    const compare = /** @type {HTMLButtonElement} */ (button(el, "Compare"));
    expect(compare.disabled).toBe(true);
    const rowEl = (/** @type {string} */ id) => /** @type {HTMLElement} */ (el.querySelector(`.nsw-tr[data-id="${id}"] [data-key="sys/name"]`));
    rowEl("CLS-2").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    rowEl("CLS-4").dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));
    expect(compare.disabled).toBe(false);
    compare.click();
    const cmd = model.last("compare");
    expect(cmd.value).toEqual({ ids: ["CLS-2", "CLS-4"] });
    answer(cmd.id, { ids: ["CLS-2", "CLS-4"] });
    expect(el.querySelector(".nsw-compare-status")?.textContent).toBe("Comparing 2 runs below the table");
    compare.click();
    answer(model.last("compare").id, null, false, { type: "NeptuneUnsupportedFunctionalityException", message: "no chart <b>here</b>" });
    const status = /** @type {HTMLElement} */ (el.querySelector(".nsw-compare-status"));
    expect(status.textContent).toBe("no chart <b>here</b>"); // as text, never HTML
    expect(status.querySelector("b")).toBeNull();
    el.querySelector(".nsw-grid")?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(compare.disabled).toBe(true);
  });

  it("has no Compare button on a model versions table", () => {
    const { el } = render({ kind: "model_version", row: (i) => ({ id: `CLS-M-${i + 1}`, "sys/id": `CLS-M-${i + 1}` }) });
    expect([...el.querySelectorAll("button")].some((b) => b.textContent === "Compare")).toBe(false);
  });

  it("draws a sparkline column as an inline SVG with the last value in its aria-label", () => {
    const spark = { key: "spark:train/loss", label: "train/loss (trend)", type: "sparkline", sortable: false, path: "train/loss" };
    const row = (/** @type {number} */ i) => ({
      ...runRow(i),
      "spark:train/loss": i === 1 ? null : { x: [0, 5, 10], y: [3, i === 2 ? null : 2, 1 + i], last: 1 + i, step: 10 },
    });
    const { el, model } = render({ row, extra: { columns: [...columnsOf("run"), spark] } });
    const cell = (/** @type {string} */ id) => /** @type {HTMLElement} */ (el.querySelector(`.nsw-tr[data-id="${id}"] [data-key="spark:train/loss"]`));
    const svg = cell("CLS-1").querySelector("svg");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.getAttribute("aria-label")).toBe("train/loss: last 1 at step 10");
    expect(svg?.querySelector("polyline")?.getAttribute("points")).toBe("0.0,1.0 50.0,9.0 100.0,17.0");
    expect(cell("CLS-2").childElementCount).toBe(0); // no point of the series: empty
    expect(sparkPoints({ x: [3], y: [0.5], last: 0.5, step: 3 })).toBe("49,9 51,9"); // one point: a dot
    expect(cell("CLS-3").querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(2); // a gap
    // a live row patch (the series grew) redraws it
    model.emit("msg:custom", { type: "rows", version: 1, rows: [{ ...row(0), "spark:train/loss": { x: [0, 10, 20], y: [3, 2, 0.5], last: 0.5, step: 20 } }] });
    expect(cell("CLS-1").querySelector("svg")?.getAttribute("aria-label")).toBe("train/loss: last 0.5 at step 20");
    // the column chooser never sends a sparkline column as a column
    button(el, "Columns").click();
    /** @type {HTMLInputElement} */ (byLabel(el, "Find a column")).value = "lr";
    byLabel(el, "Find a column").dispatchEvent(new Event("input"));
    /** @type {HTMLInputElement} */ (el.querySelector(".nsw-colopt input")).click();
    expect(model.last("columns").value.columns).not.toContain("spark:train/loss");
  });

  it("shows an invalid query's error inline and keeps the rows", () => {
    const { el, model, answer } = render();
    const before = rowIds(el);
    const box = byLabel(el, "Filter (NQL query)");
    type(box, "lr:float >");
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    const cmd = model.last("filter");
    expect(cmd.value.query).toBe("lr:float >");
    answer(cmd.id, null, false, { type: "NeptuneInvalidQueryException", message: "lr:float >\n          ^ a value is expected" });
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain("a value is expected");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(rowIds(el)).toEqual(before);
    // a good query clears it
    type(box, "lr:float > 1");
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    answer(model.last("filter").id, { total: 3, version: 2 });
    expect(/** @type {HTMLElement} */ (alert).hidden).toBe(true);
  });

  it("ignores a superseded filter's reply and clears a stale error on a new one", () => {
    const { el, model, answer } = render();
    const box = byLabel(el, "Filter (NQL query)");
    const alert = /** @type {HTMLElement} */ (el.querySelector('[role="alert"]'));
    const enter = () => box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    type(box, "lr:float >");
    enter();
    answer(model.last("filter").id, null, false, { type: "NeptuneInvalidQueryException", message: "a value is expected" });
    expect(alert.hidden).toBe(false);
    type(box, "lr:float > 0.");
    enter();
    const prefix = model.last("filter").id;
    expect(alert.hidden).toBe(true); // the old error does not sit over the coming rows
    type(box, "lr:float > 0.5");
    enter();
    const whole = model.last("filter").id;
    answer(prefix, null, false, { type: "NeptuneInvalidQueryException", message: "stale" });
    expect(alert.hidden).toBe(true);
    expect(box.getAttribute("aria-busy")).toBe("true");
    answer(whole, { total: 3, version: 2 });
    expect(alert.hidden).toBe(true);
    expect(box.hasAttribute("aria-busy")).toBe(false);
  });

  it("sends quick filters with the query", () => {
    const { el, model } = render();
    const state = byLabel(el, "State filter");
    state.value = "active";
    state.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last("filter").value).toEqual({ query: "", quick: { state: "active" } });
    const failed = byLabel(el, "Failed filter");
    failed.value = "yes";
    failed.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last("filter").value.quick).toEqual({ state: "active", failed: true });
  });

  it("asks for the window at a scroll position, not for every row", () => {
    const { el, model } = render({ total: 100_000 });
    const grid = /** @type {HTMLElement} */ (el.querySelector(".nsw-grid"));
    grid.scrollTop = 28 * 50_000;
    grid.dispatchEvent(new Event("scroll"));
    vi.advanceTimersToNextFrame();
    const win = model.last("window");
    expect(win.value.start).toBe(50_000 - 20);
    expect(win.value.count).toBeLessThanOrEqual(500);
    expect(rowIds(el)).toContain("CLS-50001");
    expect(el.querySelectorAll(".nsw-tr").length).toBeLessThan(60);
  });

  it("selects with click, shift-click, ctrl-click and keyboard, and tags the selection", () => {
    const { el, model, answer } = render();
    const rowEl = (/** @type {string} */ id) => /** @type {HTMLElement} */ (el.querySelector(`.nsw-tr[data-id="${id}"] .nsw-td:not(.nsw-td-check)`));
    rowEl("CLS-2").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    rowEl("CLS-5").dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));
    rowEl("CLS-8").dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));
    expect(el.textContent).toContain("5 selected");
    expect(el.querySelector('.nsw-tr[data-id="CLS-4"]')?.getAttribute("aria-selected")).toBe("true");
    const grid = /** @type {HTMLElement} */ (el.querySelector(".nsw-grid"));
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true }));
    expect(el.textContent).toContain("6 selected");

    type(byLabel(el, "Tag for the selected rows"), "triaged");
    button(el, "Add tag").click();
    const cmd = model.last("bulk");
    expect(cmd.value.action).toBe("add_tags");
    expect(cmd.value.value).toEqual(["triaged"]);
    expect(cmd.value.ids.sort()).toEqual(["CLS-8", "CLS-9"]);
    expect(cmd.value.ranges).toEqual([[1, 4]]); // CLS-2 .. CLS-5, by position
    expect(cmd.value.version).toBe(1);
    answer(cmd.id, { applied: 5, rejected_count: 1, rejected: [{ id: "CLS-9", message: "CLS-9: <b>read-only</b>" }] });
    expect(el.querySelector(".nsw-bulk-status")?.textContent).toBe("Tagged 5 runs; 1 rejected.");
    expect(el.querySelector(".nsw-rejected")?.textContent).toContain("<b>read-only</b>"); // as text
    expect(el.querySelector(".nsw-rejected b")).toBeNull();
  });

  it("selects all matching rows, loaded or not", () => {
    const { el, model } = render({ total: 100_000 });
    el.querySelector(".nsw-grid")?.dispatchEvent(new KeyboardEvent("keydown", { key: "a", ctrlKey: true, bubbles: true }));
    expect(el.textContent).toContain("100,000 selected");
    button(el, "Stop").click();
    expect(model.last("bulk").value).toEqual({ action: "stop", value: undefined, all: true });
  });

  it("asks before aborting", () => {
    const { el, model } = render();
    el.querySelector('.nsw-tr[data-id="CLS-1"] .nsw-td:not(.nsw-td-check)')?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    button(el, "Abort").click();
    expect(model.last("bulk")).toBeUndefined();
    expect(el.textContent).toContain("Abort 1 runs? They will be marked failed.");
    button(el, "Yes, abort").click();
    expect(model.last("bulk").value).toEqual({ action: "abort", value: undefined, ids: ["CLS-1"] });
  });

  it("applies live row patches and new windows from the kernel", () => {
    const { el, model } = render();
    model.emit("msg:custom", { type: "rows", version: 1, rows: [{ ...runRow(1), "sys/state": "active", "sys/tags": ["new"] }] });
    const r = el.querySelector('.nsw-tr[data-id="CLS-2"]');
    expect(r?.textContent).toContain("Active");
    expect(r?.textContent).toContain("new");
    model.update({ total: 51, version: 2 });
    model.emit("msg:custom", { type: "window", start: 0, total: 51, version: 2, rows: [{ ...runRow(0), id: "CLS-51", "sys/id": "CLS-51" }] });
    expect(rowIds(el)[0]).toBe("CLS-51");
  });

  it("renders user text as text", () => {
    const xss = "<img src=x onerror=window.__pwned=1>";
    const { el } = render({ row: (i) => ({ ...runRow(i), "sys/name": xss, "sys/tags": [xss] }) });
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector(".nsw-tr")?.textContent).toContain(xss);
  });

  it("opens a row's card with its id button or Enter", () => {
    const { el, model } = render();
    /** @type {HTMLElement} */ (el.querySelector('.nsw-tr[data-id="CLS-3"] .nsw-open')).click();
    expect(model.last("open").value).toEqual({ id: "CLS-3" });
    const grid = /** @type {HTMLElement} */ (el.querySelector(".nsw-grid"));
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(model.last("open").value.id).toBe("CLS-3");
  });

  it("offers every available column in the chooser", () => {
    const { el, model } = render();
    button(el, "Columns").click();
    const lr = [...el.querySelectorAll(".nsw-colopt")].find((l) => l.textContent?.includes("lr"));
    const box = /** @type {HTMLInputElement} */ (lr?.querySelector("input"));
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last("columns").value.columns).toContain("lr");
  });

  it("hides bulk actions in a read-only table and cleans up", () => {
    const { el, model, cleanup } = render({ extra: { read_only: true } });
    el.querySelector('.nsw-tr[data-id="CLS-1"] .nsw-td:not(.nsw-td-check)')?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(/** @type {HTMLElement} */ (el.querySelector(".nsw-bulk-actions")).hidden).toBe(true);
    cleanup();
    mounted = mounted.filter((m) => m.model !== model);
    expect(model.listenerCount()).toBe(0);
    expect(el.children).toHaveLength(0);
  });
});

describe("model versions table", () => {
  /** @param {number} i */
  const versionRow = (i) => ({
    id: `CLS-MOD-${i + 1}`,
    "sys/id": `CLS-MOD-${i + 1}`,
    "sys/model_id": "CLS-MOD",
    "sys/name": `v${i + 1}`,
    "sys/stage": i === 0 ? "production" : "none",
    "sys/state": "inactive",
    "sys/tags": [],
    "sys/owner": "alice",
    "sys/creation_time": T0,
    "sys/modification_time": T0,
  });

  it("edits a stage inline and in bulk", () => {
    const { el, model } = render({ kind: "model_version", total: 3, row: versionRow });
    const stage = byLabel(el, "Stage of CLS-MOD-2");
    expect(stage.value).toBe("none");
    stage.value = "staging";
    stage.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last("bulk").value).toEqual({ action: "change_stage", value: "staging", ids: ["CLS-MOD-2"] });
    el.querySelector(".nsw-grid")?.dispatchEvent(new KeyboardEvent("keydown", { key: "a", ctrlKey: true, bubbles: true }));
    const bulkStage = byLabel(el, "Stage for the selected versions");
    bulkStage.value = "archived";
    button(el, "Set stage").click();
    expect(model.last("bulk").value).toEqual({ action: "change_stage", value: "archived", all: true });
    const filter = byLabel(el, "Stage filter");
    filter.value = "production";
    filter.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last("filter").value.quick).toEqual({ stage: "production" });
  });
});

describe("selection model", () => {
  const ids = (/** @type {number} */ i) => `R-${i}`;
  it("extends ranges from the anchor (by position, loaded or not) and toggles", () => {
    let s = clickRow(emptySelection(), 3, "R-3", {});
    s = clickRow(s, 60_000, "R-60000", { shift: true });
    expect(selectedCount(s, 100_000)).toBe(59_998);
    expect(isSelected(s, ids(500), 500)).toBe(true);
    s = clickRow(s, 4, "R-4", { toggle: true });
    expect(isSelected(s, ids(4), 4)).toBe(false);
    expect(target(s, 7)).toEqual({ ids: [], ranges: [[3, 3], [5, 60_000]], version: 7 });
    expect(target(selectAll(), 7)).toEqual({ all: true });
  });
});
