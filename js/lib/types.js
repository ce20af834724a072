// Shared JSDoc types (no runtime code).

/** @typedef {import("./contract.js").CardTraits} CardTraits */
/** @typedef {import("./contract.js").TableTraits} TableTraits */
/** @typedef {import("./contract.js").ChartTraits} ChartTraits */

/**
 * A model event: a trait's change, or a custom message from the kernel.
 * @template {object} T the synced traits
 * @typedef {`change:${keyof T & string}` | "change" | "msg:custom"} ModelEvent
 */

/**
 * The part of an anywidget model this front end uses, typed by the traits the kernel syncs
 * (generated into contract.js from the widget classes): a misspelt trait, in `get` or in a
 * `change:` event, fails the type check.
 * @template {object} T the synced traits
 * @typedef {object} Model
 * @property {<K extends keyof T>(name: K) => T[K]} get
 * @property {(event: ModelEvent<T>, cb: (...args: never[]) => void, context?: unknown) => void} on
 * @property {(event?: ModelEvent<T> | null, cb?: ((...args: never[]) => void) | null, context?: unknown) => void} off
 * @property {(content: import("./channel.js").Command) => void} send
 */

/** A card's model; a trait of another kind reads `undefined`. @typedef {Model<CardTraits>} CardModel */
/** @typedef {Model<TableTraits>} TableModel */
/** @typedef {Model<ChartTraits>} ChartModel */

/** One entry of the `fields` trait. @typedef {import("./contract.js").FieldInfo} FieldInfo */

/**
 * One entry of the `versions` trait (kind "model").
 * @typedef {object} VersionInfo
 * @property {string} id
 * @property {string | null} name
 * @property {import("./contract.js").Stage} stage
 * @property {import("./contract.js").RunState} state
 * @property {string | null} creation_time
 */

export {};
