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
 * One entry of the `fields` trait: the sys-field catalog for this object's kind.
 * @typedef {object} FieldInfo
 * @property {string} trait
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
