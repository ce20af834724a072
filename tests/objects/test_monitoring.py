"""Hardware monitoring and console capture (issue 22, items 4-5): a child process runs a
script as a user would, a second process (this one) reads the series back from the store."""

from __future__ import annotations

import json
import os

import pytest

import neptune_sys_widgets as n
from neptune_sys_widgets.objects.monitoring import MAX_PARTIAL, Lines, all_storable, storable
from tests.conftest import REPO, run_python

# a 1.x script: lines, a line written in pieces, a progress bar on stderr redrawn with \r
# (as tqdm draws it), a Windows line end, sleeping past a few monitoring intervals, and a
# last line that never ends
SCRIPT_1X = r"""
import json, sys, time
import neptune_sys_widgets as n
run = n.init_run(project="mon")
print("hello")
print("a\nb", end="")
print(" c")
for i in range(5):
    sys.stderr.write("\rtraining: " + str(i * 25) + "%|" + "#" * i + "|")
    sys.stderr.flush()
sys.stderr.write("\n")
print("crlf\r")
print()
time.sleep(0.9)
print("last, unended", end="")
sys.__stdout__.write("\n" + json.dumps([run["sys/id"].fetch(), run.monitoring_namespace])
                     + "\n")
run.stop()
sys.__stdout__.write(json.dumps(sys.stdout is sys.__stdout__) + "\n")
"""


def _values(run, path: str) -> list:
    return list(run[path].fetch_values()["value"])


def _child_result(proc) -> list:
    return [json.loads(line) for line in proc.stdout.splitlines()[-2:]]


@pytest.mark.slow
def test_a_script_stores_its_console_lines_and_hardware_samples(store_path):
    proc = run_python(SCRIPT_1X, NEPTUNE_SYS_MONITORING_INTERVAL="0.2")
    (sys_id, ns), restored = _child_result(proc)
    # the text still reached the real streams (read here with universal newlines)
    assert proc.stdout.startswith("hello\na\nb c\ncrlf\n\nlast, unended\n")
    assert proc.stderr.endswith("\ntraining: 75%|###|\ntraining: 100%|####|\n")
    assert restored is True
    run = n.init_run(project="mon", with_id=sys_id, mode="read-only")
    assert _values(run, f"{ns}/stdout") == ["hello", "a", "b c", "crlf", "last, unended"]
    assert _values(run, f"{ns}/stderr") == ["training: 100%|####|"]
    cpu, memory = _values(run, f"{ns}/cpu"), _values(run, f"{ns}/memory")
    assert len(cpu) >= 2 and all(0.0 <= v <= 100.0 for v in cpu)
    assert len(memory) == len(cpu) and all(0.0 < v < 4096 for v in memory)  # GB
    steps = list(run[f"{ns}/cpu"].fetch_values()["step"])
    assert steps == [float(i) for i in range(len(steps))]


@pytest.mark.slow
def test_off_switches_and_interactive_sessions_store_nothing(store_path):
    proc = run_python(r"""
import json, sys, time
import neptune_sys_widgets as n
out = sys.stdout
off = n.init_run(project="mon", capture_stdout=False, capture_stderr=False,
                 capture_hardware_metrics=False)
scale_off = n.Run(project="mon", enable_console_log_capture=False)
untouched = sys.stdout is out and sys.stderr is sys.__stderr__
sys.ps1 = ">>> "  # a REPL: 1.x turned every capture off by default
repl = n.init_run(project="mon")
print("not stored")
sys.stderr.write("not stored either\n")
time.sleep(0.5)
ids = [r["sys/id"].fetch() for r in (off, scale_off, repl)]
for r in (off, scale_off, repl):
    r.stop()
sys.__stdout__.write(json.dumps([ids, untouched and sys.stdout is out]) + "\n")
""", NEPTUNE_SYS_MONITORING_INTERVAL="0.1")
    ids, untouched = json.loads(proc.stdout.splitlines()[-1])
    assert untouched
    for sys_id in ids:
        run = n.init_run(project="mon", with_id=sys_id, mode="read-only")
        paths = _paths(run.get_structure())
        assert not [p for p in paths if p.startswith("runtime/")
                    or p.rsplit("/", 1)[-1] in ("stdout", "stderr", "cpu", "memory")], paths


