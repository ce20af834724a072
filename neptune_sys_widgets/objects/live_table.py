"""A live, windowed listing: the kernel side of the runs and models tables (docs/DECISIONS.md #12).

Why it holds pks and not rows: a table of 100,000 runs shows ~40 of them. The listing keeps
only the matching pks in table order (an ``array`` of 8-byte ints plus a sorted copy for
membership), and reads the rows of the window the front end shows when it asks. A change
in the store is handled by revision: only the changed objects are re-read; the order is
recomputed only when a changed object entered or left the matches, or when the sort column
is one that changes (a heartbeat moves ``sys/ping_time``, never ``sys/creation_time``).

Why the order arrives in two steps: ordering 100,000 runs and reading their pks costs
~60-100 ms on a small machine, most of a sort's or a filter's budget, while the rows on
screen are the first few dozen. When the store can do the query by itself, a new order is
first its head (``ORDER BY ... LIMIT``, a bounded sort) and a count, which answers the first
windows and the total at once; the whole order is then computed on a worker thread and
replaces the head. Whatever needs rows past the head, or membership (a scroll further down,
a store change, "select all matching", shift-selected ranges), waits for it. Should the
whole order disagree with the head (the store changed in between), it is a new version and
``on_reorder`` is called, so the table re-sends its window.

Bulk edits are validated per object and applied in one transaction; an object that cannot
take the edit is reported with its reason and the others are applied.
"""

from __future__ import annotations

import math
import queue
import threading
import time
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

from .. import catalog
from ..exceptions import InvalidValueError, NeptuneInvalidQueryException
from ..store.base import Store
from ..store.clock import liveness_timeout_ms
from . import values as V
from .tables import _add_user_values, ordered_head, ordered_pks

__all__ = ["LiveListing", "DEFAULT_COLUMNS", "MAX_QUERY_CHARS", "MAX_IDS", "quick_query"]

DEFAULT_COLUMNS = {
    "run": ("sys/id", "sys/name", "sys/state", "sys/tags", "sys/group_tags", "sys/owner",
            "sys/creation_time", "sys/ping_time", "sys/failed", "sys/running_time"),
    "model_version": ("sys/id", "sys/model_id", "sys/name", "sys/stage", "sys/state",
                      "sys/tags", "sys/owner", "sys/creation_time", "sys/modification_time"),
}
MAX_QUERY_CHARS = 10_000
MAX_IDS = 100_000       # explicit ids in one bulk command (select-all-matching has no cap)
MAX_WINDOW = 500        # rows in one window
MAX_COLUMNS = 100
MAX_REJECTED = 200      # per-row rejections listed in a reply (the count is always given)
# Sort columns that no write after creation moves: a change never reorders the listing.
STABLE_SORT = {"sys/creation_time", "sys/id", "sys/custom_run_id", "sys/owner",
               "sys/hostname", "sys/model_id"}
QUICK_KEYS = ("state", "tag", "owner", "failed", "stage")
HEAD_ROWS = 200         # rows of a new order read first; the rest follows on a worker thread
MAX_HEAD = 5_000        # a window further down than this waits for the whole order anyway
FULL_WAIT_S = 30.0      # then whoever waits for the worker computes the order itself
# The worker starts a whole order this long after its head was answered: the reply and the
# render go first, and a quick succession of sorts or filters (each superseding the last)
# costs no whole orders at all. Anyone who needs it sooner computes it (takes the job).
IDLE_S = 0.25


class _Job:
    """The whole order of one listing version: computed by the worker thread, or by whoever
    needs it before the worker took it."""

    __slots__ = ("args", "at", "taken", "done", "failed", "interrupt")

    def __init__(self, args: dict[str, Any]) -> None:
        self.args, self.at = args, time.monotonic()
        self.taken = False  # by the worker or a waiter, under _run_lock
        self.done = threading.Event()
        self.failed = False
        # cuts short the worker's statement while it runs this job (store.interrupter())
        self.interrupt: Any = None


_jobs: queue.SimpleQueue | None = None
_jobs_lock = threading.Lock()
_run_lock = threading.Lock()
_worker: threading.Thread | None = None


