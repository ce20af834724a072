"""Validation and conversion of user values: every rule of docs/SYS_FIELDS.md §1-§3 in one
place, so a Python assignment, a trait assignment and a widget edit are judged by the same
code."""

from __future__ import annotations

import math
import sys
import time as _time
import warnings
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from .. import catalog
from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    NeptuneAttributePathEmpty,
    NeptuneAttributePathInvalid,
    NeptuneCannotChangeStageManually,
    ReadOnlyAttributeError,
    UnsupportedValueType,
)

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

# A project key's characters. Plain string checks, not a regular expression: importing re
# (and enum with it) costs every script's start ~4 ms.
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
CUSTOM_ID_MAX_BYTES = 730
MAX_STEP = 1_000_000_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)
FUTURE_SLACK_S = 86400.0  # series timestamps may run ahead of this machine's clock by a day
STRING_SERIES_MAX_CHARS = 1000


def where(obj: str, path: str) -> str:
    return f"{obj}: {path}"


def check_key(value: Any, what: str) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= 10 or \
            not _KEY_CHARS.issuperset(value) or value.isdigit():
        raise InvalidValueError(f"{what} {value!r} is invalid: a key is 1-10 uppercase letters "
                                "or digits with at least one letter")
    return value


def check_id(value: Any, arg: str) -> str:
    """An object id argument (``with_id=``, ``model=``): a str the store can look up. A lone
    surrogate cannot be encoded for the lookup, so it is refused here, naming the argument,
    instead of failing inside the store's driver."""
    if not isinstance(value, str):
        raise InvalidTypeError(f"{arg} must be a str (was {type(value).__name__})")
    return check_text(value, arg, "the id", stored=False)


def check_custom_run_id(value: Any, arg: str = "custom_run_id") -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{arg} must be a str (was {type(value).__name__})")
    if not value:
        raise InvalidValueError(f"{arg} must not be empty")
    check_text(value, arg, "the value")
    n = len(value.encode("utf-8"))
    if n > CUSTOM_ID_MAX_BYTES:
        raise InvalidValueError(f"{arg} must not exceed {CUSTOM_ID_MAX_BYTES} bytes, "
                                f"got {n} bytes")
    if "/" in value:
        raise InvalidValueError(f"{arg} {value!r} must not contain '/'")
    return value


def check_text(value: str, obj: str, what: str, *, stored: bool = True) -> str:
    """A str every store can keep: Python strs may hold lone surrogates (from
    ``surrogateescape`` decoding or a front end), which pass every other rule and then fail
    the commit, taking the whole queued batch with them; PostgreSQL's text cannot hold a
    NUL, so a value SQLite took could never be copied to a team's server. A value only
    looked up (``stored=False``: an id, a filter) may hold a NUL: it matches nothing."""
    if stored and "\x00" in value:
        raise InvalidValueError(f"{obj}: {what} contains a NUL, a control character no "
                                f"store can keep (at index {value.index(chr(0))}); "
                                "nothing was applied")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise InvalidValueError(
                f"{obj}: {what} contains a lone surrogate ({value[e.start]!r} at index "
                f"{e.start}) that cannot be stored as UTF-8; nothing was applied") from None
    return value


def check_path(path: Any, obj: str) -> str:
    if not isinstance(path, str):
        raise InvalidTypeError(f"{obj}: attribute path must be a str (was "
                               f"{type(path).__name__})")
    check_text(path, obj, "attribute path")
    if not path:
        raise NeptuneAttributePathEmpty(f"{obj}: attribute path '' is invalid: it must not "
                                        "be empty")
    if path.startswith("/") or path.endswith("/") or "//" in path:
        raise NeptuneAttributePathInvalid(f"{obj}: attribute path {path!r} is invalid: use "
                                          "non-empty segments separated by '/'")
    if len(path.encode("utf-8")) > 1024:
        raise InvalidValueError(f"{obj}: attribute path {path[:40]!r}... exceeds 1024 bytes")
    return path


