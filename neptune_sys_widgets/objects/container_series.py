"""The series side of an object: appends, the step rules, the queue buffers, reading
points back.

A role of ``Container`` (objects/container.py) in its own module. Appends are judged at
call time and queued column-wise (compact arrays per path), which is what keeps
``log_metrics`` loops fast; the fast paths fall back to the general one, which also
produces the precise error for anything they reject.
"""

from __future__ import annotations

import math
import operator
import time
from array import array
from itertools import islice, repeat

from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    MissingFieldException,
    NeptuneSeriesStepNonIncreasing,
    NeptuneSeriesStepNotAfterForkPoint,
    UnsupportedValueType,
)
from . import files as F
from . import values as V
from .background import BACKGROUND, _log
from .container_lifecycle import ContainerLifecycle
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .container_lifecycle import Op, Pending

_REJECTED = object()  # the last "value" of a fork's unlogged series: steps start at the fork
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
_timestamp = V.check_timestamp


class ContainerSeries(ContainerLifecycle):
    """Series appends and reads (``Handle.append``/``extend``/``log``, ``log_metrics``)."""

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

    def _series_exists(self, path: str) -> bool:
        return bool(self._store.series_info(self._pk, path))

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
            rejected = op.rejected = []  # type: ignore[attr-defined]  # (per attempt)
            for path, (type_, steps, vals, tss) in pending.items():
                skipped, stored = tx.append_chunk(pk, path, type_, steps, vals, tss)
                if skipped:
                    rejected.append((path, skipped, stored, steps[0]))
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

    def _log_line_steps(self, path: str, n: int, start: float) -> list[float]:
        """neptune-scale's steps for ``n`` new lines of captured text: 1e-6 apart, after
        ``start`` (a fork's step, else 0) or the series' last step, whichever is later
        (caller holds ``_ops_lock``, so threads logging at once do not collide)."""
        last = self._last_point(path)
        base = start if last is None or last[1] is _REJECTED else max(last[0], start)
        micros = round(base * 1_000_000)
        return [(micros + k) / 1_000_000 for k in range(1, n + 1)]

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
            if self._holds_atom(path):
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

    def _holds_atom(self, path: str) -> bool:
        """Whether ``path`` holds a single value: one this handle assigned (maybe still
        queued), else what the store holds, unless this handle deleted it since."""
        if path in self._atoms:
            return True
        if any(path == d or path.startswith(d + "/") for d in self._cleared):
            return False
        return self._store.attribute(self._pk, path) is not None

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

    def _report_overtaken(self, ops: list[Any]) -> None:
        """After a commit: points the store left out because another process had logged the
        series past them since this one last looked (Transaction.append_chunk) are
        reported as a step error here is, and the series' last step is read again."""
        for op in ops:
            for path, skipped, stored, first in getattr(op, "rejected", ()):
                cached = self._last.get(path)
                if cached is None or cached[0] <= stored:
                    self._last.pop(path, None)  # (points queued above it keep it)
                self._report(NeptuneSeriesStepNonIncreasing(
                    f"{self._label}: {path}: {skipped} point(s) from step {first:g} were not "
                    f"logged: another process logged the series up to step {stored:g} "
                    "meanwhile; steps must be strictly increasing"))

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
        seen = self._errors_seen
        if seen is None:
            seen = self._errors_seen = {}
        last_seen = seen.get(key)
        seen[key] = time.time()
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
            # as after an async flush, at the next round (waking the thread at every
            # sync append would make it compete with the training loop for the GIL)
            BACKGROUND.settle_soon(self._store, wake=False)
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

