"""The machine's name as runs record it (``sys/hostname``, the session records, failure
lines).

``os.uname()`` where there is one: the same name ``socket.gethostname()`` gives, without
importing ``socket`` (and ``selectors``) into every script that imports the package.
"""

from __future__ import annotations

import os


def hostname() -> str:
    try:
        return os.uname().nodename
    except AttributeError:  # Windows has no os.uname
        import socket
        return socket.gethostname()
