"""``neptune_query.filters``: ``Filter``, ``Attribute`` and ``AttributeFilter``.

The public surface is neptune-query's (docs/QUERY_FRAMES.md): ``Filter.name``,
``eq/ne/gt/ge/lt/le``, ``matches``, ``contains_all/contains_none``, ``exists`` and the
``&``, ``|``, ``~`` operators; ``Attribute(name, type=None)``; ``AttributeFilter(name=None,
type=None)`` joined with ``|``. Regex strings use Neptune's extended syntax: alternatives
separated by `` | `` (whitespace on both sides), conjunctions by `` & ``, a leading ``!``
negates a part; each part is searched anywhere in the value (``re.search``), so anchor it with
``^``/``$`` for whole-name matches.

Here the filters are evaluated locally, against the values in the store, instead of being
sent to a server as NQL (``str(filter)`` still renders the NQL neptune-query would send).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

__all__ = ["Filter", "AttributeFilter", "Attribute", "KNOWN_TYPES"]

KNOWN_TYPES: Sequence[str] = (
    "float", "int", "string", "bool", "datetime", "float_series", "string_set",
    "string_series", "file", "histogram_series", "file_series",
)
_BACKEND_TYPES = {
    "float": "float", "int": "int", "string": "string", "bool": "bool",
    "datetime": "datetime", "float_series": "floatSeries", "string_set": "stringSet",
    "string_series": "stringSeries", "file": "fileRef", "file_series": "fileRefSeries",
    "histogram_series": "histogramSeries",
}
_NUMERIC = ("int", "float", "float_series")
_TEXT = ("string", "string_series")


def _check_type(value: Any, what: str) -> None:
    if value is not None and (not isinstance(value, str) or value not in KNOWN_TYPES):
        raise ValueError(f"{what} must be one of: {sorted(KNOWN_TYPES)} (got {value!r})")


# ----------------------------------------------------------------------- extended regex
_WS = r"[ \t\r\n]"
_OR = re.compile(rf"{_WS}+\|{_WS}+")
_AND = re.compile(rf"{_WS}+&{_WS}+")
_NOT = re.compile(rf"!{_WS}*")


def _parse_extended_regex(pattern: str) -> list[tuple[list[str], list[str]]]:
    """Alternatives of (patterns that must match, patterns that must not), as
    neptune-query's ``internal/pattern.py`` splits them."""
    def unescape(part: str) -> str:
        return part.replace(r"\x20", " ").replace(r"\x21", "!")

    out = []
    for alternative in _OR.split(pattern.strip()):
        positive, negative = [], []
        for part in _AND.split(alternative):
            if _NOT.match(part):
                negative.append(unescape(_NOT.sub("", part, count=1)))
            else:
                positive.append(unescape(part))
        out.append((positive, negative))
    return out


def _compile(patterns: Iterable[str], what: str) -> list[re.Pattern]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise ValueError(f"{what}: invalid regular expression {p!r}: {e}") from None
    return out


def _regex_matcher(pattern: str, what: str) -> Callable[[str], bool]:
    alternatives = [(_compile(pos, what), _compile(neg, what))
                    for pos, neg in _parse_extended_regex(pattern)]

    def match(text: str) -> bool:
        return any(all(r.search(text) for r in pos) and not any(r.search(text) for r in neg)
                   for pos, neg in alternatives)
    return match


# ------------------------------------------------------------------------ Attribute
@dataclass
class Attribute:
    """An attribute name and, optionally, its type (to disambiguate; else it is inferred
    from the project: known ``sys/`` types first, then the types stored under that name)."""

    name: str
    type: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"Attribute name must be a non-empty str (got {self.name!r})")
        _check_type(self.type, "Attribute type")

    def __str__(self) -> str:
        query = f"`{self.name}`"
        if self.type is not None:
            query += f":{_BACKEND_TYPES[self.type]}"
        return query


@dataclass
class _NameAttribute(Attribute):
    """``Filter.name``'s attribute: the experiment's name in the experiments API
    (``sys/experiment/name``), ``sys/name`` in the runs API."""


# ----------------------------------------------------------------------- filter nodes
_VALUE_OPERATORS = ("==", "!=", ">", ">=", "<", "<=", "MATCHES", "NOT MATCHES", "CONTAINS",
                    "NOT CONTAINS")


