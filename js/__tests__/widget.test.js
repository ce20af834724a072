// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { modelState, RUN_FIELDS, runState, versionState } from "./fake-model.js";
import { button, byLabel, chipTexts, key, mount, type, visible } from "./helpers.js";

/** @type {Array<() => void>} */
let cleanups = [];
/** @param {Record<string, any>} state */
function render(state) {
  const m = mount(state);
  cleanups.push(m.cleanup);
  return m;
}

beforeEach(() => {
  cleanups = [];
});
afterEach(() => {
  for (const c of cleanups) c();
  document.body.replaceChildren();
  vi.useRealTimers();
});

const XSS = "<img src=x onerror=window.__pwned=1>";

describe("rendering each kind", () => {
  it("renders a run card", () => {
    const { el } = render(runState({ state: "active", tags: ["a", "b"], group_tags: ["g1"] }));
    const root = /** @type {HTMLElement} */ (el.querySelector(".nsw-root"));
    expect(root.hasAttribute("data-lm-suppress-shortcuts")).toBe(true);
    expect(root.classList.contains("nsw-kind-run")).toBe(true);
    expect(el.querySelector(".nsw-id")?.textContent).toBe("CLS-7");
    expect(byLabel(el, "Run name").value).toBe("baseline");
    const badge = /** @type {HTMLElement} */ (el.querySelector(".nsw-badge"));
    expect(badge.textContent).toBe("●Active"); // icon + text, never colour alone
    expect(badge.querySelector(".nsw-icon")?.getAttribute("aria-hidden")).toBe("true");
    expect(el.textContent).toContain("alice@gpu-box");
    expect(el.textContent).toContain("exp-a");
    expect(visible(el.querySelector(".nsw-head"))).toBe(true);
    expect(byLabel(el, "Failed").getAttribute("role")).toBe("switch");
    expect(byLabel(el, "Description").tagName).toBe("TEXTAREA");
    expect(chipTexts(el)).toEqual(["a", "b"]);
    expect(chipTexts(el, "Add group tag")).toEqual(["g1"]);
    expect(byLabel(el, "Add tag")).toBeTruthy();
    expect(byLabel(el, "Add group tag")).toBeTruthy();
    expect(visible(button(el, "Stop run"))).toBe(true);
    expect(visible(button(el, "Abort run"))).toBe(true);
    expect(el.querySelector('[aria-label="Stage"]')).toBeNull();
    const fork = [...el.querySelectorAll(".nsw-row")].find((r) => r.textContent?.includes("Forked from"));
    expect(visible(fork ?? null)).toBe(false); // not forked
  });

  it("shows fork lineage for a forked run", () => {
    const { el } = render(runState({ forking_parent: "base-run", forking_step: 120, forking_depth: 2 }));
    const row = [...el.querySelectorAll(".nsw-row")].find((r) => r.textContent?.includes("Forked from"));
    expect(visible(row ?? null)).toBe(true);
    expect(row?.querySelector("dd")?.textContent).toBe("base-run @ step 120 · depth 2");
  });

  it("hides Stop/Abort for an inactive run", () => {
    const { el } = render(runState({ state: "inactive" }));
    expect(visible(button(el, "Stop run"))).toBe(false);
    expect(visible(button(el, "Abort run"))).toBe(false);
    expect(el.querySelector(".nsw-badge")?.textContent).toBe("○Inactive");
  });

  it("renders a model version card with a stage control", () => {
    const { el } = render(versionState());
    expect(el.querySelector(".nsw-root")?.classList.contains("nsw-kind-model_version")).toBe(true);
    expect(byLabel(el, "Name").value).toBe("v3");
    expect(el.querySelector('[aria-label="Run name"]')).toBeNull();
    const stage = byLabel(el, "Stage");
    expect(stage.tagName).toBe("SELECT");
    expect(stage.value).toBe("staging");
    expect([...stage.options].map((o) => o.value)).toEqual(["none", "staging", "production", "archived"]);
    expect(el.textContent).toContain("CLS-MOD");
    // fields a version doesn't have are not rendered
    expect(el.querySelector('[aria-label="Failed"]')).toBeNull();
    expect(el.textContent).not.toContain("Stop run");
    expect(el.textContent).not.toContain("Experiment");
  });

  it("shows the parent model under the sys_model_id trait name too", () => {
    const fields = versionState().fields.map((f) => (f.trait === "model_id" ? { ...f, trait: "sys_model_id" } : f));
    const { el } = render(versionState({ fields, model_id: undefined, sys_model_id: "OTHER-MOD" }));
    const row = [...el.querySelectorAll(".nsw-row")].find((r) => r.querySelector("dt")?.textContent === "Model");
    expect(row?.querySelector("dd")?.textContent).toBe("OTHER-MOD");
    expect(visible(row ?? null)).toBe(true);
  });

  it("renders a model card with a live list of versions", () => {
    const { el, model } = render(modelState());
    expect(byLabel(el, "Name").value).toBe("classifier");
    expect(el.querySelector('[aria-label="Stage"]')).toBeNull();
    const rows = el.querySelectorAll(".nsw-versions tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("CLS-MOD-1");
    expect(rows[0].textContent).toContain("v1");
    expect(rows[1].textContent).toContain("Active");
    expect(byLabel(el, "Stage of CLS-MOD-1").value).toBe("archived");
    expect(byLabel(el, "Stage of CLS-MOD-2").value).toBe("production");

    model.update({
      versions: [
        ...model.get("versions"),
        { id: "CLS-MOD-3", name: "v3", stage: "none", state: "active", creation_time: null },
      ],
    });
    expect(el.querySelectorAll(".nsw-versions tbody tr")).toHaveLength(3);
    expect(byLabel(el, "Stage of CLS-MOD-3").value).toBe("none");
    expect(el.querySelector(".nsw-versions caption")?.textContent).toBe("Versions (3)");
  });

  it("renders only the fields listed", () => {
    const fields = RUN_FIELDS.filter((f) => !["tags", "hostname", "failed"].includes(f.trait));
    const { el } = render(runState({ fields }));
    expect(el.querySelector('[aria-label="Add tag"]')).toBeNull();
    expect(el.querySelector('[aria-label="Failed"]')).toBeNull();
    expect(byLabel(el, "Add group tag")).toBeTruthy();
    expect(el.textContent).not.toContain("gpu-box");
  });

  it("uses the catalog path and meaning as tooltips", () => {
    const { el } = render(runState());
    expect(byLabel(el, "Run name").getAttribute("title")).toBe(
      "sys/name: display name; defaults to the experiment name, else Untitled",
    );
    const paths = [...el.querySelectorAll(".nsw-all th")].map((t) => t.textContent);
    expect(paths).toContain("sys/experiment/is_head");
  });
});

describe("tags", () => {
  it("adds a tag on Enter and shows it pending until the reply", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Add tag");
    type(input, "  new-tag ");
    key(input, "Enter");
    const msg = model.last();
    expect(msg).toEqual({ type: "command", id: msg.id, cmd: "add", field: "tags", value: "new-tag" });
    expect(Number.isInteger(msg.id)).toBe(true);
    expect(input.value).toBe("");
    const group = /** @type {HTMLElement} */ (input.closest(".nsw-chipfield"));
    expect(group.getAttribute("aria-busy")).toBe("true");
    expect(visible(group.querySelector(".nsw-saving"))).toBe(true);
    const ghost = el.querySelector(".nsw-chip-adding");
    expect(ghost?.textContent).toBe("new-tag");

    model.update({ tags: ["lr-sweep", "new-tag", "resnet"] });
    model.reply(msg.id, true);
    expect(group.hasAttribute("aria-busy")).toBe(false);
    expect(visible(group.querySelector(".nsw-saving"))).toBe(false);
    expect(el.querySelector(".nsw-chip-adding")).toBeNull();
    expect(chipTexts(el)).toEqual(["lr-sweep", "new-tag", "resnet"]);
  });

  it("adds a group tag with the group_tags field", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Add group tag");
    type(input, "team-a");
    key(input, "Enter");
    expect(model.last()).toMatchObject({ cmd: "add", field: "group_tags", value: "team-a" });
  });

  it("does not send empty or duplicate tags", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Add tag");
    type(input, "   ");
    key(input, "Enter");
    type(input, "resnet");
    key(input, "Enter");
    expect(model.sent).toHaveLength(0);
  });

  it("removes a tag with its remove button", () => {
    const { el, model } = render(runState());
    const btn = button(el, "Remove tag resnet");
    btn.click();
    expect(model.last()).toMatchObject({ type: "command", cmd: "remove", field: "tags", value: "resnet" });
    const chip = [...el.querySelectorAll(".nsw-chip")].find((c) => c.textContent?.includes("resnet"));
    expect(chip?.classList.contains("nsw-chip-removing")).toBe(true);
    expect(chip?.getAttribute("aria-busy")).toBe("true");
    model.update({ tags: ["lr-sweep"] });
    model.reply(model.last().id, true);
    expect(el.querySelector('[aria-label="Remove tag resnet"]')).toBeNull();
  });

  it("names group-tag remove buttons 'Remove group tag <tag>'", () => {
    const { el, model } = render(runState({ group_tags: ["g1"] }));
    button(el, "Remove group tag g1").click();
    expect(model.last()).toMatchObject({ cmd: "remove", field: "group_tags", value: "g1" });
  });

  it("removes the last chip on Backspace in the empty input", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Add tag");
    input.focus();
    type(input, "x");
    key(input, "Backspace");
    expect(model.sent).toHaveLength(0); // not empty: ordinary editing
    input.value = "";
    key(input, "Backspace", { repeat: true });
    expect(model.sent).toHaveLength(0); // a held key does not wipe every chip
    key(input, "Backspace");
    expect(model.last()).toMatchObject({ cmd: "remove", field: "tags", value: "resnet" });
    key(input, "Backspace"); // the next one takes the chip before it
    expect(model.last()).toMatchObject({ cmd: "remove", field: "tags", value: "lr-sweep" });
  });

  it("shows a rejected tag inline and snaps back to the trait", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Add tag");
    type(input, "x".repeat(20));
    key(input, "Enter");
    const { id } = model.last();
    model.reply(id, false, { type: "InvalidValueError", message: "sys/tags: a tag is at most 10 characters", field: "tags" });
    const alert = el.querySelector(".nsw-chipfield [role=alert]");
    expect(alert?.textContent).toBe("sys/tags: a tag is at most 10 characters");
    expect(input.getAttribute("aria-describedby")).toBe(alert?.id);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(el.querySelector(".nsw-chip-adding")).toBeNull();
    expect(chipTexts(el)).toEqual(["lr-sweep", "resnet"]);
    expect(input.value).toBe("x".repeat(20)); // given back to fix
  });
});

