"""Runs: ``init_run`` (1.x spelling) and ``Run(...)`` (3.x / neptune-scale spelling)."""

from __future__ import annotations

import math
import os
import threading
import time
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone

from .. import catalog
from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    NeedExistingRunForReadOnlyMode,
    NeptuneRunResumeAndCustomIdCollision,
    ProjectDeleted,
    RunNotFound,
)
from . import failure
from . import values as V
from .background import BACKGROUND
from .container import Container, resolve_mode
from .host import hostname, session_hash
from .project import object_url, owner, project_by_pk, resolve_project, store_for

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any, TypeGuard

    from _typeshed import DataclassInstance

    from ..store.base import Store
    from .project import ProjectRef

_ADJECTIVES = ("brave", "calm", "eager", "fancy", "gentle", "happy", "jolly", "keen", "lively",
               "merry", "nimble", "proud", "quick", "swift", "witty", "zesty")
_NOUNS = ("badger", "crane", "dolphin", "falcon", "gecko", "heron", "ibis", "lynx", "marten",
          "otter", "panda", "quail", "raven", "salmon", "tapir", "walrus")

_LAG_THRESHOLD_1X = 1800.0  # 1.x's default async_lag_threshold, in seconds

_RUN_1X_ARGS = {"api_token", "source_files", "capture_stdout", "capture_stderr",
                "capture_hardware_metrics", "monitoring_namespace", "flush_period", "proxies",
                "git_ref", "dependencies", "async_lag_callback", "async_lag_threshold",
                "async_no_progress_callback", "async_no_progress_threshold", "tags",
                "description", "name", "with_id", "custom_run_id", "fail_on_exception",
                "capture_traceback"}
_RUN_3X_ARGS = {"run_id", "resume", "experiment_name", "creation_time", "fork_run_id",
                "fork_step", "log_directory", "max_queue_size", "async_lag_threshold",
                "on_async_lag_callback", "on_queue_full_callback", "on_network_error_callback",
                "on_error_callback", "on_warning_callback", "inherit_configs",
                "enable_console_log_capture", "runtime_namespace", "source_tracking_config",
                "system_namespace", "dependencies"}


def run_arguments() -> frozenset[str]:
    """Every keyword argument ``Run(...)`` / ``init_run`` understands, of both clients."""
    return frozenset(_RUN_1X_ARGS | _RUN_3X_ARGS)


def generate_run_id() -> str:
    """``adjective-noun-<UTC yyyymmddHHMMSSmmm>-<5 chars>`` as neptune-scale does."""
    t = datetime.now(timezone.utc)
    stamp = t.strftime("%Y%m%d%H%M%S") + f"{t.microsecond // 1000:03d}"
    import random
    import string
    tail = "".join(random.choices(string.ascii_lowercase + string.digits, k=5))
    return f"{random.choice(_ADJECTIVES)}-{random.choice(_NOUNS)}-{stamp}-{tail}"


def _monitoring_namespace() -> str:
    raw = f"{hostname()}{os.getpid()}{threading.get_ident()}"
    return "monitoring/" + session_hash(raw)[-8:]


SESSION_KEYS = ("hostname", "pid", "tid")  # what each attachment records under its namespace


def is_session_path(path: str) -> bool:
    """``monitoring/<8 hex>/hostname|pid|tid``: a session's own record (1.x wrote them too),
    which neptune-scale's runs never had, so the neptune-query reads leave them out."""
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "monitoring" and parts[2] in SESSION_KEYS and \
        len(parts[1]) == 8 and all(ch in "0123456789abcdef" for ch in parts[1])


def _custom_run_id(run_id: str | None, a: dict[str, Any], *, generate: bool) -> str | None:
    """The custom run id a ``Run(...)`` names (``run_id`` / ``custom_run_id``, the
    environment, or a generated one for a new 3.x run), checked before anything opens."""
    with_id = a.get("with_id")
    custom = a.get("custom_run_id")
    if run_id is not None and custom is not None and run_id != custom:
        raise InvalidValueError("pass either run_id or custom_run_id, not both")
    custom = custom if custom is not None else run_id
    if with_id is not None and custom is not None:
        raise NeptuneRunResumeAndCustomIdCollision(
            "with_id and custom_run_id/run_id cannot be used together: with_id resumes "
            "a run by its sys/id, a custom run id names a new or existing run")
    if custom is None and with_id is None:
        custom = os.environ.get("NEPTUNE_CUSTOM_RUN_ID") or None
        if custom is None and generate:
            custom = generate_run_id()
    if custom is not None:
        V.check_custom_run_id(custom, "run_id" if run_id is not None else "custom_run_id")
    return custom