def _take(job: _Job) -> bool:
    with _run_lock:
        if job.taken:
            return False
        job.taken = True
        return True


def _cancel(job: _Job) -> None:
    """A superseded job: never started, or its running statement interrupted (the worker's
    own connection; the lock makes sure the statement is still this job's)."""
    with _run_lock:
        if not job.taken:  # nobody will run it: release whoever waits for it
            job.taken = True
            job.done.set()
        elif job.interrupt is not None:
            job.interrupt()


def _submit(listing: LiveListing, job: _Job) -> None:
    """Queue ``job`` for the one worker thread of the process (started on first use; it
    keeps its own store connections, so it never shares one with the kernel's thread)."""
    global _jobs, _worker
    with _jobs_lock:
        if _jobs is None:
            _jobs = queue.SimpleQueue()
            _worker = threading.Thread(target=_work, args=(_jobs,), name="nsw-table-order",
                                       daemon=True)
            _worker.start()
    _jobs.put((weakref.ref(listing), job))


def _work(jobs: queue.SimpleQueue) -> None:
    while True:
        ref, job = jobs.get()
        wait = job.at + IDLE_S - time.monotonic()
        if wait > 0:
            job.done.wait(wait)  # set early if the job is superseded or taken meanwhile
        listing = ref()
        if listing is None or listing._job is not job or not _take(job):
            continue  # superseded, or taken by a waiter (who sets ``done``)
        try:
            interrupt = listing.store.interrupter()
            with _run_lock:
                if listing._job is job:
                    job.interrupt = interrupt
            pks = ordered_pks(listing.store, **job.args)
            with _run_lock:
                job.interrupt = None
            listing._finish(job, pks)
        except BaseException:  # noqa: BLE001 - a waiter computes it and sees the error
            job.failed = True
        finally:
            with _run_lock:
                job.interrupt = None
            job.done.set()
            del listing


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quick_query(quick: dict[str, Any]) -> list[str]:
    """Quick filters as NQL clauses, so they take the same path (and SQL pushdown) as a
    typed query."""
    out = []
    state = quick.get("state")
    if state:
        if state not in catalog.RUN_STATES:
            raise InvalidValueError(f"state filter must be one of {catalog.RUN_STATES}")
        out.append(f"(sys/state:experimentState = {state})")
    for key, path in (("tag", "sys/tags:stringSet CONTAINS"), ("owner", "sys/owner:string =")):
        v = quick.get(key)
        if v:
            if not isinstance(v, str) or len(v) > 1024:
                raise InvalidValueError(f"{key} filter must be a str of at most 1024 chars")
            out.append(f"({path} {_quote(v)})")
    failed = quick.get("failed")
    if failed is not None and failed != "":
        if not isinstance(failed, bool):
            raise InvalidValueError("failed filter must be true, false or empty")
        out.append(f"(sys/failed:bool = {'true' if failed else 'false'})")
    stage = quick.get("stage")
    if stage:
        if stage not in catalog.STAGES:
            raise InvalidValueError(f"stage filter must be one of {catalog.STAGES}")
        out.append(f"(sys/stage:string = {stage})")
    return out


def _iso(ms: int) -> str:
    dt = datetime.fromtimestamp(ms / 1000, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def json_value(v: Any) -> Any:
    """A cell value the front end can take (JSON has no NaN, sets or datetimes)."""
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=timezone.utc)
        return _iso(int(v.timestamp() * 1000))
    if isinstance(v, (set, frozenset, list, tuple)):
        return sorted(str(x) for x in v)
    return str(v)


