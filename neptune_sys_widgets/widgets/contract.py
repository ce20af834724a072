"""The JS side of the widget protocol, generated from the catalog (docs/DECISIONS.md #13).

``js/lib/contract.js`` is this module's :func:`js_contract` output: fields per kind (with
the synced trait names the widgets really use), editable flags as an enum, stages, states,
card, table and chart command names, the typed card and table traits and command
arguments, bulk actions, default table columns and the reply shape. A
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
             (traitlets.Dict, "Record<string, unknown>"))
    ts = next((t for cls, t in kinds if isinstance(trait, cls)), "unknown")
    if isinstance(trait, traitlets.Enum):
        ts = _union(trait.values or ())
    elif isinstance(trait, traitlets.List):
        ts = "unknown[]"  # traitlets keeps the element's trait private: JS checks elements
    elif ts == "unknown" and isinstance(trait, traitlets.Instance):
        ts = "string"  # a widget, sent as "IPY_MODEL_<id>"
    return f"{ts} | null" if trait.allow_none else ts


def _synced_traits(cls: Any) -> dict[str, Any]:
    """A widget class's own synced traits (not anywidget's), by name."""
    import anywidget
    base = set(anywidget.AnyWidget.class_trait_names(sync=True))
    return {n: t for n, t in sorted(cls.class_traits(sync=True).items()) if n not in base}


def _union(names: Any) -> str:
    return " | ".join(json.dumps(n) for n in sorted(names))


def card_typedefs() -> list[str]:
    """JSDoc typedefs of the cards' synced traits (per kind, and merged for the one card
    module that shows every kind) and of each card command's arguments, so that ``tsc
    --strict`` checks the card's ``model.get`` names and ``channel.send`` payloads."""
    from . import _by_kind
    from .run_card import METRICS_COMMAND_VALUES
    from .sys_widget import COMMAND_ARGS, COMMAND_FIELDS
    if set(COMMAND_ARGS) != set(COMMAND_FIELDS):
        raise ValueError("sys_widget.COMMAND_ARGS and COMMAND_FIELDS name other commands")
    per_kind = {kind: {n: _ts_type(t) for n, t in _synced_traits(cls).items()}
                for kind, cls in _by_kind.items()}
    lines = [f"/** @typedef {{{_union(catalog.KINDS)}}} CardKind */",
             "/** Each kind's card traits (the widget classes of widgets/__init__.py). */"]
    for kind, traits in per_kind.items():
        name = "".join(w.title() for w in kind.split("_")) + "CardTraits"
        fields = ", ".join(f"{n}: {t}" for n, t in traits.items())
        lines.append(f"/** @typedef {{{{{fields}}}}} {name} */")
    merged: dict[str, set[str]] = {}
    for traits in per_kind.values():
        for n, t in traits.items():
            merged.setdefault(n, set()).add(t)
    every = set.intersection(*(set(t) for t in per_kind.values()))
    fields = ", ".join(f"{n}: {' | '.join(sorted(ts))}" + ("" if n in every else " | undefined")
                       for n, ts in sorted(merged.items()))
    args = {cmd: ", ".join(p for p in (
        None if allowed is None else f"field: {_union(allowed)}", COMMAND_ARGS[cmd]) if p)
        for cmd, allowed in COMMAND_FIELDS.items()}
    args.update({cmd: f"value: {v}" for cmd, v in METRICS_COMMAND_VALUES.items()})
    commands = ", ".join(f"{c}: {{{a}}}" for c, a in args.items())
    return lines + [
        "/** The traits of any card (a trait not every kind has reads undefined). */",
        f"/** @typedef {{{{{fields}}}}} CardTraits */",
        "/** @typedef {keyof CardTraits} CardTrait */",
        "/** The arguments of each card command (`sys_widget.COMMAND_FIELDS` and "
        "`COMMAND_ARGS`, `run_card.METRICS_COMMAND_VALUES`). */",
        f"/** @typedef {{{{{commands}}}}} CardCommandArgs */",
        "/** @typedef {keyof CardCommandArgs} CardCommand */",
    ]