class _NewRunArgs:
    """What a new or resumed run is given (fork, experiment, tags, name, description,
    creation time), judged at call time: nothing is stored when one is wrong."""

    def __init__(self, a: dict[str, Any]) -> None:
        fork_run_id, fork_step = a.get("fork_run_id"), a.get("fork_step")
        if (fork_run_id is None) != (fork_step is None):
            raise InvalidValueError("`fork_run_id` and `fork_step` must be used together.")
        if fork_run_id is not None:
            V.check_custom_run_id(fork_run_id, "fork_run_id")
            fork_step = V.check_step(fork_step, "run", "fork_step")
        self.fork_run_id, self.fork_step = fork_run_id, fork_step
        self.experiment = experiment = a.get("experiment_name")
        if experiment is not None:
            if not isinstance(experiment, str) or not experiment:
                raise InvalidValueError("experiment_name must be a non-empty str")
            V.check_text(experiment, "run", "experiment_name")
            if len(experiment.encode()) > V.CUSTOM_ID_MAX_BYTES:
                raise InvalidValueError(f"experiment_name must not exceed "
                                        f"{V.CUSTOM_ID_MAX_BYTES} bytes")
        tags = a.get("tags")
        self.tags = [] if tags is None else V.check_tags(tags, "run", "sys/tags")
        self.name, self.description = a.get("name"), a.get("description")
        for path, value in (("sys/name", self.name), ("sys/description", self.description)):
            if value is not None:
                V.check_sys_value(catalog.BY_PATH[path], value, "run")
        self.creation_time = a.get("creation_time")
        if self.creation_time is not None:
            if not isinstance(self.creation_time, datetime):
                raise InvalidTypeError("creation_time must be a datetime")
            V.to_ms(self.creation_time, "creation_time")


def _find_run(s: Store, with_id: str | None, custom: str | None, project: str | None,
              write: bool) -> tuple[Any, ProjectRef]:
    """The stored run a ``Run(...)`` resumes (None: a new one) and its project."""
    found = None
    if with_id is not None:
        V.check_id(with_id, "with_id")
        found = s.find_by_id(with_id, ("run",))
        if found is None:
            raise RunNotFound(f"No existing run was found at {with_id!r} in store "
                              f"{s.path!r}")
        ref = project_by_pk(s, found[3])
    else:
        ref = resolve_project(project, s, create=write)
    if found is None and custom is not None:
        found = s.find_by_custom_id(ref.pk, custom)
    if found is None and not write:
        raise NeedExistingRunForReadOnlyMode(
            "read-only mode needs an existing run: pass with_id= (or the run_id of an "
            "existing run)")
    return found, ref


def _records_session(a: dict[str, Any]) -> bool:
    """Whether an ``init_run`` session writes its record (hostname, pid, tid) under the
    monitoring namespace: as in 1.x, only when it captures anything (stdout, stderr,
    hardware or the traceback), so a run with every capture off has no ``monitoring``."""
    if a.get("capture_traceback", True):
        return True
    flags = [a.get(k) for k in ("capture_stdout", "capture_stderr", "capture_hardware_metrics")]
    if any(flags):
        return True
    if all(f is not None for f in flags):
        return False
    from .monitoring import interactive  # the others' default: on outside a notebook
    return not interactive()


_CALLBACK_ARGS = frozenset((
    "on_error_callback", "on_warning_callback", "on_network_error_callback",
    "on_queue_full_callback", "on_async_lag_callback", "async_lag_callback",
    "async_no_progress_callback"))


def _check_callbacks(a: dict[str, Any]) -> None:
    for arg in _CALLBACK_ARGS.intersection(a):  # most runs name none of them
        cb = a[arg]
        if cb is not None and not callable(cb):
            raise InvalidTypeError(f"{arg} must be callable (was {type(cb).__name__})")


class _Policy:
    """What a run does when the process fails or its data waits: read at those moments
    only, so one slot object instead of four attributes of every run (see ``_said_held``
    in container_lifecycle.py for why a run's attribute count matters)."""

    __slots__ = ("fail_on_exception", "capture_traceback", "lag_callback", "lag_threshold")

    def __init__(self, a: dict[str, Any]) -> None:
        self.fail_on_exception = bool(a.get("fail_on_exception", True))
        self.capture_traceback = bool(a.get("capture_traceback", True))
        self.lag_callback = a.get("on_async_lag_callback") or a.get("async_lag_callback")
        self.lag_threshold = float(a.get("async_lag_threshold") or _LAG_THRESHOLD_1X)