class LiveListing:
    """A project's objects of one kind under a query and a sort, held as ordered pks.

    Thread-safe: the front end's commands run on the kernel's shell thread, store changes
    arrive on the feed's watcher thread; one lock orders them."""

    def __init__(self, store: Store, project_pk: int, kind: str, *,
                 columns: Sequence[str] | None = None, model_pk: int | None = None,
                 sort_by: str = "sys/creation_time", ascending: bool = False) -> None:
        if kind not in DEFAULT_COLUMNS:
            raise InvalidValueError(f"no table of {kind!r}")
        self.store, self.project_pk, self.kind, self.model_pk = store, project_pk, kind, model_pk
        self.listing = store.listing()
        self.lock = threading.RLock()
        self._ordering = threading.Lock()  # one new order at a time (shell and feed threads)
        self.query = ""
        self.quick: dict[str, Any] = {}
        self.sort_by, self.ascending = sort_by, ascending
        self.columns: list[str] = list(columns or DEFAULT_COLUMNS[kind])
        self.version = 0
        self.pks = array("q")  # the whole order, or its head while ``_job`` computes it
        self._total = 0
        self._job: _Job | None = None
        self._sorted: array | None = None
        self.on_reorder: Any = None  # called (any thread) when the whole order changed it
        self._rev = store.revision()
        self._window: tuple[int, int] = (0, 0)
        self._visible: dict[int, tuple[bool, int]] = {}  # pk -> (active, ping ms)
        self._user_types: dict[str, str] | None = None
        # called with (pk, row) of every row built for the front end, to add computed
        # values (a table's sparklines); runs on the thread that builds the rows
        self.decorate: Callable[[list[tuple[int, dict[str, Any]]]], None] | None = None
        self.recompute()

    @property
    def last_window(self) -> tuple[int, int]:
        """(start, count) of the rows a view asked for last (:meth:`window`): a table widget
        re-sends that slice when the listing changes."""
        return self._window

    # ------------------------------------------------------------------ columns
    def available_columns(self) -> list[dict[str, Any]]:
        """Every sys field of the kind and the project's user atoms and series."""
        out = [{"key": f.path, "label": f.path[4:], "type": f.type,
                "sortable": f.type != catalog.STRING_SET} for f in catalog.fields_for(self.kind)]
        for path, type_ in self.user_types().items():
            out.append({"key": path, "label": path, "type": type_,
                        "sortable": type_ not in ("string_set", "series:string")})
        return out

    def user_types(self) -> dict[str, str]:
        if self._user_types is None:
            self._user_types = dict(self.listing.user_paths(self.project_pk, self.kind))
        return self._user_types

    def set_columns(self, columns: Any) -> None:
        if not isinstance(columns, list) or not columns or len(columns) > MAX_COLUMNS or \
                not all(isinstance(c, str) for c in columns):
            raise InvalidValueError(f"columns must be a list of 1-{MAX_COLUMNS} column names")
        known = {c["key"] for c in self.available_columns()}
        bad = [c for c in columns if c not in known]
        if bad:
            raise InvalidValueError(f"no column {bad[0][:200]!r} in this table")
        with self.lock:
            self.columns = list(dict.fromkeys(["sys/id", *columns]))

    # ------------------------------------------------------------------ query
    def full_query(self, query: str | None = None, quick: dict[str, Any] | None = None
                   ) -> str | None:
        query = self.query if query is None else query
        parts = [f"({query})"] if query.strip() else []
        parts += quick_query(self.quick if quick is None else quick)
        return " AND ".join(parts) or None

    def set_filter(self, query: Any = None, quick: Any = None) -> None:
        """Change the query and/or the quick filters. An invalid one raises (naming the
        position in the user's own query) and the previous listing stays."""
        if query is None:
            query = self.query
        if not isinstance(query, str):
            raise NeptuneInvalidQueryException(
                f"query must be a str (was {type(query).__name__})")
        if len(query) > MAX_QUERY_CHARS:
            raise NeptuneInvalidQueryException(
                f"the query is {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
        if quick is None:
            quick = self.quick
        if not isinstance(quick, dict) or set(quick) - set(QUICK_KEYS):
            raise InvalidValueError(f"quick filters are {', '.join(QUICK_KEYS)}")
        if query.strip():
            from .nql import compile_query
            compile_query(query)  # errors point into what the user typed
        with self._ordering:
            order = self._order(self.full_query(query, quick), self.sort_by, self.ascending)
            with self.lock:
                self.query, self.quick = query, dict(quick)
                self._set_order(*order)

    def set_sort(self, by: Any, ascending: Any) -> None:
        if not isinstance(by, str) or not isinstance(ascending, bool):
            raise InvalidValueError("sort needs a column name and ascending true/false")
        col = next((c for c in self.available_columns() if c["key"] == by), None)
        if col is None:
            raise InvalidValueError(f"no column {by[:200]!r} to sort by")
        if not col["sortable"]:
            raise InvalidValueError(f"column {by!r} ({col['type']}) cannot be sorted by")
        with self._ordering:
            order = self._order(self.full_query(), by, ascending)
            with self.lock:
                self.sort_by, self.ascending = by, ascending
                self._set_order(*order)

    def recompute(self) -> None:
        with self._ordering:  # a live reorder never puts back the query a filter replaced
            order = self._order(self.full_query(), self.sort_by, self.ascending)
            with self.lock:
                self._set_order(*order)

    def _order(self, query: str | None, sort_by: str, ascending: bool
               ) -> tuple[array, int, dict[str, Any] | None]:
        """(pks, total, the arguments of the whole order if ``pks`` is only its head)."""
        args = {"project_pk": self.project_pk, "kind": self.kind, "query": query,
                "sort_by": sort_by, "ascending": ascending, "model_pk": self.model_pk}
        start, count = self._window
        need = max(HEAD_ROWS, start + max(count, HEAD_ROWS // 2))
        if need <= MAX_HEAD:
            got = ordered_head(self.store, limit=need, **args)
            if got is not None:
                head, total = got
                return head, total, (args if total > len(head) else None)
        pks = ordered_pks(self.store, **args)
        return pks, len(pks), None

    def _set_order(self, pks: array, total: int, rest: dict[str, Any] | None) -> None:
        self.pks, self._total = pks, total
        self._sorted = None  # built when a change first asks (40 ms at 100k rows)
        self.version += 1
        if self._job is not None:
            _cancel(self._job)
        self._job = None
        if rest is not None:
            self._job = _Job(rest)
            _submit(self, self._job)

    def _finish(self, job: _Job, pks: array) -> bool:
        """Put the whole order of ``job`` in place of its head (any thread). A new version,
        and ``on_reorder``, only if it does not continue what the head showed."""
        with self.lock:
            if self._job is not job:
                return False
            head = self.pks
            moved = len(pks) != self._total or pks[:len(head)] != head
            self.pks, self._total, self._sorted, self._job = pks, len(pks), None, None
            if moved:
                self.version += 1
        if moved and self.on_reorder is not None:
            self.on_reorder()
        return True

    def complete(self) -> None:
        """Wait until ``pks`` holds the whole order (computing it here if the worker fails
        or is slow). Never call it holding ``lock``: the worker needs it to finish."""
        while True:
            with self.lock:
                job = self._job
            if job is None:
                return
            if _take(job):  # not started yet: compute it here rather than wait
                try:
                    self._finish(job, ordered_pks(self.store, **job.args))
                except BaseException:
                    job.failed = True
                    raise
                finally:
                    job.done.set()
                continue
            # the worker itself (a table re-sending its window from ``on_reorder``) must
            # not wait for a job queued behind the one it runs
            if threading.current_thread() is not _worker and \
                    job.done.wait(FULL_WAIT_S) and not job.failed:
                continue  # in place, or superseded by a newer order: look again
            with self.lock:
                if self._job is not job:
                    continue
            self._finish(job, ordered_pks(self.store, **job.args))  # raises its error

    def __len__(self) -> int:
        return self._total

    def contains(self, pk: int) -> bool:
        """Whether ``pk`` is in the listing; waits for the whole order (so, like
        :meth:`complete`, not to be called under ``lock`` while one is computed)."""
        if self._job is not None:
            self.complete()
        s = self._sorted
        if s is None:
            s = self._sorted = array("q", sorted(self.pks))
        i = bisect_left(s, pk)
        return i < len(s) and s[i] == pk

    # ------------------------------------------------------------------ windows
    def window(self, start: Any, count: Any) -> dict[str, Any]:
        """Rows ``start .. start+count`` of the listing; remembered as what is visible."""
        if not isinstance(start, int) or isinstance(start, bool) or start < 0 or \
                not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InvalidValueError("a window is a start and a count (non-negative ints)")
        count = min(count, MAX_WINDOW)
        while True:
            with self.lock:
                if self._job is None or min(start, self._total) + count <= len(self.pks):
                    start = min(start, self._total)
                    pks = list(self.pks[start:start + count])
                    self._window = (start, count)
                    version, total = self.version, self._total
                    break
            self.complete()  # rows past the head of a new order
        rows = self.rows(pks)
        with self.lock:
            self._visible = {r["_pk"]: (r["_active"], r["_ping"]) for r in rows}
        for r in rows:
            for k in ("_pk", "_active", "_ping"):
                r.pop(k)
        return {"start": start, "total": total, "version": version, "rows": rows}

    def visible_pks(self) -> list[int]:
        with self.lock:
            start, count = self._window
            return list(self.pks[start:start + count])

    def rows(self, pks: Sequence[int]) -> list[dict[str, Any]]:
        """One JSON-friendly dict per pk: ``id`` plus a value per column."""
        recs = self.listing.window_sys_rows(pks)
        cols = list(self.columns)
        user = [c for c in cols if c not in catalog.BY_PATH]
        extra: list[dict[str, Any]] = [{} for _ in recs]
        if user and recs:
            _add_user_values(self.listing, [r["pk"] for r in recs], extra, paths=set(user))
        out = []
        for rec, ex in zip(recs, extra, strict=True):
            row: dict[str, Any] = {"id": rec["id"], "_pk": rec["pk"],
                                   "_active": rec["state"] == "active",
                                   "_ping": rec.get("ping_time") or 0}
            for c in cols:
                f = catalog.BY_PATH.get(c)
                if f is None:
                    row[c] = json_value(ex.get(c))
                    continue
                v = rec.get(f.trait)
                if f.type == catalog.DATETIME and isinstance(v, int):
                    v = _iso(v)
                elif f.type == catalog.BOOLEAN and v is not None:
                    v = bool(v)
                row[c] = json_value(v)
            out.append(row)
        if self.decorate is not None and out:
            self.decorate([(r["_pk"], r) for r in out])
        return out

    # ------------------------------------------------------------------ changes
    def changes(self, timer: bool = False) -> tuple[list[dict[str, Any]], bool]:
        """What a store change means for the table: the visible rows to re-send, and
        whether the order must be recomputed (:meth:`recompute`; the caller may defer it
        to coalesce a burst of changes)."""
        changed = self.store.changed_since(self._rev)
        stale: list[int] = []
        if timer:
            cutoff = self.store.now_ms() - liveness_timeout_ms()  # the store's clock
            with self.lock:
                stale = [pk for pk, (active, ping) in self._visible.items()
                         if active and ping < cutoff]
        if not changed and not stale:
            return [], False
        if changed:
            self._rev = max(r for _, r in changed)
        pks = sorted({pk for pk, _ in changed} | set(stale))
        reorder = False
        if changed:
            self.complete()  # membership needs the whole order (and not under the lock)
            now_matching = set(ordered_pks(self.store, self.project_pk, self.kind,
                                           query=self.full_query(), sort_by=self.sort_by,
                                           ascending=self.ascending, model_pk=self.model_pk,
                                           only_pks=pks))
            with self.lock:
                if self._job is not None:
                    reorder = True  # a new order arrived meanwhile: read it again after this
                elif any((pk in now_matching) != self.contains(pk) for pk in pks):
                    reorder = True  # an object entered or left the listing
                else:
                    reorder = self.sort_by not in STABLE_SORT and \
                        any(self.contains(pk) for pk in pks)
        if stale and "state" in (self.full_query() or ""):
            reorder = True
        with self.lock:
            visible = set(self._visible)
        patch = [pk for pk in pks if pk in visible]
        rows = self.rows(patch) if patch else []
        with self.lock:
            for r in rows:
                self._visible[r.pop("_pk")] = (r.pop("_active"), r.pop("_ping"))
        return rows, reorder

    # ------------------------------------------------------------------ bulk
    def resolve(self, ids: Any, all_matching: bool, ranges: Any = None, version: Any = None
                ) -> tuple[list[tuple[str, int]], list[dict]]:
        """(id, pk) of the objects a bulk command names, and the ids it cannot apply to.
        ``ranges`` are inclusive row positions in listing ``version`` (shift-selections
        over rows the browser never loaded); they are refused if the listing changed."""
        if all_matching:
            while True:  # exact: the whole order, never a head
                self.complete()
                with self.lock:
                    if self._job is None:
                        pks = list(self.pks)
                        break
            return self._ids_of(pks), []
        if ids is None:
            ids = []
        if not isinstance(ids, list) or len(ids) > MAX_IDS:
            raise InvalidValueError(f"a bulk command names a list of at most {MAX_IDS} ids "
                                    "(or all matching rows)")
        if not all(isinstance(i, str) and 0 < len(i) <= 800 for i in ids):
            raise InvalidValueError("ids must be non-empty strings")
        range_pks: list[int] = []
        if ranges:
            if not isinstance(ranges, list) or len(ranges) > 1000 or not all(
                    isinstance(r, list) and len(r) == 2 and all(
                        isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in r)
                    and r[0] <= r[1] for r in ranges):
                raise InvalidValueError("ranges are [first, last] row positions")
            self.complete()
            with self.lock:
                if version != self.version:
                    raise InvalidValueError("the table changed since these rows were "
                                            "selected; select them again")
                for a, b in ranges:
                    range_pks.extend(self.pks[a:b + 1])
        ids = list(dict.fromkeys(ids))
        found = self.listing.objects_by_id(self.project_pk, self.kind, ids)
        ok = [(i, found[i]) for i in ids if i in found]
        rejected = [{"id": i, "message": f"no {self.kind.replace('_', ' ')} {i!r} in this "
                     "project"} for i in ids if i not in found]
        if range_pks:
            seen = {pk for _, pk in ok}
            ok += [t for t in self._ids_of(list(dict.fromkeys(range_pks))) if t[1] not in seen]
        return ok, rejected

    def _ids_of(self, pks: list[int]) -> list[tuple[str, int]]:
        if not pks:
            return []
        ids_of = self.listing.ids_of(self.project_pk, self.kind)
        return [(ids_of[pk], pk) for pk in pks if pk in ids_of]

    def bulk(self, action: str, value: Any, targets: list[tuple[str, int]], read_only: bool
             ) -> tuple[list[str], list[dict[str, str]]]:
        """Apply ``action`` to ``targets``; (applied ids, rejected [{id, message}]).
        A read-only table changes no data, but may ask a run's process to stop or abort
        (a request to the owner, as a read-only card's Stop button is)."""
        if read_only and action not in ("stop", "abort"):
            return [], [{"id": i, "message": f"{i}: the table was opened read-only"}
                        for i, _ in targets]
        pks = [pk for _, pk in targets]
        if action in ("add_tags", "remove_tags", "add_group_tags", "remove_group_tags"):
            path = "sys/group_tags" if "group" in action else "sys/tags"
            tags = V.check_tags(value, "table", path)
            if pks:
                self.listing.bulk_set_op(pks, path, action.split("_")[0], tags)
            return [i for i, _ in targets], []
        if action == "trash":
            if pks:
                self.listing.bulk_trash(pks)
            return [i for i, _ in targets], []
        if action == "change_stage":
            if self.kind != "model_version":
                raise InvalidValueError("only model versions have a stage")
            stage = V.check_stage(value, "table")
            if pks:
                self.listing.bulk_columns(pks, {"stage": stage})
            return [i for i, _ in targets], []
        if action in ("stop", "abort"):
            from .container import request
            applied, rejected = [], []
            for i, pk in targets:
                if request(self.store, pk, action):
                    applied.append(i)
                else:
                    rejected.append({"id": i, "message": f"{i}: no live process is attached "
                                     f"to it, so there is nothing to {action}"})
            return applied, rejected
        raise InvalidValueError(f"unknown bulk action {str(action)[:100]!r}")
