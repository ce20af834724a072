"""Hardware monitoring and console capture of runs, as the Neptune clients stored them.

Both ride the one background thread (``Background.add_ticker``, docs/DECISIONS.md #4): no
thread per run. The console side is two small stand-ins for ``sys.stdout``/``sys.stderr``
(:class:`Tee`) whose ``write`` passes the text on to the stream they replaced and appends
it to a deque, nothing else, so a ``print`` pays a fraction of a microsecond more; the
background thread stamps what it drains each round, turns it into lines and appends them
to every run that captures. Hardware samples (psutil, and NVIDIA cards through ``pynvml`` when it is
importable) are taken on that thread too, every ``interval()`` seconds per run.

Layouts: neptune 1.x (``init_run``) kept ``<monitoring namespace>/stdout``, ``stderr``,
``cpu`` (%), ``memory`` (GB of 2**30 bytes in use), ``gpu``/``gpu_memory``/``gpu_power``
(%, GB, W; ``_<card index>`` appended when there are several cards), on integer steps.
neptune-scale (``Run(...)``) keeps ``<runtime_namespace>/stdout`` and ``stderr`` on steps
that grow by 1e-6 from the fork step (or 0), and samples no hardware.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque

from . import values as V
from .background import BACKGROUND, _log

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .run import Run

DEFAULT_INTERVAL = 10.0
BYTES_IN_GB = float(2**30)
MAX_PARTIAL = 100 * V.STRING_SERIES_MAX_CHARS  # an unended line this long is stored anyway
_now = time.time


def interval() -> float:
    """Seconds between hardware samples: ``NEPTUNE_SYS_MONITORING_INTERVAL`` or 10 (1.x)."""
    raw = os.environ.get("NEPTUNE_SYS_MONITORING_INTERVAL", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_INTERVAL
    except ValueError:
        return DEFAULT_INTERVAL
    return value if value > 0 else DEFAULT_INTERVAL


def interactive() -> bool:
    """1.x's rule for its capture defaults: a REPL (``sys.ps1``) or a Jupyter kernel.
    IPython is looked at only when already imported: a script must not pay its import."""
    if hasattr(sys, "ps1"):
        return True
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # noqa: BLE001 - a half-imported IPython is no kernel
        return False
    config = getattr(shell, "config", None)
    return shell is not None and isinstance(config, dict) and "IPKernelApp" in config


# ------------------------------------------------------------------------------ console
class Tee:
    """Stands in for ``sys.stdout`` or ``sys.stderr``: the text reaches the replaced stream
    first and unchanged (so terminals, tqdm and notebooks behave as before), then the same
    object is queued for the background thread. Everything else is the replaced stream's.

    ``write`` does nothing more than that (no clock, no tuple, no line splitting: those
    cost a ``print`` twice what the queueing does); the background thread stamps and splits
    what it drains, as 1.x's capture thread stamped what it took from its queue."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._write = stream.write
        self._chunks: deque[Any] = deque()
        self._push = self._chunks.append
        self._on = True

    def write(self, data: Any) -> Any:
        n = self._write(data)
        if self._on:
            self._push(data)
        return n

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "_stream":  # a copy or unpickling made without __init__: no recursion
            raise AttributeError(name)
        return getattr(self._stream, name)

    def drain(self) -> list[Any]:
        """What was written since the last drain (deque pops are safe against writers:
        a write during the drain is taken now or by the next one, never lost)."""
        pop = self._chunks.popleft
        return [pop() for _ in range(len(self._chunks))]


class Lines:
    """Chunks of console text to lines. A line is complete at ``\\n``; a ``\\r`` inside
    it starts it over (a progress bar's redraws keep their last state), ``\\r\\n`` ends it
    like ``\\n``. Empty lines are not stored, as neptune-scale did not store them. A drain's
    chunks are joined and split at once, in C, rather than looked at one by one."""

    def __init__(self) -> None:
        self.partial = ""

    def feed(self, chunks: list[Any]) -> list[str]:
        """The lines the chunks complete, as a terminal showed them."""
        try:
            text = self.partial + "".join(chunks)
        except TypeError:  # a str-like object the stream took: as print would show it
            text = self.partial + "".join(map(str, chunks))
        lines = text.split("\n")
        partial = lines.pop()
        self.partial = _compact(partial) if "\r" in partial else partial
        if len(self.partial) >= MAX_PARTIAL:  # an unended line this long is stored anyway
            lines.append(self.partial)
            self.partial = ""
        if "\r" in text:
            lines = [resolve(line) for line in lines]
        return [line for line in lines if line] if "" in lines else lines

    def tail(self) -> list[str]:
        """The unended line as it stands (given to a run that stops; kept for others)."""
        text = resolve(self.partial)
        return [text] if text else []


