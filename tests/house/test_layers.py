"""The layers (docs/ARCHITECTURE.md #2), held by a test as the store boundary is
(tests/house/test_store_boundary.py). Over every module of ``neptune_sys_widgets/`` it fails on

- an import against the direction of the layers. A module-level import must point down
  (or sideways where ``MAY_IMPORT`` says so). An import inside a function that points up
  is allowed only where the table "Lazy imports against the direction" in
  docs/ARCHITECTURE.md #2 lists it; that table is the one list, read by this test, and an
  entry that no longer matches an import fails, so it cannot go stale. Imports under
  ``if TYPE_CHECKING:`` never run and are not judged;
- a reach into a ``_private`` name of another layer: ``x._name`` where ``_name`` is defined
  only in other layers (``cli.py`` writing ``obj._mode``, a widget reading
  ``container._store``), ``module._name`` of a module of another layer,
  ``from <other layer> import _name``, and ``getattr(x, "_name")`` alike. Upper layers use
  the public interface the objects give them instead. Within a layer privates are fine;
  dunder names are not private.

It also holds that module-level imports (the ones that run when a module is imported)
form no cycle.

The check is syntactic (Python's ``ast``). Which layer a private name belongs to is
known by where it is defined: ``def _x``, ``class _X``, ``_x = ...`` in a module or class
body, ``self._x = ...`` in a method. A name defined in no module of the package
(``sys._getframe``, a library's private) is not this test's business.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "neptune_sys_widgets"
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"

# layer -> the modules in it (dotted, relative to the package; a package covers its
# submodules; "" is the package root). Bottom to top, as docs/ARCHITECTURE.md #2 draws it.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("catalog", "exceptions", "wording"),
    "store": ("store",),
    "objects": ("objects", "types", "types_enums", "utils"),
    # beside objects: they use objects and the store interface; objects never import them
    "beside": ("control", "management", "query"),
    # the change feed is the binding layer's lower half: no traitlets, no objects, so the
    # CLI's watch view may use it without the binding
    "feed": ("feed",),
    "binding": ("binding",),
    "widgets": ("widgets",),
    "magics": ("magics",),
    "cli": ("cli", "interop", "ui.app"),
    # the team page's kernel side (neptune-sys ui): the tables, as the magics show them
    "ui": ("ui",),
    # mirrors of Neptune's module layout and the package's lazy front door
    "mirrors": ("", "compat", "dropin", "api", "new", "metadata_containers", "run",
                "projects", "integrations", "legacy", "typing"),
}

# layer -> the layers it may import (itself always)
MAY_IMPORT: dict[str, set[str]] = {
    "base": set(),
    "store": {"base"},
    "objects": {"base", "store"},
    "beside": {"base", "store", "objects"},
    "feed": {"base", "store"},
    "binding": {"base", "store", "objects", "feed"},
    "widgets": {"base", "objects", "beside", "feed", "binding"},
    "magics": {"base", "objects", "beside", "feed", "binding", "widgets", "mirrors"},
    "ui": {"base", "objects", "beside", "feed", "binding", "widgets", "cli"},
    "cli": {"base", "store", "objects", "beside", "feed", "mirrors"},
    "mirrors": {"base", "objects", "beside"},
}


# For private names, sub-layers that the document counts as one layer: the feed and the
# binding are one layer ("binding: binding.py, feed.py"), so the feed may call a binding's
# ``_apply_record``.
ONE_LAYER = {"feed": "binding"}


def layer_of(module: str) -> str:
    """The layer of a dotted module name (relative to the package)."""
    best, found = -1, ""
    for layer, prefixes in LAYERS.items():
        for p in prefixes:
            if (module == p or module.startswith(p + ".") or p == "") and len(p) > best:
                best, found = len(p), layer
    return found


def module_name(rel: str) -> str:
    """``objects/run.py`` -> ``objects.run``; ``widgets/__init__.py`` -> ``widgets``."""
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imported(node: ast.ImportFrom | ast.Import, rel: str,
              modules: set[str]) -> list[tuple[str, str]]:
    """(module, name) for each package module that ``node`` imports; ``name`` is the
    imported name for ``from m import name`` (``""`` when the name is itself one of
    ``modules``)."""
    if isinstance(node, ast.Import):
        return [(".".join(a.name.split(".")[1:]), "") for a in node.names
                if a.name.split(".")[0] == "neptune_sys_widgets"]
    if node.level == 0:
        parts = (node.module or "").split(".")
        if parts[0] != "neptune_sys_widgets":
            return []
        base = parts[1:]
    else:
        here = rel[:-3].split("/")[:-1]  # the importing module's package
        base = here[:len(here) - (node.level - 1)]
        base += node.module.split(".") if node.module else []
    out = []
    for a in node.names:
        if ".".join(base + [a.name]) in modules:
            out.append((".".join(base + [a.name]), ""))
        else:
            out.append((".".join(base), a.name))
    return out


class Import:
    def __init__(self, rel: str, line: int, target: str, name: str, function: str,
                 type_only: bool) -> None:
        self.rel, self.line, self.target, self.name = rel, line, target, name
        self.function = function  # the enclosing def's qualified name, "" at module level
        self.type_only = type_only


def _walk(tree: ast.AST) -> Iterator[tuple[ast.AST, str, bool]]:
    """Every node with its enclosing function's qualified name (``""`` outside any def)
    and whether it sits under ``if TYPE_CHECKING:``."""
    def visit(node: ast.AST, scope: list[str], func: str, tc: bool):
        for child in ast.iter_child_nodes(node):
            s, f, t = scope, func, tc
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                s = [*scope, child.name]
                if not isinstance(child, ast.ClassDef):
                    f = ".".join(s)
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for b in child.body:
                    yield b, func, True
                    yield from visit(b, scope, func, True)
                for b in child.orelse:
                    yield b, func, tc
                    yield from visit(b, scope, func, tc)
                continue
            yield child, f, t
            yield from visit(child, s, f, t)
    yield from visit(tree, [], "", False)


def imports(rel: str, tree: ast.AST, modules: set[str]) -> list[Import]:
    out = []
    for node, func, tc in _walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out += [Import(rel, node.lineno, t, n, func, tc)
                    for t, n in _imported(node, rel, modules)]
    return out


def _modules(sources: dict[str, ast.Module]) -> set[str]:
    return {module_name(rel) for rel in sources}


# ------------------------------------------------------------------ the documented list
_ROW = re.compile(r"^\|\s*`([\w/.]+\.py)`\s*,?\s*`([\w.]+)`\s*\|\s*`([\w.]+)`\s*\|")


def documented_lazy_imports(text: str | None = None) -> dict[tuple[str, str, str], str]:
    """(file, function, imported module) -> why, from the table under "Lazy imports against
    the direction" in docs/ARCHITECTURE.md."""
    text = ARCHITECTURE.read_text(encoding="utf-8") if text is None else text
    section = text.split("Lazy imports against the direction", 1)[1].split("\n#", 1)[0]
    out = {}
    for line in section.splitlines():
        m = _ROW.match(line)
        if m:
            out[(m.group(1), m.group(2), m.group(3))] = line.rsplit("|", 2)[-2].strip()
    return out


