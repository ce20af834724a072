"""anywidget classes whose synced traits mirror a ``SysNamespace`` (the sys binding).

State flows to the browser as synced traits (JSON-friendly: ISO datetimes, sorted tag lists).
Edits flow back only as command messages that go through the binding's validation; a front
end that tries to set synced state directly is refused and re-sent the true state
(docs/DECISIONS.md #6). The front-end source lives in ``js/`` and is bundled into ``static/``.
"""

from __future__ import annotations

import pathlib
from datetime import datetime, timezone
from typing import Any, cast

import anywidget
import traitlets
from traitlets import Bool, Dict, Float, Int, List, Unicode

from .. import catalog
from ..binding import SysNamespace
from ..exceptions import InvalidValueError, NeptuneSysError, ReadOnlyAttributeError
from ..feed import watcher_for
from ..objects.container import Container
from . import gallery

STATIC = pathlib.Path(__file__).resolve().parent.parent / "static"
TRACEBACK_LINES = 20
MAX_COMMAND_BYTES = 64 * 1024

# command -> the fields it may name, from the catalog's editable fields
_EDITABLE = [f for f in catalog.FIELDS if f.user_editable]
_SETS = {f.trait for f in _EDITABLE if f.type == catalog.STRING_SET}
COMMAND_FIELDS = {
    "set": {f.trait for f in _EDITABLE if f.type != catalog.STRING_SET},
    "add": _SETS,
    "remove": _SETS,
    "change_stage": None, "stop": None, "abort": None, "refresh": None,
    "image": None,  # one image of an image series (gallery.py): field path, value step
}
# command -> its arguments besides a ``field`` of COMMAND_FIELDS, as TypeScript:
# js/lib/contract.js types the card's sends with them (widgets/contract.py)
COMMAND_ARGS = {
    "set": "value: unknown", "add": "value: string", "remove": "value: string",
    "change_stage": "value: Stage, target?: string",  # Stage: the catalog's stages
    "stop": "", "abort": "", "refresh": "",
    # target: the run, sent by the chart widget's strips (the same gallery.js); a card has one
    "image": "field: string, value: number, target?: string",
}