@dataclass
class _Predicate:
    operator: str
    attribute: Attribute
    value: Any

    def __post_init__(self) -> None:
        if not isinstance(self.value, (bool, int, float, str, datetime)):
            raise TypeError(f"Invalid value type: {type(self.value).__name__}. Expected int, "
                            "float, str, or datetime.")

    def to_query(self) -> str:
        if isinstance(self.value, datetime):
            right = self.value.astimezone().isoformat()
        else:
            right = str(self.value).replace("\\", r"\\").replace('"', r"\"")
        return f'{self.attribute} {self.operator} "{right}"'


@dataclass
class _Exists:
    attribute: Attribute

    def to_query(self) -> str:
        return f"{self.attribute} EXISTS"


@dataclass
class _Junction:
    operator: str  # AND / OR
    filters: list

    def to_query(self) -> str:
        if len(self.filters) == 1:
            return self.filters[0].to_query()
        return f" {self.operator} ".join(f"({f.to_query()})" for f in self.filters)


@dataclass
class _Not:
    filter_: Any

    def to_query(self) -> str:
        return f"NOT ({self.filter_.to_query()})"


def _attr(attribute: str | Attribute, what: str) -> Attribute:
    if isinstance(attribute, Attribute):
        return attribute
    if isinstance(attribute, str):
        return Attribute(name=attribute)
    raise ValueError(f"{what}: attribute must be a str or an Attribute "
                     f"(got {type(attribute).__name__})")


def _values(values: Any, what: str) -> list[str]:
    if isinstance(values, str):
        return [values]
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return values
    raise ValueError(f"Invalid value for `{what}` filter. Expected str, or non-empty list of "
                     f"str, but got {values!r}")


def _regex_filter(attribute: Attribute, pattern: str, what: str) -> Any:
    if not isinstance(pattern, str):
        raise ValueError(f"{what}: pattern must be a str (got {type(pattern).__name__})")
    _regex_matcher(pattern, what)  # invalid regexes raise here, not at fetch time
    return _Junction("OR", [
        _Junction("AND", [_Predicate("MATCHES", attribute, p) for p in pos]
                  + [_Predicate("NOT MATCHES", attribute, p) for p in neg])
        for pos, neg in _parse_extended_regex(pattern)])


class Filter:
    """Criteria for experiments or runs: combine with ``&`` (and), ``|`` (or), ``~`` (not).

    A comparison against a series attribute uses its last logged value. A run that lacks
    the attribute (or holds it with another type) never passes a comparison, ``matches`` or
    ``contains_*`` predicate; ``~`` turns that into a pass."""

    def __init__(self, internal: Any) -> None:
        self._internal = internal

    @staticmethod
    def name(name: str | list[str]) -> Filter:
        """The experiment name (runs API: the run's ``sys/name``) matches a regex, or equals
        one of a list of names."""
        attribute = _NameAttribute(name="sys/name", type="string")
        if isinstance(name, str):
            return Filter(_regex_filter(attribute, name, "Filter.name"))
        if isinstance(name, list) and name and all(isinstance(n, str) for n in name):
            return Filter(_Junction("OR", [_Predicate("==", attribute, n) for n in name]))
        raise ValueError(f"Filter.name takes a str or a non-empty list of str (got {name!r})")

    @staticmethod
    def eq(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate("==", _attr(attribute, "Filter.eq"), value))

    @staticmethod
    def ne(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate("!=", _attr(attribute, "Filter.ne"), value))

    @staticmethod
    def gt(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate(">", _attr(attribute, "Filter.gt"), value))

    @staticmethod
    def ge(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate(">=", _attr(attribute, "Filter.ge"), value))

    @staticmethod
    def lt(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate("<", _attr(attribute, "Filter.lt"), value))

    @staticmethod
    def le(attribute: str | Attribute, value: int | float | str | datetime) -> Filter:
        return Filter(_Predicate("<=", _attr(attribute, "Filter.le"), value))

    @staticmethod
    def matches(attribute: str | Attribute, pattern: str) -> Filter:
        """A string (or string series' last value) matches an extended regex."""
        return Filter(_regex_filter(_attr(attribute, "Filter.matches"), pattern,
                                    "Filter.matches"))

    @staticmethod
    def contains_all(attribute: str | Attribute, values: str | list[str]) -> Filter:
        """A string set holds every value, or a string contains every substring."""
        a = _attr(attribute, "Filter.contains_all")
        return Filter(_Junction("AND", [_Predicate("CONTAINS", a, v)
                                        for v in _values(values, "contains_all")]))

    @staticmethod
    def contains_none(attribute: str | Attribute, values: str | list[str]) -> Filter:
        """A string set holds none of the values, or a string contains none of them."""
        a = _attr(attribute, "Filter.contains_none")
        return Filter(_Junction("AND", [_Predicate("NOT CONTAINS", a, v)
                                        for v in _values(values, "contains_none")]))

    @staticmethod
    def exists(attribute: str | Attribute) -> Filter:
        return Filter(_Exists(_attr(attribute, "Filter.exists")))

    def __and__(self, other: Filter) -> Filter:
        if not isinstance(other, Filter):
            return NotImplemented
        return Filter(_Junction("AND", [self._internal, other._internal]))

    def __or__(self, other: Filter) -> Filter:
        if not isinstance(other, Filter):
            return NotImplemented
        return Filter(_Junction("OR", [self._internal, other._internal]))

    def __invert__(self) -> Filter:
        return Filter(_Not(self._internal))

    def _to_internal(self) -> Any:
        return self._internal

    def __str__(self) -> str:
        return self._internal.to_query()

    def __repr__(self) -> str:
        return f"Filter({self})"


