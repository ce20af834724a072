"""NQL, the Neptune Query Language of ``fetch_runs_table(query=...)`` (docs/SYS_FIELDS.md §7).

A tokenizer that keeps every token's position, a recursive-descent parser that builds an
AST, and a compiler that turns the AST into a predicate over a row dict (path -> value).
Parsing happens once per query; the predicate is a tree of small closures specialised per
clause, so evaluating it per row costs a few dict lookups.

The grammar is the one Neptune documents for 1.x ``fetch_*_table(query=...)`` and for the
Fetcher API (docs.neptune.ai/usage/nql/, neptune-fetcher ``docs/original/nql_reference.md``)
and accepts everything the 1.x client and neptune-fetcher write themselves
(``neptune/internal/backends/nql.py`` ``NQLQueryAttribute.__str__``,
``neptune_fetcher/internal/filters.py``)::

    query     := [ or ]                              (empty or blank: no filter)
    or        := and { "OR" and }
    and       := not { "AND" not }
    not       := { "NOT" } primary
    primary   := "(" or ")" | clause
    clause    := operand [ "NOT" ] ( "EXISTS" | operator value )
    operand   := aggregate "(" attribute ")" | attribute
    aggregate := "last" | "average" | "max" | "min" | "variance"
    attribute := path [ ":" type ]
    path      := `anything but a backtick` | bare-word
    operator  := "=" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "CONTAINS" | "MATCHES"
    value     := "double-quoted" | 'single-quoted' | bare-word
    type      := string | stringSet | float | int | integer | bool | boolean | datetime
               | experimentState | floatSeries | stringSeries
               | gitRef | artifact | file | fileSet | imageSeries | notebookRef

Keywords and types are case-insensitive. ``NOT`` before an operator negates the clause
(``x NOT CONTAINS "a"`` is ``NOT x CONTAINS "a"``, as the docs state). In quoted strings
``\\"``, ``\\'``, ``\\\\``, ``\\n``, ``\\t``, ``\\r`` are escapes and any other backslash is
kept as written (so regexes like ``"\\d+"`` work); backticked paths are taken verbatim.

Matching follows Neptune: a typed attribute (`` `x`:float ``) refers to attribute ``x`` of
that type, so a row whose ``x`` has another type, or no ``x``, fails every comparison
(``!=`` included); only ``NOT`` turns that into a match. Without a type, sys fields use the
catalog's type and user attributes are compared according to the stored value's type.
Run states compare in any case and either spelling (``running``/``idle``, ``active``/
``inactive``). Datetimes take ISO 8601 (``"2024-02-06T05:00:00Z"``, ``"...+09"``, a date
alone; no offset means UTC) or a relative time (``"-2h"``, ``"-5d"``, ``"-1M"``: s, m, h,
d, w, M, y). ``MATCHES`` searches with a Python regex (Neptune used RE2). Float-series
aggregates need the values named by :attr:`Query.aggregates` in the row (``fetch_table``
computes them); ``last()`` reads the series' last value, which rows carry anyway.

Rows: ``path -> value`` as ``fetch_table`` builds them (sys datetimes as ms ints or
datetimes, sets as ``set``), plus optionally ``row[TYPES]`` (``path -> NQL type`` of the user
attributes; without it the type is inferred from the Python value) and ``row[AGGREGATES]``
(``(aggregate, path) -> value``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from .. import catalog
from ..exceptions import NeptuneInvalidQueryException

TYPES = "\x00types"            # row key: path -> NQL type of the row's user attributes
AGGREGATES = "\x00aggregates"  # row key: (aggregate, path) -> value

MAX_DEPTH = 100  # nesting of parentheses; real queries stay far below

Predicate = Callable[[dict], bool]

# --------------------------------------------------------------------------- types
STRING, STRING_SET, FLOAT, INT, BOOL, DATETIME, STATE = (
    "string", "stringSet", "float", "int", "bool", "datetime", "experimentState")
FLOAT_SERIES, STRING_SERIES = "floatSeries", "stringSeries"
# Neptune types this store never holds: accepted, they simply match nothing.
FOREIGN_TYPES = ("gitRef", "artifact", "file", "fileSet", "imageSeries", "notebookRef")

_TYPE_NAMES = {t.lower(): t for t in (STRING, STRING_SET, FLOAT, INT, BOOL, DATETIME, STATE,
                                      FLOAT_SERIES, STRING_SERIES, *FOREIGN_TYPES)}
_TYPE_NAMES.update({"integer": INT, "boolean": BOOL})

_CATALOG_TYPES = {catalog.STRING: STRING, catalog.STRING_SET: STRING_SET,
                  catalog.BOOLEAN: BOOL, catalog.INTEGER: INT, catalog.FLOAT: FLOAT,
                  catalog.DATETIME: DATETIME, catalog.RUN_STATE: STATE,
                  catalog.STAGE: STRING}
SYS_TYPES: dict[str, str] = {f.path: _CATALOG_TYPES[f.type] for f in catalog.FIELDS
                             if f.type in _CATALOG_TYPES}

AGGREGATE_NAMES = ("last", "average", "max", "min", "variance")

# Operators each type takes (EXISTS goes with every type).
_ORDER = ("=", "!=", ">", ">=", "<", "<=")
_OPERATORS: dict[str, tuple[str, ...]] = {
    STRING: (*_ORDER, "CONTAINS", "MATCHES"),
    STRING_SERIES: (*_ORDER, "CONTAINS", "MATCHES"),
    STRING_SET: ("CONTAINS",),
    FLOAT: _ORDER, INT: _ORDER, DATETIME: _ORDER, FLOAT_SERIES: _ORDER,
    BOOL: _ORDER,  # the 1.x client itself pages sorted boolean columns with `>`
    STATE: ("=", "!="),
}

_STATES = {"running": "active", "active": "active", "idle": "inactive",
           "inactive": "inactive"}

_KEYWORDS = {"AND", "OR", "NOT"}
_WORD_OPERATORS = {"CONTAINS", "MATCHES", "EXISTS"}


# --------------------------------------------------------------------------- errors
def _caret(query: str, pos: int) -> str:
    shown = query.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    col, prefix = pos, ""
    if len(shown) > 100:
        start = max(0, pos - 50)
        end = min(len(shown), start + 100)
        prefix = "…" if start else ""
        shown = prefix + shown[start:end] + ("…" if end < len(shown) else "")
        col = pos - start + len(prefix)
    return f"    {shown}\n    {' ' * col}^"


def _fail(query: str, pos: int, message: str) -> NeptuneInvalidQueryException:
    pos = max(0, min(pos, len(query)))
    err = NeptuneInvalidQueryException(
        f"invalid NQL at position {pos}: {message}\n{_caret(query, pos)}")
    err.position = pos  # type: ignore[attr-defined]
    err.query = query   # type: ignore[attr-defined]
    return err


# --------------------------------------------------------------------------- tokens
@dataclass(frozen=True, slots=True)
class Token:
    kind: str    # "(" ")" ":" "op" "string" "path" "word" "end"
    text: str    # the value: unescaped string, path, word, operator
    start: int
    end: int

    def show(self) -> str:
        if self.kind == "end":
            return "the end of the query"
        if self.kind == "string":
            return "a quoted string"
        if self.kind == "path":
            return f"`{self.text}`"
        return f"'{self.text}'"


_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\s()\"'`:=!<>]+")
_OP = re.compile(r"==|!=|>=|<=|=|>|<")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "`": "`"}


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query``, each with its start and end offset, then one ``end``."""
    out: list[Token] = []
    i, n = 0, len(query)
    while True:
        m = _WS.match(query, i)
        if m:
            i = m.end()
        if i >= n:
            out.append(Token("end", "", n, n))
            return out
        c = query[i]
        if c in "():":
            out.append(Token(c, c, i, i + 1))
            i += 1
        elif c in "\"'":
            j, parts = i + 1, []
            while True:
                k = j
                while k < n and query[k] != c and query[k] != "\\":
                    k += 1
                parts.append(query[j:k])
                if k >= n:
                    raise _fail(query, i, f"unterminated string: no closing {c}")
                if query[k] == c:
                    break
                if k + 1 >= n:
                    raise _fail(query, i, f"unterminated string: no closing {c}")
                e = query[k + 1]
                parts.append(_ESCAPES.get(e, "\\" + e))
                j = k + 2
            out.append(Token("string", "".join(parts), i, k + 1))
            i = k + 1
        elif c == "`":
            k = query.find("`", i + 1)
            if k < 0:
                raise _fail(query, i, "unterminated `path`: no closing backtick")
            if k == i + 1:
                raise _fail(query, i, "empty `path`")
            out.append(Token("path", query[i + 1:k], i, k + 1))
            i = k + 1
        elif (m := _OP.match(query, i)) is not None:
            out.append(Token("op", m.group(), i, m.end()))
            i = m.end()
        elif (m := _WORD.match(query, i)) is not None:
            out.append(Token("word", m.group(), i, m.end()))
            i = m.end()
        else:
            raise _fail(query, i, f"unexpected character {c!r}")


