// Card section: The model's versions, live, each with its stage control (kind "model").
import { stageControl } from "../controls.js";
import { h, setText, show } from "../dom.js";
import { formatTimestamp } from "../format.js";
import { stateLook } from "../format.js";
import { badge } from "./section.js";

/** @typedef {import("./section.js").Section} Section */
/** @typedef {import("../types.js").VersionInfo} VersionInfo */
/** @typedef {{tr: HTMLTableRowElement, id: HTMLElement, name: HTMLElement, state: ReturnType<typeof badge>, created: HTMLTimeElement, stage: ReturnType<typeof stageControl>}} VRow */

/**
 * The model's versions, live, each with its stage control (kind "model").
 * @param {Section} s
 */
export function versions(s) {
  if (s.kind !== "model") return;
  const caption = h("caption", null, "Versions");
  const tbody = h("tbody");
  const heads = ["Version", "Name", "State", "Stage", "Created"].map((c) => h("th", { scope: "col" }, c));
  const table = h("table", { class: "nsw-versions" }, caption, h("thead", null, h("tr", null, ...heads)), tbody);
  const empty = h("p", { class: "nsw-muted" }, "No versions yet.");
  s.root.append(h("div", { class: "nsw-field-wide nsw-versions-wrap" }, table, empty));
  /** @type {Map<string, VRow>} */
  let rows = new Map();
  const render = () => {
    const list = versionsOf(s);
    /** @type {Map<string, VRow>} */
    const next = new Map();
    list.forEach((v, i) => {
      const r = rows.get(String(v.id)) ?? newRow(s, String(v.id));
      fillRow(r, v);
      if (tbody.children[i] !== r.tr) tbody.insertBefore(r.tr, tbody.children[i] ?? null);
      next.set(String(v.id), r);
    });
    for (const [vid, r] of rows) if (!next.has(vid)) r.tr.remove();
    rows = next;
    setText(caption, `Versions (${list.length})`);
    show(table, list.length > 0);
    show(empty, list.length === 0);
  };
  render();
  s.on("change:versions", render);
  s.roHooks.push(() => rows.forEach((r) => r.stage.applyReadOnly()));
}

/** @param {Section} s @returns {VersionInfo[]} */
function versionsOf(s) {
  const v = s.get("versions");
  return Array.isArray(v) ? /** @type {VersionInfo[]} */ (v).filter((x) => x && x.id != null) : [];
}

/** @param {Section} s @param {string} vid @returns {VRow} */
function newRow(s, vid) {
  const stage = stageControl(s.ctx, {
    label: `Stage of ${vid}`,
    get: () => versionsOf(s).find((v) => String(v.id) === vid)?.stage,
    target: vid,
    editable: () => !s.readOnly(),
  });
  const state = badge(undefined);
  const r = { tr: h("tr"), id: h("th", { scope: "row", class: "nsw-id" }), name: h("td"), state, created: h("time"), stage };
  r.tr.append(r.id, r.name, h("td", null, state.el), h("td", null, stage.el), h("td", null, r.created));
  return r;
}

/** @param {VRow} r @param {VersionInfo} v */
function fillRow(r, v) {
  setText(r.id, String(v.id));
  setText(r.name, v.name == null ? "" : String(v.name));
  const [mod, icon, text] = stateLook(v.state);
  r.state.set(mod, icon, text);
  const iso = v.creation_time == null ? "" : String(v.creation_time);
  r.created.setAttribute("datetime", iso);
  setText(r.created, formatTimestamp(iso));
  r.stage.changed();
}
