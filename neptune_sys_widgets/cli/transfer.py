"""Verbs that move objects between a store and elsewhere: ``import`` and ``export`` (a
neptune-exporter tree), ``copy`` (store to store, through export + import) and ``sync``
(offline runs' logs into the store). Each ends with a summary."""

from __future__ import annotations

import os
from typing import Any

import click

from .common import (
    EXIT_REJECTED,
    Rejected,
    emit,
    json_mode,
    json_opt,
    progress,
    safe,
    show_progress,
    store_of,
)


def register(cli: Any) -> None:
    for verb in (import_cmd, export_cmd, copy_cmd, sync_cmd):
        cli.add_command(verb)


def _offset(text: str) -> float | str | None:
    """``--timestamp-offset``: auto, none or a number of seconds."""
    if text == "none":
        return None
    if text == "auto":
        return text
    try:
        return float(text)
    except ValueError:
        raise click.BadParameter("auto, none or a number of seconds",
                                 param_hint="--timestamp-offset") from None


@click.command("import")
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
@click.option("--progress/--no-progress", "progress_", default=None)
@json_opt
@click.pass_context
def import_cmd(ctx: Any, path: str, on_conflict: str, dry_run: bool,
               files_path: str | None, model_data: str | None, model_files: str | None,
               timestamp_offset: str, progress_: bool | None, as_json: bool) -> None:
    """Import a neptune-exporter tree (./exports with data/, files/, model_data/)."""
    from ..interop import import_export
    off = _offset(timestamp_offset)
    with progress("import", "objects", show_progress(ctx, progress_)) as bar:
        summary = import_export(path, store_of(ctx, create=True), on_conflict=on_conflict,
                                dry_run=dry_run, progress=bar, files_path=files_path,
                                model_data_path=model_data, model_files_path=model_files,
                                timestamp_offset=off)
    if dry_run and not json_mode(ctx, as_json):
        for p in summary.planned:
            click.echo(safe(f"{p['action']:8} {p['kind']:14} {p['project']}  {p['id']}"))
    emit(ctx, summary.to_dict(), str(summary), as_json=as_json)
    if summary.errors:
        ctx.exit(EXIT_REJECTED)


@click.command("export")
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--project", "-p", envvar="NEPTUNE_PROJECT",
              help="workspace/name (default: every project).")
@click.option("--progress/--no-progress", "progress_", default=None)
@json_opt
@click.pass_context
def export_cmd(ctx: Any, out: str, project: str | None, progress_: bool | None,
               as_json: bool) -> None:
    """Write runs, models and versions in neptune-exporter's layout under OUT."""
    from ..interop import export_project
    if not out.strip():  # an unset $OUT in a script: not the working directory
        raise click.UsageError("OUT must name a directory (it was empty)")
    with progress("export", "objects", show_progress(ctx, progress_)) as bar:
        summary = export_project(project, out, store_of(ctx), progress=bar)
    emit(ctx, summary.to_dict(), str(summary), as_json=as_json)


@click.command("copy")
@click.argument("src", metavar="SRC_STORE")
@click.argument("dst", metavar="DST_STORE")
@click.option("--project", "-p", help="Only this project.")
@click.option("--on-conflict", type=click.Choice(["skip", "replace"]), default="skip",
              show_default=True)
@click.option("--progress/--no-progress", "progress_", default=None)
@json_opt
@click.pass_context
def copy_cmd(ctx: Any, src: str, dst: str, project: str | None, on_conflict: str,
             progress_: bool | None, as_json: bool) -> None:
    """Copy projects from one store to another: SQLite files or postgresql:// URLs, in
    either direction (ids, counters and sys fields kept)."""
    from ..interop import copy_store
    from ..store import resolve_path
    a, b = resolve_path(src), resolve_path(dst)
    if a == b:
        raise click.UsageError("copy needs two different stores")
    if "://" not in a and not os.path.exists(a):
        raise Rejected(f"store {a!r} does not exist")
    with progress("copy", "objects", show_progress(ctx, progress_)) as bar:
        summary = copy_store(a, b, project=project, on_conflict=on_conflict,
                             progress=bar)
    emit(ctx, summary.to_dict(), str(summary), as_json=as_json)
    if summary.imported.errors:
        ctx.exit(EXIT_REJECTED)


@click.command("sync")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--project", "-p", help="Send the runs to this project (workspace/name) "
              "instead of the one each was opened with.")
@json_opt
@click.pass_context
def sync_cmd(ctx: Any, paths: tuple[str, ...], project: str | None, as_json: bool) -> None:
    """Move offline runs (mode="offline") into the store: PATHS are their logs or folders
    holding them (default: NEPTUNE_LOG_DIRECTORY, else .neptune). A log is deleted once
    its run is stored, kept (exit 1) when the store has that run already, its run
    still runs, or it is not a log."""
    from ..exceptions import InvalidValueError
    from ..interop.offline_sync import sync
    try:
        summary = sync(list(paths) or None, store_of(ctx, create=True), project=project)
    except (FileNotFoundError, InvalidValueError) as e:
        raise Rejected(str(e)) from None
    emit(ctx, summary.to_dict(), str(summary), as_json=as_json)
    if summary.kept:
        ctx.exit(EXIT_REJECTED)
