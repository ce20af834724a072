import widget from "../widget.js";
import { createFakeModel } from "./fake-model.js";

/** Render a widget for `state` into a fresh element attached to the document. */
export function mount(/** @type {Record<string, any>} */ state) {
  const model = createFakeModel(state);
  const el = document.createElement("div");
  document.body.append(el);
  const cleanup = widget.render({ model, el });
  return { model, el, cleanup };
}

/** @param {ParentNode} root @param {string} label */
export function byLabel(root, label) {
  const found = root.querySelector(`[aria-label="${CSS.escape(label)}"]`);
  if (!found) throw new Error(`no element labelled ${label}`);
  return /** @type {any} */ (found);
}

/** @param {ParentNode} root @param {string} text */
export function button(root, text) {
  const found = [...root.querySelectorAll("button")].find(
    (b) => b.getAttribute("aria-label") === text || b.textContent === text,
  );
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

/** Rendered and not hidden by itself or any ancestor. @param {Element | null} node */
export function visible(node) {
  for (let n = node; n; n = n.parentElement) if (/** @type {HTMLElement} */ (n).hidden) return false;
  return !!node && node.isConnected;
}

/** @param {Element} target @param {string} key @param {KeyboardEventInit} [init] */
export function key(target, key, init = {}) {
  const ev = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(ev);
  return ev;
}

/** Type into an input and fire `input`. @param {HTMLInputElement | HTMLTextAreaElement} input @param {string} text */
export function type(input, text) {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Chip texts of the tag field whose input is labelled `inputLabel`. @param {ParentNode} root */
export function chipTexts(root, inputLabel = "Add tag") {
  const field = root.querySelector(`[aria-label="${CSS.escape(inputLabel)}"]`)?.closest(".nsw-chipfield");
  return field ? [...field.querySelectorAll(".nsw-chip-text")].map((c) => c.textContent) : [];
}
