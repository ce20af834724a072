"""Runs / models / model-versions tables (docs/SYS_FIELDS.md §7).

Filters on id/state/owner/tag/trashed and the sort by a sys column are the store's (its
named listing operations, ``store.listing()``: SQL over indexes, for SQLite and PostgreSQL
alike), so a filtered, limited listing costs the same over 2,000 or 100,000 runs. Queries
(NQL, parsed and compiled once by :mod:`.nql`) and sorting by a user attribute are
evaluated in Python over rows holding only the paths they read; the user values shown are
then read for the rows kept. Values are shown as neptune 1.x's tables gave them (see
:class:`TableEntry`). This module holds no SQL: what the store can filter is handed to it
as a ``ListingFilter``.
"""

from __future__ import annotations

import math
import warnings
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import Any

from .. import catalog
from ..exceptions import InvalidValueError, NeptuneInvalidQueryException
from ..store import gc_paused
from ..store.base import Listing, ListingFilter, Store
from . import nql
from . import values as V
from .nql import AGGREGATES, TYPES, Query, compile_query, parse_nql
from .values import from_ms

__all__ = ["Table", "TableEntry", "fetch_table", "parse_nql"]


def _as_list(v: Any, what: str) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [V.check_text(v, what, "the value", stored=False)]
    if isinstance(v, (list, tuple, set)):
        out = list(v)
        for x in out:
            if not isinstance(x, str):
                raise InvalidValueError(f"{what} values must be str (got {x!r})")
            V.check_text(x, what, "a value", stored=False)
        return out
    raise InvalidValueError(f"{what} must be a str or a list of str (was {type(v).__name__})")


class TableEntry:
    """One object of a table, with the values neptune 1.x's ``TableEntry`` gave: ``sys/state``
    as ``"Active"``/``"Inactive"``, datetimes as naive UTC ``datetime`` (1.x parsed the
    server's ``...Z`` strings with ``strptime``), string sets as ``set``, series as their last
    value. Only the table's columns are present; an attribute the object does not have
    raises ``ValueError`` as in 1.x."""

    def __init__(self, row: dict[str, Any], sys_id: str | None = None,
                 kind: str | None = None) -> None:
        self._row = row
        self._id = sys_id if sys_id is not None else row.get("sys/id")  # 1.x: the object
        self._container_type = kind                                     # and its kind

    def __getitem__(self, path: str) -> _Cell:
        return _Cell(self, path)

    def get_attribute_value(self, path: str) -> Any:
        try:
            return self._row[path]
        except KeyError:
            raise ValueError(f"Could not find {path} attribute") from None

    def __repr__(self) -> str:
        return f"<TableEntry {self._row.get('sys/id')}>"


class _Cell:
    """``entry["a/b"]`` (1.x ``LeaderboardHandler``): ``get()``, and ``entry["a"]["b"]``."""

    def __init__(self, entry: TableEntry, path: str) -> None:
        self._entry, self._path = entry, path

    def __getitem__(self, path: str) -> _Cell:
        return _Cell(self._entry, f"{self._path}/{path}")

    def get(self) -> Any:
        return self._entry.get_attribute_value(self._path)

    fetch = get


_EPOCH_NAIVE = datetime(1970, 1, 1)
_STATE_OUT = {"active": "Active", "inactive": "Inactive"}


def _ms_to_naive(ms: Any) -> Any:
    if ms.__class__ is int:
        return _EPOCH_NAIVE + timedelta(0, 0, 0, ms)
    return _naive(ms)


def _naive(v: Any) -> Any:
    if isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(timezone.utc).replace(tzinfo=None)
    return v


def _state_out(v: Any) -> Any:
    return _STATE_OUT.get(v, v)


def _output(path: str) -> Any:
    """How a stored value of ``path`` is shown to 1.x code (None: as it is)."""
    f = catalog.BY_PATH.get(path)
    if f is None:
        return _naive
    if f.type == catalog.DATETIME:
        return _ms_to_naive
    if f.type == catalog.RUN_STATE:
        return _state_out
    return None


