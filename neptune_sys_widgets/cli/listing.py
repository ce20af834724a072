"""Read verbs: ``ls`` (a table of runs, models or a model's versions) and ``show`` (every
sys field of one object and its last traceback lines)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..wording import count
from .common import (
    PROJECT_HELP,
    console,
    emit,
    fmt,
    json_mode,
    json_opt,
    lookup,
    open_object,
    safe,
    safe_lines,
    store_of,
)

_NOUNS = {"runs": "run", "models": "model", "versions": "model version"}  # ls's footer
_DEFAULT_COLUMNS = {
    "runs": ["sys/id", "sys/custom_run_id", "sys/name", "sys/state", "sys/ping_time",
             "sys/tags"],
    "models": ["sys/id", "sys/name", "sys/tags", "sys/creation_time"],
    "versions": ["sys/id", "sys/name", "sys/stage", "sys/tags", "sys/creation_time"]}


def register(cli: Any) -> None:
    cli.add_command(ls)
    cli.add_command(show)


@click.command("ls")
@click.argument("what", type=click.Choice(["runs", "models", "versions"]), default="runs")
@click.option("--project", "-p", envvar="NEPTUNE_PROJECT", help=PROJECT_HELP)
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
@click.option("--format", "fmt_", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True)
@json_opt
@click.pass_context
def ls(ctx: Any, what: str, project: str | None, model: str | None, state: Sequence[str],
       tag: Sequence[str], query: str | None, columns: str | None, sort_by: str,
       ascending: bool, limit: int | None, trashed: bool, fmt_: str, as_json: bool
       ) -> None:
    """List runs (default), models or the versions of a model."""
    cols = [c.strip() for c in columns.split(",")] if columns else None
    show = cols or _DEFAULT_COLUMNS[what]
    kw: dict[str, Any] = {"columns": show, "sort_by": sort_by, "ascending": ascending,
                          "limit": limit}
    if query:
        kw["query"] = query
    if what == "runs":
        if state:
            kw["state"] = list(state)
        if tag:
            kw["tag"] = list(tag)
    table = _table(ctx, what, project, model, trashed, kw)
    rows = list(table.native_rows())
    if fmt_ == "json" or json_mode(ctx, as_json):
        emit(ctx, rows, as_json=True)
    elif fmt_ == "csv":
        import csv
        w = csv.writer(sys.stdout)
        w.writerow(show)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in show])
    else:
        _print_table(rows, show)
        click.echo(count(len(rows), _NOUNS[what]), err=True)


def _table(ctx: Any, what: str, project: str | None, model: str | None, trashed: bool,
           kw: dict[str, Any]) -> Any:
    """The table ``ls`` shows, fetched through the objects' API."""
    from ..objects import init_model, init_project
    s = store_of(ctx)
    if what == "versions":
        if not model:
            raise click.UsageError("ls versions needs --model MODEL_ID")
        return init_model(with_id=model, mode="read-only", store=s.path) \
            .fetch_model_versions_table(**kw)
    if project is not None and not project.strip():
        raise click.UsageError("--project must name a project (it was empty)")
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
        return proj.fetch_runs_table(**kw)
    return proj.fetch_models_table(**kw)


def _print_table(rows: list[dict[str, Any]], show: list[str]) -> None:
    from rich.table import Table
    from rich.text import Text  # a Text is shown as it is: no value is read as markup
    t = Table(box=None, pad_edge=False, header_style="bold")
    for c in show:
        t.add_column(Text(safe(c)))
    for r in rows:
        t.add_row(*[Text(fmt(r.get(c))) for c in show])
    console().print(t)


@click.command("show")
@click.argument("ident", metavar="ID")
@click.option("--lines", default=10, show_default=True, help="Traceback lines to show.")
@json_opt
@click.pass_context
def show(ctx: Any, ident: str, lines: int, as_json: bool) -> None:
    """All sys fields of a run, model or model version, and its last traceback lines."""
    from .. import catalog
    from ..objects.values import from_atom
    from ..store import bulk_for
    obj = open_object(ctx, ident)
    pk, kind, sys_id, _ = lookup(ctx, ident)
    fields: dict[str, Any] = {}
    for f in catalog.fields_for(kind):
        try:
            fields[f.path] = obj[f.path].fetch()
        except Exception:  # noqa: BLE001 - an unset field shows as empty
            fields[f.path] = None
    bulk = bulk_for(store_of(ctx))
    imported = {p: (bulk.sets(pk).get(p, []) if t == "string_set" else from_atom(t, v))
                for p, t, v in bulk.attributes(pk) if p.startswith("sys/")}
    tb: list[str] = []
    for path, type_ in bulk.series(pk):
        if type_ == "string" and path.endswith("traceback"):
            tb = obj.series_values(path)[-lines:]
    data = {"kind": kind, "sys": fields, "imported_sys": imported, "traceback": tb}
    if json_mode(ctx, as_json):
        emit(ctx, data, as_json=True)
        return
    out = [f"{kind.replace('_', ' ')} {sys_id}"]
    width = max(len(p) for p in [*fields, *imported])
    for p, v in fields.items():
        out.append(f"  {p.ljust(width)}  {fmt(v)}")
    for p, v in imported.items():
        out.append(f"  {p.ljust(width)}  {fmt(v)}  (imported, read-only)")
    if tb:
        out.append("last traceback lines:")
        out.extend(f"  {safe(line)}" for line in tb)
    click.echo(safe_lines("\n".join(out)))