# ------------------------------------------------------------------ AttributeFilter
class BaseAttributeFilter:
    def __or__(self, other: BaseAttributeFilter) -> BaseAttributeFilter:
        if not isinstance(other, BaseAttributeFilter):
            return NotImplemented
        return BaseAttributeFilter.any(self, other)

    def any(*filters: BaseAttributeFilter) -> BaseAttributeFilter:  # noqa: N805 - as upstream
        return _AttributeFilterAlternative(filters=tuple(filters))

    def _leaves(self) -> list[AttributeFilter]:
        raise NotImplementedError

    def _matches(self, path: str, type_: str) -> bool:
        return any(leaf._match_one(path, type_) for leaf in self._leaves())

    def _restrict(self, types: Sequence[str], function: str) -> BaseAttributeFilter:
        """Only ``types`` kept in each leaf; a leaf left with none raises, as upstream."""
        out = []
        for leaf in self._leaves():
            leaf_types = cast("list[str]", leaf.type)  # a list since __post_init__
            kept = [t for t in leaf_types if t in types]
            if not kept:
                label = (f"{types[0]} type is" if len(types) == 1 else
                         f"{', '.join(types[:-1])} or {types[-1]} types are")
                raise ValueError(f"Only {label} supported for attribute filters in "
                                 f"{function}() and the filter contains types: "
                                 f"{', '.join(leaf_types)}")
            out.append(AttributeFilter(name=leaf.name, type=kept))
        return out[0] if len(out) == 1 else _AttributeFilterAlternative(filters=tuple(out))


@dataclass
class AttributeFilter(BaseAttributeFilter):
    """Which attributes become columns: ``name`` is an extended regex (searched anywhere
    in the name) or a list of exact names (None: any name); ``type`` one type or a list of
    them (None: all types)."""

    name: str | list[str] | None = None
    type: str | list[str] | None = None
    _matcher: Callable[[str], bool] | None = field(default=None, init=False, repr=False,
                                                   compare=False)

    def __post_init__(self) -> None:
        if self.type is None:
            self.type = list(KNOWN_TYPES)
        elif isinstance(self.type, str):
            self.type = [self.type]
        elif isinstance(self.type, Sequence):
            self.type = list(self.type)  # any sequence, as neptune-query takes (a tuple)
        if not isinstance(self.type, list) or not all(
                isinstance(t, str) and t in KNOWN_TYPES for t in self.type):
            raise ValueError(f"type must be a list of valid values: {sorted(KNOWN_TYPES)} "
                             f"(got {self.type!r})")
        if isinstance(self.name, str):
            self._matcher = _regex_matcher(self.name, "AttributeFilter name")
        elif isinstance(self.name, list):
            if not all(isinstance(n, str) for n in self.name):
                raise ValueError("name must be a string or list of strings")
            names = set(self.name)
            self._matcher = names.__contains__
        elif self.name is not None:
            raise ValueError("name must be a string or list of strings")

    def _leaves(self) -> list[AttributeFilter]:
        return [self]

    def _match_one(self, path: str, type_: str) -> bool:
        types = cast("list[str]", self.type)  # a list since __post_init__
        return type_ in types and (self._matcher is None or self._matcher(path))


@dataclass
class _AttributeFilterAlternative(BaseAttributeFilter):
    filters: tuple

    def __or__(self, other: BaseAttributeFilter) -> BaseAttributeFilter:
        if not isinstance(other, BaseAttributeFilter):
            return NotImplemented
        return _AttributeFilterAlternative(filters=(*self.filters, other))

    def _leaves(self) -> list[AttributeFilter]:
        return [leaf for f in self.filters for leaf in f._leaves()]


