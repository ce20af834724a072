"""Size limits on what a run stores as files, each set by an environment variable, so that a
runaway loop or a wrong path (a whole disk given to ``upload_files``) stops with an error in
the call that made it instead of filling the store's disk. Defaults (README, "Size limits"):

- ``NEPTUNE_SYS_MAX_FILE_SIZE``: one file (upload, assign, a file-series entry): 100 GiB;
- ``NEPTUNE_SYS_MAX_FILE_SET_SIZE``: all files of one file set together: 1 TiB;
- ``NEPTUNE_SYS_MAX_FILE_SET_FILES``: files in one file set: 100,000;
- ``NEPTUNE_SYS_MAX_INLINE_SIZE``: a file kept in a server store's database when the store
  has no files folder: 64 MiB (a bigger one is refused, naming ``NEPTUNE_SYS_FILES``).

Sizes are bytes, or a number with a unit (``KB``/``MB``/``GB``/``TB``, powers of 1000;
``KiB``/``MiB``/``GiB``/``TiB``, powers of 1024); ``0`` means no limit. The variables are
read at each call, so a notebook can change them without restarting.
"""

from __future__ import annotations

import os

from ..exceptions import FileSizeLimitExceeded, InvalidValueError

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

MAX_FILE = ("NEPTUNE_SYS_MAX_FILE_SIZE", 100 << 30)
MAX_SET = ("NEPTUNE_SYS_MAX_FILE_SET_SIZE", 1 << 40)
MAX_SET_FILES = ("NEPTUNE_SYS_MAX_FILE_SET_FILES", 100_000)
MAX_INLINE = ("NEPTUNE_SYS_MAX_INLINE_SIZE", 64 << 20)

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}
_SIZE = r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$"  # compiled only when a variable is set


def limit(which: tuple[str, int]) -> int | None:
    """The limit in force (None: no limit); a malformed variable raises naming it."""
    name, default = which
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    import re
    m = re.match(_SIZE, raw)
    unit = _UNITS.get(m.group(2).lower()) if m else None
    if m is None or unit is None or (which is MAX_SET_FILES and unit != 1):
        rule = "a whole number" if which is MAX_SET_FILES else \
            "a number of bytes, optionally with a unit such as 500MB or 2GiB"
        raise InvalidValueError(f"{name}={raw!r} is not {rule} (0 for no limit)")
    value = int(float(m.group(1)) * unit)
    return value or None


def human(n: int) -> str:
    """A size as people read it: 1.5 GiB (1610612736 bytes)."""
    for unit, scale in (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20),
                        ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit} ({n} bytes)"
    return f"{n} bytes"


def check_file(size: int, what: str) -> None:
    """A file of ``size`` bytes may be stored at ``what`` (``label: path``), else a
    FileSizeLimitExceeded naming the path, the size and the limit."""
    _check(size, MAX_FILE, what, "the file is")


def check_set(sizes: list[int], what: str) -> None:
    """A file set of files of these sizes may be stored (count and total)."""
    top = limit(MAX_SET_FILES)
    if top is not None and len(sizes) > top:
        raise FileSizeLimitExceeded(
            f"{what}: the file set would hold {len(sizes)} files, over the limit of {top} "
            f"({MAX_SET_FILES[0]}); nothing of this upload was stored")
    _check(sum(sizes), MAX_SET, what, "the file set's files together are")
    for size in sizes:
        check_file(size, what)


def _check(size: int, which: tuple[str, int], what: str, subject: str) -> None:
    top = limit(which)
    if top is not None and size > top:
        raise FileSizeLimitExceeded(
            f"{what}: {subject} {human(size)}, over the limit of {human(top)} "
            f"({which[0]}); nothing of this upload was stored")


def size_of(value: Any) -> int | None:
    """The size of a File's content before it is read: its path's size, else its bytes'
    length; None when the path cannot be read (the upload then reports it)."""
    path = getattr(value, "path", None)
    if path is not None and getattr(value, "_content", None) is None:
        try:
            return os.path.getsize(path)
        except OSError:
            return None
    try:
        return len(value.content)
    except (OSError, TypeError, ValueError):
        return None
