// Bulk actions on the selection: tags and group tags, stop, abort and trash (each with a
// confirmation), or a stage for model versions. The kernel validates every object and
// answers {applied, rejected_count, rejected: [{id, message}]}: the report lists the
// rejected rows, the others were applied.

import { STAGES } from "../contract.js";
import { h, setText, show } from "../dom.js";

/** @typedef {import("../contract.js").BulkAction} BulkAction */

/** @type {Record<BulkAction, string>} a verb for each action the kernel offers */
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

/** @typedef {import("../channel.js").Reply} Reply */
/** @typedef {{applied?: number, rejected_count?: number, rejected?: Array<{id: string, message: string}>}} BulkResult */
/**
 * @typedef {object} BulkOpts
 * @property {string} kind
 * @property {string} noun
 * @property {import("./context.js").Send} send
 * @property {() => boolean} readOnly
 * @property {() => number} count
 * @property {() => ReturnType<typeof import("./selection.js").target>} target
 * @property {() => void} selectAllMatching
 * @property {() => void} clear
 */

/** @param {BulkOpts} opts */
export function bulkBar(opts) {
  const label = h("span", { class: "nsw-selcount" });
  const allBtn = h("button", { type: "button", class: "nsw-btn nsw-link", onclick: opts.selectAllMatching }, "Select all matching");
  const clearBtn = h("button", { type: "button", class: "nsw-btn nsw-link", onclick: opts.clear }, "Clear selection");
  const status = h("div", { class: "nsw-bulk-status", role: "status" });
  const rejected = h("ul", { class: "nsw-rejected" });
  const details = h("details", { class: "nsw-rejected-wrap", hidden: true }, h("summary", null, "Rejected rows"), rejected);
  const report = reporter(opts.noun, status, rejected, details);
  /** @param {BulkAction} action @param {unknown} [value] */
  const run = (action, value) => {
    setText(status, "working…");
    opts.send("bulk", { action, value, ...opts.target() }, (r) => report(r, action));
  };
  const actionsEl = h("span", { class: "nsw-bulk-actions", role: "group", "aria-label": "Bulk actions" }, ...actionControls(opts, run, status));
  const el = h("div", { class: "nsw-bulk" }, label, allBtn, clearBtn, actionsEl, status, details);
  const update = () => {
    const n = opts.count();
    setText(label, n ? `${n.toLocaleString("en-US")} selected` : "Nothing selected");
    show(clearBtn, n > 0);
    show(actionsEl, n > 0 && !opts.readOnly());
  };
  update();
  return { el, update, report };
}

/**
 * The report of a bulk reply: a count in `status`, the rejected rows in `details`.
 * @param {string} noun @param {HTMLElement} status @param {HTMLElement} rejected @param {HTMLDetailsElement} details
 */
function reporter(noun, status, rejected, details) {
  /** @param {Reply} r @param {BulkAction} action */
  return (r, action) => {
    if (!r.ok) {
      setText(status, r.error?.message || "Rejected.");
      status.classList.add("nsw-error-text");
      show(details, false);
      return;
    }
    status.classList.remove("nsw-error-text");
    const res = /** @type {BulkResult} */ (r.result ?? {});
    const n = Number(res.applied) || 0;
    const bad = Number(res.rejected_count) || 0;
    setText(status, `${VERBS[action]} ${n} ${noun}${n === 1 ? "" : "s"}${bad ? `; ${bad} rejected` : ""}.`);
    rejected.replaceChildren(
      ...(Array.isArray(res.rejected) ? res.rejected : []).map((x) =>
        h("li", null, h("span", { class: "nsw-id" }, String(x.id)), ` ${String(x.message)}`),
      ),
    );
    show(details, bad > 0);
    details.open = bad > 0 && bad <= 20;
  };
}

/**
 * The action controls of the table's kind.
 * @param {BulkOpts} opts @param {(action: BulkAction, value?: unknown) => void} run @param {HTMLElement} status
 * @returns {Node[]}
 */
function actionControls(opts, run, status) {
  const tag = h("input", { type: "text", "aria-label": "Tag for the selected rows", placeholder: "tag" });
  const tagAction = (/** @type {BulkAction} */ action) => () => {
    const v = tag.value.trim();
    if (!v) {
      tag.focus();
      setText(status, "Type a tag first.");
      return;
    }
    run(action, [v]);
  };
  const btn = (/** @type {string} */ text, /** @type {() => void} */ onclick) => h("button", { type: "button", class: "nsw-btn", onclick }, text);
  const tagButtons = [tag, btn("Add tag", tagAction("add_tags")), btn("Remove tag", tagAction("remove_tags"))];
  if (opts.kind === "run") {
    return [
      ...tagButtons,
      btn("Add group tag", tagAction("add_group_tags")),
      btn("Remove group tag", tagAction("remove_group_tags")),
      btn("Stop", () => run("stop")),
      confirmed("Abort", "Abort {n} runs? They will be marked failed.", opts.count, () => run("abort")),
      confirmed("Trash", "Move {n} runs to the trash?", opts.count, () => run("trash")),
    ];
  }
  const stage = h("select", { "aria-label": "Stage for the selected versions" }, ...STAGES.map((s) => h("option", { value: s }, s)));
  return [
    stage,
    btn("Set stage", () => run("change_stage", stage.value)),
    ...tagButtons,
    confirmed("Trash", "Move {n} model versions to the trash?", opts.count, () => run("trash")),
  ];
}

/**
 * A button whose action needs a "Yes" first (abort, trash).
 * @param {string} text @param {string} question "{n}" is the selected count @param {() => number} count @param {() => void} act
 */
function confirmed(text, question, count, act) {
  const btn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, text);
  const yes = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, `Yes, ${text.toLowerCase()}`);
  const no = h("button", { type: "button", class: "nsw-btn" }, "Cancel");
  const prompt = h("span", null, "");
  const box = h("span", { class: "nsw-confirm", role: "group", hidden: true }, prompt, yes, no);
  const set = (/** @type {boolean} */ on) => {
    show(box, on);
    show(btn, !on);
  };
  const back = () => {
    set(false);
    btn.focus();
  };
  btn.addEventListener("click", () => {
    setText(prompt, question.replace("{n}", String(count())));
    set(true);
    no.focus();
  });
  yes.addEventListener("click", () => {
    back();
    act();
  });
  no.addEventListener("click", back);
  box.addEventListener("keydown", (e) => {
    if (/** @type {KeyboardEvent} */ (e).key === "Escape") back();
  });
  return h("span", { class: "nsw-confirmable" }, btn, box);
}
