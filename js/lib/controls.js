// Editable controls. Each one shows the trait value, sends an edit as a command, marks
// itself pending (aria-busy + a visible "saving…") until the kernel replies, shows a
// rejected edit's message inline (role="alert", linked with aria-describedby) and snaps
// back to the trait value. An accepted edit's value arrives as an ordinary trait change.

import { STAGES } from "./contract.js";
import { h, setText, show, uid } from "./dom.js";

/** @typedef {import("./contract.js").CardCommand} CardCommand */
/** @typedef {import("./contract.js").CardCommandArgs} CardCommandArgs */

/**
 * What the controls need from the view.
 * @typedef {object} Ctx
 * @property {import("./types.js").CardModel} model
 * @property {import("./channel.js").CardChannel} channel
 * @property {(trait: import("./contract.js").CardTrait) => boolean} canEdit  field listed, editable, and not read_only
 * @property {() => boolean} readOnly
 */

/**
 * Is an element focused (works inside a shadow root too)?
 * @param {Element} el
 */
function isFocused(el) {
  const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
  return root.activeElement === el;
}

/**
 * An inline error for a control: shown with role="alert" and linked to `describedEl` by
 * aria-describedby, with aria-invalid, until cleared.
 * @param {Element} describedEl
 */
function errorFor(describedEl) {
  const error = h("span", { class: "nsw-error", role: "alert", id: uid("nsw-err") });
  const clearError = () => {
    setText(error, "");
    error.removeAttribute("title");
    describedEl.removeAttribute("aria-invalid");
    describedEl.removeAttribute("aria-describedby");
  };
  /** @param {import("./channel.js").ReplyError | undefined} err */
  const showError = (err) => {
    setText(error, err?.message || err?.type || "The edit was rejected.");
    if (err?.type) error.setAttribute("title", err.type);
    describedEl.setAttribute("aria-invalid", "true");
    describedEl.setAttribute("aria-describedby", error.id);
  };
  return { error, showError, clearError };
}

/**
 * Pending/error bookkeeping shared by every control.
 * @param {Ctx} ctx
 * @param {Element} busyEl gets aria-busy while commands are in flight
 * @param {Element} describedEl gets aria-invalid + aria-describedby on an error
 * @param {(force: boolean) => void} sync re-read the trait into the control
 * @param {string} [savingText]
 */
export function createEditState(ctx, busyEl, describedEl, sync, savingText = "saving…") {
  const marker = h("span", { class: "nsw-saving", hidden: true }, savingText);
  const { error, showError, clearError } = errorFor(describedEl);
  let inflight = 0;
  let failed = false;
  let sawChange = false;

  return {
    /** Marker and error elements, to be placed next to the control. */
    nodes: [marker, error],
    get pending() {
      return inflight > 0;
    },
    clearError,
    /** Call on a trait change: re-sync now, or after the last pending reply. */
    changed() {
      if (inflight) sawChange = true;
      else sync(false);
    },
    /**
     * @template {CardCommand} C
     * @param {C} cmd
     * @param {CardCommandArgs[C]} args
     * @param {(reply: import("./channel.js").Reply) => void} [after] runs before the re-sync
     */
    send(cmd, args, after) {
      if (inflight === 0) {
        failed = false;
        sawChange = false;
      }
      inflight += 1;
      clearError();
      busyEl.setAttribute("aria-busy", "true");
      marker.hidden = false;
      ctx.channel.send(cmd, args, (reply) => {
        inflight -= 1;
        if (!reply.ok) {
          failed = true;
          showError(reply.error);
        }
        after?.(reply);
        if (inflight > 0) return;
        busyEl.removeAttribute("aria-busy");
        marker.hidden = true;
        if (failed) sync(true);
        else if (sawChange) sync(false);
        failed = false;
        sawChange = false;
      });
    },
  };
}

/**
 * A single-line input (commit on Enter or on blur when changed; Escape reverts) or a
 * textarea (commit on blur or Ctrl/Cmd+Enter; Escape reverts) sending `set`.
 * @param {Ctx} ctx
 * @param {{field: CardCommandArgs["set"]["field"], label: string, multiline?: boolean, className?: string, title?: string, placeholder?: string}} opts
 */
