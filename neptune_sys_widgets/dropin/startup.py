"""Imported at interpreter start when ``NEPTUNE_SYS_DROP_IN`` is set (by the package's
``.pth`` file, or by ``boot/sitecustomize.py`` for children of ``neptune-sys run``).

A refusal (the real package is installed) is one line on stderr, and the process goes on
with the real package: startup code must never kill a process it was not asked to run.
"""

from __future__ import annotations

import sys

from . import DropInRefused, active, install

if not active():
    try:
        install()
    except DropInRefused as e:
        sys.stderr.write(f"{e}\n")
