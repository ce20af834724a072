// How a table cell shows a value. Every value becomes text (textContent), never HTML.

import { formatAgo, formatDuration, formatTimestamp, parseTime, stateLook } from "../format.js";
import { h, setText } from "../dom.js";
import { fillSparkline } from "./sparkline.js";

/**
 * @typedef {object} Column
 * @property {string} key path of the attribute
 * @property {string} label
 * @property {string} type catalog type, or a user type (float, string, series:float, ...)
 * @property {boolean} sortable
 * @property {string} [path] a sparkline column's series
 */

/**
 * Plain text of a value of column `col` (what a screen reader and a copy see).
 * @param {Column} col
 * @param {unknown} v
 * @param {number} now ms
 */
export function cellText(col, v, now) {
  if (v == null || v === "") return "";
  if (col.type === "sparkline") return typeof v === "object" && "last" in v ? String(v.last ?? "") : "";
  if (col.key === "sys/ping_time") {
    const t = parseTime(String(v));
    return Number.isNaN(t) ? "never" : formatAgo(now - t);
  }
  if (col.type === "Datetime" || col.type === "datetime") return formatTimestamp(String(v));
  if (col.key === "sys/running_time") return formatDuration(Number(v));
  if (col.type === "RunState") return stateLook(v)[2];
  if (col.type === "Boolean" || col.type === "bool") {
    if (col.key === "sys/failed") return v ? "✕ failed" : "";
    return v ? "yes" : "no";
  }
  if (Array.isArray(v)) return v.map(String).join(", ");
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return String(v);
}

/**
 * Fill `td` with the value: a badge for states, chips for string sets, text otherwise.
 * @param {HTMLElement} td
 * @param {Column} col
 * @param {unknown} v
 * @param {number} now
 */
export function fillCell(td, col, v, now) {
  if (col.type === "sparkline") {
    fillSparkline(td, col.path ?? col.key, v);
    return;
  }
  if (col.type === "RunState") {
    const [mod, icon, text] = stateLook(v);
    const cls = `nsw-badge nsw-${mod}`;
    let badge = /** @type {HTMLElement | null} */ (td.firstElementChild);
    if (!badge || !badge.classList.contains("nsw-badge")) {
      badge = h("span", { class: cls }, h("span", { class: "nsw-icon", "aria-hidden": "true" }), h("span"));
      td.replaceChildren(badge);
    }
    if (badge.className !== cls) badge.className = cls;
    setText(/** @type {Node} */ (badge.firstChild), icon);
    setText(/** @type {Node} */ (badge.lastChild), text);
    return;
  }
  if (col.type === "StringSet" || col.type === "string_set") {
    const items = Array.isArray(v) ? v.map(String) : [];
    const key = items.join("\u001f");
    if (td.dataset.chips === key && td.childElementCount === items.length) return;
    td.dataset.chips = key;
    td.replaceChildren(...items.map((t) => h("span", { class: "nsw-tchip" }, t)));
    return;
  }
  if (col.key === "sys/ping_time") td.dataset.ping = v == null ? "" : String(v);
  if (col.key === "sys/failed") td.classList.toggle("nsw-failed", !!v);
  setText(td, cellText(col, v, now));
}