class Table:
    """Result of ``fetch_*_table``: iterable of entries, ``to_rows()``, ``to_pandas()``.

    Held by column (sys path -> one value per object) plus each object's user values, so a
    100k-row listing reaches pandas without a dict per object; entries are built when the
    table is iterated. Values are stored as this package reads them (state ``active``, ms
    timestamps) and shown the way neptune 1.x showed them (see :class:`TableEntry`)."""

    def __init__(self, data: dict[str, Sequence[Any]], extra: list[dict[str, Any]],
                 columns: list[str], kind: str | None = None,
                 datetimes: set[str] | None = None) -> None:
        self._data = data    # every sys path of the kind -> values, in row order
        self._extra = extra  # per row: user attributes, sets, last values of series
        self._columns = columns
        self._kind = kind
        self._datetimes = datetimes  # the user paths holding datetimes (None: not known)

    def _has_datetimes(self, c: str, column: Sequence[Any]) -> bool:
        if self._datetimes is not None:
            return c in self._datetimes
        return any(map(isinstance, column, repeat(datetime)))

    def _column(self, c: str) -> Sequence[Any]:
        values = self._data.get(c)
        if values is None:
            values = [e.get(c) for e in self._extra]
        return values

    def native_rows(self) -> Iterator[dict[str, Any]]:
        """Each row as this package's own reads give values (``run[path].fetch()``): state
        ``active``/``inactive``, timezone-aware datetimes, sets; absent values as None."""
        cols = [(c, self._column(c), catalog.BY_PATH.get(c)) for c in self._columns]
        conv = [(c, values, from_ms if f is not None and f.type == catalog.DATETIME else None)
                for c, values, f in cols]
        for i in range(len(self._extra)):
            yield {c: (f(v) if f is not None and v is not None and not
                       isinstance(v, datetime) else v)
                   for c, values, f in conv for v in (values[i],)}

    def __iter__(self) -> Iterator[TableEntry]:
        n = len(self._extra)
        names, plain, conv, gaps = [], [], [], []
        for c in self._columns:
            column = self._column(c)
            missing = column.count(None)
            if missing == n:
                continue  # nobody has it: no entry shows it
            f = _output(c)
            if f is _naive and not self._has_datetimes(c, column):
                f = None  # a user column without datetimes shows as stored
            if f is not None:
                conv.append((c, column, f))
                continue
            names.append(c)
            plain.append(column)
            if missing:
                gaps.append(c)
        ids = self._data.get("sys/id") or [None] * n
        rows = zip(*plain, strict=True) if plain else repeat((), n)
        kind = self._kind
        for i, values in enumerate(rows):
            row = dict(zip(names, values, strict=True))
            for c in gaps:
                if row[c] is None:
                    del row[c]
            for c, column, f in conv:
                v = column[i]
                if v is not None:
                    row[c] = f(v)
            yield TableEntry(row, ids[i], kind)

    def __next__(self) -> TableEntry:
        """The next entry of the table's own cursor: 1.x's ``Table`` was its own iterator,
        and code takes the first row with ``next(project.fetch_runs_table())``. A ``for``
        loop, ``list()`` and ``to_rows()`` still start from the first row each time."""
        cursor = self.__dict__.get("_cursor")
        if cursor is None:
            cursor = self._cursor = iter(self)
        return next(cursor)

    def __len__(self) -> int:
        return len(self._extra)

    def to_rows(self) -> list[TableEntry]:
        return list(self)

    def to_pandas(self):
        """One row per object, a column per attribute that any of them has (as 1.x: a column
        no object has a value for is left out), ``sys/`` columns first, then the others,
        then ``monitoring/``, each group sorted. String sets are comma-joined, ``sys/state``
        is ``Active``/``Inactive``, datetimes are naive UTC, missing values NaN/NaT."""
        import numpy as np
        import pandas as pd
        data = {}
        for c in self._columns:
            values = self._column(c)
            missing = values.count(None)
            if missing == len(values):
                continue
            first = next(v for v in values if v is not None)
            f = catalog.BY_PATH.get(c)
            if f is not None and f.type == catalog.DATETIME:
                if missing:
                    values = [_NAT if v is None else v for v in values]
                data[c] = pd.Series(np.array(values, dtype="int64").view("datetime64[ms]"))
                continue
            if c in _SET_PATHS or isinstance(first, set):
                values = [None if v is None else ",".join(sorted(v)) if isinstance(v, set)
                          else v for v in values]
            elif f is not None and f.type == catalog.RUN_STATE:
                values = [_STATE_OUT.get(v, v) for v in values]
            elif f is None and self._has_datetimes(c, values):
                values = [_naive(v) for v in values]
            if missing and (isinstance(first, bool) or not isinstance(first, (float, int))):
                values = [math.nan if v is None else v for v in values]  # numbers: pandas does
            data[c] = values
        return pd.DataFrame(data, columns=list(data))