describe("stage", () => {
  it("sends change_stage from a model version's stage control", () => {
    const { el, model } = render(versionState());
    const select = byLabel(el, "Stage");
    select.value = "production";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    const msg = model.last();
    expect(msg).toEqual({ type: "command", id: msg.id, cmd: "change_stage", value: "production" });
    expect(select.getAttribute("aria-busy")).toBe("true");
    model.update({ stage: "production" });
    model.reply(msg.id, true);
    expect(select.hasAttribute("aria-busy")).toBe(false);
    expect(select.value).toBe("production");
  });

  it("sends change_stage with the version id as target from a model's list", () => {
    const { el, model } = render(modelState());
    const select = byLabel(el, "Stage of CLS-MOD-1");
    select.value = "staging";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last()).toMatchObject({ cmd: "change_stage", value: "staging", target: "CLS-MOD-1" });
  });

  it("snaps the stage back on a rejected change", () => {
    const { el, model } = render(versionState());
    const select = byLabel(el, "Stage");
    select.value = "archived";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    model.reply(model.last().id, false, { type: "InvalidValueError", message: "no such stage", field: "stage" });
    expect(select.value).toBe("staging");
    expect(select.parentElement?.querySelector("[role=alert]")?.textContent).toBe("no such stage");
  });
});

