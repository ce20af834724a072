import { FIELDS_BY_KIND } from "../lib/contract.js";
// A small stand-in for the anywidget model: get/set/on/off/send, plus helpers to play
// the kernel (trait updates, custom-message replies).

/**
 * @param {Record<string, any>} state initial traits
 */
export function createFakeModel(state) {
  const values = { ...state };
  /** @type {Map<string, Set<Function>>} */
  const handlers = new Map();
  /** @type {any[]} */
  const sent = [];

  const model = {
    /** @param {string} k */
    get: (k) => values[k],
    /** Sets a value without events (like anywidget's model.set before save_changes). */
    set: (/** @type {string} */ k, /** @type {any} */ v) => {
      values[k] = v;
    },
    /** @param {string} ev @param {Function} cb */
    on(ev, cb) {
      if (!handlers.has(ev)) handlers.set(ev, new Set());
      handlers.get(ev)?.add(cb);
    },
    /** @param {string} [ev] @param {Function} [cb] */
    off(ev, cb) {
      if (!ev) handlers.clear();
      else if (!cb) handlers.delete(ev);
      else handlers.get(ev)?.delete(cb);
    },
    /** @param {any} msg */
    send(msg) {
      sent.push(structuredClone(msg));
    },

    // ---- test helpers ----
    sent,
    /** @param {string} ev @param {...any} args */
    emit(ev, ...args) {
      for (const cb of [...(handlers.get(ev) ?? [])]) cb(...args);
    },
    /** Apply a kernel-side state update: set every value first, then fire change events. */
    update(/** @type {Record<string, any>} */ patch) {
      Object.assign(values, patch);
      for (const k of Object.keys(patch)) model.emit(`change:${k}`, model, patch[k]);
      model.emit("change", model);
    },
    /** Answer a command. */
    reply(/** @type {number} */ id, ok = true, /** @type {any} */ error = undefined) {
      model.emit("msg:custom", ok ? { type: "reply", id, ok: true } : { type: "reply", id, ok: false, error });
    },
    /** The last command sent (optionally of one cmd). */
    last(/** @type {string} */ cmd) {
      const list = cmd ? sent.filter((m) => m.cmd === cmd) : sent;
      return list[list.length - 1];
    },
    /** Number of listeners still registered (all events). */
    listenerCount() {
      let n = 0;
      for (const s of handlers.values()) n += s.size;
      return n;
    },
  };
  return model;
}

// The fields each kind's card receives, straight from the generated contract (not a copy).
export const RUN_FIELDS = [...FIELDS_BY_KIND.run];
export const VERSION_FIELDS = [...FIELDS_BY_KIND.model_version];
export const MODEL_FIELDS = [...FIELDS_BY_KIND.model];

const T0 = "2026-11-23T10:00:00.000Z";
const base = {
  description: "",
  tags: ["lr-sweep", "resnet"],
  group_tags: [],
  owner: "alice",
  creation_time: T0,
  modification_time: T0,
  ping_time: T0,
  state: "inactive",
  running_time: 0,
  monitoring_time: 0,
  size: 1234,
  trashed: false,
  sampled_at: T0,
  traceback: [],
  read_only: false,
  store_problem: "",
};

/** @param {Record<string, any>} [over] */
export const runState = (over = {}) => ({
  ...base,
  kind: "run",
  fields: RUN_FIELDS,
  id: "CLS-7",
  custom_run_id: "abc123",
  name: "baseline",
  hostname: "gpu-box",
  failed: false,
  experiment_name: "exp-a",
  experiment_is_head: true,
  forking_parent: null,
  forking_requested_parent: null,
  forking_depth: 0,
  forking_step: null,
  relative_creation_time_ms: 0,
  ...over,
});

/** @param {Record<string, any>} [over] */
export const versionState = (over = {}) => ({
  ...base,
  kind: "model_version",
  fields: VERSION_FIELDS,
  id: "CLS-MOD-3",
  name: "v3",
  sys_model_id: "CLS-MOD",
  stage: "staging",
  ...over,
});

/** @param {Record<string, any>} [over] */
export const modelState = (over = {}) => ({
  ...base,
  kind: "model",
  fields: MODEL_FIELDS,
  id: "CLS-MOD",
  name: "classifier",
  versions: [
    { id: "CLS-MOD-1", name: "v1", stage: "archived", state: "inactive", creation_time: T0 },
    { id: "CLS-MOD-2", name: "v2", stage: "production", state: "active", creation_time: T0 },
  ],
  ...over,
});
