"""``run.sys``: the sys namespace as a ``traitlets.HasTraits``, kept true to the store.

Traits are generated from the catalog (trait name = path without ``sys/``, ``/`` -> ``_``).
Assigning an editable trait goes through the object's own validation and is committed
before the trait changes, so a rejected value leaves both trait and store as they were.
Read-only traits are written only by the change feed.

Ordering: every change applied to a binding carries the store revision it was read at; a
record older than what the binding already shows is dropped. One re-entrant lock per object
serializes user/front-end edits and feed updates, so an edit racing an external change can
neither be lost nor reordered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import traitlets
from traitlets import Bool, Enum, Float, HasTraits, Int, TraitType, Unicode

from . import catalog
from .exceptions import InvalidValueError, ReadOnlyAttributeError
from .feed import watcher_for
from .objects.container import Container
from .objects.values import check_sys_value, from_ms


class UTCDatetime(TraitType):
    """A timezone-aware datetime (None until set)."""

    default_value = None
    allow_none = True
    info_text = "a timezone-aware datetime"

    def validate(self, obj: Any, value: Any) -> Any:
        if value is None or (isinstance(value, datetime) and value.tzinfo is not None):
            return value
        self.error(obj, value)


class StringSetTrait(traitlets.Set):
    """A set of str; assigning a list or tuple replaces the set."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(trait=Unicode(), default_value=set(), **kw)

    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, (list, tuple, frozenset)):
            value = set(value)
        return super().validate(obj, value)

    def set(self, obj: Any, value: Any) -> None:
        # traitlets.Set turns a str into {str}; run["sys/tags"] = "xyz" is refused, and so
        # must run.sys.tags = "xyz" be: the catalog's judge sees the value as given
        TraitType.set(self, obj, value)


class _JudgedByCatalog:
    """Mixin for every sys trait: a user's value (None included: traitlets lets None past
    ``validate`` and the cross-validators of an ``allow_none`` trait) is judged only by the
    catalog's rules, in ``SysNamespace.edit`` - the judge of ``run["sys/..."] = v`` too - so
    a bad value raises our typed error, never a ``TraitError``, and changes nothing. Values
    from the store keep the trait's own type check."""

    def _validate(self, obj: Any, value: Any) -> Any:
        if getattr(obj._applying, "on", False):
            return super()._validate(obj, value)  # type: ignore[misc]
        return self._cross_validate(obj, value)  # type: ignore[attr-defined]

    def get(self, obj: Any, cls: Any = None) -> Any:
        values = obj._trait_values
        if self.name in values:  # type: ignore[attr-defined]
            return values[self.name]  # type: ignore[attr-defined]
        before = getattr(obj._applying, "on", False)  # the default is not a user's write
        obj._applying.on = True
        try:
            return super().get(obj, cls)  # type: ignore[misc]
        finally:
            obj._applying.on = before


_editable_types: dict[type, type] = {}


def _trait(f: catalog.SysField) -> TraitType:
    trait = _base_trait(f)
    cls = type(trait)
    sub = _editable_types.get(cls)
    if sub is None:
        sub = _editable_types[cls] = type(f"Editable{cls.__name__}", (_JudgedByCatalog, cls), {})
    trait.__class__ = sub
    return trait


def _base_trait(f: catalog.SysField) -> TraitType:
    t = f.type
    if t == catalog.STRING:
        return Unicode(None, allow_none=True, help=f.meaning)
    if t == catalog.BOOLEAN:
        return Bool(None, allow_none=True, help=f.meaning)
    if t == catalog.INTEGER:
        return Int(None, allow_none=True, help=f.meaning)
    if t == catalog.FLOAT:
        return Float(None, allow_none=True, help=f.meaning)
    if t == catalog.DATETIME:
        return UTCDatetime(help=f.meaning)
    if t == catalog.STRING_SET:
        return StringSetTrait(help=f.meaning)
    if t == catalog.RUN_STATE:
        return Enum(catalog.RUN_STATES, default_value="inactive", help=f.meaning)
    if t == catalog.STAGE:
        return Enum(catalog.STAGES, default_value="none", help=f.meaning)
    raise AssertionError(t)  # pragma: no cover


def trait_value(f: catalog.SysField, stored: Any) -> Any:
    """A store record's value as the trait holds it."""
    if f.type == catalog.DATETIME:
        return from_ms(stored)
    if f.type == catalog.BOOLEAN:
        return None if stored is None else bool(stored)
    if f.type == catalog.STRING_SET:
        return set(stored or ())
    return stored