class _InvalidQueryTable(Table):
    """What ``fetch_*_table(query=...)`` returns for a query outside the grammar: as in 1.x,
    whose tables fetched lazily, the NeptuneInvalidQueryException is raised when the table is
    first used (iterated, ``to_rows()``, ``to_pandas()``, ``len()``)."""

    def __init__(self, error: NeptuneInvalidQueryException) -> None:
        super().__init__({}, [], [])
        self._error = error

    def _raise(self):
        raise self._error.with_traceback(None)

    def __iter__(self) -> Iterator[TableEntry]:
        self._raise()

    def __len__(self) -> int:
        self._raise()

    def native_rows(self) -> Iterator[dict[str, Any]]:
        self._raise()

    def to_rows(self) -> list[TableEntry]:
        self._raise()

    def to_pandas(self):
        self._raise()

    def __repr__(self) -> str:
        return f"<Table: invalid query: {str(self._error).splitlines()[0]}>"


_SET_PATHS = {f.path for f in catalog.FIELDS if f.type == catalog.STRING_SET}
_NAT = -(2 ** 63)  # numpy's NaT as an int64


def _column_order(paths: set[str], kind: str) -> list[str]:
    """``sys/`` paths first, then the others, ``monitoring/`` last, each group sorted: the
    order of 1.x's ``to_pandas()`` (``neptune/integrations/pandas`` ``sort_key``)."""
    sys_paths = sorted(f.path for f in catalog.fields_for(kind) if f.path in paths)
    other = sorted(p for p in paths if not p.startswith("sys/") and not
                   p.startswith("monitoring/"))
    mon = sorted(p for p in paths if p.startswith("monitoring/"))
    return sys_paths + other + mon


_ROW_FIELDS: dict[str, tuple[tuple[str, str, bool], ...]] = {}


def _row_fields(kind: str) -> tuple[tuple[str, str, bool], ...]:
    """(path, trait, is_boolean) of the kind's sys fields, computed once per kind."""
    spec = _ROW_FIELDS.get(kind)
    if spec is None:
        spec = _ROW_FIELDS[kind] = tuple((f.path, f.trait, f.type == catalog.BOOLEAN)
                                         for f in catalog.fields_for(kind))
    return spec


def _sys_row_to_paths(rec: dict[str, Any], kind: str) -> dict[str, Any]:
    out = {}
    get = rec.get
    for path, trait, boolean in _row_fields(kind):
        v = get(trait)
        if boolean and v is not None:
            v = bool(v)
        out[path] = v
    return out


# public for the query API (query/_data.py), which builds its rows the same way
sys_row_to_paths = _sys_row_to_paths


def _sys_columns_to_paths(cols: dict[str, Sequence[Any]], kind: str
                          ) -> dict[str, Sequence[Any]]:
    """``_sys_row_to_paths`` for the columns of ``Listing.sys_columns``."""
    return {path: [None if v is None else bool(v) for v in cols[trait]] if boolean
            else cols[trait] for path, trait, boolean in _row_fields(kind)}