# --------------------------------------------------------------------------- AST
@dataclass(frozen=True, slots=True)
class Attribute:
    path: str
    type: str | None        # canonical NQL type, None when the query gives none
    aggregate: str | None   # last / average / max / min / variance
    pos: int

    def __str__(self) -> str:
        s = f"`{self.path}`" + (f":{self.type}" if self.type else "")
        return f"{self.aggregate}({s})" if self.aggregate else s


@dataclass(frozen=True, slots=True)
class Literal:
    text: str     # as written, quotes and escapes removed
    quoted: bool
    pos: int

    def __str__(self) -> str:
        return '"' + self.text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class Clause:
    attribute: Attribute
    op: str               # = != > >= < <= CONTAINS MATCHES EXISTS (== is =)
    value: Literal | None  # None for EXISTS
    pos: int

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.attribute} {self.op}"
        return f"{self.attribute} {self.op} {self.value}"


@dataclass(frozen=True, slots=True)
class Not:
    item: Node
    pos: int

    def __str__(self) -> str:
        return f"NOT ({self.item})"


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]
    pos: int

    def __str__(self) -> str:
        return " AND ".join(f"({i})" for i in self.items)


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]
    pos: int

    def __str__(self) -> str:
        return " OR ".join(f"({i})" for i in self.items)


