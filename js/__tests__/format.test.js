import { describe, expect, it } from "vitest";
import {
  extrapolatedRunningTime,
  formatAgo,
  formatBytes,
  formatDuration,
  formatTimestamp,
  formatValue,
  plain,
} from "../lib/format.js";

describe("format helpers", () => {
  it("formats durations", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(-5)).toBe("0 s");
    expect(formatDuration(Number.NaN)).toBe("0 s");
    expect(formatDuration(12.9)).toBe("12 s");
    expect(formatDuration(245)).toBe("4 min 05 s");
    expect(formatDuration(3 * 3600 + 4 * 60 + 5)).toBe("3 h 04 min 05 s");
    expect(formatDuration(2 * 86400 + 3 * 3600 + 4 * 60)).toBe("2 d 03 h 04 min");
  });

  it("formats ages", () => {
    expect(formatAgo(400)).toBe("just now");
    expect(formatAgo(-3000)).toBe("just now"); // clock skew never shows a negative age
    expect(formatAgo(2500)).toBe("2 s ago");
    expect(formatAgo(3 * 60_000)).toBe("3 min ago");
    expect(formatAgo(2 * 3_600_000)).toBe("2 h ago");
    expect(formatAgo(4 * 86_400_000)).toBe("4 d ago");
    expect(formatAgo(Number.NaN)).toBe("never");
  });

  it("formats bytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1500)).toBe("1.5 kB");
    expect(formatBytes(12_345_678)).toBe("12 MB");
    expect(formatBytes(null)).toBe("—");
  });

  it("formats timestamps in local time, and missing ones as a dash", () => {
    const iso = "2026-11-23T10:00:00.123Z";
    const d = new Date(iso);
    const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
    expect(formatTimestamp(iso)).toBe(
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
    );
    expect(formatTimestamp(null)).toBe("—");
    expect(formatTimestamp("not a date")).toBe("—");
  });

  it("extrapolates running time only while active", () => {
    const sampled = "2026-11-23T10:00:00.000Z";
    const now = Date.parse("2026-11-23T10:00:10.000Z");
    expect(extrapolatedRunningTime({ running_time: 5, sampled_at: sampled, state: "active" }, now)).toBe(15);
    expect(extrapolatedRunningTime({ running_time: 5, sampled_at: sampled, state: "inactive" }, now)).toBe(5);
    expect(extrapolatedRunningTime({ running_time: 5, sampled_at: null, state: "active" }, now)).toBe(5);
    // a kernel clock ahead of the browser never makes time run backwards
    expect(extrapolatedRunningTime({ running_time: 5, sampled_at: "2026-11-23T10:01:00Z", state: "active" }, now)).toBe(5);
  });

  it("formats raw values and strips Markdown backticks", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue([])).toBe("—");
    expect(formatValue(false)).toBe("false");
    expect(formatValue(3.5)).toBe("3.5");
    expect(plain("`active` while attached")).toBe("active while attached");
  });
});
