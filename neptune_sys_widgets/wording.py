"""How counts and durations read in messages of the command line and the interop
summaries: "1 run", "3 runs", "35 ms", "2.40 s", never "1 runs" or "in 0.0 s"."""

from __future__ import annotations

_IRREGULAR = {"series": "series"}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one."""
    if n == 1:
        return f"1 {noun}"
    if plural is None:
        last = noun.rsplit(" ", 1)[-1]
        plural = noun[: len(noun) - len(last)] + _IRREGULAR.get(last, last + "s")
    return f"{n:,} {plural}".replace(",", "\u2009") if n >= 10_000 else f"{n} {plural}"


def duration(seconds: float) -> str:
    """Two significant digits or more: milliseconds below 0.1 s, then seconds."""
    if seconds < 0.1:
        return f"{max(seconds, 0.0) * 1000:.0f} ms" if seconds >= 0.001 else "< 1 ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s"
