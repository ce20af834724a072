// Geometry of the grid: a fixed row height (a scroll position maps to a row index without
// measuring) and the CSS grid template the header and every row share.

/** Row height in px. */
export const ROW_H = 28;

/** @param {import("./cells.js").Column} c */
export function widthOf(c) {
  if (c.key === "sys/id") return "8rem";
  if (c.key === "sys/name") return "minmax(8rem, 1.5fr)";
  if (c.type === "StringSet" || c.type === "string_set") return "minmax(8rem, 2fr)";
  if (c.type === "RunState") return "7rem";
  if (c.type === "sparkline") return "minmax(7rem, 1fr)";
  if (c.type === "Datetime" || c.key === "sys/running_time") return "minmax(7rem, 1fr)";
  return "minmax(5rem, 1fr)";
}

/** The check-box column, then one track per column. @param {import("./cells.js").Column[]} cols */
export function template(cols) {
  return `2.2rem ${cols.map(widthOf).join(" ")}`;
}
