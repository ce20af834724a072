"""What every verb of ``neptune-sys`` shares: the root state (store, ``--json``), finding
an object by id, printing (text or one JSON document), progress bars.

Only click is imported here at start (the store, objects and rich load when a verb
needs them), so ``neptune-sys --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the checker sees click; at run time the [cli] extra may be missing
    import click
else:
    try:
        import click
    except ModuleNotFoundError:  # pragma: no cover - the [cli] extra is missing
        click = None

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PROJECT_HELP = "workspace/name (env NEPTUNE_PROJECT; default: the store's only project)."


class Rejected(Exception):
    """A one-line error with exit code 1."""


def json_opt(f: Any) -> Any:
    """A verb's own ``--json`` (the root's works too, before the verb)."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print one JSON document (for scripts).")(f)


def state(ctx: Any) -> dict[str, Any]:
    return ctx.find_root().obj


def store_of(ctx: Any, *, create: bool = False) -> Any:
    """The store named by ``--store`` (or the environment), opened once per command. Only
    a command that fills a store (``import``, ``create``) makes one that is not there: a
    mistyped path must not leave an empty store behind it."""
    st = state(ctx)
    if st.get("store_obj") is None:
        from ..store import open_store, resolve_path
        path = resolve_path(st["store"])
        if not create and "://" not in path and not os.path.exists(path):
            raise Rejected(f"store {path!r} does not exist")
        st["store_obj"] = open_store(st["store"])
    return st["store_obj"]


def json_mode(ctx: Any, local: bool = False) -> bool:
    return local or state(ctx).get("json", False)


# Characters a terminal acts on instead of showing: C0 and C1 controls and DEL (ESC starts
# the sequences that clear the screen, retitle the window, make links), and the format
# characters that reorder or hide text (bidi overrides and isolates, zero widths). Text
# from a store is anyone's who can write to it: every one of them is printed escaped.
_UNSAFE = [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x200B, 0x2010),
           *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
_ESCAPED = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in _UNSAFE}
_ESCAPED_KEEPING_LINES = {c: e for c, e in _ESCAPED.items() if c not in (0x09, 0x0A)}
_JSON_ESCAPED = {c: f"\\u{c:04x}" for c in _UNSAFE if c >= 0x7F}  # json.dumps does C0


def safe(text: str) -> str:
    """One value for a terminal: every control and hiding character shown escaped
    (``\\x1b``), a newline too (a value must not start a line of its own)."""
    return text.translate(_ESCAPED)


def safe_lines(text: str) -> str:
    """A command's text output: escaped as ``safe``, its own newlines and tabs kept."""
    return text.translate(_ESCAPED_KEEPING_LINES)


def emit(ctx: Any, data: Any, text: str | None = None, *, as_json: bool = False) -> None:
    if json_mode(ctx, as_json):
        click.echo(json.dumps(data, default=_jsonable, ensure_ascii=False, indent=1)
                   .translate(_JSON_ESCAPED))
    elif text is not None:
        click.echo(safe_lines(text))


def _jsonable(v: Any) -> Any:
    from datetime import datetime
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if hasattr(v, "content") and hasattr(v, "extension"):
        return f"<File .{v.extension}>"
    return str(v)


def lookup(ctx: Any, ident: str) -> tuple[int, str, str, int]:
    """(pk, kind, sys id, project pk) of a run, model or version id, or ``Rejected``."""
    from ..store import bulk_for
    hit = bulk_for(store_of(ctx)).lookup(ident)
    if hit is None:
        raise Rejected(f"no run, model or model version {ident!r} in store "
                       f"{store_of(ctx).path!r}")
    return hit


def open_object(ctx: Any, ident: str, *, edit: bool = False) -> Any:
    """The object with this id, read-only. With ``edit``, writes go straight to the store
    (sync) without attaching: an edit from a terminal must not make the object look
    active."""
    from .. import objects as O  # noqa: N812
    pk, kind, sys_id, _ = lookup(ctx, ident)
    s = store_of(ctx)
    if kind == "run":
        obj = O.init_run(with_id=sys_id, mode="read-only", store=s.path)
    elif kind == "model":
        obj = O.init_model(with_id=sys_id, mode="read-only", store=s.path)
    else:
        obj = O.init_model_version(with_id=sys_id, mode="read-only", store=s.path)
    if edit:
        obj.allow_direct_writes()
    return obj


def fmt(v: Any) -> str:
    """A value in a table cell or after ``path:``."""
    from datetime import datetime
    if v is None:
        return ""
    if isinstance(v, (set, frozenset, list, tuple)):
        return safe(", ".join(sorted(map(str, v))))
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + "Z"
    if isinstance(v, float):
        return f"{v:g}"
    return safe(str(v))


def console(err: bool = False) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader of stdout left (``| head``): rich's own answer is exit code 1,
            which here means "rejected"; the command ends with 0 instead."""
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())  # (the interpreter's last flush goes there)
            os.close(null)
            raise click.exceptions.Exit(EXIT_OK)

    return _Console(stderr=err, highlight=False, soft_wrap=False)


class _Nop:
    def __enter__(self) -> Any:
        return self

    def __exit__(self, *a: Any) -> None:
        pass

    def __call__(self, done: int, total: int, summary: Any = None) -> None:
        pass


class _Bar:
    """A rich progress bar (counts, rate, elapsed) on stderr, called as a progress hook."""

    def __init__(self, label: str, unit: str) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
        self.label, self.unit = label, unit
        self.p = Progress(TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                          console=console(err=True), transient=False)
        self.t0 = time.perf_counter()
        self.task = None

    def __enter__(self) -> Any:
        self.p.__enter__()
        return self

    def __exit__(self, *a: Any) -> None:
        self.p.__exit__(*a)

    def __call__(self, done: int, total: int, summary: Any = None) -> None:
        if self.task is None:
            self.task = self.p.add_task(self.label, total=total, rate="")
        dt = max(time.perf_counter() - self.t0, 1e-9)
        points = getattr(summary, "points", 0)
        rate = f"{done / dt:,.0f} {self.unit}/s" + (f", {points / dt:,.0f} points/s"
                                                     if points else "")
        self.p.update(self.task, completed=done, total=total, rate=rate)


def progress(label: str, unit: str, enabled: bool) -> Any:
    """A progress bar on stderr, or a no-op."""
    return _Bar(label, unit) if enabled else _Nop()


def show_progress(ctx: Any, flag: bool | None) -> bool:
    """``--progress/--no-progress``, else on for a terminal that is not in JSON mode."""
    if flag is not None:
        return flag
    return not json_mode(ctx) and sys.stderr.isatty()
