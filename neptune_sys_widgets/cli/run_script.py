"""``neptune-sys run SCRIPT``: Neptune code unchanged, through the drop-in import hook."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import click

from .common import state


def register(cli: Any) -> None:
    cli.add_command(run_script)


@click.command("run", context_settings={"ignore_unknown_options": True,
                                        "allow_interspersed_args": False})
@click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="SCRIPT [ARGS]...")
@click.pass_context
def run_script(ctx: Any, args: Sequence[str]) -> None:
    """Run Neptune code unchanged: `import neptune`, `neptune_scale`, `neptune_query`
    resolve to this package, in the script and the processes it starts (`-m MODULE`
    runs a module)."""
    # Listed in the help and reached with --store first; a plain `neptune-sys run ...`
    # skips click altogether (main), so the script keeps its own exceptions and exit code.
    from ..run import main as run_main
    if state(ctx).get("store"):
        os.environ["NEPTUNE_SYS_STORE"] = state(ctx)["store"]
    ctx.exit(run_main(list(args)))
