"""The JS side of the widget protocol, generated from the catalog (docs/DECISIONS.md #13).

``js/lib/contract.js`` is this module's :func:`js_contract` output: fields per kind (with
the synced trait names the widgets really use), editable flags as an enum, stages, states,
card, table and chart command names, bulk actions, default table columns and the reply shape. A
test fails when the file is stale, as it does for the README's field table; regenerate
with ``python -m neptune_sys_widgets.widgets.contract``.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from .. import catalog

JS_PATH = pathlib.Path(__file__).resolve().parents[2] / "js" / "lib" / "contract.js"


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _ts_type(trait: Any) -> str:
    """The TypeScript type of a synced trait's value as the front end receives it."""
    import traitlets
    kinds = ((traitlets.Unicode, "string"), (traitlets.Bool, "boolean"),
             (traitlets.Int, "number"), (traitlets.Float, "number"),
             (traitlets.Dict, "Record<string, any>"), (traitlets.List, "any[]"))
    ts = next((t for cls, t in kinds if isinstance(trait, cls)), "unknown")
    return f"{ts} | null" if trait.allow_none else ts


def table_typedefs() -> list[str]:
    """JSDoc typedefs of the table's synced traits and of each command's value, so that
    ``tsc --strict`` checks the table's ``model.get`` and ``channel.send`` against Python."""
    import anywidget

    from .runs_table import COMMAND_VALUES, TableGrid
    base = set(anywidget.AnyWidget.class_trait_names(sync=True))
    traits = {n: t for n, t in sorted(TableGrid.class_traits(sync=True).items())
              if n not in base}
    fields = ", ".join(f"{n}: {_ts_type(t)}" for n, t in traits.items())
    values = ", ".join(f"{c}: {v}" for c, v in COMMAND_VALUES.items())
    return [
        "/** The table's synced traits (`TableGrid`) and their types. */",
        f"/** @typedef {{{{{fields}}}}} TableTraits */",
        "/** The `value` of each table command (`runs_table.COMMAND_VALUES`). */",
        f"/** @typedef {{{{{values}}}}} TableCommandValues */",
        "/** @typedef {keyof TableCommandValues} TableCommand */",
    ]


def _table_part() -> list[str]:
    """The tables' part of the contract: commands, bulk actions, quick filters, default
    columns, the window size and the typedefs of traits and command values."""
    from ..objects.live_table import DEFAULT_COLUMNS, MAX_WINDOW, QUICK_KEYS
    from .runs_table import BULK_ACTIONS, COMMANDS
    return [
        "/** Table commands, the bulk actions of each table kind, its quick filters and "
        "default columns. */",
        f"export const TABLE_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(COMMANDS))});",
        "/** @type {Readonly<Record<string, string[]>>} */",
        f"export const BULK_ACTIONS = /* @__PURE__ */ Object.freeze({_js({k: list(v) for k, v in BULK_ACTIONS.items()})});",  # noqa: E501
        f"export const QUICK_FILTERS = /* @__PURE__ */ Object.freeze({_js(list(QUICK_KEYS))});",
        "/** @type {Readonly<Record<string, string[]>>} */",
        f"export const DEFAULT_COLUMNS = /* @__PURE__ */ Object.freeze({_js({k: list(v) for k, v in DEFAULT_COLUMNS.items()})});",  # noqa: E501
        "",
        "/** The most rows one `window` command returns (`live_table.MAX_WINDOW`). */",
        f"export const TABLE_MAX_WINDOW = {MAX_WINDOW};",
        *table_typedefs(),
        "",
    ]


def js_contract() -> str:
    """The text of ``js/lib/contract.js``."""
    from .chart import COMMANDS as CHART_COMMANDS
    from .run_card import METRICS_COMMANDS
    from .sys_widget import COMMAND_FIELDS, widget_trait

    editable = {"NO": catalog.NEVER, "YES": catalog.USER,
                "VIA_CHANGE_STAGE": catalog.VIA_CHANGE_STAGE}
    types = {name: getattr(catalog, name) for name in (
        "STRING", "STRING_SET", "BOOLEAN", "INTEGER", "FLOAT", "DATETIME", "RUN_STATE",
        "STAGE")}
    fields = {kind: [{"trait": widget_trait(f), "path": f.path, "type": f.type,
                      "editable": f.editable, "meaning": f.meaning}
                     for f in catalog.fields_for(kind)] for kind in catalog.KINDS}
    card_commands = {cmd: None if allowed is None else sorted(allowed)
                     for cmd, allowed in COMMAND_FIELDS.items()}
    parts = [
        "// Generated from neptune_sys_widgets/catalog.py by",
        "// `python -m neptune_sys_widgets.widgets.contract`: do not edit by hand (a test",
        "// fails when this file and the catalog disagree).",
        "",
        "/** @typedef {{trait: string, path: string, type: string, editable: string, "
        "meaning: string}} FieldInfo */",
        "/** @typedef {{type: string, message: string, field?: string | null}} ReplyError */",
        "/** @typedef {{type: \"reply\", id: number | string | null, ok: boolean, "
        "result?: any, error?: ReplyError}} Reply */",
        "",
        "/** Who may write a field (the catalog's `editable`). */",
        f"export const Editable = /* @__PURE__ */ Object.freeze({_js(editable)});",
        "",
        "/** Value types of the sys fields. */",
        f"export const Types = /* @__PURE__ */ Object.freeze({_js(types)});",
        "",
        f"export const KINDS = /* @__PURE__ */ Object.freeze({_js(list(catalog.KINDS))});",
        f"export const STATES = /* @__PURE__ */ Object.freeze({_js(list(catalog.RUN_STATES))});",
        f"export const STAGES = /* @__PURE__ */ Object.freeze({_js(list(catalog.STAGES))});",
        f"export const TAG_MAX_CHARS = {catalog.TAG_MAX_CHARS};",
        "",
        "/** The `fields` trait of each kind's card, as the kernel sends it. */",
        "/** @type {Readonly<Record<string, ReadonlyArray<FieldInfo>>>} */",
        f"export const FIELDS_BY_KIND = /* @__PURE__ */ Object.freeze({_js(fields)});",
        "",
        "/** Card commands and the traits each may name (null: no field). */",
        "/** @type {Readonly<Record<string, string[] | null>>} */",
        f"export const CARD_COMMANDS = /* @__PURE__ */ Object.freeze({_js(card_commands)});",
        "",
        *_table_part(),
        "/** The run card's Metrics commands (widgets/run_card.py). */",
        f"export const METRICS_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(METRICS_COMMANDS))});",  # noqa: E501
        "/** Chart commands (widgets/chart.py). */",
        f"export const CHART_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(CHART_COMMANDS))});",  # noqa: E501
        "",
        "/** Every kernel answer: `{type: \"reply\", id, ok, result?, error?}`. */",
        f"export const REPLY_KEYS = /* @__PURE__ */ Object.freeze({_js(['type', 'id', 'ok', 'result', 'error'])});",  # noqa: E501
        "",
    ]
    return "\n".join(parts)


def write() -> pathlib.Path:
    JS_PATH.write_text(js_contract(), encoding="utf-8")
    return JS_PATH


if __name__ == "__main__":
    print(write())