def _paths(tree: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in tree.items():
        if isinstance(value, dict):
            out.extend(_paths(value, f"{prefix}{key}/"))
        else:
            out.append(prefix + key)
    return out


@pytest.mark.slow
def test_scale_runs_capture_under_runtime_and_runs_share_the_console(store_path):
    """neptune-scale's layout (runtime/stdout on 1e-6 steps, no hardware series), its
    runtime_namespace, and two runs open at once: each gets the lines of its own span."""
    proc = run_python(r"""
import json, sys
import neptune_sys_widgets as n
one = n.Run(project="mon")
print("one")
two = n.Run(project="mon", runtime_namespace="rt/")
print("both")
sys.stderr.write("warn\n")
ids = [one["sys/id"].fetch(), two["sys/id"].fetch()]
one.stop()
print("two only")
two.stop()
print("no run")
sys.__stdout__.write(json.dumps([ids, sys.stdout is sys.__stdout__]) + "\n")
""", NEPTUNE_SYS_MONITORING_INTERVAL="0.1")
    (first, second), restored = json.loads(proc.stdout.splitlines()[-1])
    assert restored
    one = n.init_run(project="mon", mode="read-only", with_id=first)
    two = n.init_run(project="mon", mode="read-only", with_id=second)
    assert _values(one, "runtime/stdout") == ["one", "both"]
    assert list(one["runtime/stdout"].fetch_values()["step"]) == [1e-6, 2e-6]
    assert _values(one, "runtime/stderr") == ["warn"]
    assert _values(two, "rt/stdout") == ["both", "two only"]
    assert not [p for p in _paths(one.get_structure()) if p.startswith("monitoring/")
                and p.rsplit("/", 1)[-1] in ("cpu", "memory")]


@pytest.mark.slow
def test_gpu_series_follow_the_1x_layout(store_path, tmp_path):
    """NVML answered by a stand-in module (no card here): two cards, one without power
    readings, gives 1.x's gpu_<index>, gpu_memory_<index> and gpu_power_<index> series."""
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "pynvml.py").write_text(
        "from types import SimpleNamespace as NS\n"
        "def nvmlInit(): pass\n"
        "def nvmlDeviceGetCount(): return 2\n"
        "def nvmlDeviceGetHandleByIndex(i): return i\n"
        "def nvmlDeviceGetUtilizationRates(h): return NS(gpu=40 + h)\n"
        "def nvmlDeviceGetMemoryInfo(h): return NS(used=(h + 1) * 2**30)\n"
        "def nvmlDeviceGetPowerUsage(h):\n"
        "    if h: raise RuntimeError('not supported')\n"
        "    return 75000\n")
    proc = run_python(r"""
import json, sys, time
import neptune_sys_widgets as n
run = n.init_run(project="mon", capture_stdout=False, capture_stderr=False)
time.sleep(0.5)
ids = [run["sys/id"].fetch(), run.monitoring_namespace]
run.stop()
print(json.dumps(ids))
""", NEPTUNE_SYS_MONITORING_INTERVAL="0.15",
                      PYTHONPATH=os.pathsep.join([str(tmp_path / "fake"), str(REPO)]))
    sys_id, ns = json.loads(proc.stdout.splitlines()[-1])
    run = n.init_run(project="mon", with_id=sys_id, mode="read-only")
    assert set(_values(run, f"{ns}/gpu_0")) == {40.0}
    assert set(_values(run, f"{ns}/gpu_1")) == {41.0}
    assert set(_values(run, f"{ns}/gpu_memory_1")) == {2.0}
    assert set(_values(run, f"{ns}/gpu_power_0")) == {75.0}
    assert not run.exists(f"{ns}/gpu_power_1")


def test_console_text_becomes_lines_as_a_terminal_shows_them():
    lines = Lines()
    chunks = ["ab", "c\nd", "\r10%", "\r20%", "\n", "x\r\n", "\n", "\r\r", "tail\r"]
    assert lines.feed(chunks) == ["abc", "20%", "x"] and lines.tail() == ["tail"]
    # the same text drained in other pieces makes the same lines
    lines = Lines()
    assert [x for c in chunks for x in lines.feed([c])] == ["abc", "20%", "x"]
    assert lines.tail() == ["tail"]
    # a bar redrawn a million times without a line end keeps only its last state
    lines = Lines()
    for _ in range(10):
        lines.feed([f"\r{i}%" for i in range(100_000)])
    assert len(lines.partial) < 20 and lines.tail() == ["99999%"]
    # an unended line past the bound is stored anyway, nothing of it lost
    lines = Lines()
    assert lines.feed(["x" * (MAX_PARTIAL + 5)]) == ["x" * (MAX_PARTIAL + 5)]
    assert all_storable(["a", "b\x1f"]) == ["a", "b\ufffd"] and all_storable(["ok"]) == ["ok"]
    # what the store refuses is replaced, and long lines are split, never dropped
    assert storable("a\x1fb\x00c") == ["a\ufffdb\ufffdc"]
    assert storable("\udcff") == ["?"]
    assert "".join(storable("x" * 2500)) == "x" * 2500 and len(storable("x" * 2500)) == 3


