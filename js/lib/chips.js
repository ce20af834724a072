// Tags as chips: typing + Enter adds, each chip's button removes, Backspace in the empty
// input removes the last chip. Commands are set operations (`add` / `remove` one string);
// a tag being added shows as a ghost chip, one being removed as leaving, until the reply.

import { createEditState } from "./controls.js";
import { h, show, uid } from "./dom.js";

/**
 * @typedef {object} Chips
 * @property {import("./controls.js").Ctx} ctx
 * @property {import("./contract.js").CardCommandArgs["add"]["field"]} field
 * @property {string} noun
 * @property {HTMLUListElement} list
 * @property {HTMLInputElement} input
 * @property {Map<string, number>} adding tags with an add in flight (counted: one tag can be queued twice)
 * @property {Map<string, number>} removing tags with a remove in flight
 * @property {Map<string, {li: HTMLLIElement, sig: string}>} chips the chips shown, by tag
 * @property {ReturnType<typeof createEditState>} edit
 */

/**
 * @param {import("./controls.js").Ctx} ctx
 * @param {{field: Chips["field"], noun: string, label: string, title?: string}} opts
 *   noun: "tag" or "group tag"; label: the group's visible label ("Tags")
 */
export function chipsControl(ctx, { field, noun, label, title }) {
  const labelId = uid("nsw-lbl");
  const list = h("ul", { class: "nsw-chips" });
  const input = h("input", {
    type: "text",
    class: "nsw-chip-input",
    "aria-label": `Add ${noun}`,
    placeholder: `add ${noun}…`,
    autocomplete: "off",
    spellcheck: "false",
  });
  const group = h("div", { class: "nsw-chipfield", role: "group", "aria-labelledby": labelId });
  const render = () => renderChips(c);
  const edit = createEditState(ctx, group, input, render);
  /** @type {Chips} */
  const c = { ctx, field, noun, list, input, adding: new Map(), removing: new Map(), chips: new Map(), edit };
  input.addEventListener("keydown", (e) => chipKeys(c, /** @type {KeyboardEvent} */ (e)));
  group.append(list, input, ...edit.nodes);
  const el = h("div", { class: "nsw-field", title }, h("span", { class: "nsw-label", id: labelId }, label), group);
  render();
  return { el, input, list, changed: render, applyReadOnly: render };
}

/** @param {Chips} c */
function tagsOf(c) {
  const v = c.ctx.model.get(c.field);
  return Array.isArray(v) ? v.map(String) : [];
}

/** @param {Map<string, number>} m @param {string} k @param {number} d */
function bump(m, k, d) {
  const n = (m.get(k) ?? 0) + d;
  if (n > 0) m.set(k, n);
  else m.delete(k);
}

/** @param {Chips} c @param {string} tag @param {boolean} editable @param {boolean} ghost @param {boolean} leaving */
function buildChip(c, tag, editable, ghost, leaving) {
  const li = h("li", {
    class: `nsw-chip${ghost ? " nsw-chip-adding" : ""}${leaving ? " nsw-chip-removing" : ""}`,
    "aria-busy": ghost || leaving ? "true" : null,
  });
  li.append(h("span", { class: "nsw-chip-text" }, tag));
  if (!editable || ghost) return li;
  const onclick = () => {
    if (c.input.isConnected && !c.input.hidden) c.input.focus();
    removeTag(c, tag);
  };
  const attrs = { type: "button", class: "nsw-chip-remove", "aria-label": `Remove ${c.noun} ${tag}`, title: `Remove ${c.noun}`, disabled: leaving, onclick };
  li.append(h("button", attrs, "×"));
  return li;
}

/** Bring the chips in line with the trait and the edits in flight, reusing unchanged ones. @param {Chips} c */
function renderChips(c) {
  const editable = c.ctx.canEdit(c.field);
  const present = tagsOf(c);
  const presentSet = new Set(present);
  const wanted = [...present, ...[...c.adding.keys()].filter((t) => !presentSet.has(t))];
  /** @type {Chips["chips"]} */
  const next = new Map();
  for (const tag of wanted) {
    const ghost = !presentSet.has(tag);
    const leaving = c.removing.has(tag);
    const sig = `${editable}|${ghost}|${leaving}`;
    const old = c.chips.get(tag);
    if (old && old.sig === sig) next.set(tag, old);
    else {
      const li = buildChip(c, tag, editable, ghost, leaving);
      if (old) old.li.replaceWith(li);
      next.set(tag, { li, sig });
    }
  }
  for (const [tag, { li }] of c.chips) if (!next.has(tag)) li.remove();
  wanted.forEach((tag, i) => {
    const li = /** @type {{li: HTMLLIElement}} */ (next.get(tag)).li;
    if (c.list.children[i] !== li) c.list.insertBefore(li, c.list.children[i] ?? null);
  });
  c.chips = next;
  show(c.input, editable);
  c.list.classList.toggle("nsw-empty", wanted.length === 0);
}

/** @param {Chips} c @param {string} raw */
function addTag(c, raw) {
  const tag = raw.trim();
  if (!tag || !c.ctx.canEdit(c.field)) return;
  c.input.value = "";
  if ((tagsOf(c).includes(tag) && !c.removing.has(tag)) || c.adding.has(tag)) return;
  bump(c.adding, tag, 1);
  c.edit.send("add", { field: c.field, value: tag }, (reply) => {
    bump(c.adding, tag, -1);
    if (!reply.ok && c.input.value === "") c.input.value = tag; // let the user fix it
    renderChips(c);
  });
  renderChips(c);
}

/** @param {Chips} c @param {string} tag */
function removeTag(c, tag) {
  if (!c.ctx.canEdit(c.field) || c.removing.has(tag)) return;
  bump(c.removing, tag, 1);
  c.edit.send("remove", { field: c.field, value: tag }, () => {
    bump(c.removing, tag, -1);
    renderChips(c);
  });
  renderChips(c);
}

/** @param {Chips} c @param {KeyboardEvent} ev */
function chipKeys(c, ev) {
  if (ev.key === "Enter" && !ev.isComposing) {
    ev.preventDefault();
    addTag(c, c.input.value);
  } else if (ev.key === "Backspace" && c.input.value === "" && !ev.repeat) {
    const last = tagsOf(c).filter((t) => !c.removing.has(t)).pop();
    if (last !== undefined) {
      ev.preventDefault();
      removeTag(c, last);
    }
  } else if (ev.key === "Escape") {
    ev.preventDefault();
    c.input.value = "";
    c.edit.clearError();
  }
}
