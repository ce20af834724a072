// Generated from neptune_sys_widgets/catalog.py by
// `python -m neptune_sys_widgets.widgets.contract`: do not edit by hand (a test
// fails when this file and the catalog disagree).

/** @typedef {"active" | "inactive"} RunState */
/** @typedef {"archived" | "none" | "production" | "staging"} Stage */
/** @typedef {"Boolean" | "Datetime" | "Float" | "Integer" | "ModelVersionStage" | "RunState" | "String" | "StringSet"} FieldType */
/** @typedef {"no" | "only via change_stage()" | "yes"} EditableFlag */
/** @typedef {"failed" | "owner" | "stage" | "state" | "tag"} QuickFilter */
/** @typedef {"abort" | "add_group_tags" | "add_tags" | "change_stage" | "remove_group_tags" | "remove_tags" | "stop" | "trash"} BulkAction */
/** One entry of a card's `fields` trait. */
/** @typedef {{trait: CardTrait, path: string, type: FieldType, editable: EditableFlag, meaning: string}} FieldInfo */
/** @typedef {{type: string, message: string, field?: string | null}} ReplyError */
/** @typedef {{type: "reply", id: number | string | null, ok: boolean, result?: unknown, error?: ReplyError}} Reply */

/** Who may write a field (the catalog's `editable`). */
export const Editable = /* @__PURE__ */ Object.freeze({
  "NO": "no",
  "YES": "yes",
  "VIA_CHANGE_STAGE": "only via change_stage()"
});

/** Value types of the sys fields. */
export const Types = /* @__PURE__ */ Object.freeze({
  "STRING": "String",
  "STRING_SET": "StringSet",
  "BOOLEAN": "Boolean",
  "INTEGER": "Integer",
  "FLOAT": "Float",
  "DATETIME": "Datetime",
  "RUN_STATE": "RunState",
  "STAGE": "ModelVersionStage"
});

/** @type {ReadonlyArray<CardKind>} */
export const KINDS = /* @__PURE__ */ Object.freeze([
  "run",
  "model",
  "model_version",
  "project"
]);
/** @type {ReadonlyArray<RunState>} */
export const STATES = /* @__PURE__ */ Object.freeze([
  "active",
  "inactive"
]);
/** @type {ReadonlyArray<Stage>} */
export const STAGES = /* @__PURE__ */ Object.freeze([
  "none",
  "staging",
  "production",
  "archived"
]);
export const TAG_MAX_CHARS = 1024;

