"""What Run, Model, ModelVersion and Project share: paths, writes, modes, attachment.

Writes are closures ``op(tx)`` over the store's named operations (store/base.py). In
``sync`` mode each call commits its op at once; in
``async``/``offline`` mode ops and series points are queued and committed by the process's
background thread within ~100 ms, in call order, in one transaction per flush. Validation
always happens at call time, so a rejected call raises in the caller and queues nothing.
"""

from __future__ import annotations

import math
import operator
import os
import threading
import time
from array import array
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import islice, repeat
from typing import Any

from .. import catalog
from ..exceptions import (
    InactiveRunException,
    InvalidTypeError,
    InvalidValueError,
    MetadataInconsistency,
    MissingFieldException,
    NeptuneSeriesStepNonIncreasing,
    NeptuneSeriesStepNotAfterForkPoint,
    ReadOnlyModeError,
    StoreError,
    TypeDoesNotSupportAttributeException,
    UnsupportedValueType,
)
from ..store.base import Store
from . import artifacts as A
from . import files as F
from . import values as V
from .background import BACKGROUND, _log
from .container_files import ContainerFiles
from .handles import Handle, StringSet
from .reads import _reads

MODES = ("async", "sync", "read-only", "offline", "debug")
Op = Callable[[Any], object]  # op(tx): tx is the store's Transaction (store/base.py)
Pending = tuple[str, array, Any, array]  # type, steps, values (array "d" or list), stamps
_REJECTED = object()


def resolve_mode(mode: str | None) -> str:
    mode = mode or os.environ.get("NEPTUNE_MODE") or "async"
    if mode == "read_only":
        mode = "read-only"
    elif mode == "disabled":  # neptune-scale: log nothing anywhere -> an in-memory store
        mode = "debug"
    if mode not in MODES:
        raise InvalidValueError(f"mode {mode!r} is not valid; valid modes: {', '.join(MODES)}")
    return mode


