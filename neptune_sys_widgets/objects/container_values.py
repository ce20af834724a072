"""The value side of an object: assigning atoms, sys fields and string sets, deleting
paths, fetching values and the structure.

A role of ``Container`` (objects/container.py) in its own module. Every assignment is
judged at call time and becomes one op (a closure over a ``Transaction``), so nothing of a
rejected call is queued.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from .. import catalog
from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    MetadataInconsistency,
    MissingFieldException,
    TypeDoesNotSupportAttributeException,
    UnsupportedValueType,
)
from . import files as F
from . import values as V
from .container_series import _SERIES_NAMES, ContainerSeries
from .handles import Handle, StringSet
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from ..store.base import Store
    from .container_lifecycle import Op


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
        from . import artifacts as A  # dataclasses, pathlib: only for artifacts
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


class ContainerValues(ContainerSeries):
    """Assignment, deletion and fetching of single values."""

    def __setitem__(self, path: str, value: Any) -> None:
        self._assign(V.check_path(path, self._label), value)

    def __delitem__(self, path: str) -> None:
        self._ensure_writable()
        path = V.check_path(path, self._label)
        V.check_writable(path, self._label, self._kind)
        if path == "sys" or path.startswith("sys/"):  # not "system/x": a user path
            raise InvalidValueError(f"{self._label}: {path} cannot be deleted")
        if not self.exists(path):  # 1.x's ContainerStructure.pop refused it the same way;
            # code catches it (``except NeptuneException: print("not found")``)
            raise MetadataInconsistency(f"{self._label}: cannot delete {path}: attribute "
                                        "not found")
        pk = self._pk
        self._write(lambda tx: tx.delete_path(pk, path))
        self._last = {k: v for k, v in self._last.items()
                      if k != path and not k.startswith(path + "/")}
        self._atoms = {k for k in self._atoms if k != path and not k.startswith(path + "/")}
        self._cleared.add(path)

    def pop(self, path: str, *, wait: bool = False) -> None:
        del self[path]
        if wait:
            self.wait()

    def _assign(self, path: str, value: Any) -> None:
        """1.x assignment: a value of an unsupported type (a tuple, None, an object) is
        skipped with a ``NeptuneUnsupportedType`` warning, as neptune 1.x did; everything
        else that is wrong raises and nothing of the call is applied."""
        self._ensure_writable()
        fields = V.as_namespace(value)
        if fields is not None:
            items = V.flatten(path, fields)
            for p, _ in items:  # validate everything before queueing anything
                V.check_path(p, self._label)
            ops = self._assign_ops(items)
            self._write(lambda tx: [op(tx) for op in ops] and None)
            return
        op = self._assign_or_skip(path, value)
        if op is not None:
            self._write(op)

    def _assign_ops(self, items: list[tuple[str, Any]], *,
                    skip_unsupported: bool | Callable[[str, Any], None] = True) -> list[Op]:
        """The ops of a many-path assignment (a dict, ``log_configs``, a source record),
        after one read of what the paths hold now instead of two per path. A value of an
        unsupported type: skipped with 1.x's warning (True), refused (False), or handed to
        ``skip_unsupported(path, value)``, which says so or raises, and skipped."""
        known = self._stored_kinds([p for p, _ in items]) if len(items) > 2 else None
        atoms = set(self._atoms)
        try:
            if skip_unsupported is False:
                return [self._assign_op(p, v, known) for p, v in items]
            if skip_unsupported is True:
                return [op for op in (self._assign_or_skip(p, v, known) for p, v in items)
                        if op]
            ops = []
            for p, v in items:
                try:
                    ops.append(self._assign_op(p, v, known))
                except UnsupportedValueType:
                    if p == "sys" or p.startswith("sys/"):
                        raise
                    skip_unsupported(p, v)
            return ops
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
            return value._container._copy_value(value._key)
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

    def _stored_atom_type(self, path: str, known: dict[str, str] | None) -> str | None:
        if known is not None:
            kind = known.get(path)
            return None if kind == "series" else kind
        old = self._store.attribute(self._pk, path)
        return None if old is None else old[0]

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
                value = self._fetch_sys_value(f, self._read_sys())
                if value is None and path in catalog.ABSENT_WHEN_UNSET:
                    raise MissingFieldException(f"{self._label}: {path} is not set")
                return value
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
        if any(r[0].startswith(path + "/") for r in self._store.series_info(self._pk)):
            return {}  # a namespace of series: 1.x's Namespace.fetch() gives its atoms only
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
        from . import artifacts as A
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

    def print_structure(self) -> None:
        """Print every path with its field type, as 1.x did."""
        print(self._structure_text(), end="")

    @_reads
    def _structure_text(self) -> str:
        rows = [(f.path, f.type) for f in catalog.fields_for(self._kind)]
        rows += [(p, _FIELD_TYPES.get(t, t)) for p, t, _ in self._store.attributes(self._pk)]
        rows += [(r[0], _SERIES_NAMES.get(r[1], "StringSeries"))
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

