// Card section: The editable sections: stage, description, the failed toggle with its traceback, tags and group tags.
import { chipsControl } from "../chips.js";
import { stageControl, textControl, toggleControl } from "../controls.js";
import { h, setText, show, uid } from "../dom.js";

/**
 * The editable sections: stage, description, the failed toggle with its traceback, tags and group tags.
 * @param {import("./section.js").Section} s
 */
export function editable(s) {
  const { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks } = s;
  // ---- editable sections --------------------------------------------------------------
  if (has("stage")) {
    const stage = stageControl(ctx, {
      label: "Stage",
      get: () => get("stage"),
      editable: () => canEdit("stage"),
      title: tip("stage"),
    });
    on("change:stage", stage.changed);
    roHooks.push(stage.applyReadOnly);
    root.append(h("div", { class: "nsw-field" }, h("span", { class: "nsw-label", "aria-hidden": "true" }, "Stage"), stage.el));
  }
  if (has("description")) {
    const desc = textControl(ctx, {
      field: "description",
      label: "Description",
      multiline: true,
      className: "nsw-desc",
      title: tip("description"),
      placeholder: "Add a description (Ctrl+Enter or leave the field to save)",
    });
    const id = uid("nsw-desc");
    desc.control.id = id;
    on("change:description", desc.changed);
    roHooks.push(desc.applyReadOnly);
    root.append(h("div", { class: "nsw-field nsw-field-wide" }, h("label", { class: "nsw-label", for: id }, "Description"), desc.el));
  }
  if (has("failed")) {
    const failed = toggleControl(ctx, { field: "failed", label: "Failed", title: tip("failed") });
    on("change:failed", failed.changed);
    roHooks.push(failed.applyReadOnly);
    const tb = h("pre", { class: "nsw-traceback", "aria-label": "Traceback", tabindex: "0" });
    updaters.push(() => {
      const lines = get("traceback");
      const text = Array.isArray(lines) ? lines.map(String).join("\n") : "";
      setText(tb, text);
      show(tb, !!get("failed") && text.length > 0);
    });
    root.append(h("div", { class: "nsw-field nsw-field-wide" }, failed.el, tb));
  }
  for (const [field, nounText, label] of /** @type {Array<[import("../chips.js").Chips["field"], string, string]>} */ ([
    ["tags", "tag", "Tags"],
    ["group_tags", "group tag", "Group tags"],
  ])) {
    if (!has(field)) continue;
    const chips = chipsControl(ctx, { field, noun: nounText, label, title: tip(field) });
    on(`change:${field}`, chips.changed);
    roHooks.push(chips.applyReadOnly);
    root.append(chips.el);
  }

}
