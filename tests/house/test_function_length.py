"""No function over 60 lines, in Python or JS (docs/ARCHITECTURE.md #5, "small pieces").

A long function hides several decisions behind one name; splitting it by meaning gives
each a name and a docstring. Python is measured with ``ast`` over the package (a
function's span from ``def`` to its last line, nested ones inside their parent's span
too); JS with a real parser (acorn, through ``scripts/function_lengths.mjs``) over
``js/``, leaving out the generated ``js/lib/contract.js`` and the tests.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "neptune_sys_widgets"
LIMIT = 60


def python_lengths(source: str, rel: str) -> list[tuple[int, str]]:
    """(lines, "file:line name") of every function and method of one module."""
    out: list[tuple[int, str]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert child.end_lineno is not None
                name = prefix + child.name
                out.append((child.end_lineno - child.lineno + 1,
                            f"{rel}:{child.lineno} {name}"))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)
    visit(ast.parse(source), "")
    return out


def too_long(lengths: list[tuple[int, str]]) -> list[str]:
    return [f"{where}: {n} lines" for n, where in sorted(lengths, reverse=True) if n > LIMIT]


def test_no_python_function_over_60_lines():
    lengths = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lengths += python_lengths(path.read_text(), str(path.relative_to(ROOT)))
    assert too_long(lengths) == []


def test_the_python_measure_counts_methods_and_nested_functions():
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    src = f"class A:\n    def long(self):\n{body.replace('    ', '        ')}\n" \
          f"def outer():\n    def inner():\n{body.replace('    ', '        ')}\n    return 1\n"
    got = too_long(python_lengths(src, "m.py"))
    assert got == ["m.py:63 outer: 63 lines", "m.py:64 outer.inner: 61 lines",
                   "m.py:2 A.long: 61 lines"]


def _js_lengths(root: Path | None = None) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JS half needs node and acorn")
    if not (ROOT / "node_modules" / "acorn").is_dir() or \
            not (ROOT / "node_modules" / "acorn-walk").is_dir():
        pytest.skip("node_modules lacks acorn / acorn-walk (devDependencies): run npm install")
    args = [node, str(ROOT / "scripts" / "function_lengths.mjs")]
    if root is not None:
        args.append(str(root))
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_no_js_function_over_60_lines():
    lengths = [(f["lines"], f"{f['file']}:{f['line']} {f['name']}") for f in _js_lengths()]
    assert lengths, "no JS function found: is js/ where the script looks?"
    assert not any(where.startswith("js/lib/contract.js") or "__tests__" in where
                   for _, where in lengths)
    assert too_long(lengths) == []


def test_the_js_measure_sees_arrows_methods_and_names(tmp_path):
    body = "\n".join(f"  const x{i} = {i};" for i in range(60))
    (tmp_path / "lib").mkdir()
    (tmp_path / "__tests__").mkdir()
    (tmp_path / "a.js").write_text(
        f"export function named() {{\n{body}\n}}\n"
        f"const arrow = () => {{\n{body}\n}};\n"
        f"class K {{\n  method() {{\n{body}\n  }}\n}}\n"
        f"export const short = (a) => a + 1;\n")
    (tmp_path / "lib" / "contract.js").write_text(f"export function gen() {{\n{body}\n}}\n")
    (tmp_path / "__tests__" / "t.js").write_text(f"function t() {{\n{body}\n}}\n")
    got = {(f["name"], f["lines"]) for f in _js_lengths(tmp_path)}
    assert got == {("named", 62), ("arrow", 62), ("method", 62), ("short", 1)}
