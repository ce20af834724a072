// The card: one view of one RunWidget / ModelVersionWidget / ModelWidget model. It builds
// the shared section context and composes the sections in lib/card/ (header, facts,
// editable fields, stop/abort, versions, all fields), then wires updates and timers.

import { actions } from "./card/actions.js";
import { allfields } from "./card/allfields.js";
import { editable } from "./card/editable.js";
import { facts } from "./card/facts.js";
import { gallery } from "./card/gallery.js";
import { header } from "./card/header.js";
import { metrics } from "./card/metrics.js";
import { versions } from "./card/versions.js";
import { createChannel } from "./channel.js";
import { Editable } from "./contract.js";
import { h, setText } from "./dom.js";
import { plain } from "./format.js";

/** Relative times ("pinged 3 s ago") and the extrapolated running time tick this often. */
export const TICK_MS = 1000;
/** A harmless slow poll: hosts such as Colab don't deliver thread-driven trait updates. */
export const REFRESH_MS = 30_000;
/** An unanswered refresh older than this no longer holds back the next one. */
const REFRESH_STALE_MS = 5 * 60_000;

/** @typedef {import("./contract.js").CardTrait} CardTrait */
/** @typedef {import("./types.js").ModelEvent<import("./contract.js").CardTraits>} CardEvent */
/** @typedef {(...args: never[]) => void} Listener */

/** @type {Record<import("./contract.js").CardKind, string>} */
const NOUNS = { run: "Run", model: "Model", model_version: "Model version", project: "Project" };

const EDITABLE = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * Render the widget into `el`; the returned function undoes everything (timers,
 * model listeners, DOM). The card is rebuilt if `kind` or `fields` change.
 * @param {import("./types.js").CardModel} model
 * @param {HTMLElement} el
 * @returns {() => void}
 */
export function renderWidget(model, el) {
  let teardown = build(model, el);
  const rebuild = () => {
    teardown();
    teardown = build(model, el);
  };
  model.on("change:kind", rebuild);
  model.on("change:fields", rebuild);
  return () => {
    model.off("change:kind", rebuild);
    model.off("change:fields", rebuild);
    teardown();
  };
}

/**
 * @param {import("./types.js").CardModel} model
 * @param {HTMLElement} el
 */
function build(model, el) {
  /** @type {Array<[CardEvent, Listener]>} */
  const subs = [];
  /** @type {import("./channel.js").CardChannel} */
  const channel = createChannel(model);
  const s = sectionContext(model, channel, subs);
  header(s);
  facts(s);
  editable(s);
  actions(s);
  versions(s);
  gallery(s);
  metrics(s);
  allfields(s);
  liveRegion(s);
  wire(s);
  el.append(s.root);
  for (const u of s.updaters) u();
  const stopTimers = timers(s, channel);
  return () => {
    stopTimers();
    for (const [event, cb] of subs) model.off(event, cb);
    channel.close();
    s.root.remove();
  };
}

/**
 * The context every card section gets (lib/card/section.js).
 * @param {import("./types.js").CardModel} model
 * @param {import("./channel.js").CardChannel} channel
 * @param {Array<[CardEvent, Listener]>} subs the listeners to remove at teardown
 * @returns {import("./card/section.js").Section}
 */
function sectionContext(model, channel, subs) {
  /** @param {CardEvent} event @param {Listener} cb */
  const on = (event, cb) => {
    model.on(event, cb);
    subs.push([event, cb]);
  };
  /** @template {CardTrait} K @param {K} t */
  const get = (t) => model.get(t);
  const kind = /** @type {import("./contract.js").CardKind} */ (String(get("kind") ?? "run"));
  const fields = fieldsOf(get("fields"));
  /** @param {CardTrait} t */
  const has = (t) => fields.has(t);
  const readOnly = () => !!get("read_only");
  /** Listed, not read-only, and editable by the user (the stage: by its own command). @param {CardTrait} t */
  const canEdit = (t) => !readOnly() && (fields.get(t)?.editable ?? Editable.NO) !== Editable.NO;
  /** Tooltip text from the catalog: "sys/path: meaning" for each listed trait. */
  const tip = (/** @type {CardTrait[]} */ ...traits) =>
    traits
      .filter(has)
      .map((t) => {
        const f = /** @type {import("./types.js").FieldInfo} */ (fields.get(t));
        return `${f.path}: ${plain(f.meaning)}`;
      })
      .join("\n") || undefined;
  const str = (/** @type {CardTrait} */ t) => {
    const v = get(t);
    return v == null ? "" : String(v);
  };
  const ctx = { model, channel, canEdit, readOnly };
  const root = cardRoot(kind);
  return { model, root, kind, noun: NOUNS[kind] ?? "Object", fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters: [], tickers: [], roHooks: [] };
}

/** @param {unknown} raw the `fields` trait @returns {Map<CardTrait, import("./types.js").FieldInfo>} */
function fieldsOf(raw) {
  const list = /** @type {import("./types.js").FieldInfo[]} */ (Array.isArray(raw) ? raw : []);
  return new Map(list.filter((f) => f && typeof f.trait === "string").map((f) => [f.trait, f]));
}

/** @param {string} kind */
function cardRoot(kind) {
  const root = h("div", { class: `nsw-root nsw-kind-${kind}`, "data-lm-suppress-shortcuts": "true", role: "group" });
  // Keys typed into our controls are ours: never let them reach notebook shortcuts.
  root.addEventListener("keydown", (e) => {
    const t = /** @type {Element | null} */ (e.target);
    if (t && (EDITABLE.has(t.tagName) || t.closest?.(".nsw-confirm"))) e.stopPropagation();
  });
  return root;
}

/** A live region announcing state transitions only. @param {import("./card/section.js").Section} s */
function liveRegion(s) {
  const live = h("div", { class: "nsw-sr-only", "aria-live": "polite", "aria-atomic": "true" });
  s.root.append(live);
  let lastState = s.get("state");
  s.on("change:state", () => {
    const state = s.get("state");
    if (state === lastState) return;
    lastState = state;
    const failed = s.has("failed") && s.get("failed") ? " (failed)" : "";
    setText(live, `${s.noun} ${s.str("id")} is now ${state}${failed}`.replace(/\s+/g, " "));
  });
}

/** Every listed trait's change runs the updaters; read_only also the read-only hooks. @param {import("./card/section.js").Section} s */
function wire(s) {
  const updateAll = () => {
    for (const u of s.updaters) u();
  };
  /** @type {CardTrait[]} */
  const always = ["sampled_at", "traceback", "read_only", "store_problem"];
  for (const t of new Set([...s.fields.keys(), ...always])) {
    s.on(`change:${t}`, updateAll);
  }
  s.on("change:read_only", () => {
    for (const f of s.roHooks) f();
  });
}

/**
 * The tick of relative times, and a slow refresh poll (one at a time, unless stale).
 * @param {import("./card/section.js").Section} s @param {import("./channel.js").CardChannel} channel
 */
function timers(s, channel) {
  const ticker = s.tickers.length ? setInterval(() => s.tickers.forEach((f) => f()), TICK_MS) : null;
  let refreshSentAt = 0;
  const refresher = setInterval(() => {
    const now = Date.now();
    if (refreshSentAt && now - refreshSentAt < REFRESH_STALE_MS) return; // previous one still queued
    refreshSentAt = now;
    channel.send("refresh", {}, () => {
      refreshSentAt = 0;
    });
  }, REFRESH_MS);
  return () => {
    if (ticker !== null) clearInterval(ticker);
    clearInterval(refresher);
  };
}
