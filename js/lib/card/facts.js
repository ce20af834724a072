// Card section: The facts list: custom run id, model, owner@host, running time, times, experiment, fork lineage, size.
import { h, setText, show } from "../dom.js";
import { extrapolatedRunningTime, formatBytes, formatDuration, formatTimestamp } from "../format.js";

/** @typedef {import("./section.js").Section} Section */
/** @typedef {ReturnType<typeof factHelpers>} Facts */
/** @typedef {import("../contract.js").CardTrait} CardTrait */

/**
 * The facts list: custom run id, model, owner@host, running time, times, experiment, fork lineage, size.
 * @param {Section} s
 */
export function facts(s) {
  const { has, get, str } = s;
  const meta = h("dl", { class: "nsw-meta" });
  s.root.append(meta);
  const f = factHelpers(s, meta);
  f.row("Custom run id", ["custom_run_id"], f.textOf("custom_run_id"), () => !!str("custom_run_id"));
  // ipywidgets owns `model_id` (the comm id), so the Python side syncs sys/model_id as
  // `sys_model_id` (sys_widget.widget_trait; the contract's CardTraits holds it)
  f.row("Model", ["sys_model_id"], f.textOf("sys_model_id"), () => !!str("sys_model_id"));
  ownerFact(s, f);
  if (has("running_time")) runningTimeFact(s, f);
  f.row("Created", ["creation_time"], f.timeOf("creation_time"));
  f.row("Modified", ["modification_time"], f.timeOf("modification_time"));
  if (has("experiment_name")) experimentFact(s, f);
  if (has("forking_depth") || has("forking_parent") || has("forking_requested_parent")) forkFact(s, f);
  if (has("size")) f.row("Size", ["size"], f.textOf("size", () => formatBytes(get("size"))));
}

/** @param {Section} s @param {HTMLElement} meta */
function factHelpers(s, meta) {
  const { has, str, tip, updaters } = s;
  /**
   * A fact, if its first trait is listed; `visible` hides it while it has nothing to say.
   * @param {string} label @param {CardTrait[]} traits @param {Node} value @param {() => boolean} [visible]
   */
  const row = (label, traits, value, visible) => {
    if (!has(traits[0])) return;
    const div = h("div", { class: "nsw-row", title: tip(...traits) }, h("dt", null, label), h("dd", null, value));
    meta.append(div);
    if (visible) updaters.push(() => show(div, visible()));
  };
  /** @param {CardTrait} t */
  const textOf = (t, fmt = (/** @type {string} */ v) => v) => {
    const span = h("span");
    updaters.push(() => setText(span, fmt(str(t))));
    return span;
  };
  /** @param {CardTrait} t */
  const timeOf = (t) => {
    const time = h("time");
    updaters.push(() => {
      const iso = str(t);
      if (time.getAttribute("datetime") !== iso) time.setAttribute("datetime", iso);
      setText(time, formatTimestamp(iso));
    });
    return time;
  };
  return { row, textOf, timeOf };
}

/** @param {Section} s @param {Facts} f */
function ownerFact(s, f) {
  const { has, str } = s;
  const span = h("span");
  s.updaters.push(() => {
    const host = has("hostname") ? str("hostname") : "";
    setText(span, host ? `${str("owner") || "?"}@${host}` : str("owner") || "—");
  });
  f.row(has("hostname") ? "Owner@host" : "Owner", ["owner", "hostname"], span);
}

/** The running time, extrapolated between samples while the run is active. @param {Section} s @param {Facts} f */
function runningTimeFact(s, f) {
  const { get } = s;
  const span = h("span");
  const tick = () => {
    const sample = { running_time: get("running_time"), sampled_at: get("sampled_at"), state: get("state") };
    setText(span, formatDuration(extrapolatedRunningTime(sample, Date.now())));
  };
  s.updaters.push(tick);
  s.tickers.push(tick);
  f.row("Running time", ["running_time"], span);
}

/** @param {Section} s @param {Facts} f */
function experimentFact(s, f) {
  const { has, get, str, tip } = s;
  const head = h("span", { class: "nsw-head", title: tip("experiment_is_head") }, h("span", { "aria-hidden": "true" }, "★"), " head");
  if (has("experiment_is_head")) s.updaters.push(() => show(head, !!get("experiment_is_head")));
  else head.hidden = true;
  f.row("Experiment", ["experiment_name", "experiment_is_head"], h("span", null, f.textOf("experiment_name"), head), () => !!str("experiment_name"));
}

/** The fork lineage: parent (or the requested one, not found), step and depth. @param {Section} s @param {Facts} f */
function forkFact(s, f) {
  const { has, get, str } = s;
  const span = h("span");
  const forked = () => (Number(get("forking_depth")) || 0) > 0 || !!str("forking_parent") || !!str("forking_requested_parent");
  s.updaters.push(() => {
    if (!forked()) return;
    const parent = str("forking_parent");
    const requested = str("forking_requested_parent");
    let text = parent || (requested ? `${requested} (not found)` : "?");
    const step = get("forking_step");
    if (step != null) text += ` @ step ${step}`;
    if (has("forking_depth")) text += ` · depth ${Number(get("forking_depth")) || 0}`;
    setText(span, text);
  });
  /** @type {import("../contract.js").CardTrait[]} */
  const lineage = ["forking_parent", "forking_requested_parent", "forking_step", "forking_depth"];
  const traits = lineage.filter(has);
  f.row("Forked from", traits, span, forked);
}