# ------------------------------------------------------------------ the checks
def _sources() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))}


def upward(imp: Import) -> bool:
    here, there = layer_of(module_name(imp.rel)), layer_of(imp.target)
    return there != here and there not in MAY_IMPORT[here]


def import_violations(sources: dict[str, ast.Module],
                      allowed: dict[tuple[str, str, str], str]) -> list[str]:
    found, modules = [], _modules(sources)
    for rel, tree in sources.items():
        for imp in imports(rel, tree, modules):
            if imp.type_only or not upward(imp):
                continue
            here, there = layer_of(module_name(rel)), layer_of(imp.target)
            what = f"{rel}:{imp.line}: {here} imports {imp.target} ({there})"
            if not imp.function:
                found.append(what + " at module level")
            elif (rel, imp.function, imp.target) not in allowed:
                found.append(what + f" in {imp.function}(), not listed in "
                             "docs/ARCHITECTURE.md #2")
    return found


def _defined_privates(tree: ast.AST) -> set[str]:
    """The ``_private`` names a module defines (functions, classes, module and class
    attributes, ``self._x = ...``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for t in targets:
            for e in ast.walk(t):
                if isinstance(e, ast.Name):
                    names.add(e.id)
                elif isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and \
                        e.value.id in ("self", "cls"):
                    names.add(e.attr)
    return {n for n in names if _private(n)}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_aliases(rel: str, tree: ast.AST, modules: set[str],
                    names: bool = False) -> dict[str, str]:
    """Local names bound to a package module (``from . import catalog as c``) -> module;
    with ``names``, the names imported from one (``from .x import C``) -> its module."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for a, (target, name) in zip(node.names, _imported(node, rel, modules), strict=False):
                if bool(name) == names:
                    out[a.asname or a.name] = target
    return out


