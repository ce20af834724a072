"""Runs / models / model-versions tables (SYS_SPEC §7).

Filters on id/state/owner/tag/trashed and the sort by a sys column run in SQL over indexes,
so a filtered, limited listing costs the same over 2,000 or 100,000 runs. Queries (NQL) and
sorting by a user attribute are evaluated in Python over the sys rows they need.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .. import catalog
from ..exceptions import InvalidValueError, NeptuneInvalidQueryException
from ..store import SqliteStore
from ..store.sqlite import gc_paused, liveness_timeout_ms, now_ms
from . import values as V


def _as_list(v: Any, what: str) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, (list, tuple, set)):
        out = list(v)
        for x in out:
            if not isinstance(x, str):
                raise InvalidValueError(f"{what} values must be str (got {x!r})")
        return out
    raise InvalidValueError(f"{what} must be a str or a list of str (was {type(v).__name__})")


class TableEntry:
    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    def __getitem__(self, path: str) -> _Cell:
        return _Cell(self, path)

    def get_attribute_value(self, path: str) -> Any:
        if path not in self._row:
            raise ValueError(f"Could not find {path} attribute")
        return self._row[path]

    def __repr__(self) -> str:
        return f"<TableEntry {self._row.get('sys/id')}>"


class _Cell:
    def __init__(self, entry: TableEntry, path: str) -> None:
        self._entry, self._path = entry, path

    def get(self) -> Any:
        return self._entry.get_attribute_value(self._path)

    fetch = get


class Table:
    """Result of ``fetch_*_table``: iterable of entries, ``to_rows()``, ``to_pandas()``.

    Held by column (sys path -> one value per object) plus each object's user values, so a
    100k-row listing reaches pandas without a dict per object; entries are built when the
    table is iterated."""

    def __init__(self, data: dict[str, Sequence[Any]], extra: list[dict[str, Any]],
                 columns: list[str]) -> None:
        self._data = data    # every sys path of the kind -> values, in row order
        self._extra = extra  # per row: user attributes, sets, last values of series
        self._columns = columns

    def __iter__(self) -> Iterator[TableEntry]:
        return (TableEntry(r) for r in _rows(self._data, self._extra))

    def __len__(self) -> int:
        return len(self._extra)

    def to_rows(self) -> list[TableEntry]:
        return list(self)

    def to_pandas(self):
        import pandas as pd
        cols = self._columns
        data = {}
        for c in cols:
            values = self._data.get(c)
            if values is None:
                values = [e.get(c) for e in self._extra]
            if c in _SET_PATHS or isinstance(next((v for v in values if v is not None), None),
                                             set):
                values = [None if v is None else ",".join(sorted(v)) for v in values]
            data[c] = values
        df = pd.DataFrame(data, columns=cols)
        for c in cols:
            f = catalog.BY_PATH.get(c)
            if f is not None and f.type == catalog.DATETIME:
                df[c] = pd.to_datetime(df[c], unit="ms", utc=True)
        return df


def _rows(data: dict[str, Sequence[Any]], extra: list[dict[str, Any]]
          ) -> Iterator[dict[str, Any]]:
    """Each row as a dict: path -> value, for every sys path and the row's user paths."""
    paths = list(data)
    for values, user in zip(zip(*data.values(), strict=True), extra, strict=True):
        row = dict(zip(paths, values, strict=True))
        row.update(user)
        yield row


_SET_PATHS = {f.path for f in catalog.FIELDS if f.type == catalog.STRING_SET}


def _column_order(paths: set[str], kind: str) -> list[str]:
    sys_paths = [f.path for f in catalog.fields_for(kind) if f.path in paths]
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


def _sys_columns_to_paths(cols: dict[str, Sequence[Any]], kind: str
                          ) -> dict[str, Sequence[Any]]:
    """``_sys_row_to_paths`` for the columns of ``SqliteStore.sys_columns``."""
    return {path: [None if v is None else bool(v) for v in cols[trait]] if boolean
            else cols[trait] for path, trait, boolean in _row_fields(kind)}