describe("name and description", () => {
  it("commits the name on Enter, shows pending, and does not resend on blur", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "better");
    key(input, "Enter");
    const msg = model.last();
    expect(msg).toEqual({ type: "command", id: msg.id, cmd: "set", field: "name", value: "better" });
    expect(input.getAttribute("aria-busy")).toBe("true");
    expect(visible(input.parentElement?.querySelector(".nsw-saving") ?? null)).toBe(true);
    input.blur();
    expect(model.sent).toHaveLength(1);
    model.update({ name: "better" });
    model.reply(msg.id, true);
    expect(input.hasAttribute("aria-busy")).toBe(false);
    expect(input.value).toBe("better");
  });

  it("commits the name on blur when changed, and not when unchanged", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    input.focus();
    input.blur();
    expect(model.sent).toHaveLength(0);
    type(input, "other");
    input.blur();
    expect(model.last()).toMatchObject({ cmd: "set", field: "name", value: "other" });
  });

  it("shows an error inline and snaps the value back", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "bad name");
    key(input, "Enter");
    model.reply(model.last().id, false, {
      type: "InvalidValueError",
      message: "sys/name: too long",
      field: "name",
    });
    expect(input.value).toBe("baseline");
    const alert = /** @type {HTMLElement} */ (el.querySelector(`#${CSS.escape(input.getAttribute("aria-describedby"))}`));
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe("sys/name: too long");
    expect(input.hasAttribute("aria-busy")).toBe(false);
    // the next successful edit clears the error
    type(input, "fine");
    key(input, "Enter");
    expect(alert.textContent).toBe("");
    expect(input.hasAttribute("aria-describedby")).toBe(false);
  });

  it("keeps pending while the kernel is busy: no timeout turns into an error", () => {
    vi.useFakeTimers();
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "slow");
    key(input, "Enter");
    vi.advanceTimersByTime(10 * 60_000);
    expect(input.getAttribute("aria-busy")).toBe("true");
    expect(el.querySelector("[role=alert]")?.textContent ?? "").toBe("");
  });

  it("reverts the name on Escape", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "oops");
    key(input, "Escape");
    expect(input.value).toBe("baseline");
    input.blur();
    expect(model.sent).toHaveLength(0);
  });

  it("does not clobber typing with a trait change, but follows it otherwise", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "typing…");
    model.update({ name: "from-script" });
    expect(input.value).toBe("typing…");
    key(input, "Escape");
    expect(input.value).toBe("from-script");
    input.blur();
    model.update({ name: "again" });
    expect(input.value).toBe("again");
  });

  it("commits the description on Ctrl+Enter and on blur", () => {
    const { el, model } = render(runState());
    const ta = byLabel(el, "Description");
    type(ta, "line one");
    key(ta, "Enter"); // a plain Enter is a newline
    expect(model.sent).toHaveLength(0);
    key(ta, "Enter", { ctrlKey: true });
    expect(model.last()).toMatchObject({ cmd: "set", field: "description", value: "line one" });
    model.update({ description: "line one" });
    model.reply(model.last().id, true);
    type(ta, "line two");
    ta.blur();
    expect(model.last()).toMatchObject({ cmd: "set", field: "description", value: "line two" });
    expect(model.sent).toHaveLength(2);
  });
});

