"""``neptune-sys watch``: a live terminal view of states, pings and tags.

It listens to the process-wide change feed (``feed.StoreWatcher.subscribe_all``) instead of
polling the store itself: the feed's watcher thread notices another process's commit in
~40 ms (``PRAGMA data_version``) and re-evaluates liveness on its slow timer, and this view
redraws when it is told to (at most ~10 times a second) and once a second for the "pinged
N s ago" column. On a terminal it redraws in place (rich ``Live``); when the output is a
pipe or a file it prints a new frame only when something other than the clock changed.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from ..store.clock import now_ms
from .common import safe


def _ago(ms: int | None, now: int) -> str:
    if ms is None:
        return ""
    s = max(0, (now - ms) // 1000)
    if s < 60:
        return f"{s} s ago"
    if s < 3600:
        return f"{s // 60} min ago"
    if s < 86400:
        return f"{s // 3600} h ago"
    return f"{s // 86400} d ago"


def frame_rows(store: Any, project_pk: int, pk: int | None) -> list[dict[str, Any]]:
    """The objects shown: a project's runs, or one object."""
    from ..store import bulk_for
    rows = bulk_for(store).objects(project_pk)
    if pk is not None:
        return [r for r in rows if r["pk"] == pk]
    return [r for r in rows if r["kind"] == "run" and not r["trashed"]]


def render(rows: list[dict[str, Any]], now: int | None = None) -> Any:
    from rich.table import Table
    from rich.text import Text
    now = now_ms() if now is None else now
    t = Table(title="neptune-sys watch", box=None, header_style="bold", pad_edge=False)
    for c in ("id", "name", "state", "pinged", "failed", "tags"):
        t.add_column(c)
    for r in rows:
        active = r["state"] == "active"
        # never colour alone: the state is spelled out
        state = Text("● active" if active else "○ inactive",
                     style="green" if active else "dim")
        # user text as Text (never markup), escaped (never a terminal's control sequence)
        t.add_row(Text(safe(r["id"] or "")), Text(safe(r["name"] or "")), state,
                  _ago(r["ping_time"], now), "FAILED" if r.get("failed") else "",
                  Text(safe(", ".join(sorted(r["tags"])))))
    return t


def _signature(rows: list[dict[str, Any]]) -> tuple:
    return tuple((r["id"], r["name"], r["state"], bool(r.get("failed")),
                  tuple(sorted(r["tags"]))) for r in rows)


def watch(store: Any, project_pk: int, pk: int | None, *, timeout: float | None = None,
          once: bool = False, console: Any = None) -> None:
    from rich.console import Console
    from rich.live import Live

    from ..feed import watcher_for
    console = console or Console(highlight=False)
    if once:
        console.print(render(frame_rows(store, project_pk, pk)))
        return
    changed = threading.Event()

    class _Listener:
        def on_store_change(self, timer: bool = False) -> None:
            if not timer:
                changed.set()

    listener = _Listener()  # held here: the feed keeps listeners weakly
    w = watcher_for(store)
    w.subscribe_all(listener)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        rows = frame_rows(store, project_pk, pk)
        if not console.is_terminal:
            last = _signature(rows)
            console.print(render(rows))
            while deadline is None or time.monotonic() < deadline:
                changed.wait(0.5)
                if changed.is_set():
                    changed.clear()
                    rows = frame_rows(store, project_pk, pk)
                    if _signature(rows) != last:
                        last = _signature(rows)
                        console.print(render(rows))
                        console.file.flush()
                else:  # liveness: a writer that died turns inactive without a commit
                    rows = frame_rows(store, project_pk, pk)
                    if _signature(rows) != last:
                        last = _signature(rows)
                        console.print(render(rows))
            return
        with Live(render(rows), console=console, auto_refresh=False,
                  transient=False) as live:
            next_tick = time.monotonic() + 1.0
            while deadline is None or time.monotonic() < deadline:
                changed.wait(max(0.0, min(0.1 if changed.is_set() else 1.0,
                                          next_tick - time.monotonic())))
                if changed.is_set() or time.monotonic() >= next_tick:
                    changed.clear()
                    next_tick = time.monotonic() + 1.0
                    live.update(render(frame_rows(store, project_pk, pk)), refresh=True)
                    time.sleep(0.1)  # at most ~10 frames a second
    except KeyboardInterrupt:
        pass
    finally:
        del listener


__all__ = ["watch", "render", "frame_rows"]