class Container(ContainerFiles):
    """Base of every object handle."""

    _kind = ""
    _inactive_error: type[InactiveRunException] = InactiveRunException

    def __init__(self, store: Store, pk: int, sys_id: str, mode: str,
                 attach: bool) -> None:
        self._store = store
        self._pk = pk
        self._sys_id = sys_id
        self._mode = mode
        self._stopped = False
        self._detaching = False
        self._attachment: int | None = None
        self._ops: list[Op] = []
        # Queued series points, per path: (type, steps, values, timestamps). Compact arrays,
        # grouped at call time, so a flush has nothing left to regroup and 100k queued
        # float points take ~2.4 MB instead of ~16 MB of tuples.
        self._pending: dict[str, Pending] = {}
        self._last: dict[str, tuple[float, Any]] = {}
        # paths this handle gave a single value (atom, file, set): an append there is refused
        # even while that assignment still waits in the queue, not yet in the store
        self._atoms: set[str] = set()
        # paths (and namespaces) this handle deleted: what the store still holds there goes
        # with the queued delete, so it must not refuse an append meanwhile
        self._cleared: set[str] = set()
        self._ops_lock = threading.RLock()
        self._flush_lock = threading.Lock()
        self._last_commit = time.monotonic()  # end of the last commit: the age of a queue
        self._fork_floor: float | None = None
        self._on_error_callback: Callable[[BaseException, float | None], None] | None = None
        self._failure: BaseException | None = None  # the last failed commit, while data is held
        self._held = 0  # series points held after a failed commit
        self._dropped: StoreError | None = None  # to raise from the next wait()
        self._said_held = False  # a read said data is held (again after a recovery)
        self._errors_seen: dict[str, float] = {}
        self._handles: dict[str, Handle] = {}  # run["x"] in a loop builds one handle
        self._sys_binding = None
        if attach:
            self._attachment = self._attach()
            BACKGROUND.register(self)

    def _attach(self) -> int:
        import socket
        return self._store.attach(self._pk, os.getpid(), socket.gethostname())

    # ---------------------------------------- for the layers above (ARCHITECTURE.md #2)
    # The binding, widgets, magics and the CLI reach an object only through these (held by
    # tests/test_layers.py); everything with a leading underscore stays this layer's own.
    @property
    def store(self) -> Store:
        """The open store this object lives in: the binding re-reads and watches it, the
        card reads a run's traceback from it (even once the run is stopped)."""
        return self._store

    @property
    def pk(self) -> int:
        """The object's key in its store (what ``sys_rows`` and the feed know it by)."""
        return self._pk

    @property
    def sys_id(self) -> str:
        """``sys/id`` ("SYS-1"), known without a read."""
        return self._sys_id

    @property
    def kind(self) -> str:
        """"run", "model", "model_version" or "project": picks the card and its fields."""
        return self._kind

    @property
    def label(self) -> str:
        """How messages name the object ("run SYS-1")."""
        return self._label

    @property
    def mode(self) -> str:
        """The connection mode the object was opened in ("async", "read-only", ...)."""
        return self._mode

    def ensure_writable(self) -> None:
        """Raise as a write would if the object is stopped or read-only (a view checks this
        before judging an edit, so a read-only card says "read-only" first)."""
        self._ensure_writable()

    def write_now(self, path: str, value: Any) -> None:
        """``obj[path] = value`` committed at once, after everything queued before it: a
        card's edit must be stored before the card re-reads the object."""
        self._ensure_writable()
        op = self._assign_op(path, value)
        self._flush()
        self._commit([op])

    def change_set_now(self, path: str, op: str, values: Any) -> None:
        """Add ("add") or remove ("remove") members of the string set at ``path`` and commit
        at once, as :meth:`write_now` does (a card's tag edit)."""
        self._set_op(path, op, values)
        self._flush()

    def allow_direct_writes(self) -> None:
        """Let an object opened read-only take writes, each committed at once (sync), without
        attaching: how ``neptune-sys`` edits an object from a terminal without making it
        look active."""
        self._mode = "sync"

    def series_values(self, path: str) -> list[Any]:
        """The values of the series at ``path`` (this object's points only), oldest first,
        without pandas (the CLI shows a traceback with it)."""
        return list(self._fetch_points(path, False)[1])

    # ------------------------------------------------------------------ basics
    @property
    def container_type(self) -> Any:
        """1.x's ``ContainerType`` of the object (``.value``: run, model, ...)."""
        from ..types import ContainerType
        return ContainerType(self._kind)

    @property
    def _label(self) -> str:
        return f"{self._kind.replace('_', ' ')} {self._sys_id}"

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else self._mode
        return f"<{type(self).__name__} {self._sys_id} ({state})>"

    def _ensure_open(self) -> None:
        if self._stopped:
            from .background import raise_pending_interrupt
            raise_pending_interrupt()
            raise self._inactive_error(f"{self._label} was stopped; open it again with "
                                       f"with_id={self._sys_id!r} to use it")

    def _ensure_writable(self) -> None:
        self._ensure_open()
        if self._mode == "read-only":
            raise ReadOnlyModeError(f"{self._label} was opened in read-only mode; writes "
                                    "are not allowed")

    def __getitem__(self, path: str) -> Handle:
        h = self._handles.get(path) if type(path) is str else None  # (a list is unhashable)
        if h is None or self._stopped:
            self._ensure_open()
            h = self._handles[path] = Handle(self, V.check_path(path, self._label))
        return h

    def __setitem__(self, path: str, value: Any) -> None:
        self._assign(V.check_path(path, self._label), value)

    def __delitem__(self, path: str) -> None:
        self._ensure_writable()
        path = V.check_path(path, self._label)
        V.check_writable(path, self._label, self._kind)
        if path == "sys" or path.startswith("sys/"):  # not "system/x": a user path
            raise InvalidValueError(f"{self._label}: {path} cannot be deleted")
        pk = self._pk
        self._write(lambda tx: tx.delete_path(pk, path))
        self._last = {k: v for k, v in self._last.items()
                      if k != path and not k.startswith(path + "/")}
        self._atoms = {k for k in self._atoms if k != path and not k.startswith(path + "/")}
        self._cleared.add(path)

    def _holds_atom(self, path: str) -> bool:
        """Whether ``path`` holds a single value: one this handle assigned (maybe still
        queued), else what the store holds, unless this handle deleted it since."""
        if path in self._atoms:
            return True
        if any(path == d or path.startswith(d + "/") for d in self._cleared):
            return False
        return self._store.attribute(self._pk, path) is not None

    def pop(self, path: str, *, wait: bool = False) -> None:
        del self[path]
        if wait:
            self.wait()

    def define(self, path: str, value: Any, *, wait: bool = False) -> Handle | None:
        """1.x: assign ``value`` at a path that holds nothing yet; a path (or namespace)
        already there raises ``MetadataInconsistency`` and nothing is changed."""
        if self.exists(path):
            raise MetadataInconsistency(f"{self._label}: attribute or namespace {path} is "
                                        "already defined")
        self[path] = value
        if wait:
            self.wait()
        return self[path] if self.exists(path) else None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc is not None:
            self._on_exception_in_context(exc, tb)
        self.stop()

    def _on_exception_in_context(self, exc: BaseException, tb: Any) -> None:
        """Runs override this to mark failure (docs/SYS_FIELDS.md §5)."""

    # ------------------------------------------------------------------ writing
    def _write(self, op: Op) -> None:
        if self._mode == "sync":
            self._commit([op])
            return
        if self._failure is not None:
            self._check_held()
        with self._ops_lock:
            if self._pending:
                self._ops.append(self._pending_op(self._pending))
                self._pending = {}
            self._ops.append(op)
        BACKGROUND.mark_dirty(self)

    def _commit(self, ops: list[Op]) -> None:
        pk, store = self._pk, self._store

        def tx(t: Any) -> None:
            for op in ops:
                op(t)
            t.touch(pk, ping=self._attachment is not None, size=True)
        store.write(tx)

    def _flush(self) -> None:
        """Commit everything queued. A commit that fails keeps its batch, in order, at the
        head of the queue (bounded by ``max_held_points()``), to be retried by the
        background thread and by the next ``wait()``/``stop()``, which raise if it still
        fails: nothing a call accepted is dropped behind a successful ``wait()``."""
        with self._flush_lock:
            with self._ops_lock:
                ops, self._ops = self._ops, []
                if self._pending:
                    ops.append(self._pending_op(self._pending))
                    self._pending = {}
            if not ops:
                return
            since = self._last_commit
            try:
                self._commit(ops)
            except BaseException as e:
                kept = self._salvage(ops, e)
                if kept:
                    with self._ops_lock:
                        self._ops[:0] = kept
                        self._held = sum(getattr(op, "points", 0) for op in kept)
                    self._failure = e
                    raise
            self._held = 0
            self._failure = None
            self._said_held = False
            self._last_commit = time.monotonic()
            self._after_commit(self._last_commit - since)
        dropped, self._dropped = self._dropped, None
        if dropped is not None:
            raise dropped

    def _after_commit(self, lag: float) -> None:
        """Called once a batch is stored, with how long it waited (at most the time since
        the previous commit ended, plus this commit's): a Run checks its async-lag
        callback here."""

    def _salvage(self, ops: list[Op], error: BaseException) -> list[Op]:
        """After a failed commit: the ops to keep. When the store itself failed (full disk,
        I/O error, locked, read-only, an interrupt) all of them; when the data did (a value
        no check caught could not be encoded), commit op by op, drop only the ones that
        fail, report each (the next ``wait()`` raises) and forget the steps they would have
        stored."""
        if _environmental(error):
            return ops
        if len(ops) == 1:
            return self._drop(ops, error)
        kept: list[Op] = []
        for op in ops:
            if kept:
                kept.append(op)
                continue
            try:
                self._commit([op])
            except BaseException as e:
                if _environmental(e):
                    kept.append(op)
                else:
                    self._drop([op], e)
        return kept

    def _drop(self, ops: list[Op], error: BaseException) -> list[Op]:
        for op in ops:
            for path, last in getattr(op, "paths", {}).items():
                if self._last.get(path) == last:
                    del self._last[path]  # re-read from the store on the next append
        dropped = StoreError(f"{self._label}: a queued write could not be stored and was "
                             f"dropped: {type(error).__name__}: {error}")
        self._dropped = dropped
        _log().error("%s", dropped)
        return []

    def _check_held(self) -> None:
        """While the store cannot be written, queued data stays in memory up to a bound;
        past it new writes are refused loudly rather than lost quietly."""
        failure = self._failure
        if failure is not None and self._held + self._pending_points() >= max_held_points():
            raise StoreError(f"{self._label}: not accepted: {self._held} points are held in "
                             f"memory because the store cannot be written ({failure}); "
                             "free the store and call wait()")

    def _pending_points(self) -> int:
        return sum(len(b[1]) for b in self._pending.values())

    def _held_op(self) -> Op:
        """What this object holds, as one op: the queue and a copy of the points not yet
        queued, as a commit would apply them (for a read that must see them)."""
        with self._ops_lock:
            ops = list(self._ops)
            if self._pending:
                ops.append(self._pending_op({p: (b[0], b[1][:], b[2][:], b[3][:])
                                             for p, b in self._pending.items()}))
        pk, ping = self._pk, self._attachment is not None

        def op(tx: Any) -> None:
            for o in ops:
                o(tx)
            tx.touch(pk, ping=ping, size=True)
        return op

    def _held_counts(self) -> tuple[int, int]:
        with self._ops_lock:
            return self._held + self._pending_points(), len(self._ops)

    def wait(self, disk_only: bool = False) -> None:
        """Block until everything written so far is durable in the store; raise
        ``StoreError`` if it cannot be stored (it stays queued and is retried)."""
        self._flush_or_raise()

    def sync(self, wait: bool = True) -> None:
        self._flush_or_raise()

    def wait_for_processing(self, timeout: float | None = None, verbose: bool = True) -> bool:
        """neptune-scale spelling of :meth:`wait`; True once everything is stored."""
        self._flush_or_raise()
        return True

    def _flush_or_raise(self) -> None:
        try:
            self._flush()
        except StoreError as e:
            if self._failure is None:
                raise
            raise StoreError(f"{self._label}: {self._held} queued points and "
                             f"{len(self._ops)} queued operations could not be stored: {e}; "
                             "they are kept in memory and retried") from None

    wait_for_submission = wait_for_processing

    def _detach_op(self, tx: Any) -> None:
        tx.detach(self._attachment, self._pk)

    def stop(self, seconds: float | None = None) -> None:
        """Flush, detach (the object turns inactive at once if nobody else is attached)."""
        if self._stopped:
            return
        self._flush_or_raise()  # on failure the object stays open: stop() again later
        try:
            if self._attachment is not None:
                # set before the detach commits: a heartbeat that collected this attachment
                # earlier must not bring it back as "reaped while frozen" (a ghost attachment
                # kept the run active for 20 s after stop)
                self._detaching = True
                self._store.write(self._detach_op)
        finally:
            self._stopped = True
            BACKGROUND.unregister(self)
        BACKGROUND.release_if_unused(self._store)

    def close(self, timeout: float | None = None) -> None:
        self.stop()

    def terminate(self) -> None:
        self.stop()

    def get_state(self) -> str:
        return "stopped" if self._stopped else "started"

    # --------------------------------------------------------------- sys writes
    def _assign(self, path: str, value: Any) -> None:
        """1.x assignment: a value of an unsupported type (a tuple, None, an object) is
        skipped with a ``NeptuneUnsupportedType`` warning, as neptune 1.x did; everything
        else that is wrong raises and nothing of the call is applied."""
        self._ensure_writable()
        if isinstance(value, dict):
            items = V.flatten(path, value)
            for p, _ in items:  # validate everything before queueing anything
                V.check_path(p, self._label)
            ops = self._assign_ops(items)
            self._write(lambda tx: [op(tx) for op in ops] and None)
            return
        op = self._assign_or_skip(path, value)
        if op is not None:
            self._write(op)

    def _assign_ops(self, items: list[tuple[str, Any]], *, skip_unsupported: bool = True
                    ) -> list[Op]:
        """The ops of a many-path assignment (a dict, ``log_configs``, a source record),
        after one read of what the paths hold now instead of two per path."""
        known = self._stored_kinds([p for p, _ in items]) if len(items) > 2 else None
        atoms = set(self._atoms)
        try:
            if not skip_unsupported:
                return [self._assign_op(p, v, known) for p, v in items]
            return [op for op in (self._assign_or_skip(p, v, known) for p, v in items) if op]
        except BaseException:
            self._atoms = atoms  # nothing of the call is queued
            raise

    def _stored_kinds(self, paths: list[str]) -> dict[str, str]:
        """What each of ``paths`` holds in the store: ``"series"`` or its atom type."""
        user = [p for p in paths if not p.startswith("sys/")]
        if not user:
            return {}
        listing = self._store.listing()
        kinds = {path: type_ for _, path, type_, _ in listing.atom_rows([self._pk], user)}
        kinds.update((path, "series") for _, path, _, _ in
                     listing.series_last_rows([self._pk], user))
        return kinds

    def _assign_or_skip(self, path: str, value: Any, known: dict[str, str] | None = None
                        ) -> Op | None:
        try:
            return self._assign_op(path, value, known)
        except UnsupportedValueType as e:
            if path == "sys" or path.startswith("sys/"):
                raise
            warn_unsupported(e)
            return None

    def assign(self, value: dict[str, Any], *, wait: bool = False) -> None:
        """``run.assign({...})``: assign a nested dict at the root (1.x)."""
        if not isinstance(value, dict):
            raise InvalidTypeError(f"{self._label}: assign() at the root takes a dict (was "
                                   f"{type(value).__name__})")
        self._ensure_writable()
        for key, v in value.items():
            self._assign(V.check_path(key, self._label), v)
        if wait:
            self.wait()

    def _assign_op(self, path: str, value: Any, known: dict[str, str] | None = None) -> Op:
        """``known``: what the paths hold (``_stored_kinds``), read once for many."""
        f = V.check_writable(path, self._label, self._kind)
        pk = self._pk
        value = self._unwrap(value, path)
        from .. import types as T
        if f is None and isinstance(value, T._Series):
            self._atoms.discard(path)
            return self._replace_series_op(path, value)
        if f is None:
            stored = self._file_value(path, value)
            if stored is not None:
                type_, desc = stored
                self._atoms.add(path)
                return lambda tx: tx.put_attribute(pk, path, type_, desc)
        if f is not None:
            if f.type == catalog.STRING_SET:
                if isinstance(value, StringSet):
                    value = value.values
                    if not isinstance(value, (list, set, tuple, frozenset, str)):
                        value = list(value)
                tags = V.check_tags(value, self._label, path, allow_str=False)
                return lambda tx: self._replace_set(tx, path, tags)
            v = V.check_sys_value(f, value, self._label)
            col = f.trait
            return lambda tx: tx.set_columns(pk, {col: v})
        if isinstance(value, StringSet):
            tags = V.check_tags(list(value.values), self._label, path, allow_str=False)

            def op(tx: Any) -> None:
                tx.put_attribute(pk, path, "string_set", None)
                self._replace_set(tx, path, tags)
            self._atoms.add(path)
            return op
        if path in self._last or (known.get(path) == "series" if known is not None
                                  else self._series_exists(path)):
            raise InvalidTypeError(f"{self._label}: {path} is a series; append to it instead "
                                   "of assigning a single value")
        type_, stored = V.atom(value, self._label, path)
        old = self._stored_atom_type(path, known)
        if old is not None and _ATOM_FAMILY.get(old, old) != _ATOM_FAMILY.get(type_, type_):
            from ..exceptions import MetadataInconsistency
            raise MetadataInconsistency(
                f"{self._label}: {path} holds a {_FIELD_TYPES.get(old, old)}; a "
                f"{_FIELD_TYPES[type_]} cannot replace it (delete the path first)")
        self._atoms.add(path)
        return lambda tx: tx.put_attribute(pk, path, type_, stored)

    def _unwrap(self, value: Any, path: str) -> Any:
        """The 1.x value wrappers (``neptune.types``, ``stringify_unsupported``) and handles
        of other objects (``run["b"] = other["a"]`` copies the value or the series)."""
        from .. import types as T
        from ..utils import StringifyValue
        if isinstance(value, StringifyValue):
            inner = value.value
            if isinstance(inner, (str, bool, int, float, datetime)) or \
                    V.number(inner) is not None:
                return inner
            return str(inner)
        if isinstance(value, T._Atom):
            return value.value
        if isinstance(value, Handle):
            return value._container._copy_value(value._path)
        return value

    def _file_value(self, path: str, value: Any) -> tuple[str, str] | None:
        return file_value(self._store, f"{self._label}: {path}", value)

    def _copy_value(self, path: str) -> Any:
        from .. import types as T
        got = self._store.attribute(self._pk, path) if not path.startswith("sys") else None
        if got is None and not path.startswith("sys") and \
                self._store.series_info(self._pk, path):
            steps, vals, stamps = self._fetch_points(path, True)
            cls = T.StringSeries if vals and isinstance(vals[0], str) else T.FloatSeries
            return cls(vals, steps=steps, timestamps=stamps)
        value = self._fetch(path)
        if isinstance(value, set):
            return StringSet(sorted(value))
        return value

    def _replace_series_op(self, path: str, series: Any) -> Op:
        """``run["x"] = FloatSeries([...])`` replaces the series at ``path``."""
        n = len(series.values)
        for name, seq in (("steps", series.steps), ("timestamps", series.timestamps)):
            if seq is not None and len(seq) != n:
                raise InvalidValueError(f"{self._label}: {path}: {name} has {len(seq)} "
                                        f"items but values has {n}")
        points = self._series_points(path, series.values, series.steps, series.timestamps,
                                     fresh=True)
        pk = self._pk
        op = self._points_op(points) if points else None
        if points:
            self._last[path] = (points[-1][2], points[-1][3])
        else:
            self._last.pop(path, None)

        def apply(tx: Any) -> None:
            tx.delete_path(pk, path)
            if op is not None:
                op(tx)
        return apply

    def _upload(self, path: str, value: Any, extension: str | None) -> None:
        from .. import types as T
        self._ensure_writable()
        path = V.check_path(path, self._label)
        if isinstance(value, (str, os.PathLike)):
            value = T.File(value, extension=extension)
        elif not isinstance(value, T.File):
            # 1.x's upload() converted a figure or image (PNG) and a DataFrame (HTML) itself
            converted = F.as_file(value)
            if converted is None:
                raise InvalidTypeError(f"{self._label}: {path}: upload() takes a path, a "
                                       f"File, an image, a figure or a DataFrame (was "
                                       f"{type(value).__name__})")
            value = converted
        if extension:
            value.extension = extension
        self._assign(path, value)

    def _stored_atom_type(self, path: str, known: dict[str, str] | None) -> str | None:
        if known is not None:
            kind = known.get(path)
            return None if kind == "series" else kind
        old = self._store.attribute(self._pk, path)
        return None if old is None else old[0]

    def _series_exists(self, path: str) -> bool:
        return bool(self._store.series_info(self._pk, path))

    def _replace_set(self, tx: Any, path: str, tags: list[str]) -> None:
        """Assigning a set is applied as a diff, so concurrent adds of other values survive
        only if they are in ``tags`` - the assignment is the user's full intent."""
        current = tx.set_values(self._pk, path)
        new = set(tags)
        tx.set_remove(self._pk, path, current - new)
        tx.set_add(self._pk, path, new - current)

    def _set_op(self, path: str, op: str, values: Any, *, create: bool = False) -> None:
        """``create``: an unassigned user path becomes a string set (neptune-scale's
        ``log(tags_add=...)``); without it, 1.x's rules (``_holds_string_set``)."""
        self._ensure_writable()
        f = V.check_writable(path, self._label, self._kind)
        if f is not None and f.type != catalog.STRING_SET:
            raise InvalidTypeError(f"{self._label}: {path} is a {f.type}, not a string set")
        tags = V.check_tags(values, self._label, path) if op != "clear" else []
        pk = self._pk
        user_set = f is None
        if user_set and not (create and op == "add" and self.field_type(path) == "Unassigned") \
                and not self._holds_string_set(path, op):
            return

        def apply(tx: Any) -> None:
            if user_set:
                tx.put_attribute(pk, path, "string_set", None)
            if op == "add":
                tx.set_add(pk, path, tags)
            elif op == "remove":
                tx.set_remove(pk, path, tags)
            else:
                tx.set_clear(pk, path)
        self._write(apply)

    def _holds_string_set(self, path: str, op: str) -> bool:
        """Set operations apply to string sets: sys/tags, sys/group_tags, and a user path
        assigned a ``StringSet``. On a field of another type they raise AttributeError, as
        1.x's attributes had no ``add``; on an unassigned path the call is reported (1.x
        sent it and its backend refused it) and nothing is applied, so ``fetch()`` then
        raises ``MissingFieldException``, as it did."""
        kind = self.field_type(path)
        if kind == "StringSet":
            return True
        if kind != "Unassigned":
            raise TypeDoesNotSupportAttributeException(
                f"{self._label}: {path} is a {kind}; {op}() applies to string sets only")
        self._report(TypeDoesNotSupportAttributeException(
            f"{self._label}: {path} holds no string set, so {op}() was not applied: assign "
            f"a StringSet first, or use sys/tags or sys/group_tags"))
        return False

    # ------------------------------------------------------------------ series
    def _points_op(self, points: list[tuple[str, str, float, Any, float]]) -> Op:
        grouped: dict[str, Pending] = {}
        for path, type_, step, value, ts in points:
            g = grouped.get(path)
            if g is None:
                g = grouped[path] = (type_, array("d"), [], array("d"))
            g[1].append(step)
            g[2].append(value)
            g[3].append(ts)
        return self._pending_op(grouped)

    def _pending_op(self, pending: dict[str, Pending]) -> Op:
        """One chunk per series; ``pending`` must no longer be appended to."""
        pk = self._pk
        creation = self._creation_ms()
        paths = {path: (b[1][-1], b[2][-1]) for path, b in pending.items() if len(b[1])}

        def op(tx: Any) -> None:
            last_ts = 0.0
            for path, (type_, steps, vals, tss) in pending.items():
                tx.append_chunk(pk, path, type_, steps, vals, tss)
                if type_ == "float":
                    last_ts = max(last_ts, tss[-1])
            if last_ts and creation is not None:
                tx.raise_relative_creation_time(pk, int(last_ts * 1000) - creation)
        op.paths = paths  # type: ignore[attr-defined]
        op.points = sum(len(b[1]) for b in pending.values())  # type: ignore[attr-defined]
        return op

    def _creation_ms(self) -> int | None:
        return None

    def _last_point(self, path: str) -> tuple[float, Any] | None:
        last = self._last.get(path)
        if last is None:
            info = self._store.series_info(self._pk, path)
            if info:
                last = (info[0][3], F.series_ref(info[0][1], info[0][4]))
            elif self._fork_floor is not None:
                # a fork may log at its fork step itself (its point wins in lineage reads),
                # never before it; steps have 6 decimals, so this admits exactly >= floor
                last = (self._fork_floor - 5e-7, _REJECTED)
            if last is not None:
                self._last[path] = last
        return last

    def _append(self, path: str, values: list[Any], steps: list[Any] | None,
                timestamps: list[Any] | None) -> None:
        if len(values) > 1 and timestamps is None and self._mode != "sync" and \
                self._append_floats(path, values, steps):
            return
        with self._ops_lock:  # steps judged and queued at once: threads share a run
            points = self._series_points(path, values, steps, timestamps)
            if points:
                self._queue_points(points)

    def _append_fast(self, path: str, value: Any, step: Any) -> bool:
        """``append(v)`` of a number on a series whose queue buffer exists, so the path was
        judged and the batch is already marked dirty: a dict lookup, a lock and three array
        appends. Returns False to take the general path (which validates everything)."""
        last = self._last.get(path)
        if last is None:
            return False
        t = type(value)
        if t is not float:
            if t not in _FLOATISH:
                return False
            try:
                value = float(value)
            except OverflowError:  # an int beyond float range: the general path says so
                return False
        if step is None:
            step = math.floor(last[0]) + 1.0
        elif type(step) is int and 0 <= step < V.MAX_STEP:
            step = float(step)
        elif type(step) is float and 0 <= step < V.MAX_STEP:
            step = round(step, 6)
        else:
            return False
        if not step > last[0]:
            return False
        lock = self._ops_lock
        lock.acquire()
        try:
            buf = self._pending.get(path)
            if buf is None or buf[0] != "float" or self._stopped or self._mode == "sync" \
                    or self._failure is not None or self._last.get(path) is not last:
                return False  # (another thread appended since the step was judged)
            buf[1].append(step)
            buf[2].append(value)
            buf[3].append(time.time())
            self._last[path] = (step, value)
            return True
        finally:
            lock.release()

    def _append_texts(self, path: str, values: list[str], stamps: list[float]) -> bool:
        """Console lines (``monitoring.py``): str values already made storable and times
        from this clock, queued column-wise onto a series this process already appended
        text to (its last value a plain str), at the next whole steps. Returns False to
        take the general path."""
        with self._ops_lock:
            last = self._last.get(path)
            if last is None or type(last[1]) is not str or self._stopped or \
                    self._mode == "sync" or self._failure is not None or not values:
                return False
            first = math.floor(last[0]) + 1.0
            steps = [first + k for k in range(len(values))]
            if steps[-1] >= V.MAX_STEP:
                return False
            buf = self._pending.get(path)
            if buf is None or buf[0] != "string":
                buf = self._new_buffer(path, "string")
            buf[1].extend(steps)
            buf[2].extend(values)
            buf[3].extend(stamps)
            self._last[path] = (steps[-1], values[-1])
        BACKGROUND.mark_dirty(self)
        return True

    def _append_floats(self, path: str, values: list[Any], steps: list[Any] | None) -> bool:
        """``extend()`` of plain numbers, validated and queued column-wise, in C loops (a
        per-point Python loop made batches slower than single calls). Returns False to take
        the general path, which also produces the precise error for anything it rejects."""
        if not set(map(type, values)) <= _PLAIN_NUMBERS:
            return False
        n = len(values)
        try:
            fvals = array("d", values)
        except OverflowError:  # an int beyond float range: the general path says so
            return False
        last = self._last.get(path)
        if last is None or self._stopped or self._mode == "read-only":
            self._ensure_writable()
            V.check_series_path(path, self._label, self._kind)
            if self._store.attribute(self._pk, path) is not None:
                return False
            last = self._last_point(path)
        if last is not None and self._series_kind(path, last) != "float":
            return False
        prev = None if last is None else last[0]
        if steps is None:
            first = 0 if prev is None else math.floor(prev) + 1
            fsteps = array("d", range(first, first + n))
        else:
            kinds = set(map(type, steps))
            if kinds == {int}:
                try:
                    fsteps = array("d", steps)
                except OverflowError:  # a step beyond float range: the general path
                    return False
            elif kinds <= _PLAIN_NUMBERS:
                fsteps = array("d", map(round, steps, repeat(6, n)))
            else:
                return False
            if not (0 <= fsteps[0] and fsteps[-1] < V.MAX_STEP) or \
                    not all(map(operator.lt, fsteps, islice(fsteps, 1, None))):
                return False
        if prev is not None and fsteps[0] <= prev:
            return False
        stamps = array("d", (time.time(),)) * n
        if self._failure is not None:
            self._check_held()
        with self._ops_lock:
            if self._last.get(path) is not last:
                return False  # another thread appended since the steps were judged
            buf = self._pending.get(path)
            if buf is None or buf[0] != "float":
                buf = self._new_buffer(path, "float")
            buf[1].extend(fsteps)
            buf[2].extend(fvals)
            buf[3].extend(stamps)
            self._last[path] = (fsteps[-1], fvals[-1])
        BACKGROUND.mark_dirty(self)
        return True

    def _append_many(self, items: list[tuple[str, Any]], step: Any, timestamp: Any) -> None:
        """One point on each of several series (``append({...})``): every value is validated
        before any is queued, so a rejected call appends nothing."""
        with self._ops_lock:
            prepared = [self._series_points(V.check_path(path, self._label), [value],
                                             None if step is None else [step],
                                             None if timestamp is None else [timestamp])
                        for path, value in items]
            for points in prepared:
                if points:
                    self._queue_points(points)

    def _series_points(self, path: str, values: list[Any], steps: list[Any] | None,
                       timestamps: list[Any] | None, fresh: bool = False
                       ) -> list[tuple[str, str, float, Any, float]]:
        """Validate points for ``path`` and return them; nothing is queued here. ``fresh``
        judges them as the start of a new series (an assignment replaces the old one)."""
        self._ensure_writable()
        V.check_series_path(path, self._label, self._kind)
        # a series this handle already appended to is known not to be an atom: skip the
        # store read (as the float fast path does), so appends keep queueing while the
        # store is unreachable (a PostgreSQL restart) instead of raising
        if self._last.get(path) is None and self._holds_atom(path):
            raise InvalidTypeError(f"{self._label}: {path} holds a single value, not a series")
        last = None if fresh else self._last_point(path)
        prev_step = None if last is None else last[0]
        points = []
        now = time.time()
        kind = None if last is None or last[1] is _REJECTED else self._series_kind(path, last)
        for i, value in enumerate(values):
            type_, value = self._point_value(path, value)
            if kind is None:
                kind = type_
            elif kind != type_:
                raise InvalidTypeError(f"{self._label}: {path} is a {_SERIES_NAMES[kind]}; "
                                       f"{value!r} does not fit it; nothing was appended")
            if steps is None:
                step = 0.0 if prev_step is None else math.floor(prev_step) + 1.0
            else:
                step = V.check_step(steps[i], self._label, path)
            if prev_step is not None and step <= prev_step:
                self._reject_step(path, step, prev_step)
                continue  # not stored; reported, never raised (docs/SYS_FIELDS.md §3 revised)
            ts = now if timestamps is None else _timestamp(timestamps[i])
            points.append((path, type_, step, value, ts))
            prev_step = step
        return points

    def _point_value(self, path: str, value: Any) -> tuple[str, Any]:
        """(series type, value as queued) of one appended value: a number, a str, a File
        or an image (stored now, queued as its descriptor), a Histogram; else a typed
        error naming the path."""
        if type(value) is str:  # the common text case first (console lines): no probing
            return "string", self._series_text(path, value)
        from .. import types as T
        from ..utils import StringifyValue
        if isinstance(value, StringifyValue):
            value = value.value if isinstance(value.value, (str, int, float)) else \
                str(value.value)
        if type(value) is float:
            type_ = "float"
        elif isinstance(value, F.FileRef):
            type_ = "file"
        elif isinstance(value, F.HistogramRef):
            type_ = "histogram"
        elif isinstance(value, T.Histogram):
            type_, value = "histogram", F.HistogramRef(value.to_stored(f"{self._label}: "
                                                                       f"{path}"))
        elif (as_file := F.as_file(value)) is not None:
            type_ = "file"
            value = F.FileRef(F.file_descriptor(self._store, as_file, f"{self._label}: "
                                                f"{path}", inline_ok=False))
        elif isinstance(value, str):
            type_, value = "string", self._series_text(path, value)
        else:
            got = None if isinstance(value, bool) else V.number(value)
            if got is None:
                raise UnsupportedValueType(
                    f"{self._label}: {path}: series values must be numbers or str (was "
                    f"{type(value).__name__})")
            _learn_number_type(type(value))
            try:
                type_, value = "float", float(got)
            except OverflowError:  # an int beyond float range (10**400)
                raise InvalidValueError(
                    f"{self._label}: {path}: {str(got)[:6]}... ({len(str(got))} digits) "
                    "is beyond the float range (about 1.8e308); nothing was appended"
                    ) from None
        return type_, value

    def _series_text(self, path: str, value: str) -> str:
        value = V.check_text(value[:V.STRING_SERIES_MAX_CHARS], self._label, path)
        if "\x1f" in value:  # the store's separator between values of a chunk
            raise InvalidValueError(f"{self._label}: {path}: string series values must "
                                    "not contain U+001F (unit separator); nothing was "
                                    "appended")
        return value

    def _series_kind(self, path: str, last: tuple[float, Any]) -> str:
        """The value type of an existing series: the queue's, else the store's."""
        buf = self._pending.get(path)
        if buf is not None:
            return buf[0]
        if isinstance(last[1], F.FileRef):
            return "file"
        if isinstance(last[1], F.HistogramRef):
            return "histogram"
        if isinstance(last[1], str):
            return "string"
        if isinstance(last[1], float):
            return "float"
        info = self._store.series_info(self._pk, path)
        return info[0][1] if info else "float"

    def _reject_step(self, path: str, step: float, prev: float) -> None:
        """A point whose step is not after the series' last one is dropped and reported:
        a logging problem must never kill a training script."""
        if self._fork_floor is not None and self._last.get(path, (None, None))[1] is _REJECTED:
            error: Exception = NeptuneSeriesStepNotAfterForkPoint(
                f"{self._label}: {path}: step {step:g} is before the fork step "
                f"{self._fork_floor:g}; the point was not logged")
        else:
            error = NeptuneSeriesStepNonIncreasing(
                f"{self._label}: {path}: step {step:g} is not greater than the last step "
                f"{prev:g}; steps must be strictly increasing; the point was not logged")
        self._report(error)

    def _report(self, error: BaseException) -> None:
        """Hand a recoverable problem to ``on_error_callback(error, last_seen_at)`` as
        neptune-scale does, else log it as neptune 1.x did. A failing callback is logged,
        never raised into the training loop."""
        key = type(error).__name__
        last_seen = self._errors_seen.get(key)
        self._errors_seen[key] = time.time()
        callback = self._on_error_callback
        if callback is None:
            _log().error("%s", error)
            return
        try:
            callback(error, last_seen)
        except Exception as e:  # noqa: BLE001 - user code must not break logging
            _log().error("An exception occurred in user callback function: %s", e)

    def _queue_points(self, points: list[tuple[str, str, float, Any, float]]) -> None:
        if self._mode == "sync":
            self._commit([self._points_op(points)])  # bookkeeping only for stored points
            for path, _t, step, value, _ts in points:
                self._last[path] = (step, value)
            return
        if self._failure is not None:
            self._check_held()
        for path, _t, step, value, _ts in points:
            self._last[path] = (step, value)
        with self._ops_lock:
            pending = self._pending
            for path, type_, step, value, ts in points:
                buf = pending.get(path)
                if buf is None or buf[0] != type_:
                    buf = self._new_buffer(path, type_)
                    pending = self._pending
                buf[1].append(step)
                buf[2].append(value)
                buf[3].append(ts)
        BACKGROUND.mark_dirty(self)

    def _new_buffer(self, path: str, type_: str) -> Pending:
        """A queue buffer for ``path`` (caller holds ``_ops_lock``). A series that changes
        type mid-flush closes the pending batch first, so every buffer is one type."""
        if path in self._pending:
            self._ops.append(self._pending_op(self._pending))
            self._pending = {}
        buf = self._pending[path] = (type_, array("d"),
                                     array("d") if type_ == "float" else [], array("d"))
        return buf

    # ------------------------------------------------------------------ reading
    def _read_sys(self) -> dict[str, Any]:
        rows = self._store.sys_rows([self._pk])
        return rows[0]

    def _fetch_sys_value(self, f: catalog.SysField, rec: dict[str, Any]) -> Any:
        v: Any = rec.get(f.trait)
        if f.type == catalog.DATETIME:
            return V.from_ms(v)
        if f.type == catalog.BOOLEAN:
            return None if v is None else bool(v)
        if f.type == catalog.STRING_SET:
            return set(v)
        if f.type == catalog.RUN_STATE and v is not None:
            return _STATE_1X[v]  # "Active"/"Inactive": neptune 1.x's RunState values
        return v

    @_reads
    def _fetch(self, path: str) -> Any:
        if path == "sys" or path.startswith("sys/"):
            f = catalog.BY_PATH.get(path)
            if f is not None and f.applies_to(self._kind):
                return self._fetch_sys_value(f, self._read_sys())
            if path == "sys" or any(p.startswith(path + "/") for p in catalog.BY_PATH):
                return _nest(self._sys_items(path))
            # else: a sys field beyond the catalog imported from a neptune-exporter tree
            # (interop), stored as a read-only attribute, or MissingFieldException below
        got = self._store.attribute(self._pk, path)
        if got is not None:
            type_, value = got
            if type_ == "string_set":
                return self._store.set_values(self._pk, path)
            if type_ in _FILE_TYPES:
                return self._decode_file(type_, value)
            return V.from_atom(type_, value)
        info = self._store.series_info(self._pk, path)
        if info:
            return info[0][4]
        items = [(p, v) for p, v in self._atom_items() if p.startswith(path + "/")]
        if items:
            return _nest([(p[len(path) + 1:], v) for p, v in items])
        raise MissingFieldException(f"{self._label}: no attribute at {path}")

    def _decode_file(self, type_: str, value: Any) -> Any:
        """What fetch() gives for a file (a File), a file set (its top-level entries) and
        an artifact (an ``Artifact``: its hash and files)."""
        if type_ == F.FILE:
            return F.file_from_stored(self._store, value)
        if F.import_record(value) is not None:
            return value  # an import's reference record, as the import wrote it
        if type_ == F.FILE_SET:
            return F.list_entries(F.file_set_files(value), None)
        from .. import types as T
        return T.Artifact(*A.decode(value))

    def _sys_items(self, prefix: str = "sys") -> list[tuple[str, Any]]:
        rec = self._read_sys()
        out = []
        for f in catalog.fields_for(self._kind):
            if f.path.startswith(prefix + "/") or prefix == "sys":
                v = self._fetch_sys_value(f, rec)
                if v is not None:
                    out.append((f.path[len(prefix) + 1:], v))
        return out

    def _atom_items(self) -> list[tuple[str, Any]]:
        out = []
        for path, type_, value in self._store.attributes(self._pk):
            if type_ == "string_set":
                out.append((path, self._store.set_values(self._pk, path)))
            elif type_ in _FILE_TYPES:
                out.append((path, self._decode_file(type_, value)))
            else:
                out.append((path, V.from_atom(type_, value)))
        return out

    @_reads
    def fetch(self) -> dict[str, Any]:
        """Every atom (sys included) as a nested dict."""
        items = [("sys/" + p, v) for p, v in self._sys_items()] + self._atom_items()
        return _nest(items)

    def exists(self, path: str) -> bool:
        self._ensure_open()
        if not isinstance(path, str):
            raise InvalidTypeError(f"{self._label}: exists() takes an attribute path as a "
                                   f"str (was {type(path).__name__})")
        try:
            V.check_path(path, self._label)
        except InvalidValueError:
            return False  # no attribute can be stored at a path that breaks the rules
        try:
            self._fetch(path)
            return True
        except MissingFieldException:
            return False

    @_reads
    def get_structure(self) -> dict[str, Any]:
        """Nested dict of every path (atoms first, then series) with handles as leaves."""
        paths = [f.path for f in catalog.fields_for(self._kind)]
        paths += [p for p, _, _ in self._store.attributes(self._pk)]
        paths += [r[0] for r in self._store.series_info(self._pk)]
        return _nest([(p, Handle(self, p)) for p in paths])

    def print_structure(self) -> None:
        """Print every path with its field type, as 1.x did."""
        print(self._structure_text(), end="")

    @_reads
    def _structure_text(self) -> str:
        rows = [(f.path, f.type) for f in catalog.fields_for(self._kind)]
        rows += [(p, _FIELD_TYPES.get(t, t)) for p, t, _ in self._store.attributes(self._pk)]
        rows += [(r[0], "FloatSeries" if r[1] == "float" else "StringSeries")
                 for r in self._store.series_info(self._pk)]
        tree = _nest(rows)
        lines: list[str] = []

        def walk(node: dict[str, Any], depth: int) -> None:
            for key in sorted(node):
                value = node[key]
                if isinstance(value, dict):
                    lines.append(f"{'    ' * depth}{key!r}:")
                    walk(value, depth + 1)
                else:
                    lines.append(f"{'    ' * depth}{key!r}: {value}")
        walk(tree, 0)
        return "\n".join(lines) + "\n"

    @_reads
    def field_type(self, path: str) -> str:
        """The 1.x name of the field type at ``path`` (handle reprs, ``isinstance`` checks
        against ``neptune.attributes``)."""
        if path.startswith("sys"):
            f = catalog.BY_PATH.get(path)
            if f is not None:
                return f.type
        got = self._store.attribute(self._pk, path)
        if got is not None:
            return _FIELD_TYPES.get(got[0], got[0])
        pending = self._pending.get(path)
        if pending is not None:
            return _SERIES_NAMES.get(pending[0], "StringSeries")
        info = self._store.series_info(self._pk, path)
        if info:
            return _SERIES_NAMES.get(info[0][1], "StringSeries")
        return "Namespace" if any(p.startswith(path + "/") for p, _, _ in
                                  self._store.attributes(self._pk)) else "Unassigned"

    @_reads
    def _fetch_last(self, path: str) -> Any:
        info = self._store.series_info(self._pk, path)
        if not info:
            inherited = self._fetch_points(path, True)
            if inherited[1]:
                return inherited[1][-1]
            raise MissingFieldException(f"{self._label}: no series at {path}")
        return F.decode_series_value(self._store, info[0][1], info[0][4])

    @_reads
    def _fetch_points(self, path: str, include_inherited: bool
                      ) -> tuple[list[float], list[Any], list[float]]:
        chain = self._lineage() if include_inherited else [(self._pk, None)]
        got = V.join_lineage(
            (None if got is None else got[1:] for got in
             (self._store.series_points(pk, path, max_step) for pk, max_step in chain)),
            ([], [], []))
        if got is None:
            raise MissingFieldException(f"{self._label}: no series at {path}")
        return got

    def _lineage(self) -> list[tuple[int, float | None]]:
        return [(self._pk, None)]

    # ------------------------------------------------------------------ binding
    @property
    def sys(self):
        """The sys namespace as a ``traitlets.HasTraits`` (imports traitlets lazily)."""
        if self._sys_binding is None:
            from ..binding import bind
            self._sys_binding = bind(self)
        return self._sys_binding

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict | None:
        """In a notebook, an object shown as a cell's last expression renders its live card
        (the widgets, and so anywidget, are imported only here)."""
        if self._kind == "project" or self._stopped:
            return None
        try:
            from ..widgets import widget_for
            bundle = widget_for(self)._repr_mimebundle_(include=include, exclude=exclude)
        except ImportError:
            return None
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        if bundle is None:
            return None
        bundle = dict(bundle)
        bundle["text/plain"] = repr(self)
        return bundle

    # --------------------------------------------------------- remote requests
    def request_stop(self) -> bool:
        """Ask the process(es) attached to this object to stop it (as Ctrl-C would).
        Allowed on a read-only handle: it writes none of the run's data, it asks the run's
        owner, which is what watching a training script from a ``--read-only`` card needs
        (the Neptune app's Stop button did the same)."""
        return request(self._store, self._pk, "stop")

    def request_abort(self) -> bool:
        """Like :meth:`request_stop`, and the run is marked failed (by its owner)."""
        return request(self._store, self._pk, "abort")

    def _on_remote_request(self, kind: str) -> None:
        self.stop()


