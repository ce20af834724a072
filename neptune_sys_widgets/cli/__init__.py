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

One module per verb group, each with ``register(cli)``: ``listing`` (ls, show), ``edits``
(tag, name, describe, stage), ``lifecycle`` (stop, abort, trash), ``watch``, ``transfer``
(import, export, copy), ``run_script`` (run), ``ui`` (the team page); what they share is
in ``common``.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: `neptune-sys run` must not pay for typing or click
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from .common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, Rejected


def __getattr__(name: str) -> Any:
    """The exit codes and ``Rejected`` from ``common`` (which imports click), on first use:
    ``neptune-sys run`` hands the script over before click would load."""
    if name in ("EXIT_OK", "EXIT_REJECTED", "EXIT_USAGE", "Rejected"):
        from . import common
        return getattr(common, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# the verb groups, in the order they register (``--help`` lists verbs sorted by name)
GROUPS = ("listing", "edits", "lifecycle", "watch", "transfer", "run_script", "ui")


def build() -> Any:
    """The ``neptune-sys`` click group with every verb group registered."""
    import importlib

    from .common import click
    default_store = os.path.join(".neptune", "neptune.db")  # store.DEFAULT_RELATIVE_PATH

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

    for group in GROUPS:
        importlib.import_module(f"{__name__}.{group}").register(cli)
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point: runs the command, turns every error into one line and
    an exit code (0 ok, 1 rejected or not found, 2 usage)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["run"]:  # the script's own exceptions and exit code, not one line;
        from ..run import main as run_main  # and no click: ~20 ms of the script's start
        return run_main(args[1:])
    from .common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, click, safe, safe_lines
    if click is None:
        sys.stderr.write("neptune-sys: error: the command line needs click and rich: pip "
                         "install 'neptune_sys_widgets[cli]'\n")
        return EXIT_USAGE
    try:
        rv = build().main(args=args, prog_name="neptune-sys", standalone_mode=False)
        return rv if isinstance(rv, int) else EXIT_OK
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.exceptions.Abort:
        sys.stderr.write("neptune-sys: aborted\n")
        return EXIT_REJECTED
    except click.ClickException as e:
        msg = e.format_message().replace("\n", " ")
        sys.stderr.write(f"neptune-sys: error: {safe_lines(msg)}\n")
        return EXIT_USAGE if isinstance(e, click.UsageError) else EXIT_REJECTED
    except KeyboardInterrupt:
        sys.stderr.write("neptune-sys: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as e:  # click's answer to a closed stdout (EPIPE) is exit(1)
        if e.code == 1 and _stdout_closed():
            return EXIT_OK  # `| head` read what it wanted: not "rejected"
        raise
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        sys.stderr.write(f"neptune-sys: error: {safe(_one_line(e))}\n")
        if os.environ.get("NEPTUNE_SYS_DEBUG"):
            import traceback
            traceback.print_exc()
        return EXIT_REJECTED


def _stdout_closed() -> bool:
    """stdout is a pipe whose reader is gone (poll reports an error on its write end)."""
    import select
    try:
        poller = select.poll()
        poller.register(1, select.POLLOUT)  # the process's stdout, whatever sys.stdout is
        return any(ev & select.POLLERR for _, ev in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _one_line(e: Exception) -> str:
    """An unexpected error as one line: our own errors as they are, others with their
    type's name, a missing optional dependency as the extra to install."""
    from ..exceptions import NeptuneSysError
    from .common import Rejected
    if isinstance(e, ModuleNotFoundError) and e.name in ("pyarrow", "numpy", "rich"):
        return f"needs {e.name}: pip install 'neptune_sys_widgets[interop]'"
    text = (str(e).strip().splitlines() or [""])[0]
    prefix = "" if isinstance(e, (Rejected, NeptuneSysError)) else f"{type(e).__name__}: "
    return f"{prefix}{text}"


def entry() -> None:
    sys.exit(main())


__all__ = ["main", "entry", "build", "Rejected", "EXIT_OK", "EXIT_REJECTED", "EXIT_USAGE"]
