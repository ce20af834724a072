// Card section: The facts list: custom run id, model, owner@host, running time, times, experiment, fork lineage, size.
import { h, setText, show } from "../dom.js";
import { extrapolatedRunningTime, formatBytes, formatDuration, formatTimestamp } from "../format.js";

/**
 * The facts list: custom run id, model, owner@host, running time, times, experiment, fork lineage, size.
 * @param {import("./section.js").Section} s
 */
export function facts(s) {
  const { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks } = s;
  // ---- facts --------------------------------------------------------------------------
  const meta = h("dl", { class: "nsw-meta" });
  root.append(meta);
  /**
   * @param {string} label
   * @param {string[]} traits
   * @param {Node} value
   * @param {() => boolean} [visible]
   */
  const row = (label, traits, value, visible) => {
    if (!has(traits[0])) return;
    const div = h("div", { class: "nsw-row", title: tip(...traits) }, h("dt", null, label), h("dd", null, value));
    meta.append(div);
    if (visible) updaters.push(() => show(div, visible()));
  };
  /** @param {string} t */
  const textOf = (t, fmt = (/** @type {string} */ s) => s) => {
    const span = h("span");
    updaters.push(() => setText(span, fmt(str(t))));
    return span;
  };
  /** @param {string} t */
  const timeOf = (t) => {
    const time = h("time");
    updaters.push(() => {
      const iso = str(t);
      if (time.getAttribute("datetime") !== iso) time.setAttribute("datetime", iso);
      setText(time, formatTimestamp(iso));
    });
    return time;
  };

  row("Custom run id", ["custom_run_id"], textOf("custom_run_id"), () => !!str("custom_run_id"));
  // ipywidgets owns `model_id` (the comm id), so the Python side syncs sys/model_id as
  // `sys_model_id`; accept either name, whichever `fields` lists.
  const modelIdTrait = has("sys_model_id") ? "sys_model_id" : "model_id";
  row("Model", [modelIdTrait], textOf(modelIdTrait), () => !!str(modelIdTrait));
  {
    const span = h("span");
    updaters.push(() => {
      const host = has("hostname") ? str("hostname") : "";
      setText(span, host ? `${str("owner") || "?"}@${host}` : str("owner") || "—");
    });
    row(has("hostname") ? "Owner@host" : "Owner", ["owner", "hostname"], span);
  }
  if (has("running_time")) {
    const span = h("span");
    const tick = () =>
      setText(
        span,
        formatDuration(
          extrapolatedRunningTime(
            { running_time: get("running_time"), sampled_at: get("sampled_at"), state: get("state") },
            Date.now(),
          ),
        ),
      );
    updaters.push(tick);
    tickers.push(tick);
    row("Running time", ["running_time"], span);
  }
  row("Created", ["creation_time"], timeOf("creation_time"));
  row("Modified", ["modification_time"], timeOf("modification_time"));
  if (has("experiment_name")) {
    const head = h(
      "span",
      { class: "nsw-head", title: tip("experiment_is_head") },
      h("span", { "aria-hidden": "true" }, "★"),
      " head",
    );
    if (has("experiment_is_head")) updaters.push(() => show(head, !!get("experiment_is_head")));
    else head.hidden = true;
    row("Experiment", ["experiment_name", "experiment_is_head"], h("span", null, textOf("experiment_name"), head), () => !!str("experiment_name"));
  }
  if (has("forking_depth") || has("forking_parent") || has("forking_requested_parent")) {
    const span = h("span");
    const forked = () =>
      (Number(get("forking_depth")) || 0) > 0 || !!str("forking_parent") || !!str("forking_requested_parent");
    updaters.push(() => {
      if (!forked()) return;
      const parent = str("forking_parent");
      const requested = str("forking_requested_parent");
      let text = parent || (requested ? `${requested} (not found)` : "?");
      const step = get("forking_step");
      if (step != null && step !== "") text += ` @ step ${step}`;
      if (has("forking_depth")) text += ` · depth ${Number(get("forking_depth")) || 0}`;
      setText(span, text);
    });
    const traits = ["forking_parent", "forking_requested_parent", "forking_step", "forking_depth"].filter(has);
    row("Forked from", traits, span, forked);
  }
  if (has("size")) {
    row("Size", ["size"], textOf("size", () => formatBytes(get("size"))));
  }

}