def fetch_table(store: SqliteStore, project_pk: int, kind: str, *, query: str | None = None,
                ids: Any = None, states: Any = None, owners: Any = None, tags: Any = None,
                columns: Any = None, trashed: bool | None = False, limit: int | None = None,
                sort_by: str = "sys/creation_time", ascending: bool = False,
                model_pk: int | None = None) -> Table:
    ids, owners, tags = (_as_list(ids, "id"), _as_list(owners, "owner"), _as_list(tags, "tag"))
    states = _as_list(states, "state")
    if query is not None and (ids or states or owners or tags):
        raise InvalidValueError("query cannot be combined with id, state, owner or tag")
    for s in states:
        if s.lower() not in catalog.RUN_STATES:
            raise InvalidValueError(f"state must be one of {catalog.RUN_STATES} (was `{s}`)")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or limit <= 0):
        raise InvalidValueError(f"Parameter 'limit' must be a positive integer or None. "
                                f"Got {limit}.")
    if columns is not None:
        columns = _as_list(columns, "columns")
    if not isinstance(sort_by, str):
        raise InvalidValueError(f"sort_by must be a str (was {type(sort_by).__name__})")
    predicate = parse_nql(query) if query else None

    # The listing index (project, kind, creation_time) serves the default sort and stops at
    # `limit`: right when matches are common. When a filter is selective (the active runs, a
    # rare tag) the query is driven from that filter's index instead, and the listing
    # index is hidden from SQLite's planner (unary +), which has no statistics to choose.
    sort_field = catalog.BY_PATH.get(sort_by)
    if sort_field is not None and not sort_field.applies_to(kind):
        raise InvalidValueError(f"Column '{sort_by}' chosen for sorting is not present in the "
                                f"table: {kind.replace('_', ' ')}s have no {sort_by}")
    sql_sort = sort_field is not None and sort_field.storage == catalog.COLUMN and \
        sort_field.applies_to(kind) and predicate is None
    wanted = {s.lower() for s in states}
    drive = _driving_filter(store, wanted, tags, limit if sql_sort else None)
    hide = "+" if drive else ""
    where = [f"{hide}o.project_pk = ?", f"{hide}o.kind = ?"]
    params: list[Any] = [project_pk, kind]
    if model_pk is not None:
        where.append("o.model_pk = ?")
        params.append(model_pk)
    if trashed is not None:
        where.append("coalesce(o.trashed, 0) = ?")
        params.append(1 if trashed else 0)
    if ids:
        where.append(f"o.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if owners:
        where.append(f"o.owner IN ({','.join('?' * len(owners))})")
        params.extend(owners)
    for t in tags:
        if drive == ("tag", t):
            where.append("o.pk IN (SELECT s.object_pk FROM string_sets s WHERE "
                         "s.path = 'sys/tags' AND s.value = ?)")
        else:
            where.append("EXISTS (SELECT 1 FROM string_sets s WHERE s.object_pk = o.pk AND "
                         "s.path = 'sys/tags' AND s.value = ?)")
        params.append(t)
    if len(wanted) == 1:
        cutoff = now_ms() - liveness_timeout_ms()
        live = ("EXISTS (SELECT 1 FROM attachments a WHERE a.object_pk = o.pk AND "
                "a.last_ping >= ?)")
        if drive == ("live", None):
            where.append("o.pk IN (SELECT a.object_pk FROM attachments a WHERE "
                         "a.last_ping >= ?)")
        else:
            where.append(live if "active" in wanted else "NOT " + live)
        params.append(cutoff)

    order = ""
    if sql_sort:
        order = f"o.{sort_field.trait} {'ASC' if ascending else 'DESC'}, o.pk " \
                f"{'ASC' if ascending else 'DESC'}"
    need_user = columns is None or any(not c.startswith("sys/") for c in columns) or \
        not sort_by.startswith("sys/") or predicate is not None
    with gc_paused():
        cols = store.sys_columns(where=" AND ".join(where), params=params, order=order,
                                 limit=limit if sql_sort else None)
        data = _sys_columns_to_paths(cols, kind)
        extra: list[dict[str, Any]] = [{} for _ in cols["pk"]]  # each row's user values
        if need_user and extra:
            _add_user_values(store, cols["pk"], extra)
    if not (sql_sort or sort_field is not None or any(sort_by in e for e in extra)):
        raise InvalidValueError(f"Column '{sort_by}' chosen for sorting is not present "
                                "in the table")
    if predicate is not None or not sql_sort:
        with gc_paused():
            rows = list(_rows(data, extra))
            keep = [i for i, r in enumerate(rows) if predicate is None or predicate(r)]
            if not sql_sort:
                with_val = [i for i in keep if rows[i].get(sort_by) is not None]
                without = [i for i in keep if rows[i].get(sort_by) is None]
                with_val.sort(key=lambda i: _sort_key(rows[i][sort_by]), reverse=not ascending)
                keep = (with_val + without)[:limit]
            data = {p: [values[i] for i in keep] for p, values in data.items()}
            extra = [extra[i] for i in keep]
    if columns is None:
        paths = set(data).union(*extra)
    else:
        paths = set(columns) | {"sys/id", sort_by}
    return Table(data, extra, _column_order(paths, kind))


def _driving_filter(store: SqliteStore, states: set[str], tags: list[str],
                    limit: int | None) -> tuple[str, str | None] | None:
    """Which selective filter should drive the query, if any.

    Active runs are few (one attachment per live process), so ``state="active"`` always
    drives. A tag drives when it is rare enough: walking the listing index costs about
    ``limit * N / m`` index steps until ``limit`` matches are found (``N`` objects, ``m``
    carrying the tag), driving from the tag about ``2.5 * m`` (a lookup per match, then a
    sort). ``m`` is counted with a cap, so the check never costs more than it can save."""
    if states == {"active"}:
        return ("live", None)
    if not tags:
        return None
    n = store.read("SELECT coalesce(max(pk), 0) FROM objects")[0][0]
    cap = int(n / 2.5) if limit is None else int(math.sqrt(limit * n / 2.5))
    best = None
    for t in tags:
        m = store.read("SELECT count(*) FROM (SELECT 1 FROM string_sets WHERE "
                       "path = 'sys/tags' AND value = ? LIMIT ?)", (t, cap + 1))[0][0]
        if m <= cap and (best is None or m < best[0]):
            best = (m, t)
    return None if best is None else ("tag", best[1])


def _sort_key(v: Any) -> Any:
    if isinstance(v, set):
        return ",".join(sorted(v))
    return v


def _add_user_values(store: SqliteStore, pks: Sequence[int], rows: list[dict[str, Any]]
                     ) -> None:
    by_pk = dict(zip(pks, rows, strict=True))
    for i in range(0, len(pks), 900):
        part = pks[i:i + 900]
        marks = ",".join("?" * len(part))
        for pk, path, type_, value in store.read(
                f"SELECT object_pk, path, type, value FROM attributes WHERE object_pk IN "
                f"({marks})", part):
            if type_ != "string_set":
                by_pk[pk][path] = V.from_atom(type_, value)
        for pk, path, value in store.read(
                f"SELECT object_pk, path, value FROM string_sets WHERE object_pk IN ({marks}) "
                f"AND path NOT LIKE 'sys/%'", part):  # sys sets come with the rows
            cur = by_pk[pk].get(path)
            if not isinstance(cur, set):
                cur = by_pk[pk][path] = set()
            cur.add(value)
        for pk, path, last in store.read(
                f"SELECT object_pk, path, last_value FROM series WHERE object_pk IN ({marks})",
                part):
            by_pk[pk][path] = last


# --------------------------------------------------------------------------- NQL
_TOKEN = re.compile(r"""\s*(?:(?P<lp>\()|(?P<rp>\))|`(?P<path>[^`]+)`(?::(?P<type>\w+))?
    |(?P<op>!=|>=|<=|=|>|<|\bNOT\s+CONTAINS\b|\bCONTAINS\b|\bMATCHES\b|\bEXISTS\b)
    |(?P<bool>\bAND\b|\bOR\b|\bNOT\b)|"(?P<str>(?:[^"\\]|\\.)*)"|(?P<num>-?\d+(?:\.\d+)?)
    |(?P<word>[A-Za-z_][\w/.-]*))""", re.X | re.I)


def parse_nql(query: str):
    """A subset of Neptune's NQL: `path`:type OP value, AND/OR/NOT, parentheses."""
    if not isinstance(query, str):
        raise NeptuneInvalidQueryException("query must be a str")
    tokens: list[tuple[str, str]] = []
    pos = 0
    q = query.strip()
    while pos < len(q):
        m = _TOKEN.match(q, pos)
        if not m or m.end() == pos:
            raise NeptuneInvalidQueryException(f"invalid query near {q[pos:pos + 20]!r}")
        pos = m.end()
        for k in ("lp", "rp", "path", "op", "bool", "str", "num", "word"):
            if m.group(k) is not None:
                tokens.append((k, m.group(k)))
                break
    it = _Parser(tokens, query)
    pred = it.expr()
    if it.i != len(tokens):
        raise NeptuneInvalidQueryException(f"unexpected text in query {query!r}")
    return pred


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.t, self.i, self.text = tokens, 0, text

    def peek(self) -> tuple[str, str] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.t):
            raise NeptuneInvalidQueryException(f"query {self.text!r} ends too early")
        tok = self.t[self.i]
        self.i += 1
        return tok

    def expr(self):
        left = self.term()
        while (p := self.peek()) and p[0] == "bool" and p[1].upper() == "OR":
            self.take()
            right = self.term()
            left = (lambda a, b: lambda r: a(r) or b(r))(left, right)
        return left

    def term(self):
        left = self.factor()
        while (p := self.peek()) and p[0] == "bool" and p[1].upper() == "AND":
            self.take()
            right = self.factor()
            left = (lambda a, b: lambda r: a(r) and b(r))(left, right)
        return left

    def factor(self):
        k, v = self.take()
        if k == "bool" and v.upper() == "NOT":
            inner = self.factor()
            return lambda r: not inner(r)
        if k == "lp":
            e = self.expr()
            if self.take()[0] != "rp":
                raise NeptuneInvalidQueryException(f"missing ')' in query {self.text!r}")
            return e
        if k != "path":
            raise NeptuneInvalidQueryException(f"expected a `path` in query {self.text!r}")
        path = v
        ok, op = self.take()
        if ok != "op":
            raise NeptuneInvalidQueryException(f"expected an operator after `{path}`")
        op = " ".join(op.upper().split())
        if op == "EXISTS":
            return lambda r: r.get(path) is not None
        vk, raw = self.take()
        value: Any = raw
        if vk == "num":
            value = float(raw)
        elif vk == "word":
            value = {"true": True, "false": False}.get(raw.lower(), raw)
        elif vk == "str":
            value = raw.replace('\\"', '"')
        return _compare(path, op, value)


def _norm(path: str, v: Any) -> Any:
    if path == "sys/state" and isinstance(v, str):
        return {"running": "active", "idle": "inactive"}.get(v.lower(), v.lower())
    return v


def _compare(path: str, op: str, value: Any):
    value = _norm(path, value)

    def pred(r: dict[str, Any]) -> bool:
        cur = _norm(path, r.get(path))
        if op in ("CONTAINS", "NOT CONTAINS"):
            has = (value in cur) if isinstance(cur, (set, str)) else False
            return has if op == "CONTAINS" else not has
        if op == "MATCHES":
            return isinstance(cur, str) and re.search(str(value), cur) is not None
        if cur is None:
            return op == "!="
        if isinstance(cur, bool) or isinstance(value, bool):
            cur_v, val_v = cur, value
        elif isinstance(cur, (int, float)) and isinstance(value, (int, float)):
            cur_v, val_v = float(cur), float(value)
        else:
            cur_v, val_v = str(cur), str(value)
        try:
            return {"=": cur_v == val_v, "!=": cur_v != val_v, ">": cur_v > val_v,
                    "<": cur_v < val_v, ">=": cur_v >= val_v, "<=": cur_v <= val_v}[op]
        except TypeError:
            return False
    return pred
