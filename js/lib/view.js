// The card: one view of one RunWidget / ModelVersionWidget / ModelWidget model.

import { createChannel } from "./channel.js";
import {
  chipsControl,
  createEditState,
  stageControl,
  textControl,
  toggleControl,
} from "./controls.js";
import { h, setText, show, uid } from "./dom.js";
import {
  extrapolatedRunningTime,
  formatAgo,
  formatBytes,
  formatDuration,
  formatTimestamp,
  formatValue,
  parseTime,
  plain,
} from "./format.js";

/** Relative times ("pinged 3 s ago") and the extrapolated running time tick this often. */
export const TICK_MS = 1000;
/** A harmless slow poll: hosts such as Colab don't deliver thread-driven trait updates. */
export const REFRESH_MS = 30_000;
/** An unanswered refresh older than this no longer holds back the next one. */
const REFRESH_STALE_MS = 5 * 60_000;

/** @type {Record<string, string>} */
const NOUNS = { run: "Run", model: "Model", model_version: "Model version", project: "Project" };

/** @type {Record<string, [string, string, string]>} state -> [modifier, icon, text] */
const STATE_LOOK = {
  active: ["active", "●", "Active"],
  inactive: ["inactive", "○", "Inactive"],
};

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
 * A badge: icon + text, so state is never shown by colour alone.
 * @param {string | undefined} title
 */