_PLAIN_NUMBERS = frozenset((float, int))
_FLOATISH: set[type] = {int}  # types whose float() is exact and cheap: ints, numpy numbers


def _learn_number_type(t: type) -> None:
    """Remember a numpy-like scalar type for the append fast path (never arrays: only types
    registered as real numbers, whose every instance is one number)."""
    import numbers
    if issubclass(t, numbers.Real) and not issubclass(t, bool) and t.__name__ != "bool_":
        _FLOATISH.add(t)


_SERIES_NAMES = {"float": "FloatSeries", "string": "StringSeries", "file": "FileSeries",
                 "histogram": "HistogramSeries"}
def file_value(store: Store, what: str, value: Any) -> tuple[str, str] | None:
    """A File (or an image, figure or frame 1.x stored as one) or a FileSet: its content
    stored now, in the caller; returns the attribute's (type, stored value), else None."""
    from .. import types as T
    if isinstance(value, T.FileSet):
        return F.FILE_SET, F.file_set_with(store, {}, value.paths, what)
    if isinstance(value, T.Artifact):
        if value.files is None:
            raise InvalidValueError(f"{what}: an Artifact is assigned with its files, as "
                                    "fetch() of another artifact gives it")
        return F.ARTIFACT, A.encode(value.files)
    as_file = F.as_file(value)
    if as_file is None:
        return None
    return F.FILE, F.file_descriptor(store, as_file, what)


