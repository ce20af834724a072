"""Hardware monitoring and console capture: what they cost a training script.

Monitoring: the CPU time (``time.process_time``, every thread of the process) of an open
async run that samples hardware every 0.05 s, minus that of the same run with
``capture_hardware_metrics=False`` over the same wall time, divided by the samples stored
(read back from the store): the cost of one sample, stored. At the default 10 s interval
that is ``cost / 10 s`` of one core. ``--wall S`` also measures it directly at 10 s over
S seconds per side (noisy: the difference of two small numbers).
Target: <= 0.5 % of one core at 10 s.

Console: wall time of ``print(line)`` into a ``/dev/null`` text stream, ``--lines`` calls,
with a capturing run open minus without (the background thread turns the text into lines
and stores them meanwhile; its GIL share is inside the time); and the process CPU per line
including that background work, up to ``wait()``. Every line is checked in the store.
Target: <= 2 us added per print.

    python benchmarks/bench_monitoring.py [--lines 200000] [--reps 5] [--wall 60]
"""

from __future__ import annotations

import os
import sys
import time

from _common import median, parser, report, result, temp_store

FAST_INTERVAL = 0.05


def _open(nsw, store: str, **kw):
    return nsw.init_run(project="bench/monitoring", store=store, capture_stdout=False,
                        capture_stderr=False, **kw)


def cpu_while_open(nsw, store: str, hardware: bool, seconds: float) -> tuple[float, int]:
    """(process CPU seconds, samples stored) of one run open ``seconds`` doing nothing."""
    run = _open(nsw, store, capture_hardware_metrics=hardware)
    c0 = time.process_time()
    time.sleep(seconds)
    run.wait()
    used = time.process_time() - c0
    ns = run.monitoring_namespace
    samples = len(run[f"{ns}/cpu"].fetch_values()) if hardware else 0
    run.stop()
    return used, samples


def monitoring(nsw, store: str, reps: int, seconds: float) -> list[float]:
    """Seconds of CPU per stored sample, one value per repetition."""
    os.environ["NEPTUNE_SYS_MONITORING_INTERVAL"] = str(FAST_INTERVAL)
    cpu_while_open(nsw, store, True, 0.5)  # warm-up: psutil imported, store open
    per_sample = []
    for _ in range(reps):
        on, samples = cpu_while_open(nsw, store, True, seconds)
        off, _ = cpu_while_open(nsw, store, False, seconds)
        per_sample.append(max(on - off, 0.0) / max(samples, 1))
    return per_sample


def console(nsw, store: str, lines: int, reps: int) -> tuple[list[float], list[float]]:
    """(added wall us per print, process CPU us per captured line) per repetition."""
    devnull = open(os.devnull, "w")  # noqa: SIM115 - the stream stays for the whole run
    real = sys.stdout
    added, cpu = [], []
    texts = [f"epoch {i}: loss 0.{i:06d} accuracy 0.9{i % 1000:03d}" for i in range(lines)]
    try:
        sys.stdout = devnull
        for _ in range(reps):
            t0 = time.perf_counter()
            for text in texts:
                print(text)
            base = time.perf_counter() - t0
            run = nsw.init_run(project="bench/monitoring", store=store,
                               capture_hardware_metrics=False)
            c0 = time.process_time()
            t0 = time.perf_counter()
            for text in texts:
                print(text)
            captured = time.perf_counter() - t0
            run.stop()  # everything printed is delivered and stored
            cpu.append((time.process_time() - c0) / lines * 1e6)
            added.append((captured - base) / lines * 1e6)
            ro = nsw.init_run(project="bench/monitoring", store=store, mode="read-only",
                              with_id=run._sys_id)
            stored = len(ro[f"{run.monitoring_namespace}/stdout"].fetch_values())
            assert stored == lines, f"{stored} of {lines} lines stored"
    finally:
        sys.stdout = real
        devnull.close()
    return added, cpu


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--lines", type=int, default=200_000)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--seconds", type=float, default=3.0, help="per side, fast interval")
    p.add_argument("--wall", type=float, default=0.0, help="also measure at 10 s directly")
    a = p.parse_args()
    reps, lines, seconds = (2, 20_000, 1.0) if a.quick else (a.reps, a.lines, a.seconds)
    import neptune_sys_widgets as nsw

    tmp, store = temp_store()
    with tmp:
        per_sample = median(monitoring(nsw, store, reps, seconds))
        results = [result("hardware monitoring at 10 s (per-sample cost / 10 s)",
                          per_sample / 10.0 * 100, "% of a core", target=0.5,
                          note=f"one sample (psutil CPU + memory, 2 series appended and "
                               f"committed): {per_sample * 1e3:.2f} ms of CPU; median of "
                               f"{reps} x {seconds:g} s at a {FAST_INTERVAL} s interval")]
        if a.wall:
            os.environ["NEPTUNE_SYS_MONITORING_INTERVAL"] = "10"
            on, samples = cpu_while_open(nsw, store, True, a.wall)
            off, _ = cpu_while_open(nsw, store, False, a.wall)
            results.append(result("hardware monitoring at 10 s, measured directly",
                                  (on - off) / a.wall * 100, "% of a core", target=0.5,
                                  note=f"{samples} samples in {a.wall:g} s; an open run "
                                       f"without monitoring: {off / a.wall * 100:.3f} %"))
        added, cpu = console(nsw, store, lines, reps)
        results += [
            result("print() with the console captured, added wall time", median(added),
                   "us", target=2.0, note=f"{lines:,} prints of ~45 chars into /dev/null, "
                   f"median of {reps}"),
            result("process CPU per captured line, stored", median(cpu), "us",
                   note="the print itself plus the background thread's line splitting and "
                        "the commit, up to stop()"),
        ]
        nsw.store.close_all()
    report(results, a.json)


if __name__ == "__main__":
    main()