def resolve(line: str) -> str:
    """A line as a terminal last showed it: the text after its last ``\\r``."""
    if "\r" not in line:
        return line
    if line.endswith("\r"):
        line = line.rstrip("\r")
    return line[line.rfind("\r") + 1:]


def _compact(partial: str) -> str:
    """Drop the redraws an unended line no longer shows (a progress bar that never ends
    its line must not grow without bound); a trailing ``\\r`` is kept for ``resolve``."""
    cut = partial.rfind("\r", 0, len(partial) - 1)
    return partial[cut + 1:] if cut >= 0 else partial


def all_storable(lines: list[str]) -> list[str]:
    """Lines as string-series values (``storable``), checked all at once when they are
    plain (ASCII, no U+001F or NUL, short): the common case costs no loop per line."""
    text = "".join(lines)
    if text.isascii() and "\x1f" not in text and "\x00" not in text and \
            max(map(len, lines), default=0) <= V.STRING_SERIES_MAX_CHARS:
        return lines
    return [value for line in lines for value in storable(line)]


def storable(text: str) -> list[str]:
    """A console line as string-series values: characters the store refuses (U+001F, its
    separator; NUL; lone surrogates) replaced, long lines split, so nothing is lost."""
    if "\x1f" in text or "\x00" in text:
        text = text.replace("\x1f", "\ufffd").replace("\x00", "\ufffd")
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    n = V.STRING_SERIES_MAX_CHARS
    return [text] if len(text) <= n else [text[i:i + n] for i in range(0, len(text), n)]


# ----------------------------------------------------------------------------- hardware
class Hardware:
    """One sampler per process, started on the background thread by the first run that
    monitors (importing psutil costs a script's startup ~10 ms; NVML's start more)."""

    def __init__(self) -> None:
        self.psutil: Any = None
        self.nvml: Any = None
        self.cards: list[tuple[int, Any]] = []  # (card index, NVML handle)
        self.started = False
        self.last: tuple[float, dict[str, float]] | None = None

    def start(self) -> bool:
        if not self.started:
            self.started = True
            try:
                import psutil
            except ImportError:
                _log().warning("hardware monitoring needs psutil (pip install psutil); "
                               "CPU and memory are not recorded")
            else:
                psutil.cpu_percent(interval=None)  # the first call only sets the baseline
                self.psutil = psutil
            self._start_gpus()
        return self.psutil is not None or bool(self.cards)

    def _start_gpus(self) -> None:
        """NVIDIA cards through NVML when ``pynvml`` (nvidia-ml-py) is importable; the cards
        of ``CUDA_VISIBLE_DEVICES`` when it lists indices, as 1.x did."""
        try:
            import pynvml  # pyright: ignore[reportMissingImports] - the optional gpu extra
            pynvml.nvmlInit()
            count = pynvml.nvmlDeviceGetCount()
        except Exception:  # noqa: BLE001 - no library, no driver or no card: no GPU series
            return
        indices = list(range(count))
        visible = os.environ.get("CUDA_VISIBLE_DEVICES")
        if visible is not None and all(p.strip().isdigit() for p in visible.split(",")
                                       if p.strip()):
            wanted = {int(p) for p in visible.split(",") if p.strip()}
            indices = [i for i in indices if i in wanted]
        self.nvml = pynvml
        self.cards = [(i, pynvml.nvmlDeviceGetHandleByIndex(i)) for i in indices]

    def sample(self) -> tuple[float, dict[str, float]]:
        """(time, {name under the monitoring namespace: value}); runs due within the same
        half second share one sample."""
        now = time.time()
        if self.last is not None and now - self.last[0] < 0.5:
            return self.last
        values: dict[str, float] = {}
        ps = self.psutil
        if ps is not None:
            values["cpu"] = float(ps.cpu_percent(interval=None))
            mem = ps.virtual_memory()
            values["memory"] = (mem.total - mem.available) / BYTES_IN_GB
        values.update(self._gpu_values())
        self.last = (now, values)
        return self.last

    def _gpu_values(self) -> dict[str, float]:
        nvml, out = self.nvml, {}
        one = len(self.cards) == 1
        for index, handle in self.cards:
            tail = "" if one else f"_{index}"
            for name, read in (("gpu", lambda h: nvml.nvmlDeviceGetUtilizationRates(h).gpu),
                               ("gpu_memory", lambda h: nvml.nvmlDeviceGetMemoryInfo(h).used
                                / BYTES_IN_GB),
                               ("gpu_power", lambda h: nvml.nvmlDeviceGetPowerUsage(h)
                                / 1000.0)):
                try:
                    out[name + tail] = float(read(handle))
                except Exception:  # noqa: BLE001 - a card without power readings, say
                    continue
        return out