Node = Clause | Not | And | Or


# --------------------------------------------------------------------------- parser
class _Parser:
    def __init__(self, query: str) -> None:
        self.q = query
        self.toks = tokenize(query)
        self.i = 0

    def peek(self, k: int = 0) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> Token:
        t = self.toks[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def fail(self, tok: Token, message: str) -> NeptuneInvalidQueryException:
        return _fail(self.q, tok.start, message)

    def keyword(self, k: int = 0) -> str | None:
        t = self.peek(k)
        if t.kind == "word":
            up = t.text.upper()
            if up in _KEYWORDS or up in _WORD_OPERATORS:
                return up
        return None

    def parse(self) -> Node | None:
        if self.peek().kind == "end":
            return None
        node = self.or_(0)
        t = self.peek()
        if t.kind != "end":
            if t.kind == ")":
                raise self.fail(t, "unmatched ')'")
            raise self.fail(t, f"expected AND, OR or the end of the query, found {t.show()}")
        return node

    def or_(self, depth: int) -> Node:
        start = self.peek().start
        items = [self.and_(depth)]
        while self.keyword() == "OR":
            self.next()
            items.append(self.and_(depth))
        return items[0] if len(items) == 1 else Or(tuple(items), start)

    def and_(self, depth: int) -> Node:
        start = self.peek().start
        items = [self.not_(depth)]
        while self.keyword() == "AND":
            self.next()
            items.append(self.not_(depth))
        return items[0] if len(items) == 1 else And(tuple(items), start)

    def not_(self, depth: int) -> Node:
        nots = []
        while self.keyword() == "NOT":
            nots.append(self.next())
        node = self.primary(depth)
        # NOT NOT x is x: a chain collapses, so no length of it nests the AST
        if len(nots) % 2:
            node = node.item if isinstance(node, Not) else Not(node, nots[0].start)
        return node

    def primary(self, depth: int) -> Node:
        t = self.peek()
        if t.kind == "(":
            if depth >= MAX_DEPTH:
                raise self.fail(t, f"parentheses nested deeper than {MAX_DEPTH} levels")
            self.next()
            node = self.or_(depth + 1)
            close = self.peek()
            if close.kind != ")":
                raise self.fail(close, f"expected ')' to close the '(' at position {t.start}"
                                       f", found {close.show()}")
            self.next()
            return node
        return self.clause()

    def attribute(self, aggregate: str | None, start: int) -> Attribute:
        t = self.peek()
        if t.kind == "path" or (t.kind == "word" and t.text.upper() not in _KEYWORDS):
            self.next()
        else:
            what = "an attribute name" if aggregate else "an attribute name or '('"
            raise self.fail(t, f"expected {what}, found {t.show()}")
        type_ = None
        if self.peek().kind == ":":
            self.next()
            tt = self.peek()
            if tt.kind != "word":
                raise self.fail(tt, f"expected an attribute type after ':', found {tt.show()}")
            self.next()
            type_ = _TYPE_NAMES.get(tt.text.lower())
            if type_ is None:
                raise self.fail(tt, f"unknown attribute type '{tt.text}' (one of: "
                                    f"{', '.join(sorted(set(_TYPE_NAMES.values())))})")
        return Attribute(t.text, type_, aggregate, start)

    def clause(self) -> Node:
        first = self.peek()
        if (first.kind == "word" and first.text.lower() in AGGREGATE_NAMES
                and self.peek(1).kind == "("):
            self.next()
            self.next()
            attr = self.attribute(first.text.lower(), first.start)
            close = self.peek()
            if close.kind != ")":
                raise self.fail(close, f"expected ')' after the attribute of "
                                       f"{first.text.lower()}(), found {close.show()}")
            self.next()
        else:
            attr = self.attribute(None, first.start)
        negate = None
        if self.keyword() == "NOT":
            negate = self.next()
        t = self.peek()
        kw = self.keyword()
        if kw == "EXISTS":
            self.next()
            node: Node = self.check(Clause(attr, "EXISTS", None, first.start), t)
        elif t.kind == "op" or kw in ("CONTAINS", "MATCHES"):
            self.next()
            op = "=" if t.text == "==" else (kw or t.text)
            shown = kw or t.text
            v = self.peek()
            if v.kind == "string":
                self.next()
                lit = Literal(v.text, True, v.start)
            elif v.kind == "word" and self.keyword() is None:
                self.next()
                text, end = v.text, v.end
                # an unquoted value may hold colons (a time of day): 10:30:00Z
                while self.peek().kind in (":", "word") and self.peek().start == end \
                        and self.keyword() is None:
                    nt = self.next()
                    text, end = text + nt.text, nt.end
                lit = Literal(text, False, v.start)
            else:
                raise self.fail(v, f"expected a value after '{shown}', found {v.show()}")
            node = self.check(Clause(attr, op, lit, first.start), t)
        else:
            after = "'NOT'" if negate else f"`{attr.path}`" + (f":{attr.type}" if attr.type
                                                                 else "")
            raise self.fail(t, f"expected an operator (=, !=, >, >=, <, <=, CONTAINS, "
                               f"MATCHES, EXISTS) after {after}, found {t.show()}")
        return Not(node, negate.start) if negate else node

    def check(self, c: Clause, op_tok: Token) -> Clause:
        """Reject operator/type/value combinations outside the grammar, at their position."""
        a = c.attribute
        if a.aggregate is not None and a.type not in (None, FLOAT_SERIES):
            raise _fail(self.q, a.pos, f"{a.aggregate}() takes a floatSeries attribute, not "
                                       f"{a.type}")
        if a.aggregate is not None and c.op == "EXISTS":
            raise _fail(self.q, op_tok.start, f"EXISTS does not apply to {a.aggregate}()")
        eff = effective_type(a)
        if c.op == "EXISTS" or eff is None or eff in FOREIGN_TYPES:
            if c.op == "MATCHES" and c.value is not None:
                _regex(self.q, c.value)
            return c
        if eff == FLOAT_SERIES and a.aggregate is None:
            raise _fail(self.q, a.pos, "a floatSeries is compared through an aggregate: "
                                       "last(), average(), max(), min() or variance()")
        if c.op not in _OPERATORS[eff]:
            raise _fail(self.q, op_tok.start,
                        f"{c.op} does not apply to {eff}" + (f" `{a.path}`" if a.type is None
                                                             else "") +
                        f" (it takes {', '.join(_OPERATORS[eff])} or EXISTS)")
        assert c.value is not None
        if c.op == "MATCHES":
            _regex(self.q, c.value)
        elif c.op != "CONTAINS":
            _literal(self.q, eff, c.value)
        return c


def effective_type(a: Attribute) -> str | None:
    if a.aggregate is not None:
        return FLOAT_SERIES
    if a.type is not None:
        return a.type
    return SYS_TYPES.get(a.path)


def parse(query: str) -> Node | None:
    """The AST of ``query``; None for an empty or blank query."""
    if not isinstance(query, str):
        raise NeptuneInvalidQueryException(f"query must be a str (was {type(query).__name__})")
    if not query.isascii():
        try:
            query.encode("utf-8")
        except UnicodeEncodeError as e:  # a lone surrogate: no stored value can match it
            raise NeptuneInvalidQueryException(
                f"invalid NQL at position {e.start}: the query contains a lone surrogate "
                f"({query[e.start]!r}) that is not valid text") from None
    return _Parser(query).parse()


# --------------------------------------------------------------------------- literals
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:nan|inf|infinity)",
                     re.I)