describe("failed flag", () => {
  it("toggles failed and snaps back when rejected", () => {
    const { el, model } = render(runState());
    const sw = byLabel(el, "Failed");
    sw.click();
    expect(model.last()).toMatchObject({ cmd: "set", field: "failed", value: true });
    expect(sw.getAttribute("aria-busy")).toBe("true");
    model.reply(model.last().id, false, { type: "ReadOnlyAttributeError", message: "nope", field: "failed" });
    expect(sw.checked).toBe(false);
    expect(el.textContent).toContain("nope");
  });

  it("shows the traceback when failed", () => {
    const { el, model } = render(runState());
    const tb = /** @type {HTMLElement} */ (el.querySelector(".nsw-traceback"));
    expect(visible(tb)).toBe(false);
    model.update({ failed: true, traceback: ["Traceback (most recent call last):", "ValueError: boom"] });
    expect(visible(tb)).toBe(true);
    expect(tb.textContent).toBe("Traceback (most recent call last):\nValueError: boom");
    expect(byLabel(el, "Failed").checked).toBe(true);
    expect(visible(el.querySelector(".nsw-badge.nsw-failed"))).toBe(true);
  });
});

describe("store status", () => {
  it("shows that the store does not answer, as text, and hides it when it answers again", () => {
    const { el, model } = render(runState());
    const banner = /** @type {HTMLElement} */ (el.querySelector(".nsw-store-problem"));
    expect(visible(banner)).toBe(false);
    model.update({ store_problem: "PostgreSQL store postgresql://u@db:5432/x: <b>refused</b>" });
    expect(visible(banner)).toBe(true);
    expect(banner.textContent).toContain("Store unreachable");
    expect(banner.textContent).toContain("<b>refused</b>");
    expect(banner.querySelector("b")).toBe(null);
    expect(banner.getAttribute("role")).toBe("status");
    model.update({ store_problem: "" });
    expect(visible(banner)).toBe(false);
  });
});