class SysNamespace(HasTraits):
    """Base of the generated per-kind classes; see :func:`bind`."""

    _kind = ""
    _fields: tuple[catalog.SysField, ...] = ()
    _trait_names: frozenset[str] = frozenset()
    if TYPE_CHECKING:  # a trait of every generated class (sys/state: every kind has it)
        state: str

    def __init__(self, container: Container) -> None:
        self._container = container
        self._lock = threading.RLock()
        self._applying = threading.local()
        self._rev = -1
        self._state_active = False
        self._ping_ms: int | None = None
        self._batch_hooks: list[Callable[[], Any]] = []
        self._status_hooks: list[Callable[[str | None], Any]] = []
        super().__init__()
        self.refresh()
        watcher_for(container.store).subscribe(self)

    def _store_status(self, problem: str | None) -> None:
        """From the feed: the store stopped answering (why) or answers again (None). The
        traits keep their last values; views (the card) say that they may be stale."""
        for hook in list(self._status_hooks):
            hook(problem)

    def add_view_hooks(self, batch: Callable[[], Any],
                       status: Callable[[str | None], Any]) -> None:
        """A view (the card) joins in: ``batch()`` is a context manager entered around every
        batch of trait changes (the card's ``hold_sync``: one comm message per store
        change); ``status(problem)`` hears that the store stopped or resumed answering."""
        self._batch_hooks.append(batch)
        self._status_hooks.append(status)

    def remove_view_hooks(self, batch: Callable[[], Any],
                          status: Callable[[str | None], Any]) -> None:
        """Undo :meth:`add_view_hooks` (a closed card); hooks not present are ignored."""
        if status in self._status_hooks:
            self._status_hooks.remove(status)
        if batch in self._batch_hooks:
            self._batch_hooks.remove(batch)

    @property
    def pk(self) -> int:
        return self._container.pk

    @property
    def read_only(self) -> bool:
        return self._container.mode == "read-only"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._container.label}>"

    def __setattr__(self, name: str, value: Any) -> None:
        """A typo (``run.sys.tag = ...``) must not quietly create a Python attribute."""
        if not (name.startswith("_") or name in self._trait_names
                or hasattr(type(self), name)):
            raise InvalidValueError(
                f"{self._container.label}: no sys field {name!r} (fields: "
                f"{', '.join(sorted(self._trait_names))})")
        super().__setattr__(name, value)

    # -------------------------------------------------------------- from store
    def refresh(self) -> None:
        """Re-read the object now (the feed does this by itself; Colab's front end asks)."""
        rows = self._container.store.sys_rows([self.pk])
        if rows:
            self._apply_record(rows[0], force=True)

    def _apply_record(self, rec: dict[str, Any], *, force: bool = False) -> None:
        with self._lock:
            if rec["rev"] < self._rev or (rec["rev"] == self._rev and not force
                                          and rec["state"] == self.state):
                return
            self._rev = rec["rev"]
            self._state_active = rec["state"] == "active"
            self._ping_ms = rec.get("ping_time")
            diff = {}
            for f in self._fields:
                v = trait_value(f, rec.get(f.trait))
                if getattr(self, f.trait) != v:
                    diff[f.trait] = v
            if diff:
                self._set_internal(diff)

    @contextmanager
    def _batch(self) -> Iterator[None]:
        with ExitStack() as stack:
            for hook in list(self._batch_hooks):
                stack.enter_context(hook())
            stack.enter_context(self.hold_trait_notifications())
            yield

    def _set_internal(self, values: dict[str, Any]) -> None:
        self._applying.on = True
        try:
            with self._batch():
                for k, v in values.items():
                    setattr(self, k, v)
        finally:
            self._applying.on = False

    # ------------------------------------------------------------------ to store
    def _validate_write(self, proposal: Any) -> Any:
        name = proposal["trait"].name
        if getattr(self._applying, "on", False):
            return proposal["value"]
        self.edit(name, proposal["value"])
        return getattr(self, name)  # edit() already set the stored (normalized) value

    def edit(self, name: str, value: Any) -> None:
        """Validate, commit and show one edit (from Python or a front end, any thread)."""
        f = catalog.BY_TRAIT.get(name)
        if f is None or not f.applies_to(self._kind):
            raise InvalidValueError(f"{self._container.label}: no sys field {name!r}")
        c = self._container
        with self._lock:
            if f.editable == catalog.VIA_CHANGE_STAGE:  # a model version's sys/stage
                c.change_stage(value)  # pyright: ignore[reportAttributeAccessIssue]
            elif not f.user_editable:
                raise ReadOnlyAttributeError(
                    f"{c.label}: {f.path} is read-only (maintained by neptune_sys_widgets: "
                    f"{f.meaning})")
            else:
                c.ensure_writable()
                value = check_sys_value(f, value, c.label)  # as run["sys/..."] = value
                from .objects.handles import StringSet
                c.write_now(f.path, StringSet(value) if f.type == catalog.STRING_SET
                            else value)
            self.refresh()

    def edit_set(self, name: str, op: str, values: Any) -> None:
        """Add/remove tags as SQL set operations (no read-modify-write of the set)."""
        f = catalog.BY_TRAIT.get(name)
        if f is None or f.type != catalog.STRING_SET or not f.applies_to(self._kind):
            raise InvalidValueError(f"{self._container.label}: {name!r} is not a tag set")
        if op not in ("add", "remove"):
            raise InvalidValueError(f"unknown set operation {op!r}")
        c = self._container
        with self._lock:
            c.change_set_now(f.path, op, values)
            self.refresh()


_classes: dict[str, type[SysNamespace]] = {}


def namespace_class(kind: str) -> type[SysNamespace]:
    """The HasTraits class for one object kind, generated from the catalog once."""
    cls = _classes.get(kind)
    if cls is None:
        fields = catalog.fields_for(kind)
        body: dict[str, Any] = {f.trait: _trait(f) for f in fields}
        body["_kind"] = kind
        body["__module__"] = __name__
        body["_fields"] = fields
        body["_trait_names"] = frozenset(f.trait for f in fields)
        body["_check_write"] = traitlets.validate(*[f.trait for f in fields])(
            SysNamespace._validate_write)
        name = "".join(p.title() for p in kind.split("_")) + "Sys"
        cls = _classes[kind] = type(name, (SysNamespace,), body)
    return cls


def bind(container: Container) -> SysNamespace:
    """The live traitlets view of ``container``'s sys namespace (``container.sys``)."""
    return namespace_class(container.kind)(container)


__all__ = ["SysNamespace", "bind", "namespace_class", "trait_value", "UTCDatetime"]