function badge(title) {
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

  // ---- header: id, name, badges, ping ------------------------------------------------
  const header = h("div", { class: "nsw-header" });
  root.append(header);
  if (has("id")) {
    const idEl = h("span", { class: "nsw-id", title: tip("id") });
    header.append(idEl);
    updaters.push(() => setText(idEl, str("id")));
  }
  updaters.push(() => root.setAttribute("aria-label", `${noun} ${str("id")}`.trim()));
  if (has("name")) {
    const name = textControl(ctx, {
      field: "name",
      label: kind === "run" ? "Run name" : "Name",
      className: "nsw-name",
      title: tip("name"),
    });
    header.append(name.el);
    on("change:name", name.changed);
    roHooks.push(name.applyReadOnly);
  }
  const badges = h("span", { class: "nsw-badges" });
  header.append(badges);
  if (has("state")) {
    const b = badge(tip("state"));
    badges.append(b.el);
    updaters.push(() => {
      const s = str("state");
      const [mod, icon, text] = STATE_LOOK[s] ?? ["unknown", "?", s || "unknown"];
      b.set(mod, icon, text);
    });
  }
  if (has("failed")) {
    const b = badge(tip("failed"));
    b.set("failed", "✕", "Failed");
    badges.append(b.el);
    updaters.push(() => show(b.el, !!get("failed")));
  }
  if (has("trashed")) {
    const b = badge(tip("trashed"));
    b.set("trashed", "⊘", "Trashed");
    badges.append(b.el);
    updaters.push(() => show(b.el, !!get("trashed")));
  }
  if (has("ping_time")) {
    const time = h("time", { class: "nsw-ping", title: tip("ping_time") });
    header.append(time);
    const tick = () => {
      const iso = str("ping_time");
      const t = parseTime(iso);
      setText(time, Number.isNaN(t) ? "never pinged" : `pinged ${formatAgo(Date.now() - t)}`);
      if (time.getAttribute("datetime") !== iso) time.setAttribute("datetime", iso);
    };
    updaters.push(tick);
    tickers.push(tick);
  }

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

  // ---- editable sections --------------------------------------------------------------
  if (has("stage")) {
    const stage = stageControl(ctx, {
      label: "Stage",
      get: () => get("stage"),
      editable: () => canEdit("stage"),
      title: tip("stage"),
    });
    on("change:stage", stage.changed);
    roHooks.push(stage.applyReadOnly);
    root.append(h("div", { class: "nsw-field" }, h("span", { class: "nsw-label", "aria-hidden": "true" }, "Stage"), stage.el));
  }
  if (has("description")) {
    const desc = textControl(ctx, {
      field: "description",
      label: "Description",
      multiline: true,
      className: "nsw-desc",
      title: tip("description"),
      placeholder: "Add a description (Ctrl+Enter or leave the field to save)",
    });
    const id = uid("nsw-desc");
    desc.control.id = id;
    on("change:description", desc.changed);
    roHooks.push(desc.applyReadOnly);
    root.append(h("div", { class: "nsw-field nsw-field-wide" }, h("label", { class: "nsw-label", for: id }, "Description"), desc.el));
  }
  if (has("failed")) {
    const failed = toggleControl(ctx, { field: "failed", label: "Failed", title: tip("failed") });
    on("change:failed", failed.changed);
    roHooks.push(failed.applyReadOnly);
    const tb = h("pre", { class: "nsw-traceback", "aria-label": "Traceback", tabindex: "0" });
    updaters.push(() => {
      const lines = get("traceback");
      const text = Array.isArray(lines) ? lines.map(String).join("\n") : "";
      setText(tb, text);
      show(tb, !!get("failed") && text.length > 0);
    });
    root.append(h("div", { class: "nsw-field nsw-field-wide" }, failed.el, tb));
  }
  for (const [field, nounText, label] of [
    ["tags", "tag", "Tags"],
    ["group_tags", "group tag", "Group tags"],
  ]) {
    if (!has(field)) continue;
    const chips = chipsControl(ctx, { field, noun: nounText, label, title: tip(field) });
    on(`change:${field}`, chips.changed);
    roHooks.push(chips.applyReadOnly);
    root.append(chips.el);
  }

  // ---- stop / abort (runs) --------------------------------------------------------------
  if (kind === "run" && has("state")) {
    const stopBtn = h("button", { type: "button", class: "nsw-btn" }, "Stop run");
    const abortBtn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, "Abort run");
    const prompt = h("span", { id: uid("nsw-confirm") }, "Abort this run? It will be marked failed.");
    const yesBtn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, "Yes, abort");
    const noBtn = h("button", { type: "button", class: "nsw-btn" }, "Cancel");
    const confirmBox = h(
      "span",
      { class: "nsw-confirm", role: "group", "aria-labelledby": prompt.id, hidden: true },
      prompt,
      yesBtn,
      noBtn,
    );
    const actions = h("div", { class: "nsw-actions" });
    const edit = createEditState(ctx, actions, stopBtn, () => {}, "sending…");
    actions.append(stopBtn, abortBtn, confirmBox, ...edit.nodes);
    root.append(actions);

    /** @param {boolean} confirming */
    const setConfirming = (confirming) => {
      show(confirmBox, confirming);
      show(stopBtn, !confirming);
      show(abortBtn, !confirming);
    };
    stopBtn.addEventListener("click", () => edit.send("stop", {}));
    abortBtn.addEventListener("click", () => {
      setConfirming(true);
      noBtn.focus();
    });
    yesBtn.addEventListener("click", () => {
      setConfirming(false);
      abortBtn.focus();
      edit.send("abort", {});
    });
    noBtn.addEventListener("click", () => {
      setConfirming(false);
      abortBtn.focus();
    });
    confirmBox.addEventListener("keydown", (e) => {
      if (/** @type {KeyboardEvent} */ (e).key === "Escape") {
        e.preventDefault();
        setConfirming(false);
        abortBtn.focus();
      }
    });
    updaters.push(() => {
      const active = str("state") === "active";
      show(actions, active);
      if (!active && !confirmBox.hidden) setConfirming(false);
    });
  }

  // ---- versions (models) ----------------------------------------------------------------
  if (kind === "model") {
    const versions = () => {
      const v = get("versions");
      return /** @type {import("./types.js").VersionInfo[]} */ (
        Array.isArray(v) ? v.filter((x) => x && x.id != null) : []
      );
    };
    /** @param {string} id */
    const versionOf = (id) => versions().find((v) => String(v.id) === id);
    const caption = h("caption", null, "Versions");
    const tbody = h("tbody");
    const table = h(
      "table",
      { class: "nsw-versions" },
      caption,
      h("thead", null, h("tr", null, ...["Version", "Name", "State", "Stage", "Created"].map((c) => h("th", { scope: "col" }, c)))),
      tbody,
    );
    const empty = h("p", { class: "nsw-muted" }, "No versions yet.");
    root.append(h("div", { class: "nsw-field-wide nsw-versions-wrap" }, table, empty));

    /** @typedef {{tr: HTMLTableRowElement, id: HTMLElement, name: HTMLElement, state: ReturnType<typeof badge>, created: HTMLTimeElement, stage: ReturnType<typeof stageControl>}} VRow */
    /** @type {Map<string, VRow>} */
    let rows = new Map();
    const renderVersions = () => {
      const list = versions();
      /** @type {Map<string, VRow>} */
      const next = new Map();
      list.forEach((v, i) => {
        const vid = String(v.id);
        let r = rows.get(vid);
        if (!r) {
          const stage = stageControl(ctx, {
            label: `Stage of ${vid}`,
            get: () => versionOf(vid)?.stage,
            target: vid,
            editable: () => !readOnly(),
          });
          const state = badge(undefined);
          r = {
            tr: h("tr"),
            id: h("th", { scope: "row", class: "nsw-id" }),
            name: h("td"),
            state,
            created: h("time"),
            stage,
          };
          r.tr.append(r.id, r.name, h("td", null, state.el), h("td", null, stage.el), h("td", null, r.created));
        }
        setText(r.id, vid);
        setText(r.name, v.name == null ? "" : String(v.name));
        const s = String(v.state ?? "");
        const [mod, icon, text] = STATE_LOOK[s] ?? ["unknown", "?", s || "unknown"];
        r.state.set(mod, icon, text);
        const iso = v.creation_time == null ? "" : String(v.creation_time);
        r.created.setAttribute("datetime", iso);
        setText(r.created, formatTimestamp(iso));
        r.stage.changed();
        if (tbody.children[i] !== r.tr) tbody.insertBefore(r.tr, tbody.children[i] ?? null);
        next.set(vid, r);
      });
      for (const [vid, r] of rows) if (!next.has(vid)) r.tr.remove();
      rows = next;
      setText(caption, `Versions (${list.length})`);
      show(table, list.length > 0);
      show(empty, list.length === 0);
    };
    renderVersions();
    on("change:versions", renderVersions);
    roHooks.push(() => rows.forEach((r) => r.stage.applyReadOnly()));
  }

  // ---- every field, raw ----------------------------------------------------------------
  {
    const tbody = h("tbody");
    for (const f of fields.values()) {
      const td = h("td");
      tbody.append(h("tr", { title: plain(f.meaning) }, h("th", { scope: "row" }, f.path), td));
      updaters.push(() => setText(td, formatValue(get(f.trait))));
    }
    root.append(
      h(
        "details",
        { class: "nsw-all nsw-field-wide" },
        h("summary", null, "All sys fields"),
        h("table", null, tbody),
      ),
    );
  }

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
  for (const t of new Set([...fields.keys(), "sampled_at", "traceback", "read_only"])) {
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