describe("stop and abort", () => {
  it("sends stop", () => {
    const { el, model } = render(runState({ state: "active" }));
    button(el, "Stop run").click();
    expect(model.last()).toMatchObject({ type: "command", cmd: "stop" });
  });

  it("asks for an inline confirmation before abort", () => {
    const { el, model } = render(runState({ state: "active" }));
    button(el, "Abort run").click();
    expect(model.sent).toHaveLength(0);
    const confirm = el.querySelector(".nsw-confirm");
    expect(visible(confirm)).toBe(true);
    button(el, "Cancel").click();
    expect(visible(confirm)).toBe(false);
    expect(model.sent).toHaveLength(0);
    button(el, "Abort run").click();
    button(el, "Yes, abort").click();
    expect(model.last()).toMatchObject({ cmd: "abort" });
    expect(model.sent).toHaveLength(1);
  });

  it("stays available on a read-only handle", () => {
    const { el } = render(runState({ state: "active", read_only: true }));
    expect(visible(button(el, "Stop run"))).toBe(true);
    expect(visible(button(el, "Abort run"))).toBe(true);
  });
});

describe("read-only handles", () => {
  it("disables every edit and follows read_only live", () => {
    const { el, model } = render(runState({ read_only: true, group_tags: ["g"] }));
    expect(byLabel(el, "Run name").readOnly).toBe(true);
    expect(byLabel(el, "Description").readOnly).toBe(true);
    expect(byLabel(el, "Failed").disabled).toBe(true);
    expect(visible(byLabel(el, "Add tag"))).toBe(false);
    expect(el.querySelector(".nsw-chip-remove")).toBeNull();
    byLabel(el, "Run name").value = "x";
    byLabel(el, "Run name").dispatchEvent(new Event("blur"));
    expect(model.sent).toHaveLength(0);

    model.update({ read_only: false });
    expect(byLabel(el, "Run name").readOnly).toBe(false);
    expect(visible(byLabel(el, "Add tag"))).toBe(true);
    expect(button(el, "Remove tag resnet")).toBeTruthy();
  });

  it("disables stage controls", () => {
    const v = render(versionState({ read_only: true }));
    expect(byLabel(v.el, "Stage").disabled).toBe(true);
    const m = render(modelState({ read_only: true }));
    expect(byLabel(m.el, "Stage of CLS-MOD-1").disabled).toBe(true);
  });
});