_ATOM_FAMILY = {"float": "number", "int": "number"}  # an int may replace a float and back
class RunStateValue(str):
    """A fetched ``sys/state``: neptune 1.x's ``"Active"``/``"Inactive"``, equal to the
    lowercase spelling too, which neptune-fetcher and neptune-query code compares with
    (``run["sys/state"].fetch() == "active"``). Its hash stays the str's own (so dicts keyed
    by the 1.x spelling find it); ``==`` is what ignores the case."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.lower() == self.lower()

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


_STATE_1X = {"active": RunStateValue("Active"), "inactive": RunStateValue("Inactive")}
_FIELD_TYPES = {"float": "Float", "int": "Integer", "bool": "Boolean", "string": "String",
                "datetime": "Datetime", "string_set": "StringSet", "file": "File",
                "file_set": "FileSet", "artifact": "Artifact"}
_FILE_TYPES = frozenset(("file", "file_set", "artifact"))


def warn_unsupported(error: Exception) -> None:
    """The 1.x warning for an unsupported value, pointed at the user's line."""
    import sys
    import warnings

    from ..exceptions import NeptuneUnsupportedType
    level, frame = 1, sys._getframe(0)
    package = __name__.split(".")[0]
    while frame is not None and frame.f_globals.get("__name__", "").startswith(package):
        level, frame = level + 1, frame.f_back
    warnings.warn(f"{error}; the value was not logged (convert it, or use "
                  "stringify_unsupported())", NeptuneUnsupportedType, stacklevel=level)


def request(store: Store, pk: int, kind: str) -> bool:
    """Store a stop/abort request; returns False when no live process is attached."""
    rows = store.sys_rows([pk])
    if not rows or rows[0]["state"] != "active":
        return False
    store.add_request(pk, kind)
    return True


_timestamp = V.check_timestamp


def max_held_points() -> int:
    """How many series points an object keeps in memory while its store cannot be written
    (~24 bytes each): 10 million by default, ``NEPTUNE_SYS_MAX_HELD_POINTS`` to change."""
    return int(os.environ.get("NEPTUNE_SYS_MAX_HELD_POINTS", "10000000"))


def _environmental(error: BaseException) -> bool:
    """The store failed (full disk, I/O error, locked, read-only), not the data: retrying
    the same batch later may succeed, so it is kept."""
    from ..store.base import is_store_failure
    return not isinstance(error, Exception) or is_store_failure(error) or isinstance(
        error, (OSError, MemoryError))


def _nest(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, value in items:
        node = out
        parts = path.split("/")
        for part in parts[:-1]:
            nxt = node.get(part)
            if not isinstance(nxt, dict):
                nxt = node[part] = {}
            node = nxt
        node.setdefault(parts[-1], value)
    return out

