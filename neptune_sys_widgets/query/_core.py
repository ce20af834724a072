"""What ``query`` (experiments) and ``query.runs`` share: selecting containers, type
inference, tables, metric and series frames. The argument rules are neptune-query's
(docs/QUERY_FRAMES.md lists them)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import _data, _frames
from .exceptions import AttributeTypeInferenceError
from .filters import (
    MISSING,
    Attribute,
    AttributeFilter,
    BaseAttributeFilter,
    Filter,
    _attributes_in,
    _compile_filter,
    _Junction,
    _NameAttribute,
    _Predicate,
    _regex_filter,
)
from .warnings import AttributeWarning

EXPERIMENT, RUN = "experiment", "run"
_LABEL = "\x00label"  # the pseudo path of a container's label


class _RunLabelAttribute(Attribute):
    """``runs="regex"`` / ``runs=[...]``: the run's label, its custom run id (or, for a run
    created without one, its ``sys/id``)."""


@dataclass
class Container:
    pk: int
    label: str
    values: dict[str, dict[str, Any]]  # path -> {type: value}; user values once loaded
    user_loaded: bool = field(default=False)

    def get(self, path: str, type_: str) -> Any:
        if path == _LABEL:
            return self.label
        v = self.values.get(path)
        if v is None:
            return MISSING
        return v.get(type_, MISSING)


# ------------------------------------------------------------------ argument checks
def check_bool(value: Any, name: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool (got {value!r})")


def check_positive_int(value: Any, name: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{name} must be None or an integer (got {value!r})")
    if value is not None and value <= 0:
        raise ValueError(f"{name} must be greater than 0 (got {value})")


def check_step_range(step_range: Any) -> tuple[float | None, float | None]:
    if not isinstance(step_range, tuple) or len(step_range) != 2:
        raise ValueError(f"step_range must be a tuple of two values (got {step_range!r})")
    start, end = step_range
    for what, v in (("start", start), ("end", end)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            raise ValueError(f"step_range {what} must be None or a number (got {v!r})")
    if start is not None and end is not None and start > end:
        raise ValueError(f"step_range start must be less than or equal to end (got "
                         f"{step_range!r})")
    return start, end


def check_include_time(include_time: Any) -> bool:
    if include_time is not None and include_time != "absolute":
        raise ValueError(f"include_time must be 'absolute' or None (got {include_time!r})")
    return include_time == "absolute"


def check_sort_direction(sort_direction: Any) -> None:
    if sort_direction not in ("asc", "desc"):
        raise ValueError(f"sort_direction '{sort_direction}' is invalid; must be 'asc' or "
                         "'desc'")


def container_filter(spec: Any, kind: str, arg: str) -> Filter | None:
    """``experiments=`` / ``runs=``: None, a regex str, a non-empty list of names, or a
    Filter (neptune-query's ``resolve_experiments_filter`` / ``resolve_runs_filter``)."""
    if spec is None or isinstance(spec, Filter):
        return spec
    if isinstance(spec, list) and not spec:
        raise ValueError(f"Invalid type for `{arg}` filter. Expected str, non-empty list of "
                         "str, or Filter object, but got an empty list")
    if isinstance(spec, list) and not all(isinstance(x, str) for x in spec):
        raise ValueError(f"Invalid value for `{arg}` filter: a list must hold str names "
                         f"(got {spec!r})")
    if kind == EXPERIMENT:
        if isinstance(spec, (str, list)):
            return Filter.name(spec)
    else:
        attribute = _RunLabelAttribute("sys/custom_run_id", type="string")
        if isinstance(spec, str):
            return Filter(_regex_filter(attribute, spec, arg))
        if isinstance(spec, list):
            return Filter(_Junction("OR", [_Predicate("==", attribute, x) for x in spec]))
    raise ValueError(f"Invalid type for `{arg}` filter. Expected str, non-empty list of "
                     f"str, or Filter object, but got {type(spec)}.")


def attribute_filter(spec: Any, arg: str = "attributes") -> BaseAttributeFilter:
    if spec is None:
        return AttributeFilter()
    if isinstance(spec, (str, list)):
        return AttributeFilter(name=spec)
    if isinstance(spec, BaseAttributeFilter):
        return spec
    raise ValueError(f"Invalid type for `{arg}` filter. Expected str, non-empty list of str, "
                     f"or AttributeFilter object, but got {type(spec)}.")


def sort_attribute(sort_by: Any) -> Attribute:
    if isinstance(sort_by, str):
        return Attribute(sort_by)
    if isinstance(sort_by, Attribute):
        return sort_by
    raise ValueError(f"Invalid type for `sort_by`. Expected str or Attribute object, but got "
                     f"{type(sort_by)}.")


def sort_keyed(keyed: list[tuple], direction: str) -> list[tuple]:
    """``keyed`` ((key or None, item...) in creation order) sorted by key in ``direction``,
    the ones without a key last; ties (runs made in the same millisecond) keep creation
    order ascending, newest first descending."""
    if direction == "desc":
        keyed = keyed[::-1]
    present = sorted((kc for kc in keyed if kc[0] is not None), key=lambda kc: kc[0],
                     reverse=direction == "desc")
    return present + [kc for kc in keyed if kc[0] is None]


# ----------------------------------------------------------------------- the query
class Query:
    """The containers of one call: a project's experiment heads or runs."""

    def __init__(self, kind: str, project: str | None, store: Any) -> None:
        self.kind = kind
        self.s, self.ref = _data.open_project(project, store)
        self.containers: list[Container] = []
        self._snapshot: Any = None

    def __enter__(self) -> Query:
        """Every read of the call sees one state of the store (``Store.snapshot``): the
        series of one ``log_metrics`` call are all there or none, never some."""
        self._snapshot = self.s.snapshot()
        self._snapshot.__enter__()
        recs = _data.run_rows(self.s, self.ref.pk, heads_only=self.kind == EXPERIMENT)
        label_key = "experiment_name" if self.kind == EXPERIMENT else "custom_run_id"
        self.containers = [Container(r["pk"], r[label_key] or r["id"], _data.sys_values(r))
                           for r in recs]
        return self

    def __exit__(self, *exc: Any) -> None:
        self._snapshot.__exit__(*exc)

    # ------------------------------------------------------------------ values
    def load_user_values(self, containers: list[Container]) -> None:
        todo = [c for c in containers if not c.user_loaded]
        if not todo:
            return
        got = _data.user_values(self.s, [c.pk for c in todo])
        for c in todo:
            c.values.update(got[c.pk])
            c.user_loaded = True

    # --------------------------------------------------------------- inference
    def _name_path(self) -> str:
        return "sys/experiment/name" if self.kind == EXPERIMENT else "sys/name"

    def infer(self, attributes: Iterable[Attribute], *, for_sort: bool = False
              ) -> Callable[[Attribute], tuple[str, str]]:
        """A resolver of attributes to (path, type), as neptune-query's type inference: a
        given type wins, then the known sys types, then the one type the project stores
        the name with. Several types raise ``AttributeTypeInferenceError`` (a sort falls
        back to string, with a warning); an unknown name is read as a string, with an
        ``AttributeWarning``."""
        untyped = {a.name for a in attributes if a.type is None
                   and not isinstance(a, (_NameAttribute, _RunLabelAttribute))
                   and a.name not in _data.SYS_TYPES}
        inferred: dict[str, str] = {}
        if untyped:
            found = _data.project_types(self.s, self.ref.pk, untyped)
            conflicts = []
            for name in sorted(untyped):
                types = found[name]
                if len(types) == 1:
                    inferred[name] = next(iter(types))
                elif not types:
                    warnings.warn(AttributeWarning(
                        f"Attribute '{name}': Attribute doesn't exist in the project"),
                        stacklevel=4)
                    inferred[name] = "string"
                elif for_sort:
                    warnings.warn(AttributeWarning(
                        f"Attribute '{name}': found with conflicting types "
                        f"{', '.join(sorted(types))}; sorting by its string values"),
                        stacklevel=4)
                    inferred[name] = "string"
                else:
                    conflicts.append((name, types))
            if conflicts:
                raise AttributeTypeInferenceError(
                    [n for n, _ in conflicts],
                    [f"{n}: the project holds it with conflicting types: "
                     f"{', '.join(sorted(t))}" for n, t in conflicts])

        def resolve(a: Attribute) -> tuple[str, str]:
            if isinstance(a, _NameAttribute):
                return self._name_path(), "string"
            if isinstance(a, _RunLabelAttribute):
                return _LABEL, "string"
            if a.type is not None:
                return a.name, a.type
            return a.name, _data.SYS_TYPES.get(a.name) or inferred[a.name]
        return resolve

    # ---------------------------------------------------------------- selection
    def select(self, filter_: Filter | None) -> list[Container]:
        if filter_ is None:
            return list(self.containers)
        node = filter_._to_internal()
        attributes = list(_attributes_in(node))
        resolve = self.infer(attributes)
        test = _compile_filter(node, resolve)
        if any(not resolve(a)[0].startswith("sys/") and resolve(a)[0] != _LABEL
               for a in attributes):
            self.load_user_values(self.containers)
        return [c for c in self.containers if test(c.get)]

    def sort_keys(self, containers: list[Container], sort_by: Attribute) -> list[tuple]:
        """(value of ``sort_by`` or None, container) of each container, in order."""
        path, type_ = self.infer([sort_by], for_sort=True)(sort_by)
        if type_ == "string_set":
            raise ValueError(f"sort_by: cannot sort by the string_set attribute {path!r}")
        if not path.startswith("sys/"):
            self.load_user_values(containers)

        def key(c: Container) -> Any:
            v = c.get(path, type_)
            return None if v is MISSING or (isinstance(v, float) and math.isnan(v)) else v

        return [(key(c), c) for c in containers]

    def sort(self, containers: list[Container], sort_by: Attribute, direction: str
             ) -> list[Container]:
        return [c for _, c in sort_keyed(self.sort_keys(containers, sort_by), direction)]

    # ------------------------------------------------------------------ outputs
    def attribute_names(self, containers: list[Container], attributes: BaseAttributeFilter
                        ) -> list[str]:
        self.load_user_values(containers)
        return sorted({p for c in containers for p, cell in c.values.items()
                       for t in cell if attributes._matches(p, t)})

    def public(self, value: Any, label: str, path: str) -> Any:
        """A value as neptune-query hands it out: a stored file as a ``types.File`` of
        this container, else as read."""
        if not isinstance(value, _data.FileCell):
            return value
        from .types import File
        return File(project_identifier=self.ref.name,
                    experiment_name=label if self.kind == EXPERIMENT else None,
                    run_id=label if self.kind == RUN else None, attribute_path=path,
                    step=value.step, path=value.path, size_bytes=value.size,
                    mime_type=value.mime_type, _sha256=value.sha256)

    def cells(self, c: Container, attributes: BaseAttributeFilter) -> dict:
        """{(path, type): value} of the container's attributes that pass ``attributes``."""
        if not (isinstance(attributes, AttributeFilter) and attributes.name == []):
            self.load_user_values([c])
        return {(p, t): self.public(v, c.label, p) for p, cell in c.values.items()
                for t, v in cell.items() if attributes._matches(p, t)}

    def table(self, containers: list[Container], attributes: BaseAttributeFilter,
              type_suffix: bool):
        if not (isinstance(attributes, AttributeFilter) and attributes.name == []):
            self.load_user_values(containers)
        if not (isinstance(attributes, AttributeFilter) and attributes.name == []):
            self.load_user_values(containers)  # one read for all, not one each
        rows = [(c.label, self.cells(c, attributes)) for c in containers]
        return _frames.table(rows, self.kind, type_suffix)

    def _selected_series(self, containers: list[Container], attributes: BaseAttributeFilter,
                         store_type: str, lineage: bool):
        """(label, lineage chain, path) of each selected series, by label then path."""
        nq_type = _data._SERIES_TYPES[store_type]
        for c in sorted(containers, key=lambda c: c.label):
            chain = _data.lineage(self.s, c.pk, lineage, self.kind == EXPERIMENT)
            owned = _data.series_paths(self.s, [pk for pk, _ in chain], store_type)
            for path in sorted({p for ps in owned.values() for p in ps
                                if attributes._matches(p, nq_type)}):
                yield c.label, chain, path

    def float_arrays(self, containers: list[Container], attributes: BaseAttributeFilter,
                     lineage: bool) -> list[tuple[str, str, tuple[Any, Any]]]:
        """(label, path, (steps, values) arrays) of each selected float series."""
        from .buckets import lineage_arrays
        out = []
        for label, chain, path in self._selected_series(containers, attributes, "float",
                                                        lineage):
            got = lineage_arrays(self.s, chain, path)
            if got is not None:
                out.append((label, path, got))
        return out

    def series(self, containers: list[Container], attributes: BaseAttributeFilter,
               store_type: str, lineage: bool, step_range: tuple, tail_limit: int | None):
        """(label, path, steps, values, timestamps) of each selected series."""
        start, end = step_range
        out = []
        for label, chain, path in self._selected_series(containers, attributes, store_type,
                                                        lineage):
            got = _data.points(self.s, chain, path, store_type)
            if got is None:
                continue
            steps, values, stamps = got
            keep = [i for i, st in enumerate(steps)
                    if (start is None or st >= start) and (end is None or st <= end)]
            if tail_limit is not None:
                keep = keep[-tail_limit:]
            out.append((label, path, [steps[i] for i in keep],
                        [self.public(_data.series_value(store_type, values[i], steps[i]),
                                     label, path) for i in keep],
                        [stamps[i] for i in keep]))
        return out
