// Card section: The model's versions, live, each with its stage control (kind "model").
import { stageControl } from "../controls.js";
import { h, setText, show } from "../dom.js";
import { formatTimestamp } from "../format.js";
import { badge, STATE_LOOK } from "./section.js";

/**
 * The model's versions, live, each with its stage control (kind "model").
 * @param {import("./section.js").Section} s
 */
export function versions(s) {
  const { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks } = s;
  // ---- versions (models) ----------------------------------------------------------------
  if (kind === "model") {
    const versions = () => {
      const v = get("versions");
      return /** @type {import("../types.js").VersionInfo[]} */ (
        Array.isArray(v) ? v.filter((x) => x && x.id != null) : []
      );
    };
    /** @param {string} id */
    const versionOf = (id) => versions().find((v) => String(v.id) === id);
    const caption = h("caption", null, "Versions");
    const tbody = h("tbody");
    const table = h(
      "table",
      { class: "nsw-versions" },
      caption,
      h("thead", null, h("tr", null, ...["Version", "Name", "State", "Stage", "Created"].map((c) => h("th", { scope: "col" }, c)))),
      tbody,
    );
    const empty = h("p", { class: "nsw-muted" }, "No versions yet.");
    root.append(h("div", { class: "nsw-field-wide nsw-versions-wrap" }, table, empty));

    /** @typedef {{tr: HTMLTableRowElement, id: HTMLElement, name: HTMLElement, state: ReturnType<typeof badge>, created: HTMLTimeElement, stage: ReturnType<typeof stageControl>}} VRow */
    /** @type {Map<string, VRow>} */
    let rows = new Map();
    const renderVersions = () => {
      const list = versions();
      /** @type {Map<string, VRow>} */
      const next = new Map();
      list.forEach((v, i) => {
        const vid = String(v.id);
        let r = rows.get(vid);
        if (!r) {
          const stage = stageControl(ctx, {
            label: `Stage of ${vid}`,
            get: () => versionOf(vid)?.stage,
            target: vid,
            editable: () => !readOnly(),
          });
          const state = badge(undefined);
          r = {
            tr: h("tr"),
            id: h("th", { scope: "row", class: "nsw-id" }),
            name: h("td"),
            state,
            created: h("time"),
            stage,
          };
          r.tr.append(r.id, r.name, h("td", null, state.el), h("td", null, stage.el), h("td", null, r.created));
        }
        setText(r.id, vid);
        setText(r.name, v.name == null ? "" : String(v.name));
        const s = String(v.state ?? "");
        const [mod, icon, text] = STATE_LOOK[s] ?? ["unknown", "?", s || "unknown"];
        r.state.set(mod, icon, text);
        const iso = v.creation_time == null ? "" : String(v.creation_time);
        r.created.setAttribute("datetime", iso);
        setText(r.created, formatTimestamp(iso));
        r.stage.changed();
        if (tbody.children[i] !== r.tr) tbody.insertBefore(r.tr, tbody.children[i] ?? null);
        next.set(vid, r);
      });
      for (const [vid, r] of rows) if (!next.has(vid)) r.tr.remove();
      rows = next;
      setText(caption, `Versions (${list.length})`);
      show(table, list.length > 0);
      show(empty, list.length === 0);
    };
    renderVersions();
    on("change:versions", renderVersions);
    roHooks.push(() => rows.forEach((r) => r.stage.applyReadOnly()));
  }

}