def fetch_table(store: Store, project_pk: int, kind: str, *, query: str | None = None,
                ids: Any = None, states: Any = None, owners: Any = None, tags: Any = None,
                columns: Any = None, trashed: bool | None = False, limit: int | None = None,
                sort_by: str = "sys/creation_time", ascending: bool = False,
                model_pk: int | None = None) -> Table:
    ids, owners, tags = (_as_list(ids, "id"), _as_list(owners, "owner"), _as_list(tags, "tag"))
    states = _as_list(states, "state")
    limit = _check_table_args(query, ids, states, owners, tags, limit, sort_by)
    if columns is not None:
        columns = _as_list(columns, "columns")
    try:
        q = compile_query(query) if query is not None else None  # a blank query: no filter
    except NeptuneInvalidQueryException as e:
        return _InvalidQueryTable(e)
    pushed = _pushdown(q)
    if pushed is not None:
        tags = tags + pushed.tags
        if pushed.state is not None:
            states = [pushed.state]
        if pushed.complete:
            q = None  # SQL alone decides: the sort and the limit stay in SQL too
    sort_field = _sort_field(sort_by, kind)
    sql_sort = sort_field is not None and sort_field.storage == catalog.COLUMN and \
        sort_field.applies_to(kind) and q is None
    f = _filter(project_pk, kind, pushed=pushed, ids=ids, states=states, owners=owners,
                tags=tags, trashed=trashed, model_pk=model_pk)
    lst = store.listing()
    sort_user = sort_field is None  # sorting by a user attribute
    with gc_paused():
        if sql_sort:
            assert sort_field is not None  # sql_sort says so
            cols = lst.sys_columns(f, order=(sort_field.trait, ascending), limit=limit)
        else:
            cols = lst.sys_columns(f)
        data: dict[str, Sequence[Any]] = _sys_columns_to_paths(cols, kind)
        pks: Sequence[int] = cols["pk"]
        if q is not None or not sql_sort:
            keep = _filter_and_sort(
                lst, pks, data, q, sort_by, sort_user, ascending, limit,
                lambda path, part=False: _attribute_exists(lst, project_pk, kind, model_pk,
                                                           path, part))
            if keep is not None:
                data = {p: [values[i] for i in keep] for p, values in data.items()}
                pks = [pks[i] for i in keep]
        extra, datetimes = _user_values(lst, pks, data, columns, sort_by if sort_user else None)
    if columns is None:
        paths = set(data).union(*extra)
    else:
        paths = set(columns) | {"sys/id", sort_by}
    return Table(data, extra, _column_order(paths, kind), kind, datetimes)


def _check_table_args(query: Any, ids: list[str], states: list[str], owners: list[str],
                      tags: list[str], limit: Any, sort_by: Any) -> int | None:
    """A table's arguments judged before any read; the limit as SQL can take it."""
    if query is not None and (ids or states or owners or tags):
        raise InvalidValueError("query cannot be combined with id, state, owner or tag")
    for s in states:
        if s.lower() not in catalog.RUN_STATES:
            raise InvalidValueError(f"state must be one of {catalog.RUN_STATES} (was `{s}`)")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or limit <= 0):
        raise InvalidValueError(f"Parameter 'limit' must be a positive integer or None. "
                                f"Got {limit}.")
    if not isinstance(sort_by, str):
        raise InvalidValueError(f"sort_by must be a str (was {type(sort_by).__name__})")
    V.check_text(sort_by, "sort_by", "the column", stored=False)
    if query is not None and not isinstance(query, str):
        raise NeptuneInvalidQueryException(f"query must be a str (was {type(query).__name__})")
    return None if limit is None else min(limit, 2**62)  # beyond SQLite's integers: all


def _sort_field(sort_by: str, kind: str) -> catalog.SysField | None:
    """The catalog field a table is sorted by (None: a user attribute), if sortable."""
    sort_field = catalog.BY_PATH.get(sort_by)
    if sort_field is not None and not sort_field.applies_to(kind):
        raise InvalidValueError(f"Column '{sort_by}' chosen for sorting is not present in the "
                                f"table: {kind.replace('_', ' ')}s have no {sort_by}")
    if sort_field is not None and sort_field.type == catalog.STRING_SET:
        raise InvalidValueError(f"Column {sort_by} used for sorting is a complex type "
                                "(stringSet); sort by a float, int, string, bool or datetime "
                                "attribute")
    return sort_field


def _user_values(lst: Any, pks: Sequence[int], data: dict[str, Sequence[Any]],
                 columns: list[str] | None, sort_user: str | None
                 ) -> tuple[list[dict[str, Any]], set[str]]:
    """The user values shown per row: all of them, or those of the requested columns (and
    the user attribute sorted by); plus the paths that hold datetimes."""
    if columns is None:
        shown: set[str] | None = None
    else:
        shown = {c for c in columns if c not in data}
        if sort_user is not None:
            shown.add(sort_user)
    extra: list[dict[str, Any]] = [{} for _ in pks]
    datetimes: set[str] = set()
    if extra and (shown is None or shown):
        _add_user_values(lst, pks, extra, paths=shown, datetimes=datetimes)
    return extra, datetimes