def _annotation_classes(node: ast.expr | None) -> list[str]:
    """The class names an annotation mentions (``Container | None`` -> ``Container``)."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return []
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]


def _receiver_types(tree: ast.AST) -> dict[int, list[str]]:
    """id(expression node) -> the class names it is annotated with, for what a module
    says of its receivers: annotated parameters, ``self.x = <annotated parameter>`` (in
    any method of the class) and ``name = <typed expression>`` in a function."""
    out: dict[int, list[str]] = {}
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
        attrs: dict[str, list[str]] = {}
        funcs = [f for f in ast.walk(cls) if isinstance(f, (ast.FunctionDef,
                                                             ast.AsyncFunctionDef))]
        for f in funcs:
            params = {a.arg: _annotation_classes(a.annotation)
                      for a in f.args.args + f.args.kwonlyargs}
            for n in ast.walk(f):
                if isinstance(n, ast.Assign) and isinstance(n.value, ast.Name) and \
                        params.get(n.value.id):
                    for t in n.targets:
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) \
                                and t.value.id == "self":
                            attrs[t.attr] = params[n.value.id]
        for f in funcs:
            env = {a.arg: _annotation_classes(a.annotation)
                   for a in f.args.args + f.args.kwonlyargs}
            for n in ast.walk(f):
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and \
                        isinstance(n.targets[0], ast.Name):
                    env[n.targets[0].id] = _type_of(n.value, env, attrs)
            for n in ast.walk(f):
                if isinstance(n, ast.Attribute):
                    t = _type_of(n.value, env, attrs)
                    if t:
                        out[id(n.value)] = t
    return out


def _type_of(node: ast.expr, env: dict[str, list[str]],
             attrs: dict[str, list[str]]) -> list[str]:
    if isinstance(node, ast.Name):
        return env.get(node.id, [])
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
            node.value.id == "self":
        return attrs.get(node.attr, [])
    return []


def _private_reaches(rel: str, tree: ast.AST,
                     modules: set[str]) -> Iterator[tuple[int, str, str | None, list[str]]]:
    """(line, name, the module it is taken from if known, the receiver's annotated class
    names) of every private name this module takes from something other than ``self`` /
    ``cls`` / ``super()``."""
    aliases = _module_aliases(rel, tree, modules)
    types = _receiver_types(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            v = node.value
            if isinstance(v, ast.Name) and v.id in ("self", "cls"):
                continue
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and \
                    v.func.id == "super":
                continue
            module = aliases.get(v.id) if isinstance(v, ast.Name) else None
            yield node.lineno, node.attr, module, types.get(id(v), [])
        elif isinstance(node, ast.ImportFrom):
            for target, name in _imported(node, rel, modules):
                if name and _private(name):
                    yield node.lineno, name, target, []
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("getattr", "setattr", "hasattr", "delattr") and \
                len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and \
                isinstance(node.args[1].value, str) and _private(node.args[1].value):
            yield node.lineno, node.args[1].value, None, []


def owner_layer(module: str) -> str:
    """The layer that owns a module's private names (``ONE_LAYER`` merged)."""
    layer = layer_of(module)
    return ONE_LAYER.get(layer, layer)


def _class_layers(t: str, here: str, imported: dict[str, str], local: set[str],
                  classes: dict[str, set[str]]) -> set[str]:
    """The layer of the class named ``t`` as a module sees it: imported, its own, or the
    one class of that name in the package."""
    if t in imported:
        return {owner_layer(imported[t])}
    if t in local:
        return {here}
    return classes[t] if len(classes.get(t, ())) == 1 else set()


def private_violations(sources: dict[str, ast.Module]) -> list[str]:
    defined: dict[str, set[str]] = {}  # private name -> the layers that define it
    classes: dict[str, set[str]] = {}  # class name -> the layers that define it
    for rel, tree in sources.items():
        layer = owner_layer(module_name(rel))
        for name in _defined_privates(tree):
            defined.setdefault(name, set()).add(layer)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, set()).add(layer)
    found, modules = [], _modules(sources)
    for rel, tree in sources.items():
        here = owner_layer(module_name(rel))
        imported = _module_aliases(rel, tree, modules, names=True)
        local = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        for line, name, module, types in _private_reaches(rel, tree, modules):
            typed = [c for c in (_class_layers(t, here, imported, local, classes)
                                 for t in types) if c]
            if module is not None:
                owners = {owner_layer(module)}
            elif typed:  # the receiver's annotated class decides
                owners = set().union(*typed)
            else:
                owners = defined.get(name, {here})
            if here not in owners:
                found.append(f"{rel}:{line}: {here} reaches .{name} of "
                             f"{'/'.join(sorted(owners))}")
    return found


