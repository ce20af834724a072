// Shared JSDoc types (no runtime code).

/**
 * The part of the anywidget model interface this front end uses.
 * @typedef {object} Model
 * @property {(name: string) => any} get
 * @property {(event: string, cb: (...args: any[]) => void, context?: unknown) => void} on
 * @property {(event?: string | null, cb?: ((...args: any[]) => void) | null, context?: unknown) => void} off
 * @property {(content: any, callbacks?: unknown, buffers?: unknown[]) => void} send
 */

/**
 * A table's model: `get` is typed by the traits the kernel syncs (`TableTraits`, generated
 * from `runs_table.TableGrid` into contract.js), so a misspelt trait fails the type check.
 * @typedef {object} TableModel
 * @property {<K extends keyof import("./contract.js").TableTraits>(name: K) => import("./contract.js").TableTraits[K]} get
 * @property {Model["on"]} on
 * @property {Model["off"]} off
 * @property {Model["send"]} send
 */

/**
 * A card's model: `get` is typed by the traits any card syncs (`CardTraits`, generated from
 * the widget classes of every kind into contract.js), so a misspelt trait fails the type
 * check; a trait of another kind reads `undefined`.
 * @typedef {object} CardModel
 * @property {<K extends import("./contract.js").CardTrait>(name: K) => import("./contract.js").CardTraits[K]} get
 * @property {Model["on"]} on
 * @property {Model["off"]} off
 * @property {Model["send"]} send
 */

/**
 * One entry of the `fields` trait: the sys-field catalog for this object's kind.
 * @typedef {object} FieldInfo
 * @property {import("./contract.js").CardTrait} trait
 * @property {string} path
 * @property {string} type
 * @property {boolean | string} editable
 * @property {string} meaning
 */

/**
 * One entry of the `versions` trait (kind "model").
 * @typedef {object} VersionInfo
 * @property {string} id
 * @property {string | null} name
 * @property {string} stage
 * @property {string} state
 * @property {string | null} creation_time
 */

export {};
