"""``neptune-sys``: the store from a terminal, for servers where no notebook runs.

Why it is built like this:
- Only click is imported at start; the store, the objects, rich and pyarrow load inside the
  command that needs them, so ``neptune-sys --help`` starts in well under 0.3 s.
- Exit codes: 0 ok, 1 not found or rejected (a bad tag, an unknown id, a stopped run that
  cannot be stopped), 2 usage. Errors are one line on stderr, never a traceback.
- ``--json`` (before or after the command) prints one JSON document for scripts.
- Edits (tag, name, describe, stage, trash) never attach to the object: they would make
  it look active and move its ping time. They go through the same validation as the
  Python API.
- ``import``, ``export`` and ``copy`` show a progress bar with counts and rates and end with
  a summary; ``copy`` goes through export + import (``interop``), the store-neutral path.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .wording import count

if TYPE_CHECKING:  # the checker sees click; at run time the [cli] extra may be missing
    import click
else:
    try:
        import click
    except ModuleNotFoundError:  # pragma: no cover - the [cli] extra is missing
        click = None

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
_NOUNS = {"runs": "run", "models": "model", "versions": "model version"}  # ls's footer
_PROJECT_HELP = "workspace/name (env NEPTUNE_PROJECT; default: the store's only project)."


class Rejected(Exception):
    """A one-line error with exit code 1."""


# ------------------------------------------------------------------------- helpers
def _state(ctx: Any) -> dict[str, Any]:
    return ctx.find_root().obj


def _store(ctx: Any) -> Any:
    st = _state(ctx)
    if st.get("store_obj") is None:
        from .store import open_store
        st["store_obj"] = open_store(st["store"])
    return st["store_obj"]


def _json_mode(ctx: Any, local: bool = False) -> bool:
    return local or _state(ctx).get("json", False)


def _emit(ctx: Any, data: Any, text: str | None = None, *, as_json: bool = False) -> None:
    if _json_mode(ctx, as_json):
        click.echo(json.dumps(data, default=_jsonable, ensure_ascii=False, indent=1))
    elif text is not None:
        click.echo(text)


def _jsonable(v: Any) -> Any:
    from datetime import datetime
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if hasattr(v, "content") and hasattr(v, "extension"):
        return f"<File .{v.extension}>"
    return str(v)


def _lookup(ctx: Any, ident: str) -> tuple[int, str, str, int]:
    from .store import bulk_for
    hit = bulk_for(_store(ctx)).lookup(ident)
    if hit is None:
        raise Rejected(f"no run, model or model version {ident!r} in store "
                       f"{_store(ctx).path!r}")
    return hit


def _open(ctx: Any, ident: str, *, edit: bool = False) -> Any:
    """The object with this id, read-only. With ``edit``, writes go straight to the store
    (sync) without attaching: an edit from a terminal must not make the object look
    active."""
    from . import objects as O  # noqa: N812
    pk, kind, sys_id, _ = _lookup(ctx, ident)
    s = _store(ctx)
    if kind == "run":
        obj = O.init_run(with_id=sys_id, mode="read-only", store=s.path)
    elif kind == "model":
        obj = O.init_model(with_id=sys_id, mode="read-only", store=s.path)
    else:
        obj = O.init_model_version(with_id=sys_id, mode="read-only", store=s.path)
    if edit:
        obj.allow_direct_writes()
    return obj


def _fmt(v: Any) -> str:
    from datetime import datetime
    if v is None:
        return ""
    if isinstance(v, (set, frozenset, list, tuple)):
        return ", ".join(sorted(map(str, v)))
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + "Z"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _console(err: bool = False) -> Any:
    from rich.console import Console
    return Console(stderr=err, highlight=False, soft_wrap=False)


def _progress(label: str, unit: str, enabled: bool) -> Any:
    """A rich progress bar (counts, rate, elapsed) on stderr, or a no-op."""
    if not enabled:
        class _Nop:
            def __enter__(self) -> Any:
                return self

            def __exit__(self, *a: Any) -> None:
                pass

            def __call__(self, done: int, total: int, summary: Any = None) -> None:
                pass
        return _Nop()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    class _Bar:
        def __init__(self) -> None:
            self.p = Progress(TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(),
                              TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                              console=_console(err=True), transient=False)
            self.t0 = time.perf_counter()
            self.task = None

        def __enter__(self) -> Any:
            self.p.__enter__()
            return self

        def __exit__(self, *a: Any) -> None:
            self.p.__exit__(*a)

        def __call__(self, done: int, total: int, summary: Any = None) -> None:
            if self.task is None:
                self.task = self.p.add_task(label, total=total, rate="")
            dt = max(time.perf_counter() - self.t0, 1e-9)
            points = getattr(summary, "points", 0)
            rate = f"{done / dt:,.0f} {unit}/s" + (f", {points / dt:,.0f} points/s"
                                                    if points else "")
            self.p.update(self.task, completed=done, total=total, rate=rate)
    return _Bar()


def _show_progress(ctx: Any, flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return not _json_mode(ctx) and sys.stderr.isatty()


# ---------------------------------------------------------------------------- CLI
def _add_run(cli: Any) -> None:
    """``neptune-sys run``: listed in the help and reached with ``--store`` first; a plain
    ``neptune-sys run ...`` skips click altogether (main), so the script keeps its own
    exceptions and exit code."""
    @cli.command("run", context_settings={"ignore_unknown_options": True,
                                          "allow_interspersed_args": False})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="SCRIPT [ARGS]...")
    @click.pass_context
    def run_script(ctx: Any, args: Sequence[str]) -> None:
        """Run Neptune code unchanged: `import neptune`, `neptune_scale`, `neptune_query`
        resolve to this package, in the script and the processes it starts (`-m MODULE`
        runs a module)."""
        from .run import main as run_main
        if _state(ctx).get("store"):
            os.environ["NEPTUNE_SYS_STORE"] = _state(ctx)["store"]
        ctx.exit(run_main(list(args)))


def _build() -> Any:
    default_store = os.path.join(".neptune", "neptune.db")  # store.DEFAULT_RELATIVE_PATH

    json_opt = click.option("--json", "as_json", is_flag=True,
                            help="Print one JSON document (for scripts).")

    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--store", "store", envvar="NEPTUNE_SYS_STORE", default=None,
                  metavar="PATH",
                  help=f"Store file or postgresql:// URL (env NEPTUNE_SYS_STORE; default "
                       f"./{default_store}).")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts).")
    @click.version_option(package_name="neptune_sys_widgets", prog_name="neptune-sys")
    @click.pass_context
    def cli(ctx: Any, store: str | None, as_json: bool) -> None:
        """Runs, models and model versions of a neptune_sys_widgets store, from a terminal.

        Exit codes: 0 ok, 1 not found or rejected, 2 usage error.
        """
        ctx.obj = {"store": store, "json": as_json}

    # ------------------------------------------------------------------- ls
    @cli.command("ls")
    @click.argument("what", type=click.Choice(["runs", "models", "versions"]), default="runs")
    @click.option("--project", "-p", envvar="NEPTUNE_PROJECT", help=_PROJECT_HELP)
    @click.option("--model", "model", help="Model id (for `ls versions`).")
    @click.option("--state", multiple=True, help="active or inactive (repeatable: OR).")
    @click.option("--tag", multiple=True, help="Tag (repeatable: AND).")
    @click.option("--query", help="NQL, e.g. '`sys/failed`:bool = True'.")
    @click.option("--columns", help="Comma-separated paths to show.")
    @click.option("--sort", "sort_by", default="sys/creation_time", show_default=True)
    @click.option("--asc", "ascending", is_flag=True, help="Sort ascending.")
    @click.option("--limit", type=int)
    @click.option("--trashed", is_flag=True,
                  help="Trashed objects too (they are left out by default).")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                  default="table", show_default=True)
    @json_opt
    @click.pass_context
    def ls(ctx: Any, what: str, project: str | None, model: str | None, state: Sequence[str],
           tag: Sequence[str], query: str | None, columns: str | None, sort_by: str,
           ascending: bool, limit: int | None, trashed: bool, fmt: str, as_json: bool
           ) -> None:
        """List runs (default), models or the versions of a model."""
        from .objects import init_model, init_project
        s = _store(ctx)
        cols = [c.strip() for c in columns.split(",")] if columns else None
        default_cols = {"runs": ["sys/id", "sys/custom_run_id", "sys/name", "sys/state",
                                 "sys/ping_time", "sys/tags"],
                        "models": ["sys/id", "sys/name", "sys/tags", "sys/creation_time"],
                        "versions": ["sys/id", "sys/name", "sys/stage", "sys/tags",
                                     "sys/creation_time"]}[what]
        show = cols or default_cols
        kw: dict[str, Any] = {"columns": show, "sort_by": sort_by, "ascending": ascending,
                              "limit": limit}
        if what == "versions":
            if not model:
                raise click.UsageError("ls versions needs --model MODEL_ID")
            if query:
                kw["query"] = query
            table = init_model(with_id=model, mode="read-only", store=s.path) \
                .fetch_model_versions_table(**kw)
        else:
            if project is None:
                projects = [r[1] for r in s.list_projects()]
                if len(projects) != 1:
                    raise click.UsageError(
                        "--project is needed (the store has "
                        f"{len(projects)} projects: {', '.join(projects) or 'none'})")
                project = projects[0]
            proj = init_project(project, mode="read-only", store=s.path)
            kw["trashed"] = None if trashed else False
            if what == "runs":
                if query:
                    kw["query"] = query
                if state:
                    kw["state"] = list(state)
                if tag:
                    kw["tag"] = list(tag)
                table = proj.fetch_runs_table(**kw)
            else:
                if query:
                    kw["query"] = query
                table = proj.fetch_models_table(**kw)
        rows = list(table.native_rows())
        if fmt == "json" or _json_mode(ctx, as_json):
            _emit(ctx, rows, as_json=True)
            return
        if fmt == "csv":
            import csv
            w = csv.writer(sys.stdout)
            w.writerow(show)
            for r in rows:
                w.writerow([_fmt(r.get(c)) for c in show])
            return
        from rich.table import Table
        t = Table(box=None, pad_edge=False, header_style="bold")
        for c in show:
            t.add_column(c)
        for r in rows:
            t.add_row(*[_fmt(r.get(c)) for c in show])
        _console().print(t)
        click.echo(count(len(rows), _NOUNS[what]), err=True)

    # ----------------------------------------------------------------- show
    @cli.command("show")
    @click.argument("ident", metavar="ID")
    @click.option("--lines", default=10, show_default=True, help="Traceback lines to show.")
    @json_opt
    @click.pass_context
    def show(ctx: Any, ident: str, lines: int, as_json: bool) -> None:
        """All sys fields of a run, model or model version, and its last traceback lines."""
        from . import catalog
        from .store import bulk_for
        obj = _open(ctx, ident)
        pk, kind, sys_id, _ = _lookup(ctx, ident)
        fields: dict[str, Any] = {}
        for f in catalog.fields_for(kind):
            try:
                fields[f.path] = obj[f.path].fetch()
            except Exception:  # noqa: BLE001 - an unset field shows as empty
                fields[f.path] = None
        bulk = bulk_for(_store(ctx))
        from .objects.values import from_atom
        imported = {p: (bulk.sets(pk).get(p, []) if t == "string_set" else from_atom(t, v))
                    for p, t, v in bulk.attributes(pk) if p.startswith("sys/")}
        tb: list[str] = []
        for path, type_ in bulk.series(pk):
            if type_ == "string" and path.endswith("traceback"):
                tb = obj.series_values(path)[-lines:]
        data = {"kind": kind, "sys": fields, "imported_sys": imported, "traceback": tb}
        if _json_mode(ctx, as_json):
            _emit(ctx, data, as_json=True)
            return
        out = [f"{kind.replace('_', ' ')} {sys_id}"]
        width = max(len(p) for p in [*fields, *imported])
        for p, v in fields.items():
            out.append(f"  {p.ljust(width)}  {_fmt(v)}")
        for p, v in imported.items():
            out.append(f"  {p.ljust(width)}  {_fmt(v)}  (imported, read-only)")
        if tb:
            out.append("last traceback lines:")
            out.extend(f"  {line}" for line in tb)
        click.echo("\n".join(out))

    # ------------------------------------------------------------------ tag
    @cli.command("tag", context_settings={"ignore_unknown_options": True})
    @click.argument("ident", metavar="ID")
    @click.argument("changes", nargs=-1, type=click.UNPROCESSED, metavar="+TAG|-TAG...")
    @click.option("--group", is_flag=True, help="Edit sys/group_tags instead of sys/tags.")
    @json_opt
    @click.pass_context
    def tag(ctx: Any, ident: str, changes: Sequence[str], group: bool, as_json: bool) -> None:
        """Add (+tag) and remove (-tag) tags: `neptune-sys tag CLS-7 +best -draft`.

        Adds and removes are set operations: concurrent editors never lose each other's
        tags. Every tag is checked before anything is stored."""
        add = [c[1:] for c in changes if c.startswith("+")]
        remove = [c[1:] for c in changes if c.startswith("-")]
        bad = [c for c in changes if not c.startswith(("+", "-"))]
        if bad or not changes:
            raise click.UsageError(f"tags must start with + (add) or - (remove): "
                                   f"{' '.join(bad) or '(none given)'}")
        obj = _open(ctx, ident, edit=True)
        path = "sys/group_tags" if group else "sys/tags"
        from .objects import values as V
        label = ident  # check_tags names the path itself: "CLS-7: sys/tags: ..."
        V.check_tags(add, label, path)
        V.check_tags(remove, label, path)
        if add:
            obj[path].add(add)
        if remove:
            obj[path].remove(remove)
        now = obj[path].fetch()
        _emit(ctx, {"id": obj.sys_id, path: sorted(now)},
              f"{obj.sys_id} {path}: {_fmt(now)}", as_json=as_json)

    def _assign(ctx: Any, ident: str, path: str, value: str, as_json: bool) -> None:
        obj = _open(ctx, ident, edit=True)
        obj[path] = value
        _emit(ctx, {"id": obj.sys_id, path: obj[path].fetch()},
              f"{obj.sys_id} {path}: {obj[path].fetch()}", as_json=as_json)

    @cli.command("name")
    @click.argument("ident", metavar="ID")
    @click.argument("name")
    @json_opt
    @click.pass_context
    def name_cmd(ctx: Any, ident: str, name: str, as_json: bool) -> None:
        """Set sys/name."""
        _assign(ctx, ident, "sys/name", name, as_json)

    @cli.command("describe")
    @click.argument("ident", metavar="ID")
    @click.argument("text")
    @json_opt
    @click.pass_context
    def describe(ctx: Any, ident: str, text: str, as_json: bool) -> None:
        """Set sys/description."""
        _assign(ctx, ident, "sys/description", text, as_json)

    @cli.command("stage")
    @click.argument("ident", metavar="VERSION")
    @click.argument("stage", metavar="none|staging|production|archived")
    @json_opt
    @click.pass_context
    def stage(ctx: Any, ident: str, stage: str, as_json: bool) -> None:
        """Change a model version's stage."""
        _, kind, _, _ = _lookup(ctx, ident)
        if kind != "model_version":
            raise Rejected(f"{ident} is a {kind.replace('_', ' ')}, not a model version")
        obj = _open(ctx, ident, edit=True)
        try:
            obj.change_stage(stage)
        except ValueError as e:
            raise Rejected(str(e)) from None
        _emit(ctx, {"id": obj.sys_id, "sys/stage": obj["sys/stage"].fetch()},
              f"{obj.sys_id} sys/stage: {obj['sys/stage'].fetch()}", as_json=as_json)

    def _request(ctx: Any, idents: Sequence[str], kind: str, as_json: bool) -> None:
        from .objects.container import request
        results = {}
        for ident in idents:
            pk, _, sys_id, _ = _lookup(ctx, ident)
            results[sys_id] = request(_store(ctx), pk, kind)
        _emit(ctx, {"requested": [k for k, v in results.items() if v],
                    "not_active": [k for k, v in results.items() if not v]},
              "\n".join(f"{k}: {kind} requested" if v else f"{k}: not active (nothing to "
                        f"{kind})" for k, v in results.items()), as_json=as_json)
        if not all(results.values()):
            ctx.exit(EXIT_REJECTED)

    @cli.command("stop")
    @click.argument("idents", nargs=-1, required=True, metavar="ID...")
    @json_opt
    @click.pass_context
    def stop(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
        """Ask the process running a run to stop it (as Ctrl-C would)."""
        _request(ctx, idents, "stop", as_json)

    @cli.command("abort")
    @click.argument("idents", nargs=-1, required=True, metavar="ID...")
    @json_opt
    @click.pass_context
    def abort(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
        """Like stop, and the run is marked failed."""
        _request(ctx, idents, "abort", as_json)

    @cli.command("trash")
    @click.argument("idents", nargs=-1, required=True, metavar="ID...")
    @json_opt
    @click.pass_context
    def trash(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
        """Move runs, models or versions to the trash (left out of listings)."""
        from .management import trash_objects
        s = _store(ctx)
        by_project: dict[int, list[str]] = {}
        for ident in idents:
            _, _, sys_id, project_pk = _lookup(ctx, ident)
            by_project.setdefault(project_pk, []).append(sys_id)
        names = {r[0]: r[1] for r in s.list_projects()}
        for project_pk, ids in by_project.items():
            trash_objects(names[project_pk], ids, store=s.path)
        done = [i for ids in by_project.values() for i in ids]
        _emit(ctx, {"trashed": done}, "\n".join(f"{i}: trashed" for i in done),
              as_json=as_json)

    # ---------------------------------------------------------------- watch
    @cli.command("watch")
    @click.argument("ident", required=False, metavar="[ID]")
    @click.option("--project", "-p", envvar="NEPTUNE_PROJECT", help=_PROJECT_HELP)
    @click.option("--timeout", type=float, help="Stop after this many seconds.")
    @click.option("--once", is_flag=True, help="Print one frame and exit.")
    @click.pass_context
    def watch(ctx: Any, ident: str | None, project: str | None, timeout: float | None,
              once: bool) -> None:
        """A live view of states, pings and tags, updated from the change feed."""
        from .cli_watch import watch as run_watch
        s = _store(ctx)
        pk = None
        project_pk = None
        if ident:
            pk, _, _, project_pk = _lookup(ctx, ident)
        else:
            names = {r[1]: r[0] for r in s.list_projects()}
            if project is None:
                if len(names) != 1:
                    raise click.UsageError("watch needs an ID or --project (the store has "
                                           f"{len(names)} projects)")
                project = next(iter(names))
            from .objects.project import qualify
            project_pk = names.get(qualify(project))
            if project_pk is None:
                raise Rejected(f"project {qualify(project)!r} does not exist in store "
                               f"{s.path!r}")
        run_watch(s, project_pk, pk, timeout=timeout, once=once)

    # --------------------------------------------------------- import/export
    @cli.command("import")
    @click.argument("path", type=click.Path(exists=True, file_okay=False))
    @click.option("--on-conflict", type=click.Choice(["skip", "replace"]), default="skip",
                  show_default=True, help="What to do with objects already in the store.")
    @click.option("--dry-run", is_flag=True, help="Print what would be imported.")
    @click.option("--files", "files_path", type=click.Path(file_okay=False),
                  help="Files root (default PATH/files).")
    @click.option("--model-data", type=click.Path(file_okay=False),
                  help="Model data root (default PATH/model_data).")
    @click.option("--model-files", type=click.Path(file_okay=False))
    @click.option("--timestamp-offset", default="auto", show_default=True,
                  help="1.x series timestamps: auto (detect the exporter's UTC shift), "
                       "none, or seconds to add.")
    @click.option("--progress/--no-progress", default=None)
    @json_opt
    @click.pass_context
    def import_cmd(ctx: Any, path: str, on_conflict: str, dry_run: bool,
                   files_path: str | None, model_data: str | None, model_files: str | None,
                   timestamp_offset: str, progress: bool | None, as_json: bool) -> None:
        """Import a neptune-exporter tree (./exports with data/, files/, model_data/)."""
        from .interop import import_export
        off: Any = timestamp_offset
        if off == "none":
            off = None
        elif off != "auto":
            try:
                off = float(off)
            except ValueError:
                raise click.BadParameter("auto, none or a number of seconds",
                                         param_hint="--timestamp-offset") from None
        with _progress("import", "objects", _show_progress(ctx, progress)) as bar:
            summary = import_export(path, _store(ctx), on_conflict=on_conflict,
                                    dry_run=dry_run, progress=bar, files_path=files_path,
                                    model_data_path=model_data, model_files_path=model_files,
                                    timestamp_offset=off)
        if dry_run and not _json_mode(ctx, as_json):
            for p in summary.planned:
                click.echo(f"{p['action']:8} {p['kind']:14} {p['project']}  {p['id']}")
        _emit(ctx, summary.to_dict(), str(summary), as_json=as_json)
        if summary.errors:
            ctx.exit(EXIT_REJECTED)

    @cli.command("export")
    @click.argument("out", type=click.Path(file_okay=False))
    @click.option("--project", "-p", envvar="NEPTUNE_PROJECT",
                  help="workspace/name (default: every project).")
    @click.option("--progress/--no-progress", default=None)
    @json_opt
    @click.pass_context
    def export_cmd(ctx: Any, out: str, project: str | None, progress: bool | None,
                   as_json: bool) -> None:
        """Write runs, models and versions in neptune-exporter's layout under OUT."""
        from .interop import export_project
        with _progress("export", "objects", _show_progress(ctx, progress)) as bar:
            summary = export_project(project, out, _store(ctx), progress=bar)
        _emit(ctx, summary.to_dict(), str(summary), as_json=as_json)

    @cli.command("copy")
    @click.argument("src", metavar="SRC_STORE")
    @click.argument("dst", metavar="DST_STORE")
    @click.option("--project", "-p", help="Only this project.")
    @click.option("--on-conflict", type=click.Choice(["skip", "replace"]), default="skip",
                  show_default=True)
    @click.option("--progress/--no-progress", default=None)
    @json_opt
    @click.pass_context
    def copy_cmd(ctx: Any, src: str, dst: str, project: str | None, on_conflict: str,
                 progress: bool | None, as_json: bool) -> None:
        """Copy projects from one store to another: SQLite files or postgresql:// URLs, in
        either direction (ids, counters and sys fields kept)."""
        from .interop import copy_store
        from .store import resolve_path
        a, b = resolve_path(src), resolve_path(dst)
        if a == b:
            raise click.UsageError("copy needs two different stores")
        if "://" not in a and not os.path.exists(a):
            raise Rejected(f"store {a!r} does not exist")
        with _progress("copy", "objects", _show_progress(ctx, progress)) as bar:
            summary = copy_store(a, b, project=project, on_conflict=on_conflict,
                                 progress=bar)
        _emit(ctx, summary.to_dict(), str(summary), as_json=as_json)
        if summary.imported.errors:
            ctx.exit(EXIT_REJECTED)

    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point: runs the command, turns every error into one line and
    an exit code (0 ok, 1 rejected or not found, 2 usage)."""
    if click is None:
        sys.stderr.write("neptune-sys: error: the command line needs click and rich: pip "
                         "install 'neptune_sys_widgets[cli]'\n")
        return EXIT_USAGE
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["run"]:  # the script's own exceptions and exit code, not one line
        from .run import main as run_main
        return run_main(args[1:])
    cli = _build()
    _add_run(cli)
    from .ui.app import add_ui  # neptune-sys ui: the team page (Voilà)
    add_ui(cli)
    try:
        rv = cli.main(args=args,
                      prog_name="neptune-sys", standalone_mode=False)
        return rv if isinstance(rv, int) else EXIT_OK
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.exceptions.Abort:
        sys.stderr.write("neptune-sys: aborted\n")
        return EXIT_REJECTED
    except click.ClickException as e:
        msg = e.format_message().replace("\n", " ")
        sys.stderr.write(f"neptune-sys: error: {msg}\n")
        return EXIT_USAGE if isinstance(e, click.UsageError) else EXIT_REJECTED
    except KeyboardInterrupt:
        sys.stderr.write("neptune-sys: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        from .exceptions import NeptuneSysError
        text = (str(e).strip().splitlines() or [""])[0]
        if isinstance(e, (Rejected, NeptuneSysError, ValueError, TypeError, KeyError,
                          LookupError, OSError)):
            prefix = "" if isinstance(e, (Rejected, NeptuneSysError)) else \
                f"{type(e).__name__}: "
        else:
            prefix = f"{type(e).__name__}: "
        if isinstance(e, ModuleNotFoundError) and e.name in ("pyarrow", "numpy", "rich"):
            text = f"needs {e.name}: pip install 'neptune_sys_widgets[interop]'"
            prefix = ""
        sys.stderr.write(f"neptune-sys: error: {prefix}{text}\n")
        if os.environ.get("NEPTUNE_SYS_DEBUG"):
            import traceback
            traceback.print_exc()
        return EXIT_REJECTED


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
