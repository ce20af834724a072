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
import { h, setText } from "./dom.js";
import { plain } from "./format.js";

/** Relative times ("pinged 3 s ago") and the extrapolated running time tick this often. */
export const TICK_MS = 1000;
/** A harmless slow poll: hosts such as Colab don't deliver thread-driven trait updates. */
export const REFRESH_MS = 30_000;
/** An unanswered refresh older than this no longer holds back the next one. */
const REFRESH_STALE_MS = 5 * 60_000;

/** @type {Record<string, string>} */
const NOUNS = { run: "Run", model: "Model", model_version: "Model version", project: "Project" };

const EDITABLE = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * The catalog says "yes" / "no" / "only via change_stage()"; a bool works too.
 * @param {unknown} e
 */
const editableFlag = (e) =>
  e === true || (typeof e === "string" && !/^(no|false|)$/i.test(e.trim()));

/**
 * Render the widget into `el`; the returned function undoes everything (timers,
 * model listeners, DOM). The card is rebuilt if `kind` or `fields` change.
 * @param {import("./types.js").Model} model
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
 * @param {import("./types.js").Model} model
 * @param {HTMLElement} el
 */
function build(model, el) {
  /** @type {Array<[string, (...args: any[]) => void]>} */
  const subs = [];
  /** @param {string} event @param {(...args: any[]) => void} cb */
  const on = (event, cb) => {
    model.on(event, cb);
    subs.push([event, cb]);
  };
  const channel = createChannel(model);
  /** @param {string} t */
  const get = (t) => model.get(t);

  const kind = String(get("kind") ?? "run");
  const noun = NOUNS[kind] ?? "Object";
  const rawFields = get("fields");
  /** @type {Map<string, import("./types.js").FieldInfo>} */
  const fields = new Map(
    (Array.isArray(rawFields) ? rawFields : [])
      .filter((f) => f && typeof f.trait === "string")
      .map((f) => [f.trait, f]),
  );
  /** @param {string} t */
  const has = (t) => fields.has(t);
  const readOnly = () => !!get("read_only");
  /** @param {string} t */
  const canEdit = (t) => has(t) && !readOnly() && editableFlag(fields.get(t)?.editable);
  /** @type {import("./controls.js").Ctx} */
  const ctx = { model, channel, canEdit, readOnly };
  /** Tooltip text from the catalog: "sys/path: meaning" for each listed trait. */
  const tip = (/** @type {string[]} */ ...traits) =>
    traits
      .filter(has)
      .map((t) => {
        const f = /** @type {import("./types.js").FieldInfo} */ (fields.get(t));
        return `${f.path}: ${plain(f.meaning)}`;
      })
      .join("\n") || undefined;
  const str = (/** @type {string} */ t) => {
    const v = get(t);
    return v == null ? "" : String(v);
  };

  /** Display refreshers, run on every relevant trait change. @type {Array<() => void>} */
  const updaters = [];
  /** Run every TICK_MS. @type {Array<() => void>} */
  const tickers = [];
  /** Re-applied when `read_only` changes. @type {Array<() => void>} */
  const roHooks = [];

  const root = h("div", {
    class: `nsw-root nsw-kind-${kind}`,
    "data-lm-suppress-shortcuts": "true",
    role: "group",
  });
  // Keys typed into our controls are ours: never let them reach notebook shortcuts.
  root.addEventListener("keydown", (e) => {
    const t = /** @type {Element | null} */ (e.target);
    if (t && (EDITABLE.has(t.tagName) || t.closest?.(".nsw-confirm"))) e.stopPropagation();
  });

  /** @type {import("./card/section.js").Section} */
  const s = { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks };
  header(s);
  facts(s);
  editable(s);
  actions(s);
  versions(s);
  gallery(s);
  metrics(s);
  allfields(s);

  // ---- live region: state transitions only ----------------------------------------------
  const live = h("div", { class: "nsw-sr-only", "aria-live": "polite", "aria-atomic": "true" });
  root.append(live);
  let lastState = get("state");
  on("change:state", () => {
    const s = get("state");
    if (s === lastState) return;
    lastState = s;
    const failed = has("failed") && get("failed") ? " (failed)" : "";
    setText(live, `${noun} ${str("id")} is now ${s}${failed}`.replace(/\s+/g, " "));
  });

  // ---- wiring -------------------------------------------------------------------------------
  const updateAll = () => {
    for (const u of updaters) u();
  };
  for (const t of new Set([...fields.keys(), "sampled_at", "traceback", "read_only", "store_problem"])) {
    on(`change:${t}`, updateAll);
  }
  on("change:read_only", () => {
    for (const f of roHooks) f();
  });

  el.append(root);
  updateAll();

  const ticker = tickers.length ? setInterval(() => tickers.forEach((f) => f()), TICK_MS) : null;
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
    for (const [event, cb] of subs) model.off(event, cb);
    channel.close();
    root.remove();
  };
}