def to_json(f: catalog.SysField, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
            f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


def widget_trait(f: catalog.SysField) -> str:
    """The synced trait's name: the catalog's, unless ipywidgets already uses that name
    (``model_id`` is the widget's own comm id), then prefixed with ``sys_``."""
    return f"sys_{f.trait}" if hasattr(anywidget.AnyWidget, f.trait) else f.trait


def _synced(f: catalog.SysField) -> traitlets.TraitType:
    t = f.type
    if t == catalog.STRING_SET:
        return List(Unicode()).tag(sync=True)
    if t == catalog.BOOLEAN:
        return Bool(None, allow_none=True).tag(sync=True)
    if t == catalog.INTEGER:
        return Int(None, allow_none=True).tag(sync=True)
    if t == catalog.FLOAT:
        return Float(None, allow_none=True).tag(sync=True)
    return Unicode(None, allow_none=True).tag(sync=True)



def check_command(cmd: Any, known: Any, what: str) -> None:
    """A front end's ``cmd`` is one of ``known``; anything else (a list or dict too, which
    a dict lookup could not even hash) is a typed error naming the known ones."""
    if not isinstance(cmd, str) or cmd not in known:
        raise InvalidValueError(f"cmd: unknown {what} command {str(cmd)[:100]!r}; "
                                f"known: {', '.join(sorted(known))}")

class SysWidget(anywidget.AnyWidget):
    """Base of the generated per-kind widgets; build one with :func:`widget_for`."""

    _esm = STATIC / "widget.js"
    _css = STATIC / "widget.css"
    kind = Unicode("").tag(sync=True)
    read_only = Bool(False).tag(sync=True)
    fields = List(Dict()).tag(sync=True)
    sampled_at = Unicode(None, allow_none=True).tag(sync=True)
    traceback = List(Unicode()).tag(sync=True)
    # why the store does not answer ("" while it does): the card shows a banner meanwhile
    store_problem = Unicode("").tag(sync=True)
    # a run's image file series, [{path, count, steps}] (gallery.py); images on request
    galleries = List(Dict()).tag(sync=True)
    _kind_fields: tuple[catalog.SysField, ...] = ()

    def __init__(self, container: Container, **kwargs: Any) -> None:
        self._container = container
        self._ns: SysNamespace = container.sys
        initial = {widget_trait(f): to_json(f, getattr(self._ns, f.trait))
                   for f in self._kind_fields}
        super().__init__(
            kind=container.kind, read_only=container.mode == "read-only",
            fields=[{"trait": widget_trait(f), "path": f.path, "type": f.type,
                     "editable": f.editable, "meaning": f.meaning} for f in self._kind_fields],
            sampled_at=_now_iso(), traceback=self._traceback(initial.get("failed")),
            **initial, **kwargs)
        self._ns.add_view_hooks(self.hold_sync, self._on_store_status)
        problem = watcher_for(container.store).problem
        if problem:
            self.store_problem = problem
        self._ns.observe(self._mirror, names=[f.trait for f in self._kind_fields])
        if container.kind == "run":
            self._refresh_galleries()
            self._ns.observe(self._refresh_galleries, names=["modification_time"])
        self.on_msg(self._on_command)

    def _refresh_galleries(self, _change: Any = None) -> None:
        """The image series and their steps, re-read when the run changes (a new image
        appended by any process moves the slider's end)."""
        try:
            listed = gallery.image_series(self._container.store, self._container.pk,
                                          self.galleries)
        except NeptuneSysError:  # the store is away: the banner says so, the strip waits
            return
        if listed != self.galleries:
            self.galleries = listed

    # ------------------------------------------------------------------ mirror
    def _mirror(self, change: dict[str, Any]) -> None:
        """Runs in whatever thread changed the binding, under the binding's lock and inside
        its batch (so ``hold_sync`` turns one store change into one comm message)."""
        f = catalog.BY_TRAIT[change["name"]]
        setattr(self, widget_trait(f), to_json(f, change["new"]))
        if f.trait in ("running_time", "ping_time", "state"):
            self.sampled_at = _now_iso()
        if f.trait == "failed" or (f.trait == "modification_time" and self._ns_value("failed")):
            self.traceback = self._traceback(self._ns_value("failed"))

    def _ns_value(self, name: str) -> Any:
        return getattr(self._ns, name, None)

    def _traceback(self, failed: Any) -> list[str]:
        if not failed or self._container.kind != "run":
            return []
        # straight from the store: the run may already be stopped (a failed %%neptune_run)
        got = self._container.store.series_points(self._container.pk,
                                                  "monitoring/traceback")
        return [] if got is None else [str(v) for v in got[2][-TRACEBACK_LINES:]]

    def _on_store_status(self, problem: str | None) -> None:
        self.store_problem = problem or ""

    def close(self) -> None:
        try:
            self._ns.unobserve(self._mirror)
            if self._container.kind == "run":
                self._ns.unobserve(self._refresh_galleries, names=["modification_time"])
            self._ns.remove_view_hooks(self.hold_sync, self._on_store_status)
        except ValueError:
            pass
        super().close()

    # ---------------------------------------------------------------- commands
    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Front ends may not set state: edits arrive as commands. Refuse and resync."""
        names = [k for k in sync_data if k in self.keys] if isinstance(sync_data, dict) \
            else []
        self.send({"type": "reply", "id": None, "ok": False, "error": {
            "type": "ReadOnlyAttributeError", "field": names[0] if names else None,
            "message": "the widget's state is read-only from the front end; edits are "
                       "sent as commands and validated by the kernel"}})
        if names:
            self.send_state(names)

    def _on_command(self, _widget: Any, content: Any, _buffers: Any) -> None:
        msg_id = content.get("id") if isinstance(content, dict) else None
        field = content.get("field") if isinstance(content, dict) else None
        try:
            result = self.handle_command(content)
        except (NeptuneSysError, ValueError, TypeError) as e:
            self.send({"type": "reply", "id": msg_id, "ok": False, "error": {
                "type": type(e).__name__, "message": str(e),
                "field": field if isinstance(field, str) else None}})
            return
        reply = {"type": "reply", "id": msg_id, "ok": True}
        self.send(reply if result is None else {**reply, "result": result})

    def handle_command(self, content: Any) -> Any:
        """Validate a command's shape, then apply it through the binding; what a command
        answers with (an image), else None."""
        if not isinstance(content, dict) or content.get("type") != "command":
            raise InvalidValueError("widget message is not a command")
        # from the front end: check_command and the checks below validate them
        cmd: Any = content.get("cmd")
        field: Any = content.get("field")
        value: Any = content.get("value")
        check_command(cmd, COMMAND_FIELDS, "widget")
        allowed = COMMAND_FIELDS[cmd]
        if allowed is not None and (not isinstance(field, str) or field not in allowed or
                                    field not in self._ns.trait_names()):
            raise ReadOnlyAttributeError(f"{self._container.label}: field {field!r} cannot "
                                         f"be changed with {cmd!r}")
        if isinstance(value, str) and len(value.encode("utf-8", "replace")) > MAX_COMMAND_BYTES:
            raise InvalidValueError(f"{self._container.label}: {field or cmd}: the value is "
                                    f"larger than {MAX_COMMAND_BYTES} bytes")
        if cmd == "set":
            self._ns.edit(field, value)
        elif cmd in ("add", "remove"):
            if not isinstance(value, str):
                raise InvalidValueError(f"{self._container.label}: sys/{field}: a tag must "
                                        f"be a str (was {type(value).__name__})")
            self._ns.edit_set(field, cmd, [value])
        elif cmd == "change_stage":
            self._change_stage(value, content.get("target"))
        elif cmd in ("stop", "abort"):
            if self._container.kind == "project":
                raise InvalidValueError("projects cannot be stopped")
            (self._container.request_stop if cmd == "stop"
             else self._container.request_abort)()
        elif cmd == "refresh":
            self._ns.refresh()
        elif cmd == "image":
            return gallery.image_at(self._container.store, self._container.pk,
                                    self._container.label, field, value)
        return None

    def _change_stage(self, value: Any, target: Any) -> None:
        if target is None or target == self._container.sys_id:
            self._ns.edit("stage", value)
            return
        raise InvalidValueError(f"{self._container.label}: no version {target!r} here")


def _now_iso() -> str:
    return to_json(catalog.BY_PATH["sys/creation_time"], datetime.now(timezone.utc))


_classes: dict[str, type[SysWidget]] = {}
_NAMES = {"run": "RunWidget", "model": "ModelWidget", "model_version": "ModelVersionWidget",
          "project": "ProjectWidget"}


def widget_class(kind: str, base: type[SysWidget] = SysWidget) -> type[SysWidget]:
    """The widget class of one kind: a synced trait per catalog field of that kind."""
    key = f"{kind}:{base.__name__}"
    cls = _classes.get(key)
    if cls is None:
        fields = catalog.fields_for(kind)
        body: dict[str, Any] = {widget_trait(f): _synced(f) for f in fields}
        body["_kind_fields"] = fields
        body["__module__"] = __name__
        cls = _classes[key] = cast("type[SysWidget]", type(
            _NAMES[kind] if base is SysWidget else base.__name__, (base,), body))
    return cls
