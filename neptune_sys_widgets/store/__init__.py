"""Where objects are persisted. One store object per file per process, shared by all handles,
so the change feed and the heartbeat see one connection pool per store."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from ..exceptions import StoreError
from .blobs import (
    FILES_ENV,
    Blob,
    BlobStore,
    NoFilesFolder,
    blobs_for,
    builtin_sha256,
    unreadable,
)
from .sqlite import SqliteStore, now_ms
from .sqlite_rows import gc_paused

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .base import Bulk, Store

DEFAULT_RELATIVE_PATH = os.path.join(".neptune", "neptune.db")
_stores: dict[str, Store] = {}
_lock = threading.Lock()
# How threads of upper layers that keep connections of their own (the background thread of
# objects/background.py) let go of a closed store's connection: registered by them, called
# by close_all(), so the store package never imports the layers above it.
_release_hooks: list[Callable[[Any], None]] = []


def add_release_hook(fn: Callable[[Any], None]) -> None:
    """``fn(store)`` is called by ``close_all()`` after ``store.close()``: it must make the
    threads it owns close their connection to ``store`` before it returns."""
    if fn not in _release_hooks:
        _release_hooks.append(fn)


def resolve_path(store: str | os.PathLike | None = None) -> str:
    """``store=`` argument, else ``NEPTUNE_SYS_STORE``, else ``.neptune/neptune.db`` in cwd."""
    raw = os.fspath(store) if store is not None else os.environ.get("NEPTUNE_SYS_STORE")
    if not raw:
        raw = DEFAULT_RELATIVE_PATH
    if raw.startswith("sqlite:///"):
        raw = raw[len("sqlite:///"):]
    elif raw.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return raw  # the team store (store/postgres.py): keyed by its URL
    elif "://" in raw:
        raise StoreError(f"store {raw!r}: only SQLite stores (a path or sqlite:///path) are "
                         "supported by this version")
    return os.path.abspath(os.path.expanduser(raw))


def open_store(store: str | os.PathLike | None = None, *, debug: bool = False) -> Store:
    """The store at ``store`` (see :func:`resolve_path`), opened once per process. With
    ``debug``, a new private in-memory store each call, as each debug object of neptune
    1.x kept its data to itself; ``store`` may then be an open in-memory store, shared on
    purpose (``init_model_version(..., mode="debug", store=model.store)``)."""
    if debug:
        return _private_store(store)
    key = resolve_path(store)
    with _lock:
        s = _stores.get(key)
        if s is None and "://" in key:
            # psycopg is imported only here, when a postgresql:// URL is used
            from .postgres import PostgresStore
            s = PostgresStore(key)
            _stores[key] = _stores[s.path] = s  # s.path: the URL without its password
        if s is None:
            s = SqliteStore(key, memory=debug)
            _stores[key] = s
        return s


def open_file_alone(path: str | os.PathLike) -> Store:
    """An SQLite store file for one user alone (an offline run's log): not kept in the
    registry, so closing it lets the file go, and another open in this process starts
    afresh. (Whether an existing file is a store of this package at all is
    :func:`not_a_store`'s question, asked before: opening adds this package's tables.)"""
    return SqliteStore(os.fspath(path))


def not_a_store(path: str | os.PathLike) -> str | None:
    """Why the file at ``path`` is not an SQLite store of this package (None: it is one),
    read without writing to it."""
    return SqliteStore.not_a_store(os.fspath(path))


def _private_store(store: Any) -> Store:
    if getattr(store, "memory", False) and not isinstance(store, (str, os.PathLike)):
        return store  # (a path is ignored, as before: a debug object never writes to disk)
    # not kept in _stores: it lives as long as the objects using it, so a loop of debug
    # runs does not hold every one's data until the process ends
    return SqliteStore(":debug:", memory=True)


def bulk_for(store: Store) -> Bulk:
    """The bulk operations (import, export, copy) of an open store: store/bulk.py's for
    SQLite, store/postgres_bulk.py's for PostgreSQL (loaded on first use)."""
    from .bulk import bulk_for as pick
    return pick(store)


def copy(src: Any, dst: Any, *, project: str | None = None, on_conflict: str = "skip",
         progress: Any = None) -> Any:
    """Copy projects (all, or ``project``) from one store to another: SQLite paths,
    ``postgresql://`` URLs or open stores, either direction. Ids, counters, sys fields,
    attributes and series are kept; the copies are inactive. Objects already in ``dst``
    are skipped (``on_conflict="replace"`` replaces them). ``interop.copy_store`` (needs the
    ``interop`` extra); returns its ``CopySummary``."""
    from ..interop import copy_store
    return copy_store(src, dst, project=project, on_conflict=on_conflict, progress=progress)


def close_all() -> None:
    """Close every store this process opened. When it returns, no thread of the package
    holds a connection to any of them (their files can be taken exclusively); a later
    ``open_store`` opens a store afresh."""
    with _lock:
        stores = list({id(s): s for s in _stores.values()}.values())
        _stores.clear()
    for s in stores:
        s.close()
        for hook in list(_release_hooks):
            hook(s)


def _after_fork_in_child() -> None:
    """A forked child keeps the parent's store objects (its objects hold them) but none of
    their connections (each store's ``after_fork_in_child`` says why)."""
    global _lock
    _lock = threading.Lock()  # a thread of the parent may have held it
    for s in {id(s): s for s in _stores.values()}.values():
        s.after_fork_in_child()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


__all__ = ["FILES_ENV", "Blob", "BlobStore", "NoFilesFolder", "blobs_for", "builtin_sha256",
           "SqliteStore", "open_store", "resolve_path", "close_all", "now_ms", "gc_paused",
           "bulk_for", "copy", "add_release_hook", "unreadable"]