def check_writable(path: str, obj: str, kind: str) -> catalog.SysField | None:
    """Raise if ``path`` is a sys path that users may not write; return its field if editable."""
    if not (path == "sys" or path.startswith("sys/")):
        return None
    f = catalog.BY_PATH.get(path)
    if f is None or not f.applies_to(kind):
        raise ReadOnlyAttributeError(
            f"{where(obj, path)} is not an editable sys attribute: new sys/ paths cannot be "
            f"created (editable: {', '.join(editable_paths(kind))})")
    if f.editable == catalog.VIA_CHANGE_STAGE:
        raise NeptuneCannotChangeStageManually(
            f"{where(obj, path)} cannot be changed directly; use change_stage()")
    if not f.user_editable:
        raise ReadOnlyAttributeError(f"{where(obj, path)} is read-only (maintained by "
                                     f"neptune_sys_widgets: {f.meaning})")
    return f


def check_series_path(path: str, obj: str, kind: str) -> None:
    """Series may not live under ``sys/``: read-only paths raise as for any write, and an
    editable sys field keeps its own type (no series shadowing ``sys/name``)."""
    f = check_writable(path, obj, kind)
    if f is not None:
        raise InvalidTypeError(f"{where(obj, path)} is a {f.type}, not a series; "
                               "nothing was logged")


def editable_paths(kind: str) -> list[str]:
    return [f.path for f in catalog.fields_for(kind) if f.user_editable]


def check_sys_value(f: catalog.SysField, value: Any, obj: str) -> Any:
    """Validate and normalize a value for an editable sys field."""
    if f.type == catalog.STRING:
        if not isinstance(value, str):
            raise InvalidTypeError(f"{where(obj, f.path)} must be a str (was "
                                   f"{type(value).__name__})")
        check_text(value, obj, f.path)
        if f.max_chars is not None and len(value) > f.max_chars:
            raise InvalidValueError(f"{where(obj, f.path)} is {len(value)} characters long; "
                                    f"the limit is {f.max_chars}")
        if f.warn_chars is not None and len(value) > f.warn_chars:
            warnings.warn(f"{where(obj, f.path)} is longer than {f.warn_chars} characters; "
                          "it will be hard to read in tables", stacklevel=4)
        return value
    if f.type == catalog.BOOLEAN:
        if not isinstance(value, bool):
            raise InvalidTypeError(f"{where(obj, f.path)} must be a bool (was "
                                   f"{type(value).__name__})")
        return value
    if f.type == catalog.STRING_SET:
        return check_tags(value, obj, f.path, allow_str=False)
    raise ReadOnlyAttributeError(f"{where(obj, f.path)} is read-only")  # pragma: no cover


def check_tags(values: Any, obj: str, path: str, *, allow_str: bool = True) -> list[str]:
    """Tags: a str or a list/set/tuple of str; each non-empty, <= 1024 chars, no control
    characters. The whole call is rejected if any element is bad."""
    if isinstance(values, str) and allow_str:
        items: Iterable[Any] = [values]
    elif isinstance(values, (list, set, tuple, frozenset)):
        items = values
    else:
        accepted = "a str or a list, set or tuple of str" if allow_str else \
            "a list, set or tuple of str (a single str is not a set)"
        raise InvalidTypeError(f"{where(obj, path)}: values must be {accepted} (was "
                               f"{type(values).__name__})")
    # tags are tags; a user path's set (a list in log_configs, a StringSet) holds items
    noun = "tag" if path in ("sys/tags", "sys/group_tags") else "string-set item"
    out = []
    for v in items:
        if not isinstance(v, str):
            raise InvalidTypeError(f"{where(obj, path)}: {noun} {v!r} must be a str (was "
                                   f"{type(v).__name__}); nothing was applied")
        if not v:
            raise InvalidValueError(f"{where(obj, path)}: {noun}s must not be empty; "
                                    "nothing was applied")
        if len(v) > catalog.TAG_MAX_CHARS:
            raise InvalidValueError(f"{where(obj, path)}: {noun} {v[:30]!r}... is {len(v)} "
                                    f"characters; the limit is {catalog.TAG_MAX_CHARS}; "
                                    "nothing was applied")
        check_text(v, obj, f"{path}: {noun}")
        # Cc is a part of what isprintable() refuses: most tags skip the per-character look
        if not v.isprintable() and any(c < " " or "\x7f" <= c <= "\x9f" for c in v):
            raise InvalidValueError(f"{where(obj, path)}: {noun} {v!r} contains a control "
                                    "character; nothing was applied")
        out.append(v)
    return list(dict.fromkeys(out))