/** The `fields` trait of each kind's card, as the kernel sends it. */
/** @type {Readonly<Record<CardKind, ReadonlyArray<FieldInfo>>>} */
export const FIELDS_BY_KIND = /* @__PURE__ */ Object.freeze({
  "run": [
    {
      "trait": "id",
      "path": "sys/id",
      "type": "String",
      "editable": "no",
      "meaning": "`KEY-N` for runs, `KEY-MODELKEY` for models, `KEY-MODELKEY-N` for versions, the project key for projects"
    },
    {
      "trait": "custom_run_id",
      "path": "sys/custom_run_id",
      "type": "String",
      "editable": "no",
      "meaning": "user id of the run (`custom_run_id=` / `run_id=`); reusing it re-attaches"
    },
    {
      "trait": "name",
      "path": "sys/name",
      "type": "String",
      "editable": "yes",
      "meaning": "display name; defaults to the experiment name, else `Untitled`"
    },
    {
      "trait": "description",
      "path": "sys/description",
      "type": "String",
      "editable": "yes",
      "meaning": "free text, default empty"
    },
    {
      "trait": "tags",
      "path": "sys/tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "tags, with set semantics"
    },
    {
      "trait": "group_tags",
      "path": "sys/group_tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "group tags, with set semantics"
    },
    {
      "trait": "owner",
      "path": "sys/owner",
      "type": "String",
      "editable": "no",
      "meaning": "OS user of the creating process (env `NEPTUNE_SYS_OWNER` overrides)"
    },
    {
      "trait": "hostname",
      "path": "sys/hostname",
      "type": "String",
      "editable": "no",
      "meaning": "host of the creating process"
    },
    {
      "trait": "creation_time",
      "path": "sys/creation_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "UTC creation time, ms precision"
    },
    {
      "trait": "modification_time",
      "path": "sys/modification_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last change of any attribute, tag, stage or series (heartbeats do not count)"
    },
    {
      "trait": "ping_time",
      "path": "sys/ping_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last heartbeat or write from any attached process"
    },
    {
      "trait": "state",
      "path": "sys/state",
      "type": "RunState",
      "editable": "no",
      "meaning": "`active` while at least one process is attached, else `inactive`"
    },
    {
      "trait": "running_time",
      "path": "sys/running_time",
      "type": "Float",
      "editable": "no",
      "meaning": "seconds attached, summed over all sessions and resumes"
    },
    {
      "trait": "monitoring_time",
      "path": "sys/monitoring_time",
      "type": "Integer",
      "editable": "no",
      "meaning": "deprecated: whole seconds of `running_time`"
    },
    {
      "trait": "failed",
      "path": "sys/failed",
      "type": "Boolean",
      "editable": "yes",
      "meaning": "set on an uncaught exception or a remote abort; the user may reset it"
    },
    {
      "trait": "size",
      "path": "sys/size",
      "type": "Float",
      "editable": "no",
      "meaning": "bytes the object's data occupies in the store"
    },
    {
      "trait": "trashed",
      "path": "sys/trashed",
      "type": "Boolean",
      "editable": "no",
      "meaning": "set by `management.trash_objects`"
    },
    {
      "trait": "archived",
      "path": "sys/archived",
      "type": "Boolean",
      "editable": "no",
      "meaning": "neptune-scale's name for `sys/trashed` (the same value)"
    },
    {
      "trait": "experiment_name",
      "path": "sys/experiment/name",
      "type": "String",
      "editable": "no",
      "meaning": "the experiment the run belongs to"
    },
    {
      "trait": "experiment_is_head",
      "path": "sys/experiment/is_head",
      "type": "Boolean",
      "editable": "no",
      "meaning": "true for the run that most recently claimed the experiment name"
    },
    {
      "trait": "forking_parent",
      "path": "sys/forking/parent",
      "type": "String",
      "editable": "no",
      "meaning": "custom run id of the parent, if forked and the parent exists"
    },
    {
      "trait": "forking_requested_parent",
      "path": "sys/forking/requested_parent",
      "type": "String",
      "editable": "no",
      "meaning": "the `fork_run_id` asked for, even if no such run existed"
    },
    {
      "trait": "forking_depth",
      "path": "sys/forking/depth",
      "type": "Integer",
      "editable": "no",
      "meaning": "0 for a root, parent depth + 1 for a fork"
    },
    {
      "trait": "forking_step",
      "path": "sys/forking/step",
      "type": "Float",
      "editable": "no",
      "meaning": "the `fork_step`"
    },
    {
      "trait": "family",
      "path": "sys/family",
      "type": "String",
      "editable": "no",
      "meaning": "the run's family as neptune-scale names it: its custom run id (else its `sys/id`)"
    },
    {
      "trait": "relative_creation_time_ms",
      "path": "sys/relative_creation_time_ms",
      "type": "Integer",
      "editable": "no",
      "meaning": "ms from creation to the timestamp of the last logged metric point (0 if none)"
    }
  ],
  "model": [
    {
      "trait": "id",
      "path": "sys/id",
      "type": "String",
      "editable": "no",
      "meaning": "`KEY-N` for runs, `KEY-MODELKEY` for models, `KEY-MODELKEY-N` for versions, the project key for projects"
    },
    {
      "trait": "name",
      "path": "sys/name",
      "type": "String",
      "editable": "yes",
      "meaning": "display name; defaults to the experiment name, else `Untitled`"
    },
    {
      "trait": "description",
      "path": "sys/description",
      "type": "String",
      "editable": "yes",
      "meaning": "free text, default empty"
    },
    {
      "trait": "tags",
      "path": "sys/tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "tags, with set semantics"
    },
    {
      "trait": "group_tags",
      "path": "sys/group_tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "group tags, with set semantics"
    },
    {
      "trait": "owner",
      "path": "sys/owner",
      "type": "String",
      "editable": "no",
      "meaning": "OS user of the creating process (env `NEPTUNE_SYS_OWNER` overrides)"
    },
    {
      "trait": "creation_time",
      "path": "sys/creation_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "UTC creation time, ms precision"
    },
    {
      "trait": "modification_time",
      "path": "sys/modification_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last change of any attribute, tag, stage or series (heartbeats do not count)"
    },
    {
      "trait": "ping_time",
      "path": "sys/ping_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last heartbeat or write from any attached process"
    },
    {
      "trait": "state",
      "path": "sys/state",
      "type": "RunState",
      "editable": "no",
      "meaning": "`active` while at least one process is attached, else `inactive`"
    },
    {
      "trait": "running_time",
      "path": "sys/running_time",
      "type": "Float",
      "editable": "no",
      "meaning": "seconds attached, summed over all sessions and resumes"
    },
    {
      "trait": "monitoring_time",
      "path": "sys/monitoring_time",
      "type": "Integer",
      "editable": "no",
      "meaning": "deprecated: whole seconds of `running_time`"
    },
    {
      "trait": "size",
      "path": "sys/size",
      "type": "Float",
      "editable": "no",
      "meaning": "bytes the object's data occupies in the store"
    },
    {
      "trait": "trashed",
      "path": "sys/trashed",
      "type": "Boolean",
      "editable": "no",
      "meaning": "set by `management.trash_objects`"
    },
    {
      "trait": "archived",
      "path": "sys/archived",
      "type": "Boolean",
      "editable": "no",
      "meaning": "neptune-scale's name for `sys/trashed` (the same value)"
    }
  ],
  "model_version": [
    {
      "trait": "id",
      "path": "sys/id",
      "type": "String",
      "editable": "no",
      "meaning": "`KEY-N` for runs, `KEY-MODELKEY` for models, `KEY-MODELKEY-N` for versions, the project key for projects"
    },
    {
      "trait": "name",
      "path": "sys/name",
      "type": "String",
      "editable": "yes",
      "meaning": "display name; defaults to the experiment name, else `Untitled`"
    },
    {
      "trait": "description",
      "path": "sys/description",
      "type": "String",
      "editable": "yes",
      "meaning": "free text, default empty"
    },
    {
      "trait": "tags",
      "path": "sys/tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "tags, with set semantics"
    },
    {
      "trait": "group_tags",
      "path": "sys/group_tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "group tags, with set semantics"
    },
    {
      "trait": "owner",
      "path": "sys/owner",
      "type": "String",
      "editable": "no",
      "meaning": "OS user of the creating process (env `NEPTUNE_SYS_OWNER` overrides)"
    },
    {
      "trait": "creation_time",
      "path": "sys/creation_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "UTC creation time, ms precision"
    },
    {
      "trait": "modification_time",
      "path": "sys/modification_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last change of any attribute, tag, stage or series (heartbeats do not count)"
    },
    {
      "trait": "ping_time",
      "path": "sys/ping_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last heartbeat or write from any attached process"
    },
    {
      "trait": "state",
      "path": "sys/state",
      "type": "RunState",
      "editable": "no",
      "meaning": "`active` while at least one process is attached, else `inactive`"
    },
    {
      "trait": "running_time",
      "path": "sys/running_time",
      "type": "Float",
      "editable": "no",
      "meaning": "seconds attached, summed over all sessions and resumes"
    },
    {
      "trait": "monitoring_time",
      "path": "sys/monitoring_time",
      "type": "Integer",
      "editable": "no",
      "meaning": "deprecated: whole seconds of `running_time`"
    },
    {
      "trait": "size",
      "path": "sys/size",
      "type": "Float",
      "editable": "no",
      "meaning": "bytes the object's data occupies in the store"
    },
    {
      "trait": "trashed",
      "path": "sys/trashed",
      "type": "Boolean",
      "editable": "no",
      "meaning": "set by `management.trash_objects`"
    },
    {
      "trait": "archived",
      "path": "sys/archived",
      "type": "Boolean",
      "editable": "no",
      "meaning": "neptune-scale's name for `sys/trashed` (the same value)"
    },
    {
      "trait": "sys_model_id",
      "path": "sys/model_id",
      "type": "String",
      "editable": "no",
      "meaning": "the parent model's id"
    },
    {
      "trait": "stage",
      "path": "sys/stage",
      "type": "ModelVersionStage",
      "editable": "only via change_stage()",
      "meaning": "`none`, `staging`, `production` or `archived`"
    }
  ],
  "project": [
    {
      "trait": "id",
      "path": "sys/id",
      "type": "String",
      "editable": "no",
      "meaning": "`KEY-N` for runs, `KEY-MODELKEY` for models, `KEY-MODELKEY-N` for versions, the project key for projects"
    },
    {
      "trait": "name",
      "path": "sys/name",
      "type": "String",
      "editable": "yes",
      "meaning": "display name; defaults to the experiment name, else `Untitled`"
    },
    {
      "trait": "tags",
      "path": "sys/tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "tags, with set semantics"
    },
    {
      "trait": "group_tags",
      "path": "sys/group_tags",
      "type": "StringSet",
      "editable": "yes",
      "meaning": "group tags, with set semantics"
    },
    {
      "trait": "owner",
      "path": "sys/owner",
      "type": "String",
      "editable": "no",
      "meaning": "OS user of the creating process (env `NEPTUNE_SYS_OWNER` overrides)"
    },
    {
      "trait": "visibility",
      "path": "sys/visibility",
      "type": "String",
      "editable": "no",
      "meaning": "the project's visibility as `create_project(visibility=)` gave it: `priv` (default), `pub` or `workspace`; recorded, not enforced (a store has no access control)"
    },
    {
      "trait": "creation_time",
      "path": "sys/creation_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "UTC creation time, ms precision"
    },
    {
      "trait": "modification_time",
      "path": "sys/modification_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last change of any attribute, tag, stage or series (heartbeats do not count)"
    },
    {
      "trait": "ping_time",
      "path": "sys/ping_time",
      "type": "Datetime",
      "editable": "no",
      "meaning": "last heartbeat or write from any attached process"
    },
    {
      "trait": "state",
      "path": "sys/state",
      "type": "RunState",
      "editable": "no",
      "meaning": "`active` while at least one process is attached, else `inactive`"
    },
    {
      "trait": "running_time",
      "path": "sys/running_time",
      "type": "Float",
      "editable": "no",
      "meaning": "seconds attached, summed over all sessions and resumes"
    },
    {
      "trait": "monitoring_time",
      "path": "sys/monitoring_time",
      "type": "Integer",
      "editable": "no",
      "meaning": "deprecated: whole seconds of `running_time`"
    },
    {
      "trait": "size",
      "path": "sys/size",
      "type": "Float",
      "editable": "no",
      "meaning": "bytes the object's data occupies in the store"
    }
  ]
});