def _filter(project_pk: int, kind: str, *, pushed: _Pushed | None, ids: list[str],
            states: list[str], owners: list[str], tags: list[str], trashed: bool | None,
            model_pk: int | None) -> ListingFilter:
    """The exact filters of a listing, for the store: ``state=``, ``tag=`` and the pushed-down
    conjuncts of a query (a state given both ways filters nothing)."""
    wanted = {s.lower() for s in states}
    equal: list[tuple[str, Any]] = []
    if pushed is not None:
        equal += pushed.equal
        equal += [(column, 1 if flag else 0) for column, flag in pushed.flags]
    return ListingFilter(project_pk=project_pk, kind=kind, model_pk=model_pk, trashed=trashed,
                         ids=tuple(ids), owners=tuple(owners), tags=tuple(tags),
                         sets=tuple(pushed.sets) if pushed is not None else (),
                         equal=tuple(equal),
                         state=next(iter(wanted)) if len(wanted) == 1 else None)


@dataclass
class _Pushed:
    """Top-level conditions of a query that SQL can apply exactly."""
    tags: list[str] = field(default_factory=list)            # sys/tags CONTAINS
    sets: list[tuple[str, str]] = field(default_factory=list)  # other sys sets CONTAINS
    equal: list[tuple[str, str]] = field(default_factory=list)  # string column = value
    flags: list[tuple[str, bool]] = field(default_factory=list)  # bool column = true/false
    state: str | None = None
    complete: bool = True  # every condition of the query is here


_EQ_COLUMNS = {f.path: f.trait for f in catalog.FIELDS if f.storage == catalog.COLUMN
               and f.type in (catalog.STRING, catalog.STAGE)}
_FLAG_COLUMNS = {f.path: f.trait for f in catalog.FIELDS if f.storage == catalog.COLUMN
                 and f.type == catalog.BOOLEAN}


def _pushdown(q: Query | None) -> _Pushed | None:
    """The conjuncts of ``q`` that are a tag, a string column or the state, as SQL filters.
    They narrow the rows read (through the same indexes as ``tag=``/``state=``); the
    predicate still decides, unless every conjunct was pushed."""
    if q is None:
        return None
    items = q.ast.items if isinstance(q.ast, nql.And) else (q.ast,)
    out = _Pushed()
    for c in items:
        if not isinstance(c, nql.Clause) or c.attribute.aggregate is not None \
                or c.value is None:
            out.complete = False
            continue
        path, type_, text = c.attribute.path, c.attribute.type, c.value.text
        static = nql.SYS_TYPES.get(path)
        if static is None or type_ not in (None, static):
            out.complete = False
        elif static == nql.STRING_SET and c.op == "CONTAINS":
            (out.tags.append(text) if path == "sys/tags" else out.sets.append((path, text)))
        elif path in _EQ_COLUMNS and c.op == "=":
            out.equal.append((_EQ_COLUMNS[path], text))
        elif path in _FLAG_COLUMNS and c.op == "=" and text.lower() in ("true", "false"):
            out.flags.append((_FLAG_COLUMNS[path], text.lower() == "true"))
        elif static == nql.STATE and c.op in ("=", "!=") and out.state is None:
            state = nql.state_value(text)
            if c.op == "!=":
                state = "inactive" if state == "active" else "active"
            out.state = state
        else:
            out.complete = False
    if not (out.tags or out.sets or out.equal or out.flags or out.state):
        return None
    return out