# ---------------------------------------------------------------- local evaluation
MISSING = object()


def _attributes_in(node: Any) -> Iterable[Attribute]:
    if isinstance(node, (_Predicate, _Exists)):
        yield node.attribute
    elif isinstance(node, _Junction):
        for f in node.filters:
            yield from _attributes_in(f)
    elif isinstance(node, _Not):
        yield from _attributes_in(node.filter_)


def untyped_attributes(f: Filter) -> list[str]:
    """The names of the attributes ``f`` compares without a type, each once, in order
    (neptune-query's global tables require every one to be typed)."""
    names = (a.name for a in _attributes_in(f._to_internal()) if a.type is None)
    return list(dict.fromkeys(names))


def _datetime_ms(value: Any, what: str) -> int:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{what}: {value!r} is not an ISO 8601 datetime") from None
    if not isinstance(value, datetime):
        raise ValueError(f"{what}: a datetime attribute compares with a datetime or an ISO "
                         f"8601 str (got {type(value).__name__})")
    if value.tzinfo is None:
        value = value.astimezone()  # naive = local time, as neptune-query sends it
    return int(value.timestamp() * 1000)


_COMPARE = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
}


def _predicate_test(node: _Predicate, type_: str) -> Callable[[Any], bool]:
    """A test of one stored value of ``type_`` (the attribute's resolved type) for ``node``;
    operators the type does not support raise ``ValueError`` up front."""
    op, value = node.operator, node.value
    what = f"filter {node.to_query()}"
    if op in ("MATCHES", "NOT MATCHES"):
        if type_ not in _TEXT:
            raise ValueError(f"{what}: MATCHES applies to string attributes, not {type_}")
        rx = _compile([str(value)], what)[0]
        if op == "MATCHES":
            return lambda v: rx.search(v) is not None
        return lambda v: rx.search(v) is None
    if op in ("CONTAINS", "NOT CONTAINS"):
        if type_ not in (*_TEXT, "string_set"):
            raise ValueError(f"{what}: CONTAINS applies to string and string_set attributes, "
                             f"not {type_}")
        s = str(value)
        if op == "CONTAINS":
            return lambda v: s in v
        return lambda v: s not in v
    compare = _COMPARE[op]
    if type_ in _NUMERIC:
        if isinstance(value, bool) or isinstance(value, datetime):
            raise ValueError(f"{what}: a {type_} attribute compares with a number")
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise ValueError(f"{what}: a {type_} attribute compares with a number "
                                 f"(got {value!r})") from None
        return lambda v: compare(v, value)
    if type_ in _TEXT:
        s = value.astimezone().isoformat() if isinstance(value, datetime) else str(value)
        return lambda v: compare(v, s)
    if type_ == "bool":
        if op not in ("==", "!="):
            raise ValueError(f"{what}: a bool attribute supports only eq and ne")
        if isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        if not isinstance(value, bool):
            raise ValueError(f"{what}: a bool attribute compares with a bool (got {value!r})")
        return lambda v: compare(v, value)
    if type_ == "datetime":
        ms = _datetime_ms(value, what)
        return lambda v: compare(int(v.timestamp() * 1000), ms)
    raise ValueError(f"{what}: a {type_} attribute supports only contains_all, "
                     "contains_none and exists" if type_ == "string_set" else
                     f"{what}: {type_} attributes cannot be compared")


def _compile_filter(node: Any, resolve: Callable[[Attribute], tuple[str, str]]
                    ) -> Callable[[Callable[[str, str], Any]], bool]:
    """A predicate over ``get(path, type) -> value | MISSING``; ``resolve`` maps each
    attribute to the (path, type) it reads, after type inference."""
    if isinstance(node, _Predicate):
        path, type_ = resolve(node.attribute)
        test = _predicate_test(node, type_)
        # contains_none holds for a run without the attribute: it contains none of them
        when_missing = node.operator == "NOT CONTAINS"

        def run(get):
            v = get(path, type_)
            return when_missing if v is MISSING else test(v)
        return run
    if isinstance(node, _Exists):
        path, type_ = resolve(node.attribute)
        return lambda get: get(path, type_) is not MISSING
    if isinstance(node, _Junction):
        parts = [_compile_filter(f, resolve) for f in node.filters]
        if node.operator == "AND":
            return lambda get: all(p(get) for p in parts)
        return lambda get: any(p(get) for p in parts)
    if isinstance(node, _Not):
        inner = _compile_filter(node.filter_, resolve)
        return lambda get: not inner(get)
    raise TypeError(f"not a filter: {node!r}")
