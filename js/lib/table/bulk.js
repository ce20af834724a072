// Bulk actions on the selection: tags and group tags, stop, abort and trash (each with a
// confirmation), or a stage for model versions. The kernel validates every object and
// answers {applied, rejected_count, rejected: [{id, message}]}: the report lists the
// rejected rows, the others were applied.

import { STAGES } from "../contract.js";
import { h, setText, show } from "../dom.js";

/** @type {Record<string, string>} */
const VERBS = {
  add_tags: "Tagged",
  remove_tags: "Untagged",
  add_group_tags: "Group-tagged",
  remove_group_tags: "Group-untagged",
  stop: "Asked to stop",
  abort: "Asked to abort",
  trash: "Trashed",
  change_stage: "Changed the stage of",
};

/**
 * @param {{kind: string, noun: string, channel: import("../channel.js").Channel, readOnly: () => boolean, count: () => number, target: () => Record<string, any>, selectAllMatching: () => void, clear: () => void}} opts
 */
export function bulkBar({ kind, noun, channel, readOnly, count, target, selectAllMatching, clear }) {
  const label = h("span", { class: "nsw-selcount" });
  const allBtn = h("button", { type: "button", class: "nsw-btn nsw-link", onclick: selectAllMatching }, "Select all matching");
  const clearBtn = h("button", { type: "button", class: "nsw-btn nsw-link", onclick: clear }, "Clear selection");
  const tag = h("input", { type: "text", "aria-label": "Tag for the selected rows", placeholder: "tag" });
  const status = h("div", { class: "nsw-bulk-status", role: "status" });
  const rejected = h("ul", { class: "nsw-rejected" });
  const details = h("details", { class: "nsw-rejected-wrap", hidden: true }, h("summary", null, "Rejected rows"), rejected);

  /** @param {import("../channel.js").Reply & {result?: any}} r @param {string} action */
  const report = (r, action) => {
    if (!r.ok) {
      setText(status, r.error?.message || "Rejected.");
      status.classList.add("nsw-error-text");
      show(details, false);
      return;
    }
    status.classList.remove("nsw-error-text");
    const res = r.result ?? {};
    const n = Number(res.applied) || 0;
    const bad = Number(res.rejected_count) || 0;
    setText(status, `${VERBS[action] ?? action} ${n} ${noun}${n === 1 ? "" : "s"}${bad ? `; ${bad} rejected` : ""}.`);
    rejected.replaceChildren(
      ...(Array.isArray(res.rejected) ? res.rejected : []).map((/** @type {any} */ x) =>
        h("li", null, h("span", { class: "nsw-id" }, String(x.id)), ` ${String(x.message)}`),
      ),
    );
    show(details, bad > 0);
    details.open = bad > 0 && bad <= 20;
  };

  /** @param {string} action @param {unknown} [value] */
  const run = (action, value) => {
    const what = target();
    setText(status, "working…");
    channel.send("bulk", { value: { action, value, ...what } }, (r) => report(r, action));
  };
  const tagAction = (/** @type {string} */ action) => () => {
    const v = tag.value.trim();
    if (!v) {
      tag.focus();
      setText(status, "Type a tag first.");
      return;
    }
    run(action, [v]);
  };

  /** A button whose action needs a "Yes" first (abort, trash). @param {string} text @param {string} action @param {string} question */
  const confirmed = (text, action, question) => {
    const btn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, text);
    const yes = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, `Yes, ${text.toLowerCase()}`);
    const no = h("button", { type: "button", class: "nsw-btn" }, "Cancel");
    const prompt = h("span", null, "");
    const box = h("span", { class: "nsw-confirm", role: "group", hidden: true }, prompt, yes, no);
    const set = (/** @type {boolean} */ on) => {
      show(box, on);
      show(btn, !on);
    };
    btn.addEventListener("click", () => {
      setText(prompt, question.replace("{n}", String(count())));
      set(true);
      no.focus();
    });
    yes.addEventListener("click", () => {
      set(false);
      btn.focus();
      run(action);
    });
    no.addEventListener("click", () => {
      set(false);
      btn.focus();
    });
    box.addEventListener("keydown", (e) => {
      if (/** @type {KeyboardEvent} */ (e).key === "Escape") {
        set(false);
        btn.focus();
      }
    });
    return h("span", { class: "nsw-confirmable" }, btn, box);
  };

  /** @type {Node[]} */
  const actions = [];
  if (kind === "run") {
    actions.push(
      tag,
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("add_tags") }, "Add tag"),
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("remove_tags") }, "Remove tag"),
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("add_group_tags") }, "Add group tag"),
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("remove_group_tags") }, "Remove group tag"),
      h("button", { type: "button", class: "nsw-btn", onclick: () => run("stop") }, "Stop"),
      confirmed("Abort", "abort", "Abort {n} runs? They will be marked failed."),
      confirmed("Trash", "trash", "Move {n} runs to the trash?"),
    );
  } else {
    const stage = h("select", { "aria-label": "Stage for the selected versions" }, ...STAGES.map((s) => h("option", { value: s }, s)));
    actions.push(
      stage,
      h("button", { type: "button", class: "nsw-btn", onclick: () => run("change_stage", stage.value) }, "Set stage"),
      tag,
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("add_tags") }, "Add tag"),
      h("button", { type: "button", class: "nsw-btn", onclick: tagAction("remove_tags") }, "Remove tag"),
      confirmed("Trash", "trash", "Move {n} model versions to the trash?"),
    );
  }
  const actionsEl = h("span", { class: "nsw-bulk-actions", role: "group", "aria-label": "Bulk actions" }, ...actions);
  const el = h("div", { class: "nsw-bulk" }, label, allBtn, clearBtn, actionsEl, status, details);

  const update = () => {
    const n = count();
    setText(label, n ? `${n.toLocaleString("en-US")} selected` : "Nothing selected");
    show(clearBtn, n > 0);
    show(actionsEl, n > 0 && !readOnly());
  };
  update();
  return { el, update, report };
}