describe("untrusted text", () => {
  it("renders HTML-looking names, tags and descriptions as literal text", () => {
    delete (/** @type {any} */ (window).__pwned);
    const { el, model } = render(
      runState({ name: XSS, tags: [XSS], description: XSS, owner: XSS, experiment_name: XSS, state: "active" }),
    );
    expect(el.querySelector("img")).toBeNull();
    expect(byLabel(el, "Run name").value).toBe(XSS);
    expect(chipTexts(el)).toContain(XSS);
    expect(button(el, `Remove tag ${XSS}`)).toBeTruthy();
    model.update({ name: `${XSS}!`, tags: [XSS, `<b>${XSS}</b>`] });
    const m = render(modelState({ versions: [{ id: XSS, name: XSS, stage: "none", state: "inactive", creation_time: null }] }));
    expect(m.el.querySelector(".nsw-versions tbody")?.textContent).toContain(XSS);
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
    expect(/** @type {any} */ (window).__pwned).toBeUndefined();
  });
});

describe("live region", () => {
  it("announces a state flip but not a ping", () => {
    const { el, model } = render(runState({ state: "inactive" }));
    const live = /** @type {HTMLElement} */ (el.querySelector('[aria-live="polite"]'));
    expect(live.textContent).toBe("");
    model.update({ ping_time: "2026-11-23T10:00:05.000Z", modification_time: "2026-11-23T10:00:05.000Z" });
    expect(live.textContent).toBe("");
    model.update({ state: "active" });
    expect(live.textContent).toBe("Run CLS-7 is now active");
    model.update({ ping_time: "2026-11-23T10:00:09.000Z", running_time: 4 });
    expect(live.textContent).toBe("Run CLS-7 is now active");
    model.update({ state: "inactive", failed: true });
    expect(live.textContent).toBe("Run CLS-7 is now inactive (failed)");
    expect(el.querySelector(".nsw-badge")?.textContent).toBe("○Inactive");
  });
});

describe("keyboard isolation", () => {
  it("does not let keydown in the tag input reach the notebook", () => {
    const { el } = render(runState());
    const seen = vi.fn();
    el.addEventListener("keydown", seen);
    document.addEventListener("keydown", seen);
    const input = byLabel(el, "Add tag");
    for (const k of ["a", "b", "d", "m", "Escape", "Enter"]) key(input, k);
    key(byLabel(el, "Run name"), "a");
    key(byLabel(el, "Description"), "Escape");
    expect(seen).not.toHaveBeenCalled();
    document.removeEventListener("keydown", seen);
  });

  it("marks the root for Lumino's shortcut suppression", () => {
    const { el } = render(versionState());
    expect(el.querySelector(".nsw-root")?.getAttribute("data-lm-suppress-shortcuts")).toBe("true");
  });
});

