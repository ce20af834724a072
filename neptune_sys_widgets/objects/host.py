"""The machine's name as runs record it (``sys/hostname``, the session records, failure
lines), and the hash that names a session's monitoring namespace.

``os.uname()`` where there is one: the same name ``socket.gethostname()`` gives, without
importing ``socket`` (and ``selectors``) into every script that imports the package.
"""

from __future__ import annotations

import os
from typing import Any

_SHA256: Any = None


def session_hash(text: str) -> str:
    """SHA-256 hex of a short text (a session's monitoring namespace), by Python's built-in
    implementation: ``hashlib`` would load OpenSSL (~4 MiB, ~2 ms) into a script that
    otherwise never hashes anything. Looked up once: a failed import is not cached by
    Python and searches the whole path again (~40 us a create)."""
    global _SHA256
    if _SHA256 is None:
        try:
            from _sha2 import sha256  # pyright: ignore[reportMissingImports] - 3.12+
        except ImportError:
            try:
                from _sha256 import sha256  # Python 3.11
            except ImportError:  # a build without them: hashlib's
                from hashlib import sha256
        _SHA256 = sha256
    return _SHA256(text.encode()).hexdigest()


def hostname() -> str:
    try:
        return os.uname().nodename
    except AttributeError:  # Windows has no os.uname
        import socket
        return socket.gethostname()