/** Card commands and the traits each may name (null: no field). */
/** @type {Readonly<Record<string, string[] | null>>} */
export const CARD_COMMANDS = /* @__PURE__ */ Object.freeze({
  "set": [
    "description",
    "failed",
    "name"
  ],
  "add": [
    "group_tags",
    "tags"
  ],
  "remove": [
    "group_tags",
    "tags"
  ],
  "change_stage": null,
  "stop": null,
  "abort": null,
  "refresh": null,
  "image": null
});
/** @typedef {"model" | "model_version" | "project" | "run"} CardKind */
/** Each kind's card traits (the widget classes of widgets/__init__.py). */
/** @typedef {{archived: boolean | null, chart: string | null, creation_time: string | null, custom_run_id: string | null, description: string | null, experiment_is_head: boolean | null, experiment_name: string | null, failed: boolean | null, family: string | null, fields: unknown[], forking_depth: number | null, forking_parent: string | null, forking_requested_parent: string | null, forking_step: number | null, galleries: unknown[], group_tags: unknown[], hostname: string | null, id: string | null, kind: string, metrics: unknown[], metrics_filter: string, metrics_limit: number, metrics_total: number, modification_time: string | null, monitoring_time: number | null, name: string | null, owner: string | null, ping_time: string | null, read_only: boolean, relative_creation_time_ms: number | null, running_time: number | null, sampled_at: string | null, size: number | null, state: string | null, store_problem: string, tags: unknown[], traceback: unknown[], trashed: boolean | null}} RunCardTraits */
/** @typedef {{archived: boolean | null, creation_time: string | null, description: string | null, fields: unknown[], galleries: unknown[], group_tags: unknown[], id: string | null, kind: string, modification_time: string | null, monitoring_time: number | null, name: string | null, owner: string | null, ping_time: string | null, read_only: boolean, running_time: number | null, sampled_at: string | null, size: number | null, stage: string | null, state: string | null, store_problem: string, sys_model_id: string | null, tags: unknown[], traceback: unknown[], trashed: boolean | null}} ModelVersionCardTraits */
/** @typedef {{archived: boolean | null, creation_time: string | null, description: string | null, fields: unknown[], galleries: unknown[], group_tags: unknown[], id: string | null, kind: string, modification_time: string | null, monitoring_time: number | null, name: string | null, owner: string | null, ping_time: string | null, read_only: boolean, running_time: number | null, sampled_at: string | null, size: number | null, state: string | null, store_problem: string, tags: unknown[], traceback: unknown[], trashed: boolean | null, versions: unknown[]}} ModelCardTraits */
/** @typedef {{creation_time: string | null, fields: unknown[], galleries: unknown[], group_tags: unknown[], id: string | null, kind: string, modification_time: string | null, monitoring_time: number | null, name: string | null, owner: string | null, ping_time: string | null, read_only: boolean, running_time: number | null, sampled_at: string | null, size: number | null, state: string | null, store_problem: string, tags: unknown[], traceback: unknown[], visibility: string | null}} ProjectCardTraits */
/** The traits of any card (a trait not every kind has reads undefined). */
/** @typedef {{archived: boolean | null | undefined, chart: string | null | undefined, creation_time: string | null, custom_run_id: string | null | undefined, description: string | null | undefined, experiment_is_head: boolean | null | undefined, experiment_name: string | null | undefined, failed: boolean | null | undefined, family: string | null | undefined, fields: unknown[], forking_depth: number | null | undefined, forking_parent: string | null | undefined, forking_requested_parent: string | null | undefined, forking_step: number | null | undefined, galleries: unknown[], group_tags: unknown[], hostname: string | null | undefined, id: string | null, kind: string, metrics: unknown[] | undefined, metrics_filter: string | undefined, metrics_limit: number | undefined, metrics_total: number | undefined, modification_time: string | null, monitoring_time: number | null, name: string | null, owner: string | null, ping_time: string | null, read_only: boolean, relative_creation_time_ms: number | null | undefined, running_time: number | null, sampled_at: string | null, size: number | null, stage: string | null | undefined, state: string | null, store_problem: string, sys_model_id: string | null | undefined, tags: unknown[], traceback: unknown[], trashed: boolean | null | undefined, versions: unknown[] | undefined, visibility: string | null | undefined}} CardTraits */
/** @typedef {keyof CardTraits} CardTrait */
/** The arguments of each card command (`sys_widget.COMMAND_FIELDS` and `COMMAND_ARGS`, `run_card.METRICS_COMMAND_VALUES`). */
/** @typedef {{set: {field: "description" | "failed" | "name", value: unknown}, add: {field: "group_tags" | "tags", value: string}, remove: {field: "group_tags" | "tags", value: string}, change_stage: {value: Stage, target?: string}, stop: {}, abort: {}, refresh: {}, image: {field: string, value: number, target?: string}, metrics: {value: {filter?: string, limit?: 3 | 6 | 12 | 24 | 50}}, open_chart: {value: {path: string}}, close_chart: {value: {}}}} CardCommandArgs */
/** @typedef {keyof CardCommandArgs} CardCommand */

