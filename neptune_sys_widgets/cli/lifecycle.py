"""Verbs that end an object's life or activity: ``stop`` and ``abort`` (a request to the
process running a run) and ``trash``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from .common import EXIT_REJECTED, emit, json_opt, lookup, store_of


def register(cli: Any) -> None:
    for verb in (stop, abort, trash):
        cli.add_command(verb)


def _request(ctx: Any, idents: Sequence[str], kind: str, as_json: bool) -> None:
    from ..objects.container import request
    results = {}
    for ident in idents:
        pk, _, sys_id, _ = lookup(ctx, ident)
        results[sys_id] = request(store_of(ctx), pk, kind)
    emit(ctx, {"requested": [k for k, v in results.items() if v],
               "not_active": [k for k, v in results.items() if not v]},
         "\n".join(f"{k}: {kind} requested" if v else f"{k}: not active (nothing to "
                   f"{kind})" for k, v in results.items()), as_json=as_json)
    if not all(results.values()):
        ctx.exit(EXIT_REJECTED)


@click.command("stop")
@click.argument("idents", nargs=-1, required=True, metavar="ID...")
@json_opt
@click.pass_context
def stop(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
    """Ask the process running a run to stop it (as Ctrl-C would)."""
    _request(ctx, idents, "stop", as_json)


@click.command("abort")
@click.argument("idents", nargs=-1, required=True, metavar="ID...")
@json_opt
@click.pass_context
def abort(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
    """Like stop, and the run is marked failed."""
    _request(ctx, idents, "abort", as_json)


@click.command("trash")
@click.argument("idents", nargs=-1, required=True, metavar="ID...")
@json_opt
@click.pass_context
def trash(ctx: Any, idents: Sequence[str], as_json: bool) -> None:
    """Move runs, models or versions to the trash (left out of listings)."""
    from ..management import trash_objects
    s = store_of(ctx)
    by_project: dict[int, list[str]] = {}
    for ident in idents:
        _, _, sys_id, project_pk = lookup(ctx, ident)
        by_project.setdefault(project_pk, []).append(sys_id)
    names = {r[0]: r[1] for r in s.list_projects()}
    for project_pk, ids in by_project.items():
        trash_objects(names[project_pk], ids, store=s.path)
    done = [i for ids in by_project.values() for i in ids]
    emit(ctx, {"trashed": done}, "\n".join(f"{i}: trashed" for i in done),
         as_json=as_json)