def table_typedefs() -> list[str]:
    """JSDoc typedefs of the table's synced traits and of each command's value, so that
    ``tsc --strict`` checks the table's ``model.get`` and ``channel.send`` against Python."""
    from .runs_table import COMMAND_VALUES, TableGrid
    fields = ", ".join(f"{n}: {_ts_type(t)}" for n, t in _synced_traits(TableGrid).items())
    values = ", ".join(f"{c}: {v}" for c, v in COMMAND_VALUES.items())
    return [
        "/** The table's synced traits (`TableGrid`) and their types. */",
        f"/** @typedef {{{{{fields}}}}} TableTraits */",
        "/** The `value` of each table command (`runs_table.COMMAND_VALUES`). */",
        f"/** @typedef {{{{{values}}}}} TableCommandValues */",
        "/** @typedef {keyof TableCommandValues} TableCommand */",
        "/** A table command's arguments: its value alone. */",
        "/** @typedef {{[C in TableCommand]: {value: TableCommandValues[C]}}} "
        "TableCommandArgs */",
    ]


def chart_typedefs() -> list[str]:
    """JSDoc typedefs of the chart's synced traits and of each command's arguments, so that
    ``tsc --strict`` checks the chart's ``model.get`` and ``channel.send`` against Python."""
    from ..query.chart_buckets import X_KINDS
    from .chart import COMMAND_ARGS, ChartWidget
    fields = ", ".join(f"{n}: {_ts_type(t)}" for n, t in _synced_traits(ChartWidget).items())
    args = ", ".join(f"{c}: {{{a}}}" for c, a in COMMAND_ARGS.items())
    return [
        f"/** @typedef {{{_union(X_KINDS)}}} XKind */",
        "/** The chart's synced traits (`ChartWidget`) and their types. */",
        f"/** @typedef {{{{{fields}}}}} ChartTraits */",
        "/** The arguments of each chart command (`chart.COMMAND_ARGS`). */",
        f"/** @typedef {{{{{args}}}}} ChartCommandArgs */",
        "/** @typedef {keyof ChartCommandArgs} ChartCommand */",
    ]


def _unions() -> list[str]:
    """The catalog's and the tables' name lists as string unions, so that JS records keyed
    by them (a state's look, a bulk action's verb) fail the type check when one is added."""
    from ..objects.live_table import QUICK_KEYS
    from .runs_table import BULK_ACTIONS
    types = (catalog.STRING, catalog.STRING_SET, catalog.BOOLEAN, catalog.INTEGER,
             catalog.FLOAT, catalog.DATETIME, catalog.RUN_STATE, catalog.STAGE)
    return [
        f"/** @typedef {{{_union(catalog.RUN_STATES)}}} RunState */",
        f"/** @typedef {{{_union(catalog.STAGES)}}} Stage */",
        f"/** @typedef {{{_union(types)}}} FieldType */",
        f"/** @typedef {{{_union((catalog.NEVER, catalog.USER, catalog.VIA_CHANGE_STAGE))}}} "
        "EditableFlag */",
        f"/** @typedef {{{_union(QUICK_KEYS)}}} QuickFilter */",
        f"/** @typedef {{{_union({a for v in BULK_ACTIONS.values() for a in v})}}} "
        "BulkAction */",
    ]


