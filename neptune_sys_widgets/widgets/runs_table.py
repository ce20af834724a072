"""``%neptune_runs`` / ``RunsTable`` and ``%neptune_models`` / ``ModelsTable``: live,
editable, windowed tables (docs/DECISIONS.md #12).

The kernel holds a query (a :class:`~neptune_sys_widgets.objects.live_table.LiveListing`:
the matching pks in order), never the rows. The front end (``js/table.js``) asks for the
window it shows; sorting, filtering, column changes and bulk edits are commands that the
kernel validates, answering ``{type: "reply", id, ok, result?, error?}``. Store changes
arrive from the feed's watcher thread: the changed rows of the visible window are re-sent
(``{type: "rows"}``), or, when the matches or their order changed, the whole window
(``{type: "window"}``). The front end can never set state: a state-sync attempt is refused
and the true state re-sent. A clicked row opens that object's card under the table.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import ipywidgets
from traitlets import Bool, Dict, Int, List, Unicode, validate

from .. import catalog
from ..exceptions import (
    InvalidValueError,
    NeptuneInvalidQueryException,
    NeptuneUnsupportedFunctionalityException,
)
from ..feed import watcher_for
from ..objects.live_table import DEFAULT_COLUMNS, QUICK_KEYS, LiveListing
from ..objects.project import resolve_project, store_for
from .commands import CommandWidget
from .sparklines import Sparklines, check_paths
from .sparklines import column as spark_column
from .sys_widget import MAX_COMMAND_BYTES, STATIC, check_command

__all__ = ["TableGrid", "RunsTable", "ModelsTable", "RunsTableWidget", "COMMANDS",
           "BULK_ACTIONS"]

# The `value` each table command takes, as a TypeScript type: js/lib/contract.js is
# generated from it, so the front end's calls are checked against what is handled here.
# `QuickFilter`, `BulkAction` and `Stage` are unions the contract derives from QUICK_KEYS,
# BULK_ACTIONS and the catalog's stages.
COMMAND_VALUES = {
    "window": "{start: number, count: number}",
    "filter": "{query?: string, quick?: Partial<Record<QuickFilter, string | boolean | null>>}",
    "sort": "{by: string, ascending: boolean}",
    "columns": "{columns: string[]}",
    "bulk": "{action: BulkAction, value?: unknown, ids?: string[], "
            "ranges?: Array<[number, number]>, version?: number, all?: boolean}",
    "open": "{id: string}",
    "close_card": "undefined",
    "refresh": "undefined",
    "compare": "{ids?: string[], ranges?: Array<[number, number]>, version?: number, "
               "all?: boolean}",
}
COMMANDS = tuple(COMMAND_VALUES)
BULK_ACTIONS = {
    "run": ("add_tags", "remove_tags", "add_group_tags", "remove_group_tags", "stop", "abort",
            "trash"),
    "model_version": ("change_stage", "add_tags", "remove_tags", "trash"),
}
MAX_COMPARE = 100  # runs in one chart: more is not a comparison a reader can follow
INITIAL_ROWS = 60  # rows sent with the widget's state: a table of 15 visible rows + overscan
REORDER_EVERY = 0.5  # s: a burst of changes that reorder the table costs one recompute


class TableGrid(CommandWidget):
    """The grid itself: synced traits describe the table, never its rows."""

    STATE_OWNER = "table"

    _esm = STATIC / "table.js"
    _css = STATIC / "table.css"
    kind = Unicode("run").tag(sync=True)
    project = Unicode("").tag(sync=True)
    read_only = Bool(False).tag(sync=True)
    columns = List(Dict()).tag(sync=True)
    available = List(Dict()).tag(sync=True)
    sort = Dict().tag(sync=True)
    query = Unicode("").tag(sync=True)
    quick = Dict().tag(sync=True)
    query_error = Dict(None, allow_none=True).tag(sync=True)
    total = Int(0).tag(sync=True)
    version = Int(0).tag(sync=True)
    actions = List(Unicode()).tag(sync=True)
    stages = List(Unicode(), default_value=list(catalog.STAGES)).tag(sync=True)
    opened = Unicode(None, allow_none=True).tag(sync=True)
    sparklines = List(Unicode()).tag(sync=True)  # float series drawn in each visible row

    initial = Dict().tag(sync=True)  # the first window, so the table shows rows at once

    def __init__(self, listing: LiveListing, *, project_name: str, read_only: bool,
                 on_open: Any = None, on_compare: Any = None,
                 sparklines: list[str] | None = None, **kwargs: Any) -> None:
        self._listing = listing
        self._on_open = on_open
        self._on_compare = on_compare
        paths = check_paths(sparklines, listing.user_types())
        self._sparks = Sparklines(listing.store, paths)
        listing.decorate = self._sparks.decorate
        self._lock = threading.RLock()
        self._last_reorder = 0.0
        self._reorder_pending = False
        super().__init__(kind=listing.kind, project=project_name, read_only=read_only,
                         actions=list(BULK_ACTIONS[listing.kind]), sparklines=paths,
                         **self._describe(),
                         initial=listing.window(0, INITIAL_ROWS), **kwargs)
        self.on_msg(self._on_command)
        self.observe(self._new_sparklines, names="sparklines")
        listing.on_reorder = self._on_whole_order
        watcher_for(listing.store).subscribe_all(self)

    # ---------------------------------------------------------------- state out
    def _describe(self) -> dict[str, Any]:
        lst = self._listing
        avail = lst.available_columns()
        by_key = {c["key"]: c for c in avail}
        return {"columns": [by_key[c] for c in lst.columns if c in by_key] +
                [spark_column(p) for p in self._sparks.paths],
                "available": avail, "sort": {"by": lst.sort_by, "ascending": lst.ascending},
                "query": lst.query, "quick": dict(lst.quick), "total": len(lst),
                "version": lst.version}

    @validate("sparklines")
    def _check_sparklines(self, proposal: Any) -> list[str]:
        return check_paths(proposal["value"], self._listing.user_types())

    def _new_sparklines(self, change: dict[str, Any]) -> None:
        """``grid.sparklines = [...]`` from Python: re-send the columns and the window
        with the new sparklines."""
        self._sparks.paths = list(change["new"])
        self._push_window()
        self._publish()

    def _push_window(self) -> None:
        """Send the remembered window of the new listing before the traits that announce
        it, so the front end has the rows when it sees the new version (no round trip)."""
        start, count = self._listing.last_window
        self.send({"type": "window", **self._listing.window(start, count or INITIAL_ROWS)})

    def _on_whole_order(self) -> None:
        """The listing's whole order (worker thread) did not continue the head it showed
        first (the store changed in between): re-send the window, as after a reorder."""
        if self.comm is None:
            return
        self._push_window()
        self._publish()

    def _publish(self) -> None:
        with self._lock, self.hold_sync():
            for k, v in self._describe().items():
                if getattr(self, k) != v:
                    setattr(self, k, v)

    # ---------------------------------------------------------------- commands
    def handle_command(self, content: Any) -> Any:
        """Check a command's shape, then run it; returns the reply's ``result``."""
        if not isinstance(content, dict) or content.get("type") != "command":
            raise InvalidValueError("widget message is not a command")
        cmd, value = content.get("cmd"), content.get("value")
        check_command(cmd, COMMANDS, "table")
        if value is not None and not isinstance(value, dict):
            raise InvalidValueError(f"{cmd}: the value must be an object")
        return getattr(self, f"_cmd_{cmd}")(value or {})

    def _new_listing(self) -> dict[str, Any]:
        """After the listing changed: its window first, then the traits (and the reply)."""
        self._push_window()
        self._publish()
        return {"total": len(self._listing), "version": self._listing.version}

    def _cmd_window(self, value: dict[str, Any]) -> Any:
        return self._listing.window(value.get("start"), value.get("count"))

    def _cmd_filter(self, value: dict[str, Any]) -> Any:
        lst = self._listing
        query = value.get("query", lst.query)
        quick = value.get("quick", lst.quick)
        if isinstance(quick, dict):
            quick = {k: v for k, v in quick.items() if v not in (None, "")}
        try:
            lst.set_filter(query, quick)
        except NeptuneInvalidQueryException as e:
            with self._lock:
                self.query_error = {"message": str(e)[:2000],
                                    "query": query if isinstance(query, str) and
                                    len(query) <= MAX_COMMAND_BYTES else ""}
            raise
        with self._lock:
            self.query_error = None
        return self._new_listing()

    def _cmd_sort(self, value: dict[str, Any]) -> Any:
        self._listing.set_sort(value.get("by"), value.get("ascending"))
        return self._new_listing()

    def _cmd_columns(self, value: dict[str, Any]) -> Any:
        self._listing.set_columns(value.get("columns"))
        self._publish()

    def _cmd_bulk(self, value: dict[str, Any]) -> Any:
        return self._bulk(value)

    def _cmd_open(self, value: dict[str, Any]) -> Any:
        lst = self._listing
        target = value.get("id")
        if not isinstance(target, str) or not target or len(target) > 800:
            raise InvalidValueError("open: an object id is needed")
        if not lst.resolve([target], False)[0]:
            raise InvalidValueError(f"no {lst.kind.replace('_', ' ')} {target[:100]!r} "
                                    "in this project")
        if self._on_open is not None:
            self._on_open(target)
        self.opened = target

    def _cmd_close_card(self, value: dict[str, Any]) -> Any:
        if self._on_open is not None:
            self._on_open(None)
        self.opened = None

    def _cmd_refresh(self, value: dict[str, Any]) -> Any:
        self._listing.recompute()
        return self._new_listing()

    def _cmd_compare(self, value: dict[str, Any]) -> Any:
        """The selected runs (ids, shift ranges or all matching, as a bulk command names
        them) go to the compare hook, which shows them in a chart."""
        lst = self._listing
        if lst.kind != "run":
            raise InvalidValueError("compare: only a runs table compares its rows")
        targets, rejected = lst.resolve(value.get("ids"), value.get("all") is True,
                                        value.get("ranges"), value.get("version"))
        ids = [sys_id for sys_id, _ in targets]
        if not ids or rejected:
            missing = ", ".join(str(r.get("id"))[:100] for r in rejected[:5])
            raise InvalidValueError("compare: select at least one run of this table"
                                    + (f" (not in it: {missing})" if missing else ""))
        if len(ids) > MAX_COMPARE:
            raise InvalidValueError(f"compare: at most {MAX_COMPARE} runs at once "
                                    f"({len(ids)} are selected)")
        if self._on_compare is None:
            raise NeptuneUnsupportedFunctionalityException("compare: this table has no "
                                                           "compare hook")
        self._on_compare(ids)
        return {"ids": ids}

    def _bulk(self, value: dict[str, Any]) -> dict[str, Any]:
        lst = self._listing
        action = value.get("action")
        # a str first: an unhashable one (a list from the front end) is refused the same way
        if not isinstance(action, str) or action not in BULK_ACTIONS[lst.kind]:
            raise InvalidValueError(f"unknown bulk action {str(action)[:100]!r} for a table "
                                    f"of {lst.kind.replace('_', ' ')}s")
        all_matching = value.get("all") is True
        targets, rejected = lst.resolve(value.get("ids"), all_matching, value.get("ranges"),
                                        value.get("version"))
        applied, refused = lst.bulk(action, value.get("value"), targets, self.read_only)
        rejected += refused
        return {"applied": len(applied), "rejected_count": len(rejected),
                "rejected": rejected[:200]}

    # ---------------------------------------------------------------- live
    def on_store_change(self, timer: bool) -> None:
        """Runs in the feed's watcher thread after a store change and on its slow timer."""
        if self.comm is None:
            return
        lst = self._listing
        rows, reorder = lst.changes(timer)
        now = time.monotonic()
        if reorder or (timer and self._reorder_pending):
            if now - self._last_reorder >= REORDER_EVERY:
                self._last_reorder = now
                self._reorder_pending = False
                lst.recompute()
                self._push_window()
                self._publish()
                return
            self._reorder_pending = True
        if rows:
            self.send({"type": "rows", "version": lst.version, "rows": rows})



