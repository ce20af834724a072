"""``neptune-sys watch``: the verb; the live view itself is ``watch_view.py``."""

from __future__ import annotations

from typing import Any

import click

from .common import PROJECT_HELP, Rejected, emit, json_mode, json_opt, lookup, store_of


def register(cli: Any) -> None:
    cli.add_command(watch)


@click.command("watch")
@click.argument("ident", required=False, metavar="[ID]")
@click.option("--project", "-p", envvar="NEPTUNE_PROJECT", help=PROJECT_HELP)
@click.option("--timeout", type=float, help="Stop after this many seconds.")
@click.option("--once", is_flag=True, help="Print one frame and exit.")
@json_opt
@click.pass_context
def watch(ctx: Any, ident: str | None, project: str | None, timeout: float | None,
          once: bool, as_json: bool) -> None:
    """A live view of states, pings and tags, updated from the change feed. With --json,
    the current frame's rows as one JSON document (a live view is not one document)."""
    from .watch_view import watch as run_watch
    s = store_of(ctx)
    pk = None
    project_pk = None
    if ident:
        pk, _, _, project_pk = lookup(ctx, ident)
    else:
        names = {r[1]: r[0] for r in s.list_projects()}
        if project is None:
            if len(names) != 1:
                raise click.UsageError("watch needs an ID or --project (the store has "
                                       f"{len(names)} projects)")
            project = next(iter(names))
        from ..objects.project import qualify
        project_pk = names.get(qualify(project))
        if project_pk is None:
            raise Rejected(f"project {qualify(project)!r} does not exist in store "
                           f"{s.path!r}")
    if json_mode(ctx, as_json):
        from .watch_view import frame_rows
        emit(ctx, frame_rows(s, project_pk, pk), as_json=True)
        return
    run_watch(s, project_pk, pk, timeout=timeout, once=once)