_INT = re.compile(r"[+-]?\d+")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
                  r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?", re.I)
_RELATIVE = re.compile(r"-\s*(\d{1,9})\s*([smhdwMy])")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)


def _number(text: str) -> int | float | None:
    text = text.strip()
    if _INT.fullmatch(text):
        return int(text)
    if _NUMBER.fullmatch(text):
        return float(text)
    return None


def _bool(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip().lower())


def to_ms(v: Any) -> int | None:
    """A stored datetime (ms int or datetime; naive means UTC) as ms since the epoch."""
    if isinstance(v, datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=timezone.utc)
        return (v - _EPOCH) // _MS
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    return None


def _months_back(now: datetime, months: int) -> datetime:
    y, m = divmod(now.year * 12 + now.month - 1 - months, 12)
    if y < 1:
        return datetime(1, 1, 1, tzinfo=timezone.utc)
    day = min(now.day, calendar.monthrange(y, m + 1)[1])
    return now.replace(year=y, month=m + 1, day=day)


def _datetime_ms(text: str, now: datetime | None = None) -> int | None:
    text = text.strip()
    m = _RELATIVE.fullmatch(text)
    if m:
        now = now or datetime.now(timezone.utc)
        n, unit = int(m.group(1)), m.group(2)
        try:
            if unit in "My":
                then = _months_back(now, n * (12 if unit == "y" else 1))
            else:
                then = now - timedelta(seconds=n * {"s": 1, "m": 60, "h": 3600, "d": 86400,
                                                    "w": 604800}[unit])
        except OverflowError:
            then = datetime(1, 1, 1, tzinfo=timezone.utc)
        return to_ms(then)
    m = _ISO.fullmatch(text)
    if not m:
        return None
    y, mo, d, hh, mm, ss, frac, off = m.groups()
    try:
        tz = timezone.utc
        if off and off.upper() != "Z":
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]),
                                           minutes=int(digits[2:] or 0)))
        us = int((frac or "0")[:6].ljust(6, "0"))
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), us,
                      tzinfo=tz)
    except (ValueError, OverflowError):
        return None
    return to_ms(dt)