def _table(kind: str, project: str | None, *, store: Any, query: str | None,
           quick: dict[str, Any] | None, columns: list[str] | None, sort_by: str,
           ascending: bool) -> tuple[LiveListing, Any]:
    s = store_for("async", store)
    ref = resolve_project(project, s)
    lst = LiveListing(s, ref.pk, kind, sort_by=sort_by, ascending=ascending)
    if columns:
        lst.set_columns(list(columns))
    quick = {k: v for k, v in (quick or {}).items() if v is not None}
    if query or quick:
        lst.set_filter(query or "", quick)
    return lst, ref


class _TableBox(ipywidgets.VBox):
    """The grid, and under it the card of the row the user opened."""

    _kind = "run"

    def __init__(self, project: str | None = None, *, query: str | None = None,
                 state: str | None = None, tag: str | None = None, owner: str | None = None,
                 failed: bool | None = None, stage: str | None = None,
                 columns: list[str] | None = None, sort_by: str = "sys/creation_time",
                 ascending: bool = False, read_only: bool = False, store: Any = None,
                 sparklines: list[str] | None = None, **kwargs: Any) -> None:
        quick = {"state": state, "tag": tag, "owner": owner, "failed": failed, "stage": stage}
        lst, ref = _table(self._kind, project, store=store, query=query,
                          quick={k: v for k, v in quick.items() if k in QUICK_KEYS},
                          columns=columns, sort_by=sort_by, ascending=ascending)
        self._store_arg = None if lst.store.memory else lst.store.path
        self._project = ref.name
        self._cards: dict[str, Any] = {}
        self.card_box = ipywidgets.Box()
        self.compare_box = ipywidgets.Output()
        self.compare_chart: Any = None  # the chart the last Compare showed (default hook)
        self._compare_callback: Callable[[list[str]], Any] | None = None
        self.grid = TableGrid(lst, project_name=ref.name, read_only=read_only,
                              on_open=self._open, on_compare=self._compare_runs,
                              sparklines=sparklines)
        shown = [self.grid, self.compare_box] if self._kind == "run" else [self.grid]
        super().__init__(children=[*shown, self.card_box], **kwargs)

    def on_compare(self, callback: Callable[[list[str]], Any] | None) -> None:
        """What the Compare button does with the selected run ids (``callback(ids)``, in
        the kernel); ``None`` restores the default: a chart of those runs under the table.
        An exception of the callback is the button's error message."""
        self._compare_callback = callback

    def _compare_runs(self, ids: list[str]) -> None:
        if self._compare_callback is not None:
            self._compare_callback(ids)
            return
        try:  # lazy: the chart widget is only loaded when someone compares
            from .chart import chart  # type: ignore[import-not-found]
        except ImportError as e:
            raise NeptuneUnsupportedFunctionalityException(
                "compare: the chart widget (neptune_sys_widgets.widgets.chart) is not "
                "available in this installation; use table.on_compare(callback) to handle "
                "the selected run ids") from e
        self._close_chart()  # one chart at a time: the old one's comm goes
        self.compare_chart = chart(ids, store=self._store_arg)
        # a comm message has no cell to print to: the chart goes to the table's own output
        self.compare_box.clear_output()
        with self.compare_box:
            from IPython.display import display
            display(self.compare_chart)

    def _open(self, sys_id: str | None) -> None:
        """Show the card of ``sys_id`` under the table (read-only: opening a card from a
        listing must not attach to the run and make it look active)."""
        if sys_id is None:
            self.card_box.children = ()
            return
        from . import widget_for
        obj = self._cards.get(sys_id)
        if obj is None:
            if self._kind == "run":
                from ..objects.run import init_run
                obj = init_run(with_id=sys_id, mode="read-only", store=self._store_arg)
            else:
                from ..objects.registry import init_model_version
                obj = init_model_version(with_id=sys_id, mode="read-only",
                                         store=self._store_arg)
            self._cards = {sys_id: obj}  # one card at a time
        self.card_box.children = (widget_for(obj),)

    def _close_chart(self) -> None:
        old, self.compare_chart = self.compare_chart, None
        if old is not None and callable(getattr(old, "close", None)):
            old.close()

    def close(self) -> None:
        if "grid" not in self.__dict__:  # the constructor failed (bad arguments): no comms
            return
        self.grid.close()
        for c in self.card_box.children:
            c.close()
        self._close_chart()
        self.compare_box.close()
        super().close()

    close_widget = close  # what the extension's unload calls