class Run(Container):
    """A run. ``Run(...)`` accepts both client generations' arguments; without an id it
    generates a custom run id (3.x behaviour), while ``init_run()`` leaves it empty (1.x)."""

    _kind = "run"

    def __init__(self, run_id: str | None = None, *, project: str | None = None,
                 mode: str | None = None, store: Any = None, _generate_id: bool = True,
                 **kwargs: Any) -> None:
        began = time.monotonic()
        unknown = set(kwargs) - _RUN_1X_ARGS - _RUN_3X_ARGS
        if unknown:
            raise TypeError(f"Run() got an unexpected keyword argument '{sorted(unknown)[0]}'")
        a = kwargs
        mode = resolve_mode(mode)
        self._policy = _Policy(a)
        self._monitoring_ns = a.get("monitoring_namespace") or _monitoring_namespace()
        if not _generate_id and not _records_session(a):
            self._session_record = False
        with_id = a.get("with_id")
        custom = _custom_run_id(run_id, a, generate=_generate_id and mode != "read-only")
        new = _NewRunArgs(a)
        s = self._open_log(project, custom, store, a) if mode == "offline" else \
            store_for(mode, store)
        write = mode != "read-only"
        try:
            pk, sys_id, attachment, origin = self._open_run(s, with_id, custom, project,
                                                            write, new, a, _generate_id)
        except ProjectDeleted:  # by another process since this one found it: made anew
            pk, sys_id, attachment, origin = self._open_run(s, with_id, custom, project,
                                                            write, new, a, _generate_id)
        super().__init__(s, pk, sys_id, mode, attach=False)
        self._attachment = attachment
        # a run made here knows its origin (a read fewer: a round trip on a server store)
        self._creation = origin if origin is not None else s.run_origin(pk)
        self._custom_run_id = custom if custom is not None else self._creation[3]
        if self._creation[2] is not None:
            self._fork_floor = self._creation[1]
        self._experiment_name = new.experiment or self._creation[4]
        _check_callbacks(a)
        self._on_error_callback = a.get("on_error_callback")
        self._monitored = False
        if write:
            self._start_session(a, scale=_generate_id)
            self._after_commit(time.monotonic() - began)  # the creation itself is stored

    def _open_run(self, s: Store, with_id: str | None, custom: str | None,
                  project: str | None, write: bool, new: _NewRunArgs, a: dict[str, Any],
                  scale: bool) -> tuple[int, str, int | None, tuple | None]:
        """(pk, sys id, attachment, origin) of the run found or made: ``_create``'s origin,
        None for a run that was there."""
        found, ref = _find_run(s, with_id, custom, project, write)
        self._project = ref
        if found is None:
            return self._create(ref, custom, new.name, new.description, new.tags,
                                new.experiment, new.fork_run_id, new.fork_step,
                                new.creation_time, a.get("inherit_configs", True),
                                self._source_rows(s, a, scale=scale))
        attachment = self._resume(found[0], new.name, new.description, new.tags,
                                  new.experiment) if write else None
        return found[0], found[2], attachment, None

    _offline_log = None  # an offline run's log file (objects/offline_log.py)
    _session_record = True  # monitoring/<hash>/hostname|pid|tid (see _records_session)

    def _open_log(self, project: str | None, custom: str | None, store: Any,
                  a: dict[str, Any]) -> Store:
        """An offline run's own log (objects/offline_log.py): it never reaches a store, so
        naming one is a contradiction, refused rather than half obeyed."""
        if store is not None:
            raise InvalidValueError("mode='offline' writes to a local log (log_directory=), "
                                    "not to a store: pass store= or mode='offline', not both")
        if a.get("fork_run_id") is not None and a.get("inherit_configs") is False:
            raise InvalidValueError("inherit_configs=False is not supported offline: an "
                                    "offline fork takes its parent's configs when it is "
                                    "synced (README, 'Offline runs and neptune-sys sync')")
        from . import offline_log
        from .project import qualify
        qualify(project)  # a wrong name is refused before a log is made for it
        self._offline_log = path = offline_log.new_log_path(project, custom,
                                                            a.get("log_directory"))
        self._log_lock = offline_log.hold(path)
        return offline_log.open_log(path)

    @property
    def offline_log(self) -> Any:
        """Where an offline run's data waits for ``neptune-sys sync`` (a ``Path``; None
        for a run that writes to the store)."""
        return self._offline_log

    def _start_session(self, a: dict[str, Any], *, scale: bool) -> None:
        """What a writing session runs beside the user's calls: flush and heartbeat,
        failure marking, console and hardware capture."""
        BACKGROUND.register(self)
        failure.install()
        from .monitoring import start  # lazy: a read-only handle never needs it
        self._monitored = start(self, a, scale=scale)

    def _after_commit(self, lag: float) -> None:
        """The async-lag callback (neptune-scale ``on_async_lag_callback``, 1.x
        ``async_lag_callback``): called when stored data waited longer than
        ``async_lag_threshold`` seconds; an error in it is logged, never raised."""
        cb = self._policy.lag_callback
        if cb is not None and lag > self._policy.lag_threshold:
            try:
                cb()
            except Exception:  # noqa: BLE001 - a user callback must not stop the writes
                from .background import _log
                _log().exception("%s: the async lag callback failed", self._label)

    @staticmethod
    def _source_rows(store: Any, a: dict[str, Any], *, scale: bool
                     ) -> list[tuple[str, str, Any]]:
        """A new run's source code and git state (objects/source_code.py), neptune-scale's
        layout for ``Run(...)``, 1.x's for ``init_run``, as rows the creating transaction
        writes (so a sync create commits once). Never fatal to the run."""
        from .source_cache import record  # a module, not a package: no _handle_fromlist
        try:
            return record(store, a, scale=scale)
        except Exception as e:  # noqa: BLE001 - recording the source must not stop a run
            warnings.warn(f"run: the source code was not recorded: {e}", stacklevel=5)
            return []

    def stop(self, seconds: float | None = None) -> None:
        """Stop recording the console and hardware first, so that what the run printed
        up to here (its last unended line too) is queued before the final flush."""
        if self._monitored and not self._stopped:
            from .monitoring import stop
            stop(self)
            self._monitored = False  # handed its lines: no delivery at the final flush
        stopping = not self._stopped
        super().stop(seconds)
        if stopping and self._offline_log is not None:
            self._store.close()  # the log is the run's alone: a sync may move it now
            from . import offline_log
            offline_log.release(self._log_lock)
            offline_log.said_where(self._offline_log)

    def _flush_or_raise(self) -> None:
        """``wait()``/``sync()`` also store the console lines printed so far, so a read
        right after them sees what the script printed before calling."""
        if self._monitored and not self._stopped:
            from . import monitoring
            monitoring.deliver()
        super()._flush_or_raise()

    # --------------------------------------------------------------- creation
    def _create(self, ref, custom, name, description, tags, experiment, fork_run_id,
                fork_step, creation_time, inherit_configs, source_rows
                ) -> tuple[int, str, int, tuple | None]:
        """(pk, sys id, attachment, origin): origin is ``Store.run_origin``'s tuple for a
        run made here, None when another process made it first (then it is read, and
        ``source_rows``, the new run's source record, are not written)."""
        s = ref.store
        host = hostname()
        pid = os.getpid()
        ns = self._monitoring_ns

        def tx(t_):
            if custom is not None:  # another process may have created it meanwhile
                hit = t_.find_by_custom_id(ref.pk, custom)
                if hit:
                    return hit[0], hit[2], self._resume_tx(t_, hit[0], name, description,
                                                           tags, experiment), None
            n = t_.next_run_number(ref.pk)  # first: on a server, its reply brings the time
            t = t_.now_ms()
            created = V.to_ms(creation_time) if creation_time is not None else t
            sys_id = f"{ref.key}-{n}"
            parent = None
            if fork_run_id is not None:
                hit = t_.find_by_custom_id(ref.pk, fork_run_id)
                if hit is not None:
                    parent = (hit[0], *t_.object_row(hit[0], ("forking_depth",
                                                              "description")))
            values = {
                "id": sys_id, "custom_run_id": custom,
                "name": name if name is not None else (experiment or "Untitled"),
                "description": description if description is not None else
                (parent[2] if parent else ""),
                "owner": owner(), "hostname": host, "creation_time": created,
                "modification_time": t, "ping_time": t, "failed": 0, "size": 0.0,
                "trashed": 0, "experiment_name": experiment,
                "experiment_is_head": 1 if experiment else 0,
                "forking_parent": fork_run_id if parent else None,
                "forking_requested_parent": fork_run_id,
                "forking_depth": (parent[1] or 0) + 1 if parent else 0,
                # an offline fork keeps its step for the sync that finds its parent
                "forking_step": fork_step if parent or self._offline_log else None,
                "relative_creation_time_ms": 0,
            }
            pk = t_.insert_object(ref.pk, "run", values,
                                  parent_pk=parent[0] if parent else None)
            if parent:
                t_.copy_fork_state(pk, parent[0], configs=inherit_configs)
            t_.set_add(pk, "sys/tags", tags)
            if experiment:
                t_.claim_experiment_head(ref.pk, experiment, pk)
            att = self._attach_tx(t_, pk, pid, host, ns, new=True, extra=source_rows)
            t_.recompute_size(pk)
            return pk, sys_id, att, (created, values["forking_step"],
                                     parent[0] if parent else None, custom, experiment)

        out = s.write(tx)
        if fork_run_id is not None and s.fork_parent(out[0])[0] is None:
            warnings.warn(f"fork parent {fork_run_id!r} was not found in project "
                          f"{ref.name!r}; the run was created as a root run", stacklevel=4)
        return out

    def _attach_tx(self, tx, pk, pid, host, ns, new: bool = False, extra=()) -> int:
        """Attach this session; its own record and ``extra`` rows in one statement."""
        if not new:  # a run made by this transaction has neither requests nor old sessions
            tx.discard_requests(pk)  # left for a session that is gone
        att = tx.attach(pk, pid, host, new=new)
        record = zip(SESSION_KEYS, (host, str(pid), str(threading.get_ident())),
                     strict=True) if self._session_record else ()
        rows = [*((f"{ns}/{key}", "string", value) for key, value in record), *extra]
        if rows:
            tx.put_attributes(pk, rows)
        return att

    def _resume_tx(self, tx, pk, name, description, tags, experiment) -> int:
        cols = {}
        if name is not None:
            cols["name"] = name
        if description is not None:
            cols["description"] = description
        if cols:
            tx.set_columns(pk, cols)
        tx.set_add(pk, "sys/tags", tags)
        if experiment:
            tx.claim_experiment_head(self._project.pk, experiment, pk)
        att = self._attach_tx(tx, pk, os.getpid(), hostname(), self._monitoring_ns)
        if cols or tags or experiment:
            tx.touch(pk)
        return att

    def _resume(self, pk, name, description, tags, experiment) -> int:
        return self._project.store.write(
            lambda tx: self._resume_tx(tx, pk, name, description, tags, experiment))

    def _creation_ms(self) -> int | None:
        return self._creation[0]

    def _lineage(self) -> list[tuple[int, float | None]]:
        return fork_lineage(self._store, self._pk)

    # ------------------------------------------------------------------ ids, urls
    @property
    def _run_id(self) -> str | None:
        """The custom run id (neptune-scale's ``run._run_id``, read by its forking docs)."""
        return self._custom_run_id

    @property
    def _fork_step(self) -> float | None:
        """The step this run was forked at, None for a root run (neptune-scale's
        ``run._fork_step``: user-side monitors log from ``fork_step + 1``)."""
        return self._creation[1]

    @property
    def monitoring_namespace(self) -> str:
        """Where 1.x kept this session's monitoring series (``monitoring/<hash>``); the
        python logger integration writes under it too."""
        return self._monitoring_ns

    def append_log_lines(self, path: str, lines: list[str], timestamps: list[float]) -> None:
        """Captured text as neptune-scale stores it (its console capture and
        ``NeptuneLoggingHandler``): one string-series point per line, steps 1e-6 apart
        after the fork step (0 for a root run) or after the series' last step."""
        with self._ops_lock:
            steps = self._log_line_steps(path, len(lines), float(self._creation[1] or 0.0))
            self._append(path, lines, steps, timestamps)

    def get_url(self) -> str:
        """A ``file:`` reference to the store, ``#project/sys-id`` (there is no web app)."""
        return object_url(self._store, self._project.name, self._sys_id)

    def get_run_url(self) -> str:
        return self.get_url()

    def get_experiment_url(self) -> str:
        name = self._experiment_name or self._read_sys().get("experiment_name")
        if name is None:
            raise InvalidValueError("`experiment_name` was not provided during Run "
                                    "initialization")
        return object_url(self._store, self._project.name, f"experiment/{name}")

    # ------------------------------------------------------------------ 3.x API
    def log_metrics(self, data: Mapping[str, float], step: float | None = None,
                    timestamp: datetime | float | None = None, *,
                    preview: bool = False, preview_completion: float | None = None) -> None:
        """Queue metric points. The hot path: validation plus one list append per value."""
        if self._stopped or self._mode == "read-only":
            self._ensure_writable()
        if type(data) is not dict and not isinstance(data, Mapping):
            raise InvalidTypeError(f"{self._label}: log_metrics takes a mapping of metric "
                                   f"names to numbers (was {type(data).__name__})")
        if preview:
            # neptune-scale's in-progress values, replaced by the final point at that step
            # and left out of reads by default: not stored here (README, differences)
            if preview_completion is not None and (
                    type(preview_completion) not in (int, float)
                    or not 0 <= preview_completion <= 1):
                raise InvalidValueError(f"{self._label}: preview_completion must be between "
                                        f"0 and 1 (was {preview_completion})")
            return
        ts = time.time() if timestamp is None else _ts(timestamp)
        if step is None:
            with self._ops_lock:  # two threads must not both take the same next step
                self._log_metrics(data, self._next_auto_step(data), ts)
            return
        if type(step) is not int or step < 0 or step >= 1_000_000_000_000:
            step = V.check_step(step, self._label, "step")
        last = self._last
        if len(data) == 1 and self._mode != "sync":
            # Fast path, the typical call: one finite float on a known series whose queue
            # buffer exists (so the batch is already marked dirty). Anything else falls
            # through to the general path below, which validates everything again.
            for key, value in data.items():
                prev = last.get(key) if type(key) is str else None
                if prev is not None and type(value) is float and step > prev[0]:
                    lock = self._ops_lock
                    lock.acquire()
                    try:
                        buf = self._pending.get(key)
                        # `last[key] is prev`: no other thread appended since the step check
                        if buf is not None and buf[0] == "float" and last.get(key) is prev:
                            last[key] = (step, value)
                            buf[1].append(step)
                            buf[2].append(value)
                            buf[3].append(ts)
                            return
                    finally:
                        lock.release()
        self._log_metrics(data, step, ts)

    def _log_metrics(self, data: Mapping[str, Any], step: float, ts: float) -> None:
        """log_metrics' general path: validate everything, then judge steps and queue under
        the ops lock, against the last steps as they are then (threads share a run)."""
        last = self._last
        accepted = self._judged_metrics(data)
        lock = self._ops_lock
        lock.acquire()  # explicit: half the cost of a with-block, which matters per point
        try:
            kept = []
            for key, value in accepted:  # everything validated: now drop bad steps
                prev = last.get(key) or self._last_point(key)
                if prev is not None and step <= prev[0]:
                    if step == prev[0] and (value == prev[1] or value != value):
                        continue  # a repeated point is ignored, as the server does
                    self._reject_step(key, step, prev[0])
                    continue
                kept.append((key, value))
            if not kept:
                return
            if self._mode == "sync":
                self._commit([self._points_op([(k, "float", step, v, ts) for k, v in kept])])
                for key, value in kept:  # bookkeeping only for stored points
                    last[key] = (step, value)
                return
            if self._failure is not None:
                self._check_held()
            pending = self._pending
            was_empty = not pending
            for key, value in kept:
                last[key] = (step, value)
                buf = pending.get(key)
                if buf is None or buf[0] != "float":
                    buf = self._new_buffer(key, "float")
                    pending = self._pending
                buf[1].append(step)
                buf[2].append(value)
                buf[3].append(ts)
        finally:
            lock.release()
        if was_empty:  # else the batch is already marked for the background flusher
            BACKGROUND.mark_dirty(self)

    def _judged_metrics(self, data: Mapping[str, Any]) -> list[tuple[str, float]]:
        """(path, float value) of each entry that can be logged; an entry neptune-scale
        would drop is dropped and said (objects/log_failures.py); a path that breaks the
        rules or holds something else raises, nothing of the call logged."""
        last = self._last
        accepted = []
        for key, value in data.items():
            prev = last.get(key) if type(key) is str else None
            if prev is None:  # a path seen for the first time is judged like any other path
                if not isinstance(key, str):
                    _drop(self._label, "Field paths must be strings (got `{}`)", key)
                    continue
                V.check_path(key, self._label)
                V.check_series_path(key, self._label, "run")
                prev = self._last_point(key)
                if prev is None and self._holds_atom(key):
                    raise InvalidTypeError(f"{self._label}: {key} holds a single value, not a "
                                           "series; nothing of this call was logged")
            if type(value) is not float:
                number = _metric_value(value)
                if number is None:
                    _drop(self._label, "Metrics' values must be float or int (got `{}`:`{}`)",
                          key, value)
                    continue
                value = number
            if prev is not None and prev[1] is not None and self._series_kind(key, prev) \
                    == "string":
                raise InvalidTypeError(f"{self._label}: {key} is a StringSeries; metric "
                                       "values do not fit it; nothing of this call was logged")
            accepted.append((key, value))
        return accepted

    def _next_auto_step(self, data: Mapping[str, Any]) -> float:
        best = -1.0
        for key in data:
            prev = self._last.get(key) if type(key) is str else None
            if prev is None and type(key) is str:  # judged before it reaches the store
                prev = self._last_point(V.check_path(key, self._label))
            if prev is not None:
                best = max(best, prev[0])
        return math.floor(best) + 1.0

    def log_configs(self, data: Mapping[str, Any] | None = None, flatten: bool = False,
                    cast_unsupported: bool = False) -> None:
        if data is None:
            return
        self._ensure_writable()
        if _is_dataclass(data):
            import dataclasses
            data = dataclasses.asdict(data)
        if not isinstance(data, Mapping):
            raise InvalidTypeError(f"{self._label}: log_configs takes a mapping or a "
                                   f"dataclass (was {type(data).__name__})")
        items = _flatten_configs(data) if flatten else list(data.items())
        from .handles import StringSet
        prepared = []
        for path, value in items:
            if cast_unsupported:
                value = _cast_unsupported(value)
            if not isinstance(path, str):
                _drop(self._label, "Field paths must be strings (got `{}`)", path)
                continue
            if isinstance(value, (list, set, tuple)):
                value = StringSet(list(value))
            prepared.append((V.check_path(path, self._label), value))
        ops = self._assign_ops(prepared, skip_unsupported=self._drop_config)  # all judged first
        self._ensure_writable()
        self._write(lambda tx: [op(tx) for op in ops] and None)

    def _drop_config(self, path: str, value: Any) -> None:
        """A config value of a type no attribute holds: neptune-scale drops it (or raises,
        NEPTUNE_LOG_FAILURE_ACTION=raise) and logs the rest of the call."""
        _drop(self._label, "Config values must be float, bool, int, str, datetime, list, set "
                           "or tuple (got `{}`:`{}`)", path, value)

    def add_tags(self, tags: Iterable[str], group_tags: bool = False) -> None:
        self._tag_op("add", tags, group_tags)

    def remove_tags(self, tags: Iterable[str], group_tags: bool = False) -> None:
        self._tag_op("remove", tags, group_tags)

    def _tag_op(self, op: str, tags: Any, group_tags: bool) -> None:
        path = "sys/group_tags" if group_tags else "sys/tags"
        if isinstance(tags, str):
            raise InvalidTypeError(f"{self._label}: {path}: tags must be a list, set or tuple "
                                   "of str (got a bare str)")
        self._set_op(path, op, tags)

    def log_string_series(self, data: Mapping[str, str], step: float | None,
                          timestamp: Any = None) -> None:
        if not isinstance(data, Mapping):
            raise InvalidTypeError(f"{self._label}: log_string_series takes a mapping of "
                                   f"series names to str (was {type(data).__name__})")
        kept = {}
        for key, value in data.items():  # every entry judged before any is appended
            if not isinstance(key, str):
                _drop(self._label, "Field paths must be strings (got `{}`)", key)
            elif not isinstance(value, str):
                _drop(self._label, "String series values must be strings (got `{}`:`{}`)",
                      key, value)
            else:
                kept[key] = value
        for key, value in kept.items():
            self[key].append(value, step=step, timestamp=timestamp)

    def log(self, *, metrics: Mapping[str, float] | None = None, step: float | None = None,
            configs: Mapping[str, Any] | None = None, tags_add: Any = None,
            tags_remove: Any = None, timestamp: Any = None) -> None:
        if configs:
            self.log_configs(configs)
        if metrics:
            self.log_metrics(metrics, step=step, timestamp=timestamp)
        for op, spec in (("add", tags_add), ("remove", tags_remove)):
            if spec is not None and not isinstance(spec, Mapping):
                raise InvalidTypeError(f"{self._label}: tags_{op} takes a mapping of set "
                                       f"paths to tags (was {type(spec).__name__})")
            for path, values in (spec or {}).items():
                self._set_op(path, op, list(values), create=True)

    def _log(self, step: float | None = None, timestamp: Any = None, *,
             configs: Mapping[str, Any] | None = None,
             metrics: Mapping[str, float] | None = None,
             string_series: Mapping[str, str] | None = None,
             histograms: Mapping[str, Any] | None = None,
             files: Mapping[str, Any] | None = None,
             file_series: Mapping[str, Any] | None = None,
             tags_add: Any = None, tags_remove: Any = None) -> None:
        """neptune-scale's one-call form behind ``log_*`` (its own e2e harnesses call it):
        each part goes through the public call for it; files and histograms are refused
        as those calls refuse them."""
        if histograms:
            self.log_histograms(histograms, step=step, timestamp=timestamp)
        if files:
            self.assign_files(files)
        if file_series:
            self.log_files(file_series, step=step, timestamp=timestamp)
        self.log(configs=configs, metrics=metrics, step=step, timestamp=timestamp,
                 tags_add=tags_add, tags_remove=tags_remove)
        if string_series:
            self.log_string_series(string_series, step=step, timestamp=timestamp)

    def assign_files(self, files: Mapping[str, Any]) -> None:
        """neptune-scale: one file per path (a path, bytes, or ``neptune_scale.types.File``);
        every content is stored before any path is assigned; a file that cannot be taken
        is skipped with a warning (``scale_files.py``)."""
        self._assign_many(self._file_values(files, None, "assign_files"))

    def log_files(self, files: Mapping[str, Any], step: float | None = None,
                  timestamp: Any = None) -> None:
        """neptune-scale: one file per series at ``step`` (file series)."""
        for path, value in self._file_values(files, step, "log_files").items():
            self[path].append(value, step=step, timestamp=timestamp)

    def log_histograms(self, histograms: Mapping[str, Any], step: float | None = None,
                       timestamp: Any = None) -> None:
        """neptune-scale: one ``Histogram`` per series at ``step`` (histogram series)."""
        from ..types import Histogram
        if not isinstance(histograms, Mapping):
            raise InvalidTypeError(f"{self._label}: log_histograms takes a mapping of series "
                                   f"names to Histogram (was {type(histograms).__name__})")
        for path, value in histograms.items():
            if not isinstance(value, Histogram):
                raise InvalidTypeError(f"{self._label}: {path}: log_histograms takes "
                                       f"Histogram values (was {type(value).__name__})")
        for path, value in histograms.items():
            self[path].append(value, step=step, timestamp=timestamp)

    def _file_values(self, files: Any, step: float | None, call: str) -> dict[str, Any]:
        from . import scale_files
        self._ensure_writable()
        return scale_files.prepare(files, label=self._label, run_id=self._run_id, step=step,
                                   call=call, report=self._report)

    def _assign_many(self, values: dict[str, Any]) -> None:
        ops = self._assign_ops(list(values.items()))
        if ops:
            self._write(lambda tx: [op(tx) for op in ops] and None)

    # -------------------------------------------------------------- failure
    def _record_failure(self, lines: list[str], *, mark: bool) -> None:
        pk = self._pk
        paths = ["monitoring/traceback", f"{self._monitoring_ns}/traceback"]
        points = []
        for path in paths:
            last = self._last_point(path)
            step = -1.0 if last is None else last[0]
            for line in lines:
                step = math.floor(step) + 1.0
                points.append((path, "string", step, line, time.time()))
            self._last[path] = (step, lines[-1])
        ops = [self._points_op(points)]
        if mark:
            ops.append(lambda tx: tx.set_columns(pk, {"failed": 1}))
        self._flush()
        self._commit(ops)

    def _on_exception_in_context(self, exc: BaseException, tb: Any) -> None:
        if self._stopped or self._mode == "read-only":
            return
        if isinstance(exc, SystemExit) and exc.code in (0, None):
            return  # sys.exit() inside `with run:` is a clean end, as it is outside
        failure.mark_runs(exc, tb, [self])

    def _on_remote_request(self, kind: str) -> None:
        if kind == "abort" and not self._stopped:
            self._record_failure(failure.abort_lines(self._sys_id), mark=True)
        self.stop()