def _filter_and_sort(lst: Listing, pks: Sequence[int], data: dict[str, Sequence[Any]],
                     q: Query | None, sort_by: str, sort_user: bool, ascending: bool,
                     limit: int | None, exists: Any) -> list[int] | None:
    """Indexes of the rows that match ``q``, sorted by ``sort_by`` and cut at ``limit`` (None:
    every row, in order). Rows hold only what the query reads: the sys values of its paths,
    the user values of its other paths with their types, and the series aggregates."""
    n = len(pks)
    user_paths = set() if q is None else {p for p in q.paths if p not in data}
    if sort_user:
        user_paths.add(sort_by)
    user: list[dict[str, Any]] = [{} for _ in range(n)]
    types: list[dict[str, str]] = [{} for _ in range(n)]
    if user_paths and n:
        _add_user_values(lst, pks, user, types=types, paths=user_paths)
    if sort_user and not any(sort_by in u for u in user) and not exists(sort_by):
        if not exists(sort_by, True):
            raise InvalidValueError(f"Column '{sort_by}' chosen for sorting is not present "
                                    "in the table")
        # 1.x looked the column up with the server's search, which matches parts of names:
        # `name` found sys/name, so 1.x only warned and the rows came unsorted
        warnings.warn(f"Column '{sort_by}' chosen for sorting is not present in the table; "
                      "the rows are not sorted", stacklevel=4)
    if q is None:
        keep: list[int] | range = range(n)
    else:
        pred = q.predicate
        sys_paths = [p for p in q.paths if p in data]
        sys_values = zip(*(data[p] for p in sys_paths), strict=True) if sys_paths else repeat((), n)
        aggs = _series_aggregates(lst, pks, q.aggregates) if q.aggregates and n else None
        keep = []
        append = keep.append
        if user_paths or aggs is not None:
            for i, values in enumerate(sys_values):
                row: dict[str, Any] = dict(zip(sys_paths, values, strict=True))
                row.update(user[i])
                row[TYPES] = types[i]
                if aggs is not None:
                    row[AGGREGATES] = aggs[i]
                if pred(row):
                    append(i)
        else:
            for i, values in enumerate(sys_values):
                if pred(dict(zip(sys_paths, values, strict=True))):
                    append(i)
    if sort_user:
        column: Sequence[Any] = _user_sort_column(sort_by, user, types)
    else:
        column = data[sort_by]
    with_val = [i for i in keep if column[i] is not None]
    without = [i for i in keep if column[i] is None]
    with_val.sort(key=lambda i: (_sort_key(column[i]), pks[i]), reverse=not ascending)
    out = with_val + without
    if limit is not None:
        out = out[:limit]
    if q is None and limit is None and len(out) == n and out == list(range(n)):
        return None
    return out


def _attribute_exists(lst: Listing, project_pk: int, kind: str, model_pk: int | None,
                      path: str, part: bool = False) -> bool:
    """Whether any object of the table's kind has ``path`` (``part``: a path containing it):
    1.x checked the sort column over the whole project, not over the rows a filter leaves."""
    if part and any(path in f.path for f in catalog.fields_for(kind)):
        return True
    return lst.attribute_exists(project_pk, kind, model_pk, path, part)


_COMPLEX = {nql.FLOAT_SERIES, nql.STRING_SERIES, nql.STRING_SET}


def _user_sort_column(path: str, user: list[dict[str, Any]], types: list[dict[str, str]]
                      ) -> list[Any]:
    """The sort keys of a user attribute, typed as 1.x chose the server's sort type
    (``hosted_neptune_backend._get_column_type_from_entries``): a series or string set
    cannot be sorted by; int and float sort as numbers; other mixes sort as strings, with a
    warning."""
    found = {v for t in types if (v := t.get(path)) is not None}
    if found & _COMPLEX:
        raise InvalidValueError(f"Column {path} used for sorting is a complex type "
                                f"({', '.join(sorted(found & _COMPLEX))}); sort by a float, "
                                "int, string, bool or datetime attribute")
    values = [u.get(path) for u in user]
    if len(found) > 1 and not found <= {nql.INT, nql.FLOAT}:
        warnings.warn(f"Column {path} contains more than one simple data type "
                      f"({', '.join(sorted(found))}). Sorting result might be inaccurate.",
                      stacklevel=4)
        values = [None if v is None else str(v) for v in values]
    return values


def _sort_key(v: Any) -> Any:
    if isinstance(v, set):
        return ",".join(sorted(v))
    return v


_ATOM_TYPES = {"float": nql.FLOAT, "int": nql.INT, "string": nql.STRING, "bool": nql.BOOL,
               "datetime": nql.DATETIME}
_SERIES_TYPES = {"float": nql.FLOAT_SERIES, "string": nql.STRING_SERIES}


