"""Neptune code with zero changes: ``import neptune``, ``neptune.new``, ``neptune_scale``
and ``neptune_query`` resolve to this package.

A finder at the head of ``sys.meta_path`` answers for those three top-level names (and
their submodules) with the modules of this package that mirror them, registered under
both names, so ``neptune.types`` *is* ``neptune_sys_widgets.types``. It reaches:

- the process itself, through :func:`install` (``neptune-sys run``, ``python -m
  neptune_sys_widgets.run``, the ``%neptune_drop_in`` magic);
- processes it starts, because :func:`install` sets ``NEPTUNE_SYS_DROP_IN=1`` and puts
  :mod:`neptune_sys_widgets.dropin.boot` (a chaining ``sitecustomize``) on
  ``PYTHONPATH``: subprocesses and multiprocessing's spawn and forkserver children install
  the finder before anything else runs; a forked child inherits it;
- processes you do not launch yourself, when ``NEPTUNE_SYS_DROP_IN=1`` is in their
  environment: the ``neptune_sys_widgets_dropin.pth`` file the package installs looks at
  that variable at interpreter start (the way coverage.py reaches subprocesses).

An installed copy of the real package is never shadowed silently: :func:`install` refuses
with :class:`DropInRefused` naming it, unless ``NEPTUNE_SYS_DROP_IN=force``.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys

TYPE_CHECKING = False  # (typing, importlib.abc and importlib.util cost a start ~20 ms)
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

ENV = "NEPTUNE_SYS_DROP_IN"
# Where each mirrored package's modules are looked for, in order: its thin mirror under
# compat/ (modules the product has no other reason to have), then those of the product's
# own modules that mirror it (None: any). The product's other modules (cli, store,
# widgets, ...) are not the mirrored package's: `neptune.cli` is 1.x's `neptune sync`.
ALIASES: dict[str, tuple[tuple[str, frozenset[str] | None], ...]] = {
    "neptune": (("neptune_sys_widgets.compat.neptune", None),
                ("neptune_sys_widgets", frozenset({"exceptions", "utils", "attributes",
                                                   "metadata_containers", "new", "typing"}))),
    "neptune_scale": (("neptune_sys_widgets.compat.neptune_scale", None),
                      ("neptune_sys_widgets", frozenset({"util"}))),
    "neptune_query": (("neptune_sys_widgets.query", None),),
}
ROOTS = {"neptune": "neptune_sys_widgets",
         "neptune_scale": "neptune_sys_widgets.compat.neptune_scale",
         "neptune_query": "neptune_sys_widgets.query"}  # what `import <name>` itself gives
README_SECTION = "README, 'Running real Neptune code'"
BOOT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "boot")


class DropInRefused(ImportError):
    """The real package is installed: the drop-in would hide it."""


def target(fullname: str) -> tuple[str, bool] | None:
    """(the module of this package that stands for ``fullname``, whether it exists), or
    None if the name is not ours; when none exists, the first candidate is named."""
    top, _, rest = fullname.partition(".")
    bases = ALIASES.get(top)
    if bases is None:
        return None
    if not rest:
        return ROOTS[top], True
    first = rest.split(".", 1)[0]
    candidates = [f"{base}.{rest}" for base, allowed in bases
                  if allowed is None or first in allowed]
    for real in candidates:
        if real in sys.modules or _exists(real):
            return real, True
    return candidates[0], False


class _AliasLoader:
    """Hands the import system the module already imported under this package's name."""

    def __init__(self, real: str) -> None:
        self.real = real
        self.own_spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.real)
        self.own_spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module was executed under its own name. The import system
        has just given it the alias's spec; it keeps its own (reload, pickling by name and
        relative imports go by it)."""
        module.__spec__ = self.own_spec


class DropInFinder:
    """Answers for ``neptune``, ``neptune_scale``, ``neptune_query`` and their submodules
    (a meta path finder: the import system calls ``find_spec`` first on it)."""

    def find_spec(self, fullname: str, path: Any = None, target_: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        found = target(fullname)
        if found is None:
            return None
        real, exists = found
        if not exists:
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: neptune_sys_widgets does not provide it "
                f"(see {README_SECTION} for what is)", name=fullname)
        # a duck-typed loader: importlib.abc stays out of the interpreter's start-up
        return importlib.machinery.ModuleSpec(
            fullname, _AliasLoader(real))  # pyright: ignore[reportArgumentType]


def _exists(real: str) -> bool:
    """Whether this package has the module ``real``, without importing it."""
    parent = real.rpartition(".")[0]
    try:
        search = importlib.import_module(parent).__path__ if parent else None
    except (ImportError, AttributeError):
        return False
    return importlib.machinery.PathFinder.find_spec(real, search) is not None


def installed_elsewhere() -> dict[str, str]:
    """The mirrored packages importable without the drop-in: name -> where they are."""
    out = {}
    for name in ALIASES:
        mod = sys.modules.get(name)
        if mod is not None and not _ours(mod):
            out[name] = getattr(mod, "__file__", None) or "(loaded)"
            continue
        spec = importlib.machinery.PathFinder.find_spec(name)
        if spec is not None:
            out[name] = spec.origin or ", ".join(spec.submodule_search_locations or [])
    return out


def _ours(mod: ModuleType) -> bool:
    return getattr(mod, "__name__", "").startswith("neptune_sys_widgets")


def active() -> bool:
    return any(isinstance(f, DropInFinder) for f in sys.meta_path)


def install(*, force: bool | None = None, children: bool = True) -> None:
    """Make ``import neptune`` (and ``neptune_scale``, ``neptune_query``) resolve to this
    package in this process and, with ``children``, in the processes it starts. Refuses
    when the real package is installed, unless ``force`` (or ``NEPTUNE_SYS_DROP_IN=force``).
    """
    if force is None:
        force = os.environ.get(ENV, "").strip().lower() == "force"
    if not force:
        found = installed_elsewhere()
        if found:
            name, where = next(iter(found.items()))
            raise DropInRefused(
                f"neptune-sys drop-in refused: the real {name!r} is installed ({where}); "
                f"uninstall it, or set {ENV}=force to shadow it anyway")
    if not active():
        sys.meta_path.insert(0, DropInFinder())
    for name in ALIASES:  # a copy imported before (forced) gives way to ours
        mod = sys.modules.get(name)
        if mod is not None and not _ours(mod):
            for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
                del sys.modules[key]
    if children:
        os.environ[ENV] = "force" if force else "1"
        paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if BOOT_DIR not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([BOOT_DIR] + [p for p in paths if p])


def uninstall() -> None:
    """Undo :func:`install` in this process (modules already imported stay imported)."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, DropInFinder)]
    os.environ.pop(ENV, None)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
             if p and p != BOOT_DIR]
    if paths:
        os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    else:
        os.environ.pop("PYTHONPATH", None)


__all__ = ["install", "uninstall", "active", "installed_elsewhere", "DropInRefused",
           "DropInFinder", "ALIASES", "ENV"]
