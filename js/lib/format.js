// Pure formatting helpers (no DOM, no model): easy to test on their own.

/**
 * Milliseconds since the epoch for an ISO-8601 string, or NaN.
 * @param {string | null | undefined} iso
 */
export function parseTime(iso) {
  if (!iso) return NaN;
  return Date.parse(iso);
}

const pad2 = (/** @type {number} */ n) => String(n).padStart(2, "0");

/**
 * A local "YYYY-MM-DD HH:MM:SS" for an ISO time, "—" when missing or unparsable.
 * @param {string | null | undefined} iso
 */
export function formatTimestamp(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return "—";
  const d = new Date(t);
  return (
    `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
  );
}

/**
 * A compact duration: "12 s", "4 min 05 s", "3 h 04 min 05 s", "2 d 03 h 04 min".
 * Negative or non-finite input counts as 0.
 * @param {number} seconds
 */
export function formatDuration(seconds) {
  let s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const mm = Math.floor(s / 60);
  s -= mm * 60;
  if (d > 0) return `${d} d ${pad2(hh)} h ${pad2(mm)} min`;
  if (hh > 0) return `${hh} h ${pad2(mm)} min ${pad2(s)} s`;
  if (mm > 0) return `${mm} min ${pad2(s)} s`;
  return `${s} s`;
}

/**
 * "just now", "5 s ago", "3 min ago", "2 h ago", "4 d ago" for an age in milliseconds.
 * @param {number} ms
 */
export function formatAgo(ms) {
  if (!Number.isFinite(ms)) return "never";
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 1) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/**
 * Bytes as "512 B", "1.5 kB", "12.3 MB" (decimal units).
 * @param {number | null | undefined} bytes
 */
export function formatBytes(bytes) {
  if (bytes == null || !Number.isFinite(bytes)) return "—";
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * Running time to display: while active, the kernel's `running_time` plus the time
 * elapsed since the kernel sampled it (`sampled_at`); otherwise the stored value.
 * @param {{running_time?: number | null, sampled_at?: string | null, state?: string | null}} s
 * @param {number} now ms since the epoch
 */
export function extrapolatedRunningTime(s, now) {
  const base = typeof s.running_time === "number" ? s.running_time : 0;
  if (s.state !== "active") return base;
  const at = parseTime(s.sampled_at);
  if (Number.isNaN(at)) return base;
  return base + Math.max(0, now - at) / 1000;
}

/**
 * Any trait value as one line of plain text (for the "all fields" table).
 * @param {unknown} v
 */
export function formatValue(v) {
  if (v == null || v === "") return "—";
  if (Array.isArray(v)) return v.length ? v.map(String).join(", ") : "—";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * Catalog meanings use Markdown backticks; titles are plain text.
 * @param {string | null | undefined} s
 */
export function plain(s) {
  return (s ?? "").replace(/`/g, "");
}

/** @type {Record<import("./contract.js").RunState, [string, string, string]>} one for each state the catalog has */
const STATE_LOOK = {
  active: ["active", "●", "Active"],
  inactive: ["inactive", "○", "Inactive"],
};

/**
 * How a run state shows (card badges and table cells alike): its modifier class, an icon,
 * so that state is never shown by colour alone, and its text.
 * @param {unknown} state
 * @returns {[string, string, string]} [modifier, icon, text]
 */
export function stateLook(state) {
  const s = state == null ? "" : String(state);
  return Object.hasOwn(STATE_LOOK, s) ? STATE_LOOK[/** @type {keyof typeof STATE_LOOK} */ (s)] : ["unknown", "?", s || "unknown"];
}
