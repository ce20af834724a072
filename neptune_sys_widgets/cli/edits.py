"""Edit verbs: ``tag``, ``name``, ``describe``, ``stage``. They write straight to the store
without attaching (the object must not look active) and go through the same validation as
the Python API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from .common import Rejected, emit, fmt, json_opt, lookup, open_object


def register(cli: Any) -> None:
    for verb in (tag, name_cmd, describe, stage):
        cli.add_command(verb)


@click.command("tag", context_settings={"ignore_unknown_options": True})
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
    obj = open_object(ctx, ident, edit=True)
    path = "sys/group_tags" if group else "sys/tags"
    from ..objects import values as V
    label = ident  # check_tags names the path itself: "CLS-7: sys/tags: ..."
    V.check_tags(add, label, path)
    V.check_tags(remove, label, path)
    if add:
        obj[path].add(add)
    if remove:
        obj[path].remove(remove)
    now = obj[path].fetch()
    emit(ctx, {"id": obj.sys_id, path: sorted(now)},
         f"{obj.sys_id} {path}: {fmt(now)}", as_json=as_json)


def _assign(ctx: Any, ident: str, path: str, value: str, as_json: bool) -> None:
    obj = open_object(ctx, ident, edit=True)
    obj[path] = value
    emit(ctx, {"id": obj.sys_id, path: obj[path].fetch()},
         f"{obj.sys_id} {path}: {obj[path].fetch()}", as_json=as_json)


@click.command("name")
@click.argument("ident", metavar="ID")
@click.argument("name")
@json_opt
@click.pass_context
def name_cmd(ctx: Any, ident: str, name: str, as_json: bool) -> None:
    """Set sys/name."""
    _assign(ctx, ident, "sys/name", name, as_json)


@click.command("describe")
@click.argument("ident", metavar="ID")
@click.argument("text")
@json_opt
@click.pass_context
def describe(ctx: Any, ident: str, text: str, as_json: bool) -> None:
    """Set sys/description."""
    _assign(ctx, ident, "sys/description", text, as_json)


@click.command("stage")
@click.argument("ident", metavar="VERSION")
@click.argument("stage", metavar="none|staging|production|archived")
@json_opt
@click.pass_context
def stage(ctx: Any, ident: str, stage: str, as_json: bool) -> None:
    """Change a model version's stage."""
    _, kind, _, _ = lookup(ctx, ident)
    if kind != "model_version":
        raise Rejected(f"{ident} is a {kind.replace('_', ' ')}, not a model version")
    obj = open_object(ctx, ident, edit=True)
    try:
        obj.change_stage(stage)
    except ValueError as e:
        raise Rejected(str(e)) from None
    emit(ctx, {"id": obj.sys_id, "sys/stage": obj["sys/stage"].fetch()},
         f"{obj.sys_id} sys/stage: {obj['sys/stage'].fetch()}", as_json=as_json)