def _table_part() -> list[str]:
    """The tables' part of the contract: commands, bulk actions, quick filters, default
    columns, the window size and the typedefs of traits and command values."""
    from ..objects.live_table import DEFAULT_COLUMNS, MAX_WINDOW, QUICK_KEYS
    from .runs_table import BULK_ACTIONS, COMMANDS
    return [
        "/** Table commands, the bulk actions of each table kind, its quick filters and "
        "default columns. */",
        "/** @type {ReadonlyArray<TableCommand>} */",
        f"export const TABLE_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(COMMANDS))});",
        "/** @type {Readonly<Record<string, ReadonlyArray<BulkAction>>>} */",
        f"export const BULK_ACTIONS = /* @__PURE__ */ Object.freeze({_js({k: list(v) for k, v in BULK_ACTIONS.items()})});",  # noqa: E501
        "/** @type {ReadonlyArray<QuickFilter>} */",
        f"export const QUICK_FILTERS = /* @__PURE__ */ Object.freeze({_js(list(QUICK_KEYS))});",
        "/** @type {Readonly<Record<string, string[]>>} */",
        f"export const DEFAULT_COLUMNS = /* @__PURE__ */ Object.freeze({_js({k: list(v) for k, v in DEFAULT_COLUMNS.items()})});",  # noqa: E501
        "",
        "/** The most rows one `window` command returns (`live_table.MAX_WINDOW`). */",
        f"export const TABLE_MAX_WINDOW = {MAX_WINDOW};",
        *table_typedefs(),
        "",
    ]


def _metrics_and_chart_part() -> list[str]:
    """The run card's Metrics commands and its choices of how many series to show, and the
    chart's commands."""
    from .chart import COMMANDS as CHART_COMMANDS
    from .run_card import LIMITS as METRICS_LIMITS
    from .run_card import METRICS_COMMANDS
    return [
        "/** The run card's Metrics commands and its choices of how many series to show "
        "(widgets/run_card.py). */",
        f"export const METRICS_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(METRICS_COMMANDS))});",  # noqa: E501
        f"export const METRICS_LIMITS = /* @__PURE__ */ Object.freeze({_js(list(METRICS_LIMITS))});",  # noqa: E501
        "/** Chart commands (widgets/chart.py). */",
        "/** @type {ReadonlyArray<ChartCommand>} */",
        f"export const CHART_COMMANDS = /* @__PURE__ */ Object.freeze({_js(list(CHART_COMMANDS))});",  # noqa: E501
        *chart_typedefs(),
        "",
    ]


def js_contract() -> str:
    """The text of ``js/lib/contract.js``."""
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
        *_unions(),
        "/** One entry of a card's `fields` trait. */",
        "/** @typedef {{trait: CardTrait, path: string, type: FieldType, "
        "editable: EditableFlag, meaning: string}} FieldInfo */",
        "/** @typedef {{type: string, message: string, field?: string | null}} ReplyError */",
        "/** @typedef {{type: \"reply\", id: number | string | null, ok: boolean, "
        "result?: unknown, error?: ReplyError}} Reply */",
        "",
        "/** Who may write a field (the catalog's `editable`). */",
        f"export const Editable = /* @__PURE__ */ Object.freeze({_js(editable)});",
        "",
        "/** Value types of the sys fields. */",
        f"export const Types = /* @__PURE__ */ Object.freeze({_js(types)});",
        "",
        "/** @type {ReadonlyArray<CardKind>} */",
        f"export const KINDS = /* @__PURE__ */ Object.freeze({_js(list(catalog.KINDS))});",
        "/** @type {ReadonlyArray<RunState>} */",
        f"export const STATES = /* @__PURE__ */ Object.freeze({_js(list(catalog.RUN_STATES))});",
        "/** @type {ReadonlyArray<Stage>} */",
        f"export const STAGES = /* @__PURE__ */ Object.freeze({_js(list(catalog.STAGES))});",
        f"export const TAG_MAX_CHARS = {catalog.TAG_MAX_CHARS};",
        "",
        "/** The `fields` trait of each kind's card, as the kernel sends it. */",
        "/** @type {Readonly<Record<CardKind, ReadonlyArray<FieldInfo>>>} */",
        f"export const FIELDS_BY_KIND = /* @__PURE__ */ Object.freeze({_js(fields)});",
        "",
        "/** Card commands and the traits each may name (null: no field). */",
        "/** @type {Readonly<Record<string, string[] | null>>} */",
        f"export const CARD_COMMANDS = /* @__PURE__ */ Object.freeze({_js(card_commands)});",
        *card_typedefs(),
        "",
        *_table_part(),
        *_metrics_and_chart_part(),
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