export function textControl(ctx, { field, label, multiline = false, className, title, placeholder }) {
  const { model } = ctx;
  const current = () => {
    const v = model.get(field);
    return v == null ? "" : String(v);
  };
  const control = multiline
    ? h("textarea", { class: className, rows: 2, "aria-label": label, title, placeholder })
    : h("input", {
        type: "text",
        class: className,
        "aria-label": label,
        title,
        autocomplete: "off",
        spellcheck: "false",
      });
  /** The value the control showed last without local typing: the trait, or what was sent. */
  let shown = current();
  control.value = shown;

  const edit = createEditState(ctx, control, control, (force) => {
    if (!force && control.value !== shown) return; // keep what the user is typing
    shown = current();
    control.value = shown;
  });

  const commit = () => {
    if (!ctx.canEdit(field)) return;
    const value = control.value;
    if (value === (edit.pending ? shown : current())) return;
    shown = value;
    edit.send("set", { field, value });
  };
  const revert = () => {
    if (!edit.pending) shown = current();
    control.value = shown;
    edit.clearError();
  };

  control.addEventListener("keydown", (e) => textKeys(/** @type {KeyboardEvent} */ (e), multiline, commit, revert));
  control.addEventListener("blur", commit);

  const applyReadOnly = () => {
    const ro = !ctx.canEdit(field);
    control.readOnly = ro;
    if (placeholder) control.placeholder = ro ? "" : placeholder;
    if (ro && !edit.pending) {
      shown = current();
      control.value = shown;
    }
  };
  applyReadOnly();

  const el = h("span", { class: "nsw-editable" }, control, ...edit.nodes);
  return { el, control, changed: edit.changed, applyReadOnly, get pending() { return edit.pending; } };
}

/**
 * Escape reverts; Enter commits a single line, Ctrl/Cmd+Enter a textarea.
 * @param {KeyboardEvent} ev @param {boolean} multiline @param {() => void} commit @param {() => void} revert
 */
function textKeys(ev, multiline, commit, revert) {
  if (ev.key === "Escape") {
    ev.preventDefault();
    revert();
  } else if (ev.key === "Enter" && !ev.isComposing && (!multiline || ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    commit();
  }
}

/**
 * A boolean switch (a native checkbox with role="switch") sending `set`.
 * @param {Ctx} ctx
 * @param {{field: CardCommandArgs["set"]["field"], label: string, title?: string}} opts
 */
export function toggleControl(ctx, { field, label, title }) {
  const { model } = ctx;
  const input = h("input", { type: "checkbox", role: "switch", "aria-label": label });
  input.checked = !!model.get(field);
  const edit = createEditState(ctx, input, input, () => {
    input.checked = !!model.get(field);
  });
  input.addEventListener("change", () => {
    if (!ctx.canEdit(field)) {
      input.checked = !!model.get(field);
      return;
    }
    edit.send("set", { field, value: input.checked });
  });
  const applyReadOnly = () => {
    input.disabled = !ctx.canEdit(field);
  };
  applyReadOnly();
  const el = h(
    "span",
    { class: "nsw-editable" },
    h("label", { class: "nsw-toggle", title }, input, h("span", null, label)),
    ...edit.nodes,
  );
  return { el, input, changed: edit.changed, applyReadOnly };
}

/**
 * A stage <select> sending `change_stage` (with `target` for a version in a model's list).
 * @param {Ctx} ctx
 * @param {{label: string, get: () => unknown, target?: string, editable: () => boolean, title?: string}} opts
 */
export function stageControl(ctx, { label, get, target, editable, title }) {
  const select = h(
    "select",
    { class: "nsw-stage", "aria-label": label, title },
    ...STAGES.map((s) => h("option", { value: s }, s)),
  );
  /** @returns {import("./contract.js").Stage} */
  const current = () => STAGES.find((s) => s === get()) ?? "none";
  select.value = current();
  const edit = createEditState(ctx, select, select, () => {
    select.value = current();
  });
  select.addEventListener("change", () => {
    if (!editable()) {
      select.value = current();
      return;
    }
    /** @type {CardCommandArgs["change_stage"]} */
    const args = { value: STAGES.find((s) => s === select.value) ?? "none" };
    if (target !== undefined) args.target = target;
    edit.send("change_stage", args);
  });
  const applyReadOnly = () => {
    select.disabled = !editable();
  };
  applyReadOnly();
  const el = h("span", { class: "nsw-editable" }, select, ...edit.nodes);
  return { el, select, changed: edit.changed, applyReadOnly };
}