# ------------------------------------------------------------------------------ runs
class Watch:
    """What one run records: console series paths (None: not captured), its hardware
    namespace (None: no sampling) and next sample time, and its step rule."""

    __slots__ = ("run", "stdout", "stderr", "hardware", "next_at", "every", "scale_steps",
                 "broken")

    def __init__(self, run: Run, stdout: str | None, stderr: str | None,
                 hardware: str | None, scale_steps: bool) -> None:
        self.run = run
        self.stdout, self.stderr, self.hardware = stdout, stderr, hardware
        # the sampling interval is read only for a run that samples (an environment read)
        self.every = interval() if hardware is not None else DEFAULT_INTERVAL
        self.next_at = time.monotonic() + self.every
        self.scale_steps = scale_steps  # neptune-scale's: 1e-6 apart (Run.append_log_lines)
        self.broken: set[str] = set()

    def append(self, path: str, values: list[Any], stamps: list[float]) -> None:
        """Queue points on the run like any append (judged the same way); a problem (the
        path holds something else, the run stopped) turns this series off, said once."""
        if path in self.broken or not values:
            return
        run = self.run
        if not self.scale_steps:
            if run._append_texts(path, values, stamps):
                return
            if len(values) > 1:
                # a series' first lines: the first through the general append (it creates
                # the series and judges the path), the rest column-wise after it, not
                # each judged again (a script's first round can be 100,000 lines)
                if not self._general(path, values[:1], stamps[:1]):
                    return
                values, stamps = values[1:], stamps[1:]
                if run._append_texts(path, values, stamps):
                    return
        self._general(path, values, stamps)

    def _general(self, path: str, values: list[Any], stamps: list[float]) -> bool:
        """The run's general append; False (and the series off) when it refuses."""
        run = self.run
        try:
            if self.scale_steps:
                run.append_log_lines(path, values, stamps)
            else:
                run._append(path, values, None, stamps)
            return True
        except Exception as e:  # noqa: BLE001 - monitoring must never break the run
            self.broken.add(path)
            _log().warning("%s: %s is no longer recorded: %s", run._label, path, e)
            return False


class Monitor:
    """The process's console tees, line assemblers and hardware sampler, and the runs that
    record them. Its lock orders line delivery against runs starting and stopping: a run
    gets exactly the lines completed while it is open."""

    STREAMS = ("stdout", "stderr")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._watches: dict[int, Watch] = {}
        self._tees: dict[str, Tee] = {}
        # Every tee ever installed, by the stream it wraps, for the life of the process:
        # CPython 3.11's print() holds ``sys.stdout`` as a borrowed reference between
        # writing the text and the end, so a tee freed when another thread's run stops
        # and puts the stream back crashes that print (SIGSEGV). A tee is reused when its
        # stream is captured again, so this holds one per stream, not one per run.
        self._kept: dict[int, Tee] = {}
        self._lines = {name: Lines() for name in self.STREAMS}
        self._hardware = Hardware()
        self._pid = os.getpid()

    def attach(self, watch: Watch) -> None:
        with self._lock:
            self._forked()
            self._deliver()  # what was printed before this run opened is not its own
            for name in self.STREAMS:
                if getattr(watch, name) is not None:
                    self._capture(name)
            self._watches[id(watch.run)] = watch
            BACKGROUND.add_ticker(self.tick)

    def detach(self, run: Run) -> None:
        """Hand the stopping run what it printed (its unended lines too), then release the
        streams nobody captures any more."""
        with self._lock:
            if self._forked():
                return
            watch = self._watches.get(id(run))
            if watch is None:
                return
            self._deliver()
            now = _now()
            for name in self.STREAMS:
                path = getattr(watch, name)
                if path is None:
                    continue
                tail = self._lines[name].tail()
                if tail:
                    self._append_lines(watch, path, now, tail)
            del self._watches[id(run)]
            for name in self.STREAMS:
                if not any(getattr(w, name) for w in self._watches.values()):
                    self._release(name)
            if not self._watches:
                BACKGROUND.remove_ticker(self.tick)

    def tick(self, now: float) -> None:
        """Every background round: lines to runs; hardware samples to the runs due."""
        with self._lock:
            if self._forked():
                return
            self._deliver()
            sampled = [w for w in self._watches.values() if w.hardware is not None]
            # the first call starts the sampler, an interval before the first sample is
            # due: psutil's first CPU reading is only its baseline
            if not sampled or not self._hardware.start():
                return
            due = [w for w in sampled if now >= w.next_at]
            if not due:
                return
            stamp, values = self._hardware.sample()
            for w in due:
                w.next_at = max(w.next_at + w.every, now + w.every / 2)
                for name, value in values.items():
                    w.append(f"{w.hardware}/{name}", [value], [stamp])

    def _capture(self, name: str) -> None:
        current = getattr(sys, name)
        tee = self._tees.get(name)
        if tee is not None and current is tee:
            tee._on = True
            return
        if current is None:  # pythonw, a daemon with closed streams: nothing to capture
            return
        if tee is not None:  # replaced by someone since: keep its queued text, start anew
            self._feed(name, tee)
            tee._on = False
        tee = self._kept.get(id(current))
        if tee is None or tee._stream is not current:
            tee = self._kept[id(current)] = Tee(current)
        else:
            tee.drain()  # what it queued while off belongs to no run
            tee._on = True
        self._tees[name] = tee
        setattr(sys, name, tee)

    def _release(self, name: str) -> None:
        tee = self._tees.pop(name, None)
        if tee is None:
            return
        tee._on = False
        tee.drain()
        if getattr(sys, name) is tee:  # else someone wrapped it since: theirs to undo
            setattr(sys, name, tee._stream)
        self._lines[name] = Lines()

    def _deliver(self) -> None:
        for name, tee in list(self._tees.items()):
            self._feed(name, tee)

    def _feed(self, name: str, tee: Tee) -> None:
        """The lines written since the last round, stamped now: at most a round (0.1 s)
        after the ``print``, one clock read per round instead of one per write."""
        chunks = tee.drain()
        if not chunks:
            return
        lines = self._lines[name].feed(chunks)
        if not lines:
            return
        now = _now()
        for watch in list(self._watches.values()):
            path = getattr(watch, name)
            if path is not None:
                self._append_lines(watch, path, now, lines)

    @staticmethod
    def _append_lines(watch: Watch, path: str, ts: float, lines: list[str]) -> None:
        values = all_storable(lines)
        watch.append(path, values, [ts] * len(values))

    def _forked(self) -> bool:
        """A forked child inherits the parent's runs and tees, not their sessions: it
        records nothing for them (its own runs start afresh). The tees stay in place but
        keep nothing until a run of the child captures: a forked worker that prints for
        hours (a data loader) must not fill a queue that no thread of its own drains."""
        if self._pid == os.getpid():
            return False
        self._pid = os.getpid()
        self._lock = threading.RLock()  # a thread of the parent may have held it
        self._watches.clear()
        for tee in self._tees.values():
            tee._on = False
            tee.drain()
        self._lines = {name: Lines() for name in self.STREAMS}
        self._hardware = Hardware()
        return True