/** Table commands, the bulk actions of each table kind, its quick filters and default columns. */
/** @type {ReadonlyArray<TableCommand>} */
export const TABLE_COMMANDS = /* @__PURE__ */ Object.freeze([
  "window",
  "filter",
  "sort",
  "columns",
  "bulk",
  "open",
  "close_card",
  "refresh",
  "compare"
]);
/** @type {Readonly<Record<string, ReadonlyArray<BulkAction>>>} */
export const BULK_ACTIONS = /* @__PURE__ */ Object.freeze({
  "run": [
    "add_tags",
    "remove_tags",
    "add_group_tags",
    "remove_group_tags",
    "stop",
    "abort",
    "trash"
  ],
  "model_version": [
    "change_stage",
    "add_tags",
    "remove_tags",
    "trash"
  ]
});
/** @type {ReadonlyArray<QuickFilter>} */
export const QUICK_FILTERS = /* @__PURE__ */ Object.freeze([
  "state",
  "tag",
  "owner",
  "failed",
  "stage"
]);
/** @type {Readonly<Record<string, string[]>>} */
export const DEFAULT_COLUMNS = /* @__PURE__ */ Object.freeze({
  "run": [
    "sys/id",
    "sys/name",
    "sys/state",
    "sys/tags",
    "sys/group_tags",
    "sys/owner",
    "sys/creation_time",
    "sys/ping_time",
    "sys/failed",
    "sys/running_time"
  ],
  "model_version": [
    "sys/id",
    "sys/model_id",
    "sys/name",
    "sys/stage",
    "sys/state",
    "sys/tags",
    "sys/owner",
    "sys/creation_time",
    "sys/modification_time"
  ]
});

