// What every card section gets from the card (lib/view.js builds it once per render).

import { h, setText } from "../dom.js";

/** @typedef {import("../contract.js").CardTrait} CardTrait */

/**
 * @typedef {object} Section
 * @property {import("../types.js").CardModel} model
 * @property {HTMLElement} root the card's root element; sections append to it
 * @property {import("../contract.js").CardKind} kind run, model, model_version or project
 * @property {string} noun "Run", "Model version", ...
 * @property {Map<CardTrait, import("../types.js").FieldInfo>} fields the kind's fields by trait
 * @property {(t: CardTrait) => boolean} has
 * @property {<K extends CardTrait>(t: K) => import("../contract.js").CardTraits[K]} get
 * @property {(t: CardTrait) => string} str the trait as text ("" for null)
 * @property {(...traits: CardTrait[]) => string | undefined} tip tooltip from the catalog
 * @property {(event: import("../types.js").ModelEvent<import("../contract.js").CardTraits>, cb: (...args: never[]) => void) => void} on model listener, removed on teardown
 * @property {import("../controls.js").Ctx} ctx what the controls need
 * @property {(t: CardTrait) => boolean} canEdit listed, editable by the user, and not read-only
 * @property {() => boolean} readOnly
 * @property {Array<() => void>} updaters display refreshers, run on every relevant trait change
 * @property {Array<() => void>} tickers run every TICK_MS
 * @property {Array<() => void>} roHooks re-applied when read_only changes
 */

/**
 * A badge: icon + text, so state is never shown by colour alone.
 * @param {string | undefined} title
 */
export function badge(title) {
  const icon = h("span", { class: "nsw-icon", "aria-hidden": "true" });
  const text = h("span");
  const el = h("span", { class: "nsw-badge", title }, icon, text);
  return {
    el,
    /** @param {string} mod @param {string} i @param {string} t */
    set(mod, i, t) {
      const cls = `nsw-badge nsw-${mod}`;
      if (el.className !== cls) el.className = cls;
      setText(icon, i);
      setText(text, t);
    },
  };
}