MONITOR = Monitor()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=MONITOR._forked)


_FLAG_ARGS = frozenset(("capture_stdout", "capture_stderr", "capture_hardware_metrics",
                        "enable_console_log_capture"))


def start(run: Run, args: dict[str, Any], *, scale: bool) -> bool:
    """Start what ``Run(...)``/``init_run`` asked for; True when anything is recorded.
    1.x: ``capture_stdout``/``capture_stderr``/``capture_hardware_metrics``, each on by
    default outside interactive sessions, under the monitoring namespace. neptune-scale:
    ``enable_console_log_capture`` (default on) under ``runtime_namespace`` (``system_
    namespace``, its old name), and hardware only when ``capture_hardware_metrics=True``."""
    for arg in _FLAG_ARGS.intersection(args):  # most runs name none of them
        if args[arg] is not None and not isinstance(args[arg], bool):
            from ..exceptions import InvalidTypeError
            raise InvalidTypeError(f"{arg} must be a bool (was {type(args[arg]).__name__})")
    ns = run._monitoring_ns
    if scale:
        console = args.get("enable_console_log_capture", True)
        runtime = args.get("runtime_namespace") or args.get("system_namespace") or "runtime"
        runtime = runtime.rstrip("/")
        out = f"{runtime}/stdout" if console else None
        err = f"{runtime}/stderr" if console else None
        hardware = ns if args.get("capture_hardware_metrics") else None
        scale_steps = True
    else:
        default = not interactive()

        def on(arg: str) -> bool:
            value = args.get(arg)
            return default if value is None else value
        out = f"{ns}/stdout" if on("capture_stdout") else None
        err = f"{ns}/stderr" if on("capture_stderr") else None
        hardware = ns if on("capture_hardware_metrics") else None
        scale_steps = False
    if out is None and err is None and hardware is None:
        return False
    MONITOR.attach(Watch(run, out, err, hardware, scale_steps))
    return True


def stop(run: Run) -> None:
    MONITOR.detach(run)


def deliver() -> None:
    """Hand every capturing run the lines completed so far (``wait()`` calls it)."""
    with MONITOR._lock:
        if not MONITOR._forked():
            MONITOR._deliver()