def state_value(text: str) -> str | None:
    return _STATES.get(text.strip().lower())


_WANT = {FLOAT: "a number", INT: "a number", FLOAT_SERIES: "a number",
         BOOL: "true or false", STATE: "a run state (active, inactive, running or idle)",
         DATETIME: 'an ISO 8601 datetime such as "2024-01-31T12:00:00Z" or a relative '
                   'time such as "-2h"'}


def _convert(type_: str, text: str, now: datetime | None = None) -> Any:
    """The literal as a value of ``type_``, or None when it is not one."""
    if type_ in (FLOAT, INT, FLOAT_SERIES):
        return _number(text)
    if type_ == BOOL:
        return _bool(text)
    if type_ == STATE:
        return state_value(text)
    if type_ == DATETIME:
        return _datetime_ms(text, now)
    return text


def _literal(query: str, type_: str, lit: Literal) -> Any:
    v = _convert(type_, lit.text)
    if v is None:
        raise _fail(query, lit.pos, f"expected {_WANT[type_]} for {type_}, found "
                                    f"{lit.text!r}")
    return v


def _regex(query: str, lit: Literal) -> re.Pattern:
    try:
        return re.compile(lit.text)
    except (re.error, RecursionError, OverflowError, ValueError) as e:
        raise _fail(query, lit.pos, f"invalid regular expression {lit.text!r}: {e}") from None


