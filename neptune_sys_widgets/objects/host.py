"""The machine's name as runs record it (``sys/hostname``, the session records, failure
lines), and the hash that names a session's monitoring namespace.

``os.uname()`` where there is one: the same name ``socket.gethostname()`` gives, without
importing ``socket`` (and ``selectors``) into every script that imports the package.
"""

from __future__ import annotations

import os

from ..store import builtin_sha256


def session_hash(text: str) -> str:
    """SHA-256 hex of a short text (a session's monitoring namespace), by Python's built-in
    implementation: ``hashlib`` would load OpenSSL (~4 MiB, ~2 ms) into a script that
    otherwise never hashes anything."""
    return builtin_sha256()(text.encode()).hexdigest()


def hostname() -> str:
    try:
        return os.uname().nodename
    except AttributeError:  # Windows has no os.uname
        import socket
        return socket.gethostname()
