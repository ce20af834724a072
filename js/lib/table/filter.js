// The NQL filter box (the subset fetch_runs_table(query=...) takes) and its inline error:
// typing pauses FILTER_DEBOUNCE_MS before the filter is sent, Enter sends at once, and a
// rejected query shows its error while the rows stay.

import { h, setText, show, uid } from "../dom.js";

/** Typing pauses this long before the filter is sent (Enter sends at once). */
export const FILTER_DEBOUNCE_MS = 400;

/**
 * @param {{model: import("../types.js").TableModel, send: import("./context.js").Send, kind: string}} opts
 * @param {import("./quick.js").Quick} quick the quick filters, sent with every query
 */
export function filterBox({ model, send, kind }, quick) {
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
  const { showError, clearError } = errorShower(query, error, errId);
  const sendFilter = newestOnly(send, query, showError, clearError);
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
  const close = () => {
    if (timer) clearTimeout(timer);
  };
  return { query, error, showError, sendQuery, close };
}

/** @param {HTMLInputElement} query @param {HTMLElement} error @param {string} errId */
function errorShower(query, error, errId) {
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
  return { showError, clearError };
}

/**
 * A filter sender whose replies count only for the newest filter: a superseded one (a
 * debounced prefix still in flight when Enter sent the whole query) must not put its
 * error back over the new rows, and the new rows may arrive before the new reply, so the
 * old error goes at once.
 * @param {import("./context.js").Send} send @param {HTMLInputElement} query
 * @param {(err: import("../channel.js").ReplyError | undefined) => void} showError @param {() => void} clearError
 */
function newestOnly(send, query, showError, clearError) {
  let sent = 0;
  /** @param {import("../contract.js").TableCommandValues["filter"]} value */
  return (value) => {
    const mine = ++sent;
    clearError();
    query.setAttribute("aria-busy", "true");
    send("filter", value, (r) => {
      if (mine !== sent) return;
      query.removeAttribute("aria-busy");
      if (r.ok) clearError();
      else showError(r.error);
    });
  };
}