# --------------------------------------------------------------------------- compiler
def infer_type(v: Any) -> str | None:
    """The NQL type of a Python value, for rows that carry no ``TYPES``."""
    c = v.__class__
    if c is str:
        return STRING
    if c is float:
        return FLOAT
    if c is bool:
        return BOOL
    if c is int:
        return INT
    if isinstance(v, (set, frozenset)):
        return STRING_SET
    if isinstance(v, datetime):
        return DATETIME
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int):
        return INT
    if isinstance(v, float):
        return FLOAT
    if isinstance(v, str):
        return STRING
    return None


def _ordering(op: str, c: Any) -> Callable[[Any], bool]:
    if op == "=":
        return lambda v: v == c
    if op == "!=":
        return lambda v: v != c
    if op == ">":
        return lambda v: v > c
    if op == ">=":
        return lambda v: v >= c
    if op == "<":
        return lambda v: v < c
    return lambda v: v <= c


def _comparator(type_: str, op: str, lit: Literal, now: datetime) -> Callable[[Any], bool] | None:
    """A test of one stored value of ``type_`` (not None), or None when the literal cannot
    be a value of that type (then nothing matches)."""
    text = lit.text
    if op == "CONTAINS":
        if type_ == STRING_SET:
            return lambda v: text in v
        if type_ in (STRING, STRING_SERIES):
            return lambda v: isinstance(v, str) and text in v
        return None
    if op == "MATCHES":
        if type_ not in (STRING, STRING_SERIES):
            return None
        search = re.compile(text).search
        return lambda v: isinstance(v, str) and search(v) is not None
    if type_ in (STRING_SET,) + FOREIGN_TYPES:
        return None
    c = _convert(type_, text, now)
    if c is None:
        return None
    if op not in _OPERATORS.get(type_, ()):
        return None
    cmp = _ordering(op, c)
    if type_ in (FLOAT, INT, FLOAT_SERIES):
        def number(v: Any) -> bool:
            try:
                return cmp(v)
            except TypeError:
                return False
        return number
    if type_ == BOOL:
        return lambda v: cmp(bool(v))
    if type_ == STATE:
        return lambda v: isinstance(v, str) and cmp(_STATES.get(v.lower(), v))
    if type_ == DATETIME:
        def when(v: Any) -> bool:
            ms = to_ms(v)
            return ms is not None and cmp(ms)
        return when

    def string(v: Any) -> bool:
        return isinstance(v, str) and cmp(v)
    return string


_NEVER: Predicate = lambda r: False  # noqa: E731


def _compile_clause(c: Clause, now: datetime) -> Predicate:
    a = c.attribute
    path = a.path
    declared = a.type
    static = SYS_TYPES.get(path)
    if a.aggregate is not None:
        return _compile_aggregate(c, now)
    if static is not None:
        return _compile_sys_clause(c, static, now)
    if declared in FOREIGN_TYPES:
        return _NEVER
    if c.op == "EXISTS":
        if declared is None:
            return lambda r: r.get(path) is not None

        def exists(r: dict) -> bool:
            v = r.get(path)
            if v is None:
                return False
            ts = r.get(TYPES)
            return (ts.get(path) if ts is not None else infer_type(v)) == declared
        return exists
    if declared is not None:
        test = _comparator(declared, c.op, c.value, now)  # type: ignore[arg-type]
        if test is None:
            return _NEVER

        def typed(r: dict) -> bool:
            v = r.get(path)
            if v is None:
                return False
            ts = r.get(TYPES)
            return (ts.get(path) if ts is not None else infer_type(v)) == declared and test(v)
        return typed
    return _compile_untyped_clause(c, now)


def _compile_sys_clause(c: Clause, static: str, now: datetime) -> Predicate:
    """A clause on a sys field: it has one type, so a query naming another matches
    nothing."""
    path, declared = c.attribute.path, c.attribute.type
    if declared is not None and declared != static:
        return _NEVER
    if c.op == "EXISTS":
        return lambda r: r.get(path) is not None
    test = _comparator(static, c.op, c.value, now)  # type: ignore[arg-type]
    if test is None:
        return _NEVER

    def sys_clause(r: dict) -> bool:
        v = r.get(path)
        return v is not None and test(v)
    return sys_clause