/** The most rows one `window` command returns (`live_table.MAX_WINDOW`). */
export const TABLE_MAX_WINDOW = 500;
/** The table's synced traits (`TableGrid`) and their types. */
/** @typedef {{actions: unknown[], available: unknown[], columns: unknown[], initial: Record<string, unknown>, kind: string, opened: string | null, project: string, query: string, query_error: Record<string, unknown> | null, quick: Record<string, unknown>, read_only: boolean, sort: Record<string, unknown>, sparklines: unknown[], stages: unknown[], total: number, version: number}} TableTraits */
/** The `value` of each table command (`runs_table.COMMAND_VALUES`). */
/** @typedef {{window: {start: number, count: number}, filter: {query?: string, quick?: Partial<Record<QuickFilter, string | boolean | null>>}, sort: {by: string, ascending: boolean}, columns: {columns: string[]}, bulk: {action: BulkAction, value?: unknown, ids?: string[], ranges?: Array<[number, number]>, version?: number, all?: boolean}, open: {id: string}, close_card: undefined, refresh: undefined, compare: {ids?: string[], ranges?: Array<[number, number]>, version?: number, all?: boolean}}} TableCommandValues */
/** @typedef {keyof TableCommandValues} TableCommand */
/** A table command's arguments: its value alone. */
/** @typedef {{[C in TableCommand]: {value: TableCommandValues[C]}}} TableCommandArgs */