def _add_all_user_values(lst: Listing, pks: Sequence[int], rows: list[dict[str, Any]],
                         datetimes: set[str]) -> None:
    """``_add_user_values`` of every path, without types: the path of a full listing."""
    by_pk = dict(zip(pks, rows, strict=True))
    from_atom = V.from_atom
    for pk, path, type_, value in lst.atom_rows(pks):
        if type_ != "string_set":
            by_pk[pk][path] = from_atom(type_, value)
            if type_ == "datetime":
                datetimes.add(path)
    for pk, path, value in lst.user_set_rows(pks):  # sys sets come with the rows
        cur = by_pk[pk].get(path)
        if not isinstance(cur, set):
            cur = by_pk[pk][path] = set()
        cur.add(value)
    for pk, path, _type, last in lst.series_last_rows(pks):
        by_pk[pk][path] = last


def _add_user_values(lst: Listing, pks: Sequence[int], rows: list[dict[str, Any]], *,
                     types: list[dict[str, str]] | None = None,
                     paths: set[str] | None = None,
                     datetimes: set[str] | None = None) -> None:
    """Fill ``rows`` (one per pk) with the objects' user attributes, string sets and last
    values of series; only those at ``paths`` when given. ``types`` (one dict per pk), when
    given, receives each value's NQL type; ``datetimes`` the paths holding datetimes."""
    if datetimes is None:
        datetimes = set()
    if types is None and paths is None:
        _add_all_user_values(lst, pks, rows, datetimes)
        return
    by_pk = dict(zip(pks, range(len(pks)), strict=True))
    for pk, path, type_, value in lst.atom_rows(pks, paths):
        if type_ != "string_set":
            j = by_pk[pk]
            rows[j][path] = V.from_atom(type_, value)
            if type_ == "datetime":
                datetimes.add(path)
            if types is not None:
                types[j][path] = _ATOM_TYPES.get(type_, type_)
    for pk, path, value in lst.user_set_rows(pks, paths):  # sys sets come with the rows
        j = by_pk[pk]
        cur = rows[j].get(path)
        if not isinstance(cur, set):
            cur = rows[j][path] = set()
            if types is not None:
                types[j][path] = nql.STRING_SET
        cur.add(value)
    for pk, path, type_, last in lst.series_last_rows(pks, paths):
        j = by_pk[pk]
        rows[j][path] = last
        if types is not None:
            types[j][path] = _SERIES_TYPES.get(type_, type_)


def _series_aggregates(lst: Listing, pks: Sequence[int],
                       wanted: frozenset[tuple[str, str]]) -> list[dict[tuple[str, str], float]]:
    """Per pk, the aggregates ``(name, path)`` of its own points of float series (NaN points
    left out; variance is the population variance)."""
    out: list[dict[tuple[str, str], float]] = [{} for _ in pks]
    by_pk = dict(zip(pks, range(len(pks)), strict=True))
    points: dict[tuple[int, str], array] = {}
    for pk, path, vals in lst.float_chunks(pks, sorted({p for _, p in wanted})):
        points.setdefault((by_pk[pk], path), array("d")).frombytes(vals)
    for (j, path), values in points.items():
        xs = [x for x in values if x == x]
        if not xs:
            continue
        mean = math.fsum(xs) / len(xs)
        stats = {"min": min(xs), "max": max(xs), "average": mean,
                 "variance": math.fsum((x - mean) ** 2 for x in xs) / len(xs)}
        for name, p in wanted:
            if p == path:
                out[j][(name, path)] = stats[name]
    return out