def _is_dataclass(value: Any) -> TypeGuard[DataclassInstance]:
    """``dataclasses.is_dataclass`` for instances, without importing dataclasses (and
    inspect) into every training script."""
    return hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type)


def _flatten_configs(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """neptune-scale's ``flatten=True``: nested mappings and dataclasses become paths."""
    out: list[tuple[str, Any]] = []
    if _is_dataclass(data):
        import dataclasses
        data = dataclasses.asdict(data)
    for key, value in data.items():
        path = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(value, Mapping) or _is_dataclass(value):
            out.extend(_flatten_configs(value, path))
        else:
            out.append((path, value))
    return out


def _cast_unsupported(value: Any) -> Any:
    """neptune-scale's ``cast_unsupported=True``: supported values stay, a list/set/tuple
    stays only if every item is a str, None becomes "", anything else its ``str()``."""
    if isinstance(value, (float, bool, int, str, datetime)):
        return value
    if isinstance(value, (list, set, tuple)) and all(isinstance(v, str) for v in value):
        return value
    if V.number(value) is not None:
        return value
    return "" if value is None else str(value)


def fork_lineage(store: Any, pk: int) -> list[tuple[int, float | None]]:
    """(object pk, last inherited step) from the root down to ``pk``: a fork reads its
    ancestors' points up to its fork step (the smallest fork step on the way down)."""
    chain: list[tuple[int, float | None]] = []
    limit: float | None = None
    seen = set()
    while pk is not None and pk not in seen:
        seen.add(pk)
        chain.append((pk, limit))
        parent, step = store.fork_parent(pk)
        if parent is None:
            break
        pk = parent
        limit = step if limit is None else min(limit, step)
    return list(reversed(chain))


def _drop(label: str, message: str, *values: Any) -> None:
    """An entry neptune-scale would drop (objects/log_failures.py, imported only then)."""
    from .log_failures import drop_or_raise, shown
    drop_or_raise(label, message.format(*map(shown, values)))


def _metric_value(value: Any) -> float | None:
    """neptune-scale's ``float(value)``: a bool is 1.0 or 0.0, a numeric str its number,
    numpy scalars, 0-d arrays and one-element tensors their number; None for what
    ``float()`` refuses (or an int beyond its range), which the caller drops."""
    got = V.number(value)
    if got is None:
        if not isinstance(value, (str, bytes, bytearray)):
            return None
        got = value
    try:
        return float(got)
    except (ValueError, TypeError, OverflowError):
        return None


def _ts(timestamp: Any) -> float:
    return V.check_timestamp(timestamp)


def init_run(project: str | None = None, *, with_id: str | None = None,
             custom_run_id: str | None = None, mode: str | None = None,
             name: str | None = None, description: str | None = None,
             tags: str | Iterable[str] | None = None, fail_on_exception: bool = True,
             capture_traceback: bool = True, store: Any = None, **kwargs: Any) -> Run:
    """Create a run, or resume one by ``with_id`` / ``custom_run_id`` (1.x signature)."""
    unknown = set(kwargs) - _RUN_1X_ARGS - _RUN_3X_ARGS
    if unknown:
        raise TypeError(f"Run() got an unexpected keyword argument '{sorted(unknown)[0]}'")
    if tags is not None and not isinstance(tags, (str, list, set, tuple)):
        raise InvalidTypeError(f"tags must be a str or a list, set or tuple of str (was "
                               f"{type(tags).__name__})")
    return Run(project=project, mode=mode, store=store, _generate_id=False, with_id=with_id,
               custom_run_id=custom_run_id, name=name, description=description, tags=tags,
               fail_on_exception=fail_on_exception, capture_traceback=capture_traceback,
               **kwargs)


__all__ = ["Run", "init_run", "generate_run_id", "fork_lineage"]