def _compile_untyped_clause(c: Clause, now: datetime) -> Predicate:
    """A clause on a user attribute without a type: it compares with each value as its
    stored type allows (a comparison no type allows matches nothing)."""
    path = c.attribute.path
    tests = {}
    for t in (STRING, STRING_SET, FLOAT, INT, BOOL, DATETIME, STRING_SERIES):
        f = _comparator(t, c.op, c.value, now)  # type: ignore[arg-type]
        if f is not None:
            tests[t] = f
    if not tests:
        return _NEVER
    get_test = tests.get

    def untyped(r: dict) -> bool:
        v = r.get(path)
        if v is None:
            return False
        ts = r.get(TYPES)
        f = get_test(ts.get(path) if ts is not None else infer_type(v))
        return f is not None and f(v)
    return untyped


def _compile_aggregate(c: Clause, now: datetime) -> Predicate:
    a = c.attribute
    path, agg = a.path, a.aggregate
    test = _comparator(FLOAT_SERIES, c.op, c.value, now)  # type: ignore[arg-type]
    if test is None:
        return _NEVER
    if agg == "last":
        def last(r: dict) -> bool:
            v = r.get(path)
            if v is None:
                return False
            ts = r.get(TYPES)
            if ts is not None:
                if ts.get(path) != FLOAT_SERIES:
                    return False
            elif infer_type(v) not in (FLOAT, INT):
                return False
            return test(v)
        return last
    key = (agg, path)

    def aggregate(r: dict) -> bool:
        aggs = r.get(AGGREGATES)
        if aggs is None:
            return False
        v = aggs.get(key)
        return v is not None and test(v)
    return aggregate


def _compile(node: Node, now: datetime) -> Predicate:
    if isinstance(node, Clause):
        return _compile_clause(node, now)
    if isinstance(node, Not):
        inner = _compile(node.item, now)
        if inner is _NEVER:
            return lambda r: True
        return lambda r: not inner(r)
    parts = [_compile(i, now) for i in node.items]
    if isinstance(node, And):
        if any(p is _NEVER for p in parts):
            return _NEVER
        if len(parts) == 2:
            x, y = parts
            return lambda r: x(r) and y(r)

        def all_(r: dict) -> bool:
            for p in parts:
                if not p(r):
                    return False
            return True
        return all_
    parts = [p for p in parts if p is not _NEVER]
    if not parts:
        return _NEVER
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        x, y = parts
        return lambda r: x(r) or y(r)

    def any_(r: dict) -> bool:
        for p in parts:
            if p(r):
                return True
        return False
    return any_


def _walk(node: Node):
    if isinstance(node, Clause):
        yield node
    elif isinstance(node, Not):
        yield from _walk(node.item)
    else:
        for i in node.items:
            yield from _walk(i)


@dataclass(frozen=True)
class Query:
    """A compiled query: the predicate and what rows must carry for it."""
    text: str
    ast: Node
    predicate: Predicate
    paths: frozenset[str]                      # every attribute path the query reads
    aggregates: frozenset[tuple[str, str]]     # (aggregate, path) other than last()

    def __call__(self, row: dict) -> bool:
        return self.predicate(row)


def compile_query(query: str, *, now: datetime | None = None) -> Query | None:
    """Parse and compile ``query``; None when it is empty or blank (no filter). Relative
    datetimes are resolved against ``now`` (default: the current time)."""
    ast = parse(query)
    if ast is None:
        return None
    now = now or datetime.now(timezone.utc)
    clauses = list(_walk(ast))
    return Query(query, ast, _compile(ast, now),
                 frozenset(c.attribute.path for c in clauses),
                 frozenset((c.attribute.aggregate, c.attribute.path) for c in clauses
                           if c.attribute.aggregate not in (None, "last")))


def parse_nql(query: str) -> Predicate:
    """``query`` as a predicate over a row dict (an empty query matches every row)."""
    q = compile_query(query)
    return (lambda r: True) if q is None else q.predicate


__all__ = ["AGGREGATES", "TYPES", "Query", "compile_query", "parse", "parse_nql", "tokenize"]