def ordered_pks(store: Store, project_pk: int, kind: str, *, query: str | None = None,
                sort_by: str = "sys/creation_time", ascending: bool = False,
                trashed: bool | None = False, model_pk: int | None = None,
                only_pks: Sequence[int] | None = None) -> array:
    """The pks of a listing's matches in table order, and nothing else: what a windowed
    table widget holds (8 bytes per match) instead of rows. Same filters, NQL, sort and
    errors as :func:`fetch_table`; ``only_pks`` restricts it to some objects (to re-check
    whether changed rows still match). An invalid query raises
    ``NeptuneInvalidQueryException`` at once."""
    q, f, sort_field = _ordered_plan(project_pk, kind, query, sort_by, trashed, model_pk)
    if only_pks is not None:
        if not len(only_pks):
            return array("q")
        f = f._replace(pks=tuple(only_pks))
    scan = only_pks is None  # every match is wanted
    lst = store.listing()
    sql_sort = sort_field is not None and sort_field.storage == catalog.COLUMN and q is None
    if sql_sort:
        assert sort_field is not None  # sql_sort says so
        return lst.list_pks(f, (sort_field.trait, ascending), scan=scan)
    sort_user = sort_field is None
    if sort_user and q is None:  # one user attribute or series' last value, in the store
        return lst.list_pks_by_user_value(f, sort_by, ascending, scan=scan)
    with gc_paused():
        needed = [p for p in (q.paths if q is not None else ()) if p in catalog.BY_PATH]
        if not sort_user:
            needed.append(sort_by)
        fields = [catalog.BY_PATH[p] for p in dict.fromkeys(needed)]
        if all(c.storage == catalog.COLUMN for c in fields):
            # only the columns the query reads: a 100k-row listing stays a narrow read
            cols = lst.column_values(f, [c.trait for c in fields], ("pk", ascending),
                                     scan=scan)
            data: dict[str, Sequence[Any]] = {
                c.path: [None if v is None else bool(v) for v in cols[c.trait]]
                    if c.type == catalog.BOOLEAN else cols[c.trait] for c in fields}
        else:
            cols = lst.sys_columns(f, order=("pk", ascending), scan=scan)
            data = _sys_columns_to_paths(cols, kind)
        pks: Sequence[int] = cols["pk"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            keep = _filter_and_sort(
                lst, pks, data, q, sort_by, sort_user, ascending, None,
                lambda path, part=False: _attribute_exists(lst, project_pk, kind, model_pk,
                                                           path, part))
    return array("q", pks if keep is None else (pks[i] for i in keep))


def ordered_head(store: Store, project_pk: int, kind: str, *, query: str | None = None,
                 sort_by: str = "sys/creation_time", ascending: bool = False,
                 trashed: bool | None = False, model_pk: int | None = None, limit: int
                 ) -> tuple[array, int] | None:
    """The first ``limit`` pks of :func:`ordered_pks` and how many match in all, when the
    store can answer both by itself (the query pushed down whole, a sys column or one user
    value to sort by): a bounded sort and a count, much cheaper over 100k objects than the
    whole order. None when the query needs Python (then only :func:`ordered_pks` will do).
    Same errors as :func:`ordered_pks`."""
    q, f, sort_field = _ordered_plan(project_pk, kind, query, sort_by, trashed, model_pk)
    if q is not None:
        return None
    lst = store.listing()
    if sort_field is None:
        head = lst.list_pks_by_user_value(f, sort_by, ascending, limit=limit)
    elif sort_field.storage == catalog.COLUMN:
        head = lst.list_pks(f, (sort_field.trait, ascending), limit=limit)
    else:
        return None
    return head, (len(head) if len(head) < limit else lst.count(f))


def _ordered_plan(project_pk: int, kind: str, query: str | None, sort_by: str,
                  trashed: bool | None, model_pk: int | None) -> tuple[Any, Any, Any]:
    """(what of the query is left for Python or None, the store's filter, the sort's
    catalog field or None for a user column) of :func:`ordered_pks`; raises as it does."""
    if query is not None and not isinstance(query, str):
        raise NeptuneInvalidQueryException(f"query must be a str (was {type(query).__name__})")
    if not isinstance(sort_by, str):
        raise InvalidValueError(f"sort_by must be a str (was {type(sort_by).__name__})")
    V.check_text(sort_by, "sort_by", "the column", stored=False)
    q = compile_query(query) if query is not None else None
    pushed = _pushdown(q)
    tags: list[str] = []
    states: list[str] = []
    if pushed is not None:
        tags = list(pushed.tags)
        if pushed.state is not None:
            states = [pushed.state]
        if pushed.complete:
            q = None
    sort_field = catalog.BY_PATH.get(sort_by)
    if sort_field is not None and (not sort_field.applies_to(kind) or
                                   sort_field.type == catalog.STRING_SET):
        raise InvalidValueError(f"Column '{sort_by}' cannot be sorted by in a table of "
                                f"{kind.replace('_', ' ')}s")
    f = _filter(project_pk, kind, pushed=pushed, ids=[], states=states, owners=[],
                tags=tags, trashed=trashed, model_pk=model_pk)
    return q, f, sort_field