describe("timers", () => {
  it("ticks 'pinged N s ago' and extrapolates running time while active", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T10:00:03.000Z"));
    const { el } = render(
      runState({ state: "active", ping_time: "2026-11-23T10:00:00.000Z", running_time: 60, sampled_at: "2026-11-23T10:00:00.000Z" }),
    );
    const ping = /** @type {HTMLElement} */ (el.querySelector(".nsw-ping"));
    expect(ping.textContent).toBe("pinged 3 s ago");
    const running = [...el.querySelectorAll(".nsw-row")].find((r) => r.textContent?.startsWith("Running time"));
    expect(running?.querySelector("dd")?.textContent).toBe("1 min 03 s");
    vi.advanceTimersByTime(5000);
    expect(ping.textContent).toBe("pinged 8 s ago");
    expect(running?.querySelector("dd")?.textContent).toBe("1 min 08 s");
  });

  it("does not extrapolate running time of an inactive run", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T11:00:00.000Z"));
    const { el } = render(runState({ state: "inactive", running_time: 42 }));
    const running = [...el.querySelectorAll(".nsw-row")].find((r) => r.textContent?.startsWith("Running time"));
    expect(running?.querySelector("dd")?.textContent).toBe("42 s");
  });

  it("sends refresh every 30 s, one at a time", () => {
    vi.useFakeTimers();
    const { model } = render(runState());
    vi.advanceTimersByTime(29_000);
    expect(model.sent).toHaveLength(0);
    vi.advanceTimersByTime(1_000);
    expect(model.last()).toMatchObject({ type: "command", cmd: "refresh" });
    vi.advanceTimersByTime(60_000); // unanswered: no pile-up behind a busy kernel
    expect(model.sent).toHaveLength(1);
    model.reply(model.last().id, true);
    vi.advanceTimersByTime(30_000);
    expect(model.sent.filter((m) => m.cmd === "refresh")).toHaveLength(2);
  });

  it("cleanup clears the intervals, the listeners and the DOM", () => {
    vi.useFakeTimers();
    const { el, model, cleanup } = mount(runState({ state: "active" }));
    expect(vi.getTimerCount()).toBe(2); // the 1 s ticker and the 30 s refresh
    expect(model.listenerCount()).toBeGreaterThan(0);
    cleanup();
    expect(vi.getTimerCount()).toBe(0);
    expect(model.listenerCount()).toBe(0);
    expect(el.querySelector(".nsw-root")).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(model.sent).toHaveLength(0);
  });
});

describe("other kinds and odd messages", () => {
  it("renders a project card with just the fields it has", () => {
    const fields = RUN_FIELDS.filter((f) => ["id", "name", "owner", "creation_time", "modification_time", "size"].includes(f.trait));
    const { el } = render({ kind: "project", fields, id: "CLS", name: "cls", owner: "alice", read_only: false });
    expect(el.querySelector(".nsw-root")?.getAttribute("aria-label")).toBe("Project CLS");
    expect(byLabel(el, "Name").value).toBe("cls");
    expect(el.querySelector('[aria-label="Add tag"]')).toBeNull();
    expect(el.querySelector(".nsw-ping")).toBeNull();
    expect(el.querySelector(".nsw-badge")).toBeNull();
  });

  it("ignores replies without a matching id and other custom messages", () => {
    const { el, model } = render(runState());
    const input = byLabel(el, "Run name");
    type(input, "pending");
    key(input, "Enter");
    model.emit("msg:custom", { type: "reply", id: null, ok: false, error: { type: "ReadOnlyAttributeError", message: "state is read-only" } });
    model.emit("msg:custom", { type: "something-else" });
    model.emit("msg:custom", null);
    expect(input.getAttribute("aria-busy")).toBe("true");
    expect(el.textContent).not.toContain("state is read-only");
  });

  it("hides the description placeholder on a read-only handle", () => {
    const { el } = render(runState({ read_only: true }));
    expect(byLabel(el, "Description").getAttribute("placeholder") ?? "").toBe("");
  });
});

describe("command ids", () => {
  it("uses increasing ids and ignores replies for other views", () => {
    const state = runState();
    const a = render(state);
    const b = render(state);
    // Two views of one model share the model in reality; here each has its own fake, so
    // deliver view A's reply to view B as well, as the kernel broadcast would.
    const inputA = byLabel(a.el, "Run name");
    const inputB = byLabel(b.el, "Run name");
    type(inputA, "from-a");
    key(inputA, "Enter");
    type(inputB, "from-b");
    key(inputB, "Enter");
    const idA = a.model.last().id;
    const idB = b.model.last().id;
    expect(idB).toBeGreaterThan(idA);
    b.model.reply(idA, false, { type: "X", message: "not yours" });
    expect(inputB.getAttribute("aria-busy")).toBe("true");
    expect(b.el.textContent).not.toContain("not yours");
  });
});
