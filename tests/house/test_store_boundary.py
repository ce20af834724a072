"""The store boundary (docs/ARCHITECTURE.md #2: "the store is the only package that writes SQL
or holds a connection"): outside ``neptune_sys_widgets/store/`` no module may

- hold SQL text in a string literal (SELECT ... FROM, INSERT INTO, UPDATE ... SET,
  DELETE FROM, CREATE TABLE / INDEX, PRAGMA),
- call ``.execute()`` / ``.executemany()`` / ``.executescript()``,
- import a database driver (``sqlite3``, ``psycopg``) or a backend module of the store
  (``store.sqlite``, ``store.bulk``, ``store.postgres``...: only the package itself,
  ``store.base``, ``store.clock`` and ``store.interrupted_commits`` are for outside use),
- hold a connection (``conn``, ``.conn``, ``cursor``: the names a store's connection goes
  by),
- reach into a store: a private attribute of a store (``x._store._conn``, ``store._lock``),
  its raw statement reads (``store.read(...)``, ``store.read_one(...)``) or a WHERE clause
  handed to it (``sys_rows(where=...)``).

Everything a caller needs is a named operation of the Protocols in store/base.py, which both
backends implement; that is what keeps SQLite and PostgreSQL interchangeable. The check is
syntactic (Python's ``ast``): it sees code and string literals, never comments or
docstrings (prose may well name ``PRAGMA data_version``).

Known exceptions are listed below by file, each with its reason; one that no longer crosses
the boundary fails the second test, so the list cannot go stale.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "neptune_sys_widgets"

# path (relative to the package; a trailing "/" covers a directory) -> why it may still
# cross the boundary
KNOWN_EXCEPTIONS: dict[str, str] = {}

_SQL = [re.compile(p) for p in (
    r"\bSELECT\b[\s\S]*\bFROM\b",
    r"\bINSERT\s+(OR\s+[A-Z]+\s+)?INTO\b",
    r"\bUPDATE\s+\w+\s+SET\b",
    r"\bDELETE\s+FROM\b",
    r"\bCREATE\s+(UNIQUE\s+)?(TABLE|INDEX)\b",
    r"\bPRAGMA\s+\w+",
)]
_DRIVERS = {"sqlite3", "psycopg", "psycopg2", "psycopg_pool"}
_EXECUTE = {"execute", "executemany", "executescript"}
_STORE_NAMES = {"store", "_store", "s"}  # what code outside store/ calls a store
_RAW_READS = {"read", "read_one"}
_CONNECTION_NAMES = {"conn", "connection", "cursor"}
_PUBLIC_STORE_MODULES = {"base", "clock", "interrupted_commits"}


def _receiver_is_store(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in _STORE_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in ("store", "_store")
    return False


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of the string literals that are not docstrings; an f-string's literal
    parts joined, its fields as ``x``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                             ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " x "
                           for v in node.values)
            out.append((node.lineno, text))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in skip:
            out.append((node.lineno, node.value))
    return out


def _store_module(node: ast.ImportFrom, rel: str) -> str | None:
    """The submodule of store/ that ``node`` imports from, if any (``rel``: the importing
    module's path relative to the package)."""
    module = node.module or ""
    if node.level == 0:
        parts = module.split(".")
        if parts[0] != "neptune_sys_widgets":
            return None
        parts = parts[1:]
    else:
        here = rel.split("/")[:-1]  # the importing module's package
        base = here[:max(0, len(here) - (node.level - 1))]
        parts = base + (module.split(".") if module else [])
    return parts[1] if parts[:1] == ["store"] and len(parts) > 1 else None


def violations(path: Path, rel: str = "") -> list[str]:
    """What in ``path`` crosses the store boundary, one line each."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    for line, text in _strings(tree):
        for p in _SQL:
            m = p.search(text)
            if m:
                found.append(f"{line}: SQL text {m.group(0)[:40]!r}")
                break
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in _DRIVERS:
                    found.append(f"{node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in _DRIVERS and node.level == 0:
                found.append(f"{node.lineno}: from {node.module} import ...")
            sub = _store_module(node, rel)
            if sub is not None and sub not in _PUBLIC_STORE_MODULES:
                found.append(f"{node.lineno}: imports the backend module store.{sub}")
        elif isinstance(node, ast.arg) and node.arg in _CONNECTION_NAMES:
            found.append(f"{node.lineno}: holds a connection ({node.arg})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _EXECUTE:
                found.append(f"{node.lineno}: .{node.func.attr}(...)")
            if node.func.attr in ("sys_rows", "sys_columns") and \
                    any(k.arg == "where" for k in node.keywords):
                found.append(f"{node.lineno}: .{node.func.attr}(where=...)")
            if any(k.arg in _CONNECTION_NAMES for k in node.keywords):
                found.append(f"{node.lineno}: holds a connection (passes conn=)")
        if isinstance(node, ast.Attribute):
            if node.attr in _CONNECTION_NAMES:
                found.append(f"{node.lineno}: holds a connection (.{node.attr})")
            elif _receiver_is_store(node.value):
                if node.attr.startswith("_") and not node.attr.startswith("__"):
                    found.append(f"{node.lineno}: store internals .{node.attr}")
                elif node.attr in _RAW_READS:
                    found.append(f"{node.lineno}: raw store access .{node.attr}")
    return found


def _exception_for(rel: str) -> str | None:
    for key in KNOWN_EXCEPTIONS:
        if rel == key or (key.endswith("/") and rel.startswith(key)):
            return key
    return None


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not rel.startswith("store/"):
            out.append((rel, path))
    return out


def test_no_sql_driver_or_store_internals_outside_store():
    bad = []
    for rel, path in _modules():
        if _exception_for(rel) is None:
            bad += [f"{rel}:{v}" for v in violations(path, rel)]
    assert not bad, ("outside neptune_sys_widgets/store/ (use a named operation of "
                     "store/base.py, or list a reasoned exception):\n" + "\n".join(bad))


@pytest.mark.slow
def test_every_known_exception_still_crosses_the_boundary():
    used = {_exception_for(rel) for rel, path in _modules() if violations(path, rel)}
    stale = sorted(set(KNOWN_EXCEPTIONS) - used)
    assert not stale, f"no longer needed, remove from KNOWN_EXCEPTIONS: {stale}"


SAMPLE = '''
import sqlite3
from psycopg import sql
from ..store.sqlite import now_ms
from ..store.base import Store
Q = "SELECT pk FROM objects"
def f(store, rev):
    """Docstrings may say PRAGMA data_version."""
    store.conn.execute(f"UPDATE objects SET rev = {rev}")
    self._store._lock
    store.read("x")
    store.sys_rows(where="o.kind = ?")
def g(conn):
    return "select the rows you want from the table"  # prose, not SQL
'''


def test_the_check_sees_what_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE)
    got = violations(sample, "objects/sample.py")
    expected = ["import sqlite3", "from psycopg", "backend module store.sqlite",
                "SQL text 'SELECT pk FROM'", "SQL text 'UPDATE objects SET'", ".execute(",
                "connection (.conn)", "store internals ._lock", "raw store access .read",
                "sys_rows(where=", "connection (conn)"]
    for what in expected:
        assert any(what in v for v in got), (what, got)
    assert len(got) == len(expected), got
