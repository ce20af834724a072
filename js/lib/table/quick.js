// Quick filters beside the NQL box: state, tag, owner, failed (runs) or stage, owner
// (model versions). Each change updates `quick` and sends the filter again.

import { STAGES, STATES } from "../contract.js";
import { h } from "../dom.js";

/** @typedef {import("../contract.js").QuickFilter} QuickFilter */
/** The quick filters as the `filter` command takes them. @typedef {NonNullable<import("../contract.js").TableCommandValues["filter"]["quick"]>} Quick */

/**
 * @param {string} kind
 * @param {Quick} quick updated in place
 * @param {() => void} sendQuery
 * @returns {HTMLElement[]}
 */
export function quickFilters(kind, quick, sendQuery) {
  /** @param {QuickFilter} key @param {string} label @param {Array<[string, string]>} options */
  const select = (key, label, options) =>
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
  const pairs = (/** @type {readonly string[]} */ xs) => xs.map((s) => /** @type {[string, string]} */ ([s, s]));
  if (kind !== "run") {
    return [select("stage", "Stage filter", [["", "any stage"], ...pairs(STAGES)]), quickText(quick, "owner", "Owner filter", sendQuery)];
  }
  return [
    select("state", "State filter", [["", "any state"], ...pairs(STATES)]),
    quickText(quick, "tag", "Tag filter", sendQuery),
    quickText(quick, "owner", "Owner filter", sendQuery),
    select("failed", "Failed filter", [["", "failed or not"], ["yes", "failed"], ["no", "not failed"]]),
  ];
}

/** A text quick filter, sent on change or Enter. @param {Quick} quick @param {QuickFilter} key @param {string} label @param {() => void} sendQuery */
function quickText(quick, key, label, sendQuery) {
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
}
