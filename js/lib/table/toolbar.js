// The table's toolbar: the NQL filter box (the subset fetch_runs_table(query=...) takes),
// quick filters, the column chooser, and the inline query error (the rows stay).

import { STAGES, STATES } from "../contract.js";
import { h, setText, show, uid } from "../dom.js";

/** Typing pauses this long before the filter is sent (Enter sends at once). */
export const FILTER_DEBOUNCE_MS = 400;

/**
 * @param {{model: import("../types.js").Model, channel: import("../channel.js").Channel, kind: string, onFilterResult: () => void}} opts
 */
export function toolbar({ model, channel, kind }) {
  const errId = uid("nsw-qerr");
  const error = h("pre", { class: "nsw-qerror", role: "alert", id: errId, hidden: true });
  const query = h("input", {
    type: "search",
    class: "nsw-query",
    "aria-label": "Filter (NQL query)",
    placeholder: kind === "run" ? 'e.g. sys/tags:stringSet CONTAINS "best" AND lr:float < 0.1' : "e.g. sys/stage:string = production",
    spellcheck: "false",
    autocomplete: "off",
    value: String(model.get("query") ?? ""),
  });
  const count = h("span", { class: "nsw-count", "aria-live": "off" });

  /** @param {import("../channel.js").ReplyError | undefined} err */
  const showError = (err) => {
    setText(error, err?.message || "The query was rejected.");
    show(error, true);
    query.setAttribute("aria-invalid", "true");
    query.setAttribute("aria-describedby", errId);
  };
  const clearError = () => {
    show(error, false);
    setText(error, "");
    query.removeAttribute("aria-invalid");
    query.removeAttribute("aria-describedby");
  };

  /** @type {Record<string, any>} */
  const quick = { ...(model.get("quick") ?? {}) };
  let sent = 0;
  /** @param {Record<string, any>} value */
  const sendFilter = (value) => {
    // Only the newest filter's reply counts: a superseded one (a debounced prefix still in
    // flight when Enter sent the whole query) must not put its error back over the new
    // rows, and the new rows may arrive before the new reply, so the old error goes now.
    const mine = ++sent;
    clearError();
    query.setAttribute("aria-busy", "true");
    channel.send("filter", { value }, (r) => {
      if (mine !== sent) return;
      query.removeAttribute("aria-busy");
      if (r.ok) clearError();
      else showError(r.error);
    });
  };
  let timer = /** @type {ReturnType<typeof setTimeout> | null} */ (null);
  const sendQuery = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    sendFilter({ query: query.value, quick });
  };
  query.addEventListener("input", () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(sendQuery, FILTER_DEBOUNCE_MS);
  });
  query.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      sendQuery();
    } else if (e.key === "Escape") {
      query.value = String(model.get("query") ?? "");
      clearError();
    }
  });

  /**
   * @param {string} key @param {string} label @param {Array<[string, string]>} options
   */
  const quickSelect = (key, label, options) =>
    h(
      "select",
      {
        "aria-label": label,
        class: "nsw-quick",
        onchange: (/** @type {Event} */ e) => {
          const v = /** @type {HTMLSelectElement} */ (e.target).value;
          quick[key] = key === "failed" ? (v === "" ? null : v === "yes") : v || null;
          sendQuery();
        },
      },
      ...options.map(([value, text]) => h("option", { value, selected: String(quick[key] ?? "") === value }, text)),
    );
  /** @param {string} key @param {string} label */
  const quickText = (key, label) => {
    const input = h("input", { type: "text", class: "nsw-quick", "aria-label": label, placeholder: label, value: quick[key] ?? "" });
    const commit = () => {
      const v = input.value.trim();
      if ((quick[key] ?? "") === v) return;
      quick[key] = v || null;
      sendQuery();
    };
    input.addEventListener("change", commit);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") commit();
    });
    return input;
  };

  const quickEls =
    kind === "run"
      ? [
          quickSelect("state", "State filter", [["", "any state"], ...STATES.map((s) => /** @type {[string, string]} */ ([s, s]))]),
          quickText("tag", "Tag filter"),
          quickText("owner", "Owner filter"),
          quickSelect("failed", "Failed filter", [["", "failed or not"], ["yes", "failed"], ["no", "not failed"]]),
        ]
      : [
          quickSelect("stage", "Stage filter", [["", "any stage"], ...STAGES.map((s) => /** @type {[string, string]} */ ([s, s]))]),
          quickText("owner", "Owner filter"),
        ];

  // ---- column chooser ----------------------------------------------------------------------
  const chooserBtn = h("button", { type: "button", class: "nsw-btn", "aria-expanded": "false" }, "Columns");
  const find = h("input", { type: "search", "aria-label": "Find a column", placeholder: "find a column" });
  const list = h("div", { class: "nsw-collist", role: "group", "aria-label": "Columns shown" });
  const chooser = h("div", { class: "nsw-chooser", hidden: true }, find, list);
  chooserBtn.setAttribute("aria-controls", (chooser.id = uid("nsw-cols")));
  const renderChooser = () => {
    /** @type {import("./cells.js").Column[]} */
    const avail = Array.isArray(model.get("available")) ? model.get("available") : [];
    const shown = new Set((model.get("columns") ?? []).map((/** @type {any} */ c) => c.key));
    const needle = find.value.trim().toLowerCase();
    list.replaceChildren(
      ...avail
        .filter((c) => c.key !== "sys/id" && (!needle || c.key.toLowerCase().includes(needle)))
        .map((c) =>
          h(
            "label",
            { class: "nsw-colopt", title: c.type },
            h("input", {
              type: "checkbox",
              checked: shown.has(c.key),
              onchange: (/** @type {Event} */ e) => {
                const on = /** @type {HTMLInputElement} */ (e.target).checked;
                const keys = (model.get("columns") ?? []).map((/** @type {any} */ x) => x.key);
                const next = on ? [...keys, c.key] : keys.filter((/** @type {string} */ k) => k !== c.key);
                channel.send("columns", { value: { columns: next } }, (r) => {
                  if (!r.ok) showError(r.error);
                });
              },
            }),
            ` ${c.key}`,
          ),
        ),
    );
  };
  chooserBtn.addEventListener("click", () => {
    const open = chooser.hidden === true;
    show(chooser, open);
    chooserBtn.setAttribute("aria-expanded", String(open));
    if (open) {
      renderChooser();
      find.focus();
    }
  });
  chooser.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      show(chooser, false);
      chooserBtn.setAttribute("aria-expanded", "false");
      chooserBtn.focus();
    }
  });
  find.addEventListener("input", renderChooser);

  const updateCount = () => {
    const n = Number(model.get("total")) || 0;
    const noun = kind === "run" ? "run" : "model version";
    setText(count, `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`);
  };
  const onColumns = () => {
    if (!chooser.hidden) renderChooser();
  };
  const onQuery = () => {
    if (document.activeElement !== query) query.value = String(model.get("query") ?? "");
  };
  model.on("change:total", updateCount);
  model.on("change:columns", onColumns);
  model.on("change:available", onColumns);
  model.on("change:query", onQuery);
  updateCount();

  const el = h(
    "div",
    { class: "nsw-tbar" },
    h("div", { class: "nsw-tbar-row" }, query, chooserBtn, count),
    h("div", { class: "nsw-tbar-row nsw-quicks", role: "group", "aria-label": "Quick filters" }, ...quickEls),
    error,
    chooser,
  );
  return {
    el,
    showError,
    close() {
      if (timer) clearTimeout(timer);
      model.off("change:total", updateCount);
      model.off("change:columns", onColumns);
      model.off("change:available", onColumns);
      model.off("change:query", onQuery);
    },
  };
}