def check_stage(stage: Any, obj: str) -> str:
    if not isinstance(stage, str) or stage not in catalog.STAGES:
        raise InvalidValueError(f"{where(obj, 'sys/stage')}: {stage!r} is not a valid stage; "
                                f"valid stages: {', '.join(catalog.STAGES)}")
    return stage


# Instants every reader can turn back into a datetime: years 1-9999 in UTC. A naive
# datetime.max, or 9999-12-31 23:00 at UTC-05:00, is a valid Python datetime whose UTC
# instant is not, and one such stored value made every fetch and table of the project fail.
MIN_MS = -62135596800000
MAX_MS = 253402300799999


def to_ms(value: datetime, what: str = "datetime") -> int:
    """Milliseconds since the epoch, UTC; InvalidValueError outside years 1-9999 UTC."""
    convert = getattr(value, "to_pydatetime", None) if type(value) is not datetime else None
    if convert is not None:  # a pandas Timestamp (a fetch_values() row's), whose
        value = convert()    # astimezone() refuses a naive one; its ns are below our ms
    try:
        if value.tzinfo is None:
            value = value.astimezone()  # naive = local time, as the 3.x client reads it
        # exact integer arithmetic: int(timestamp() * 1000) made 134 of 20,000 ms-exact
        # datetimes read back 1 ms early
        ms = (value - _EPOCH) // _MS
    except (OverflowError, ValueError, OSError):
        ms = None
    if ms is None or not MIN_MS <= ms <= MAX_MS:
        raise InvalidValueError(f"{what} {value!r} is out of range: the instant must fall "
                                "in years 1-9999 in UTC")
    return ms


def from_ms(ms: int | None) -> datetime | None:
    """Robust to values stored before the range was checked: they read as the nearest
    representable instant instead of breaking every read of the object."""
    if ms is None:
        return None
    try:
        return _EPOCH + timedelta(milliseconds=min(max(ms, MIN_MS), MAX_MS))
    except (OverflowError, TypeError):
        return None


def check_timestamp(ts: Any, what: str = "timestamp") -> float:
    """Seconds since the epoch for a series point: finite, not before 1970 and not more
    than a day ahead of this machine's clock (a timestamp in milliseconds by mistake, or a
    far-future one, made sys/relative_creation_time_ms 1e15)."""
    if type(ts) is float and 0 <= ts <= _time.time() + FUTURE_SLACK_S:
        return ts  # the common case (time.time() of a console line): nothing to convert
    if isinstance(ts, datetime):
        s = to_ms(ts, what) / 1000.0
    elif isinstance(ts, (int, float)) and not isinstance(ts, bool):
        try:
            s = float(ts) if math.isfinite(ts) else math.nan
        except OverflowError:  # an int beyond float range (10**400)
            s = math.nan
    else:
        raise InvalidTypeError(f"{what} must be a datetime or seconds since the epoch (was "
                               f"{type(ts).__name__})")
    if not 0 <= s <= _time.time() + FUTURE_SLACK_S:  # (NaN fails this too)
        raise InvalidValueError(f"{what} {ts!r} is out of range: seconds since the epoch, "
                                "from 1970 to at most a day after now")
    return s


def number(value: Any) -> int | float | bool | None:
    """``value`` as a Python number if it is one in disguise, else None.

    Training loops hand us numpy scalars, 0-d arrays and one-element tensors far more often
    than Python floats; neptune 1.x took anything ``float()`` converts and neptune-scale
    takes numpy numbers. Plain ``int``/``float`` are checked first by the callers, so this
    costs nothing on their path. Strings and bytes are never numbers here.
    """
    if isinstance(value, (str, bytes, bytearray)) or value is None:
        return None
    if isinstance(value, (bool, int, float)):
        return value
    try:
        import numbers
        if isinstance(value, numbers.Integral):
            return bool(value) if type(value).__name__ == "bool_" else int(value)
        if isinstance(value, numbers.Real):
            return float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if type(value).__name__ == "bool_":  # numpy.bool_ is not registered as a number
        return bool(value)
    for unwrap in ("item", "numpy"):  # 0-d / 1-element arrays and tensors (torch, tf, jax)
        fn = getattr(value, unwrap, None)
        if callable(fn):
            try:
                inner = fn()
            except (TypeError, ValueError, RuntimeError):
                continue
            if inner is not value and not isinstance(inner, (str, bytes)):
                got = number(inner)
                if got is not None:
                    return got
    if hasattr(type(value), "__float__"):  # a Decimal: 1.x took whatever float() takes
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError, ArithmeticError):
            return None
    return None