/** The run card's Metrics commands and its choices of how many series to show (widgets/run_card.py). */
export const METRICS_COMMANDS = /* @__PURE__ */ Object.freeze([
  "metrics",
  "open_chart",
  "close_chart"
]);
export const METRICS_LIMITS = /* @__PURE__ */ Object.freeze([
  3,
  6,
  12,
  24,
  50
]);
/** Chart commands (widgets/chart.py). */
/** @type {ReadonlyArray<ChartCommand>} */
export const CHART_COMMANDS = /* @__PURE__ */ Object.freeze([
  "range",
  "metric",
  "x",
  "refresh",
  "image"
]);
/** @typedef {"relative_time" | "step" | "time"} XKind */
/** The chart's synced traits (`ChartWidget`) and their types. */
/** @typedef {{data: Record<string, unknown>, galleries: unknown[], log_y: boolean, max_buckets: number, metric: string, metrics: unknown[], pattern: string, runs: unknown[], smoothing: number, together: boolean, version: number, x: "relative_time" | "step" | "time"}} ChartTraits */
/** The arguments of each chart command (`chart.COMMAND_ARGS`). */
/** @typedef {{range: {value: {range: [number | null, number | null] | null}}, metric: {value: {metric: string}}, x: {value: {x: XKind}}, refresh: {}, image: {field: string, value: number, target?: string}}} ChartCommandArgs */
/** @typedef {keyof ChartCommandArgs} ChartCommand */

/** Every kernel answer: `{type: "reply", id, ok, result?, error?}`. */
export const REPLY_KEYS = /* @__PURE__ */ Object.freeze([
  "type",
  "id",
  "ok",
  "result",
  "error"
]);
