// Tiny DOM helpers. User data only ever reaches the page as text nodes, `textContent`
// or form-control `value`s: nothing here parses HTML.

/** @typedef {Node | string | number | null | undefined | false} Child */

/** Properties set as DOM properties (not attributes) by `h`. */
const PROPS = new Set(["value", "checked", "disabled", "hidden", "readOnly", "selected", "rows"]);

/**
 * Create an element. `props`: `class`, `text` (textContent), `on<event>` listeners,
 * form properties (value, checked, disabled, hidden, readOnly, selected, rows), and any
 * other key as an attribute (`true` -> empty attribute; null/false/undefined skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [props]
 * @param {...Child} children strings become text nodes
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) /** @type {any} */ (el)[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
export function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    el.append(typeof c === "number" ? String(c) : c);
  }
}

/**
 * Set textContent only when it changes (avoids needless DOM churn on every tick).
 * @param {Node} node
 * @param {string} text
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Show or hide an element (the `hidden` property, so CSS can't accidentally override it).
 * @param {HTMLElement} el
 * @param {boolean} visible
 */
export function show(el, visible) {
  if (el.hidden === visible) el.hidden = !visible;
}

let uidCounter = 0;
/** A document-unique id for aria-describedby / aria-labelledby links. */
export function uid(prefix = "nsw") {
  uidCounter += 1;
  return `${prefix}-${uidCounter}-${Math.random().toString(36).slice(2, 7)}`;
}