def atom(value: Any, obj: str, path: str) -> tuple[str, Any]:
    """(type, stored value) of a plain attribute value. NaN and +-Inf are kept
    (docs/SYS_FIELDS.md §3 revised); the store keeps them as text because SQLite turns a NaN
    REAL into NULL."""
    if isinstance(value, bool):
        return "bool", int(value)
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise InvalidValueError(f"{where(obj, path)}: integer {value} does not fit in "
                                    "64 bits")
        return "int", value
    if isinstance(value, float):
        return "float", value if math.isfinite(value) else repr(value)
    if isinstance(value, str):
        return "string", check_text(value, obj, path)
    if isinstance(value, datetime):
        return "datetime", to_ms(value, where(obj, path))
    got = number(value)
    if got is not None:
        return atom(got, obj, path)
    raise UnsupportedValueType(f"{where(obj, path)}: values of type {type(value).__name__} "
                           "cannot be stored (use str, bool, int, float, datetime or a dict; "
                           "stringify_unsupported() turns other values into strings)")


def from_atom(type_: str, value: Any) -> Any:
    if type_ == "bool":
        return bool(value)
    if type_ == "datetime":
        return from_ms(value)
    if type_ == "float" and isinstance(value, str):
        return float(value)  # a stored NaN or Inf
    return value


def check_step(step: Any, obj: str, path: str) -> float:
    if type(step) is not int and type(step) is not float:
        got = number(step)
        if got is None or isinstance(got, bool):
            raise InvalidTypeError(f"{where(obj, path)}: step must be a number (was "
                                   f"{type(step).__name__})")
        step = got
    try:
        s = float(step)
    except OverflowError:  # an int beyond float range (10**400): out of range below
        s = math.inf
    if not (0 <= s < MAX_STEP):
        raise InvalidValueError(f"{where(obj, path)}: step must be between 0 and "
                                f"{MAX_STEP} (was {step})")
    return round(s, 6)


def as_namespace(value: Any) -> dict | None:
    """The fields of a value 1.x assigned as a namespace: a dict, or an
    ``argparse.Namespace`` (``run["args"] = parser.parse_args()``, 1.x's ``cast_value``);
    None for anything else. argparse is looked at only when a script imported it."""
    if isinstance(value, dict):
        return value
    argparse = sys.modules.get("argparse")
    if argparse is not None and isinstance(value, argparse.Namespace):
        return vars(value)
    return None


def flatten(prefix: str, mapping: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in mapping.items():
        if not isinstance(k, str):
            raise InvalidTypeError(f"{prefix}: namespace keys must be str (was "
                                   f"{type(k).__name__})")
        p = f"{prefix}/{k}" if prefix else k
        inner = as_namespace(v)
        if inner is not None:
            out.extend(flatten(p, inner))
        else:
            out.append((p, v))
    return out


def join_lineage(parts: Iterable[tuple | None], columns: tuple) -> tuple | None:
    """Parallel columns (steps first) of a series along a fork lineage, root first: each
    ancestor's part is read up to its fork step, and a fork's own point at its fork step
    replaces the inherited one. ``columns``: empty lists or arrays to fill; None when no
    part was found. Shared by run["x"].fetch_values() and the neptune-query reads."""
    found = False
    for part in parts:
        if part is None:
            continue
        found = True
        steps = columns[0]
        if part[0] and steps:
            from bisect import bisect_left
            cut = bisect_left(steps, part[0][0])
            for column in columns:
                del column[cut:]
        for column, new in zip(columns, part, strict=True):
            column.extend(new)
    return columns if found else None
