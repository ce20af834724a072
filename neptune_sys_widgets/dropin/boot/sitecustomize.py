"""Put first on ``PYTHONPATH`` by ``neptune-sys run``: installs the drop-in in every child
process (subprocess, multiprocessing spawn), then runs the ``sitecustomize`` this one hides,
if the environment has one."""

import importlib.machinery
import importlib.util
import os
import sys

if os.environ.get("NEPTUNE_SYS_DROP_IN"):
    try:
        import neptune_sys_widgets.dropin.startup  # noqa: F401
    except ImportError:  # the package is not importable from this interpreter
        pass


def _chain() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


_chain()