class RunsTable(_TableBox):
    """``widgets.RunsTable(project, query=..., state=..., tag=..., columns=...,
    sparklines=["train/loss"])``: the live, editable, windowed runs table
    (``%neptune_runs``); each path of ``sparklines`` is a column drawing that float series
    of every visible run."""

    _kind = "run"


class ModelsTable(_TableBox):
    """``widgets.ModelsTable(project, stage=...)``: every model version of the project with
    its model, stage editable inline and in bulk (``%neptune_models``). Above the grid, a
    picker of the project's models with their version counts, so a model without versions
    is visible too; picking one opens its card (which lists its versions) under the grid."""

    _kind = "model_version"
    MODELS_EVERY = 2.0  # seconds between re-reads of the model list on store changes

    def __init__(self, project: str | None = None, **kwargs: Any) -> None:
        super().__init__(project, **kwargs)
        self._pk = self.grid._listing.project_pk
        self._models_read, self._models_dirty = 0.0, False
        self.models = ipywidgets.Dropdown(
            description="Models", options=self._model_options(), value=None,
            tooltip="Open a model's card: every model of the project, with its version count")
        self.models.observe(self._pick_model, names="value")
        self.children = (self.models, *self.children)
        watcher_for(self.grid._listing.store).subscribe_all(self)

    def _model_options(self) -> list[tuple[str, str]]:
        """(label, sys/id) of every model of the project that is not trashed."""
        from ..objects.tables import fetch_table
        store = self.grid._listing.store
        df = fetch_table(store, self._pk, "model", columns=["sys/id", "sys/name"],
                         sort_by="sys/id", ascending=True).to_pandas()
        out = []
        if df.empty:
            return []
        for sid, name in zip(df["sys/id"], df["sys/name"], strict=True):
            ref = store.find_by_id(sid, ["model"])
            n = len(store.version_ids(ref[0])) if ref else 0
            count = f"{n} version{'s' if n != 1 else ''}" if n else "no versions yet"
            label = f"{sid} — {name} ({count})" if name and name != "Untitled" else \
                f"{sid} ({count})"
            out.append((label, sid))
        return out

    def on_store_change(self, timer: bool) -> None:
        """Re-read the model list now and then (watcher thread): new models and versions."""
        if self.models.comm is None:
            return
        if not timer:
            self._models_dirty = True  # read on this change or on the timer after it
        now = time.monotonic()
        if not self._models_dirty or now - self._models_read < self.MODELS_EVERY:
            return
        self._models_dirty, self._models_read = False, now
        options = self._model_options()
        if options != list(self.models.options):
            value = self.models.value
            # unselect first: new options with a selection made ipywidgets select the first
            # one, which opened that model's card for a moment before the old one came back
            self.models.index = None
            self.models.options = options
            self.models.value = value if value in {v for _, v in options} else None

    def _pick_model(self, change: dict[str, Any]) -> None:
        sid = change["new"]
        if sid is None or (sid in self._cards and self.card_box.children):
            return  # unselected, or its card is the one open (a list refresh re-selects it)
        from ..objects.registry import init_model
        from . import widget_for
        obj = init_model(with_id=sid, mode="read-only", store=self._store_arg)
        self._cards = {sid: obj}
        self.grid.opened = None
        self.card_box.children = (widget_for(obj),)


RunsTableWidget = RunsTable  # the name of the earlier, read-only table
DEFAULT = DEFAULT_COLUMNS