@pytest.mark.slow
def test_a_forked_child_records_only_its_own_runs(store_path):
    """The parent's run gets the parent's lines; the child's inherited stand-in keeps
    nothing (no thread of the child drains it) until a run of the child captures."""
    proc = run_python(r"""
import json, os, sys
import neptune_sys_widgets as n
run = n.init_run(project="mon", capture_hardware_metrics=False)
print("parent before")
pid = os.fork()
if pid == 0:
    print("child, no run")
    idle = not sys.stdout._on and not sys.stdout._chunks
    child = n.init_run(project="mon", capture_hardware_metrics=False)
    print("child run line")
    cid = child._sys_id
    child.stop()
    sys.__stdout__.write(json.dumps([cid, idle]) + "\n")
    sys.__stdout__.flush()
    os._exit(0)
os.waitpid(pid, 0)
print("parent after")
sid, ns = run._sys_id, run.monitoring_namespace
run.stop()
sys.__stdout__.write(json.dumps([sid, ns]) + "\n")
""")
    (child_id, idle), (parent_id, ns) = [json.loads(line) for line in
                                         proc.stdout.splitlines() if line.startswith("[")]
    assert idle
    parent = n.init_run(project="mon", with_id=parent_id, mode="read-only")
    assert _values(parent, f"{ns}/stdout") == ["parent before", "parent after"]
    child = n.init_run(project="mon", with_id=child_id, mode="read-only")
    [child_ns] = [p for p in _paths(child.get_structure()) if p.endswith("/stdout")]
    assert _values(child, child_ns) == ["child run line"]


def test_a_notebook_that_turns_capture_on_keeps_its_output(kernel, store_path):
    """In a real ipykernel (capture off by default there, as in 1.x): asked for, the lines
    are stored while the cell's output still reaches the notebook unchanged, a progress bar
    redrawn with \\r included; stopping puts the kernel's own streams back."""
    kernel.execute("import sys, neptune_sys_widgets as n\n"
                   "run = n.init_run(project='nb', capture_stdout=True, capture_stderr=True,"
                   " capture_hardware_metrics=False)")
    cell = kernel.execute("print('one')\nprint('two', end='')\nprint()\n"
                          "for i in range(3):\n"
                          "    sys.stderr.write(f'\\rbar {i}')\n"
                          "sys.stderr.write('\\n')")
    assert cell.stdout == "one\ntwo\n" and cell.stderr == "\rbar 0\rbar 1\rbar 2\n"
    done = kernel.execute("sid, ns = run._sys_id, run.monitoring_namespace\nrun.stop()\n"
                          "print(sid, ns, type(sys.stdout).__name__)")
    sys_id, ns, stream = done.stdout.split()
    assert stream == "OutStream"
    run = n.init_run(project="nb", with_id=sys_id, mode="read-only")
    assert _values(run, f"{ns}/stdout") == ["one", "two"]
    assert _values(run, f"{ns}/stderr") == ["bar 2"]


def test_a_script_that_crashes_keeps_its_last_lines_and_traceback(store_path):
    """Lines printed just before an uncaught exception, and the traceback Python writes to
    stderr, are stored: the run stops at exit, after the traceback, and takes what is
    still queued."""
    proc = run_python(r"""
import sys
import neptune_sys_widgets as n
run = n.init_run(project="mon", capture_hardware_metrics=False)
sys.__stdout__.write(run["sys/id"].fetch() + " " + run.monitoring_namespace + "\n")
for i in range(2000):
    print(f"line {i}")
print("unended", end="")
raise RuntimeError("boom")
""", check=False)
    assert proc.returncode == 1
    sys_id, ns = proc.stdout.splitlines()[0].split()
    run = n.init_run(project="mon", with_id=sys_id, mode="read-only")
    assert _values(run, f"{ns}/stdout") == [f"line {i}" for i in range(2000)] + ["unended"]
    err = _values(run, f"{ns}/stderr")
    assert err[0] == "Traceback (most recent call last):" and err[-1] == "RuntimeError: boom"


# Threads print while other threads open and close capturing runs (scale-examples' forking
# notebook trains forks in a ThreadPoolExecutor and prints from each): a thread switch at
# every bytecode makes the window between print()'s text and its end wide open.
THREADS_PRINT_WHILE_RUNS_CLOSE = r"""
import sys, threading
import neptune_sys_widgets as n
sys.setswitchinterval(1e-6)
stop = threading.Event()
def printer():
    while not stop.is_set():
        print("x" * 50)
def cycler():
    for i in range(150):
        n.Run(project="w/p", mode="sync", run_id=f"r{threading.get_ident()}-{i}").close()
printers = [threading.Thread(target=printer) for _ in range(3)]
cyclers = [threading.Thread(target=cycler) for _ in range(2)]
for t in printers + cyclers:
    t.start()
for t in cyclers:
    t.join()
stop.set()
for t in printers:
    t.join()
sys.__stdout__.write("done " + str(sys.stdout is sys.__stdout__) + "\n")
"""


def test_a_print_racing_a_run_that_puts_the_console_back_does_not_crash(store_path):
    """CPython 3.11's print() holds sys.stdout borrowed between the text and the end: a
    tee freed by another thread's stopping run crashed it with SIGSEGV (every time here,
    with this switch interval). The tees now live as long as the process."""
    for _ in range(2):
        out = run_python(THREADS_PRINT_WHILE_RUNS_CLOSE, timeout=120, check=False)
        assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-2000:]}"
        assert out.stdout.splitlines()[-1] == "done True"
