"""``python -m neptune_sys_widgets.run train.py ARGS`` (also ``neptune-sys run``): run
Neptune code unchanged. ``import neptune``, ``neptune.new``, ``neptune_scale`` and
``neptune_query`` resolve to this package in the script and in every process it starts
(see :mod:`neptune_sys_widgets.dropin`).

The script runs as ``python train.py ARGS`` would run it: as ``__main__``, with
``sys.argv`` and ``sys.path[0]`` set alike, its exceptions and exit code its own.
``-m MODULE ARGS`` runs a module, as ``python -m`` does.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: this runs before the user's script starts
if TYPE_CHECKING:
    from collections.abc import Sequence

USAGE = ("usage: neptune-sys run SCRIPT [ARGS...]\n"
         "       neptune-sys run -m MODULE [ARGS...]\n"
         "Runs Neptune code unchanged: import neptune, neptune_scale and neptune_query\n"
         "resolve to neptune_sys_widgets, in the script and the processes it starts.\n"
         "NEPTUNE_SYS_DROP_IN=force shadows an installed copy of the real packages.\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        (sys.stdout if args else sys.stderr).write(USAGE)
        return 0 if args else 2
    if args[0] == "-m" and len(args) < 2:
        sys.stderr.write("neptune-sys run: error: -m needs a module name\n" + USAGE)
        return 2
    from .dropin import DropInRefused, install
    try:
        install()
    except DropInRefused as e:
        sys.stderr.write(f"{e}\n")
        return 2
    if args[0] == "-m":
        import runpy
        sys.argv = [args[1], *args[2:]]
        sys.path[0] = os.getcwd()
        runpy.run_module(_own_name(args[1]), run_name="__main__", alter_sys=True)
        return 0
    script = args[0]
    if not os.path.exists(script):
        sys.stderr.write(f"neptune-sys run: error: can't open file {script!r}: "
                         "no such file\n")
        return 2
    sys.argv = list(args)
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    run_path(script)
    return 0


def _own_name(module: str) -> str:
    """``neptune.cli`` -> ``neptune_sys_widgets.compat.neptune.cli``: runpy runs a
    package's ``__main__`` by the package's own name (the drop-in's aliases are for
    imports: their loader hands over a module already executed, no code to run again)."""
    from .dropin import target
    found = target(module)
    return found[0] if found is not None and found[1] else module


def run_path(path: str) -> None:
    """``runpy.run_path(path, run_name="__main__")``, for a plain source file without
    runpy's pkgutil (and the typing it loads: ~6 ms of the script's start, the drop-in's
    whole budget). A folder, a zip or a ``.pyc`` goes through runpy itself."""
    source = b"PK\x03\x04"  # a folder or a .pyc: runpy's, as a zip
    if os.path.isfile(path) and not path.endswith(".pyc"):
        with open(path, "rb") as fh:
            source = fh.read()
    if source.startswith(b"PK\x03\x04"):
        import runpy
        runpy.run_path(path, run_name="__main__")
        return
    import types
    code = compile(source, path, "exec", dont_inherit=True)
    main = types.ModuleType("__main__")
    main.__dict__.update(__file__=path, __cached__=None, __loader__=None, __package__=None,
                         __spec__=None, __builtins__=__builtins__)
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = main  # as runpy does: pickle and multiprocessing find it
    try:
        exec(code, main.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


if __name__ == "__main__":
    sys.exit(main())
