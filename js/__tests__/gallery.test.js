// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { SETTLE_MS, atOrBefore } from "../lib/card/gallery.js";
import { runState } from "./fake-model.js";
import { byLabel, mount, visible } from "./helpers.js";

/** @type {Array<() => void>} */
let cleanups = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
  document.body.replaceChildren();
  vi.useRealTimers();
});

const XSS = "<img src=x onerror=window.__pwned=1>";
const PNG_B64 = btoa("\x89PNG fake");

/** @param {any} model @param {any} cmd */
function answer(model, cmd, result = { data: PNG_B64, mime: "image/png" }) {
  model.emit("msg:custom", { type: "reply", id: cmd.id, ok: true, result });
}

/** @param {Record<string, any>} over */
function render(over) {
  const m = mount(runState(over));
  cleanups.push(m.cleanup);
  return m;
}

describe("image gallery", () => {
  it("is hidden without image series", () => {
    const { el } = render({ galleries: [] });
    expect(visible(el.querySelector(".nsw-gallery"))).toBe(false);
  });

  it("asks for the last step, shows it through a blob URL, and moves by the slider", () => {
    vi.useFakeTimers();
    const { el, model } = render({ galleries: [{ path: "preds", count: 3, steps: [0, 5, 10] }] });
    expect(visible(el.querySelector(".nsw-gallery"))).toBe(true);
    const first = model.last("image");
    expect(first).toMatchObject({ cmd: "image", field: "preds", value: 10 });
    answer(model, first);
    const img = /** @type {HTMLImageElement} */ (el.querySelector(".nsw-gallery-img"));
    expect(img.src.startsWith("blob:")).toBe(true);
    expect(img.alt).toBe("preds, step 10");
    const slider = byLabel(el, "Step of preds");
    expect(slider.getAttribute("type")).toBe("range");
    expect(slider.max).toBe("2");
    expect(slider.getAttribute("aria-valuetext")).toBe("step 10");
    slider.value = "1";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    expect(slider.getAttribute("aria-valuetext")).toBe("step 5");
    vi.advanceTimersByTime(SETTLE_MS + 1);
    const second = model.last("image");
    expect(second.value).toBe(5);
    answer(model, second);
    expect(img.alt).toBe("preds, step 5");
  });

  it("follows new images at the end, stays put elsewhere, shows paths as text", () => {
    vi.useFakeTimers();
    const { el, model } = render({ galleries: [{ path: XSS, count: 2, steps: [0, 1] }] });
    expect(el.querySelector(".nsw-gallery-path")?.textContent).toBe(XSS);
    expect(el.querySelector(".nsw-gallery img[onerror]")).toBeNull();
    const slider = byLabel(el, `Step of ${XSS}`);
    model.update({ galleries: [{ path: XSS, count: 3, steps: [0, 1, 2] }] });
    expect(slider.max).toBe("2");
    expect(slider.value).toBe("2"); // was at the end: follows
    expect(model.last("image").value).toBe(2);
    slider.value = "0";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    vi.advanceTimersByTime(SETTLE_MS + 1);
    const asked = model.sent.length;
    model.update({ galleries: [{ path: XSS, count: 4, steps: [0, 1, 2, 3] }] });
    expect(slider.max).toBe("3");
    expect(slider.value).toBe("0"); // the user's choice stays
    expect(model.sent.length).toBe(asked);
  });

  it("shows the kernel's error as text", () => {
    const { el, model } = render({ galleries: [{ path: "p", count: 1, steps: [0] }] });
    const cmd = model.last("image");
    model.emit("msg:custom", { type: "reply", id: cmd.id, ok: false, error: { type: "InvalidValueError", message: XSS } });
    expect(el.querySelector(".nsw-gallery-note")?.textContent).toBe(XSS);
  });
});

describe("the chart's cursor on a strip", () => {
  it("finds the image at or before a step", () => {
    expect(atOrBefore([0, 10, 20], 15)).toBe(1);
    expect(atOrBefore([0, 10, 20], 20)).toBe(2);
    expect(atOrBefore([0, 10, 20], 99)).toBe(2);
    expect(atOrBefore([5, 10], 1)).toBe(-1);
    expect(atOrBefore([], 1)).toBe(-1);
  });
});