def module_cycles(sources: dict[str, ast.Module]) -> list[list[str]]:
    """Cycles among the imports that run when a module is imported (module level, not
    under TYPE_CHECKING); importing ``a.b`` also runs the package ``a``."""
    graph: dict[str, set[str]] = {}
    modules = _modules(sources)
    for rel, tree in sources.items():
        me = module_name(rel)
        for imp in imports(rel, tree, modules):
            if imp.function or imp.type_only:
                continue
            parts = imp.target.split(".")
            for i in range(1, len(parts) + 1):
                t = ".".join(parts[:i])
                if t != me and not me.startswith(t + ".") and (t or me):
                    graph.setdefault(me, set()).add(t)
    return _strongly_connected(graph)


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


# ------------------------------------------------------------------ the tests
def test_every_module_has_a_layer():
    missing = [rel for rel in _sources() if not layer_of(module_name(rel))]
    assert not missing, f"give these a layer in LAYERS: {missing}"


def test_imports_follow_the_layers():
    bad = import_violations(_sources(), documented_lazy_imports())
    assert not bad, ("imports against docs/ARCHITECTURE.md #2 (import downwards, or list a "
                     "lazy one in its table with the reason):\n" + "\n".join(bad))


def test_every_documented_lazy_import_exists_and_points_up():
    sources = _sources()
    modules = _modules(sources)
    seen = {(i.rel, i.function, i.target) for rel, tree in sources.items()
            for i in imports(rel, tree, modules) if i.function and upward(i)}
    stale = sorted(set(documented_lazy_imports()) - seen)
    assert not stale, ("listed in docs/ARCHITECTURE.md #2 but no such upward lazy import "
                       f"(remove or correct the row): {stale}")


def test_no_private_reaches_across_layers():
    bad = private_violations(_sources())
    assert not bad, ("a private name of another layer (give the lower layer a public, "
                     "documented accessor):\n" + "\n".join(bad))


def test_no_import_cycles_at_module_level():
    assert module_cycles(_sources()) == []


SAMPLE_OBJECTS = '''
from ..binding import bind
def _helper(): pass
class Container:
    def __init__(self):
        self._mode = "async"
        self._store = None
    def sys(self):
        from ..widgets import widget_for
        from ..binding import bind
        return self._mode
'''

SAMPLE_CLI = '''
from .objects import container
from .objects.container import _helper
def verb(obj):
    obj._mode = "read-only"
    obj._store.close()
    getattr(obj, "_store")
    container._helper()
    obj.__class__
    own._mine = 1
class Mine:
    def __init__(self):
        self._mine = 0
'''

SAMPLE_DOC = '''
## 2. Layers
### Lazy imports against the direction

| where | imports | why |
| --- | --- | --- |
| `objects/container.py`, `Container.sys` | `binding` | sugar |
| `objects/container.py`, `Container.gone` | `widgets` | stale |

## 3. Next
| `cli.py`, `verb` | `widgets` | not in the section |
'''


def test_the_check_sees_what_it_forbids():
    sources = {"objects/container.py": ast.parse(SAMPLE_OBJECTS),
               "cli.py": ast.parse(SAMPLE_CLI)}
    allowed = documented_lazy_imports(SAMPLE_DOC)
    assert set(allowed) == {("objects/container.py", "Container.sys", "binding"),
                            ("objects/container.py", "Container.gone", "widgets")}
    got = import_violations(sources, allowed)
    assert len(got) == 2, got
    assert "objects/container.py:2: objects imports binding (binding) at module level" \
        in got
    assert any(":9: objects imports widgets" in v and "Container.sys()" in v for v in got)
    got = private_violations(sources)
    expected = ["cli.py:3: cli reaches ._helper of objects",  # from ... import _helper
                "cli.py:5: cli reaches ._mode of objects",
                "cli.py:6: cli reaches ._store of objects",
                "cli.py:7: cli reaches ._store of objects",  # getattr
                "cli.py:8: cli reaches ._helper of objects"]  # module._helper
    assert sorted(got) == expected, got
    assert module_cycles({"a.py": ast.parse("from . import b"),
                          "b.py": ast.parse("from .a import x\ndef f():\n    from . import c"),
                          "c.py": ast.parse("from . import a")}) == [["a", "b"]]
    assert layer_of("store.sqlite") == "store" and layer_of("") == "mirrors"
    assert layer_of("widgets.sys_widget") == "widgets"
