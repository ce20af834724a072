"""The test tiers (tests/conftest.py's ``pytest_collection_modifyitems``) checked against the
test sources, read here on their own: a test that needs a PostgreSQL server, a browser or a
kernel but is not marked so (and so would run in ``scripts/test.sh --fast``) fails here.

What the sources say a test needs, independently of the rule's lists of fixture names:
the fixtures it takes (followed through every fixture defined in tests/conftest.py,
tests/harness/pg.py, tests/harness/fixtures.py and the test modules,
``request.getfixturevalue`` included), where the server, browser and kernel fixtures are
found by what their bodies do (tests/harness/pg.py's fixtures; a fixture that launches
Chromium or a Lab server; one that makes a ``Kernel``); what its module imports (nbclient,
jupyter_client, playwright); and the folder it is in (tests/browser/, tests/postgres/,
tests/kernel/: docs/ARCHITECTURE.md #6).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import REPO, TIERS, child_env

TESTS = REPO / "tests"
FIXTURE_FILES = ("conftest.py", "harness/pg.py", "harness/fixtures.py")

# A fixture whose body does this is a root of the tier (what it starts, not what it is named).
ROOT_CALLS = {
    "browser": {"launch_chromium", "sync_playwright", "LabServer"},
    "kernel": {"Kernel"},
}
IMPORTS = {"nbclient": "kernel", "jupyter_client": "kernel", "playwright": "browser"}
FOLDERS = {"browser": "browser", "postgres": "postgres", "kernel": "kernel"}

# The collection, as ``pytest --collect-only`` makes it (the rule applied), one line a test.
REPORT = """
import sys
import pytest

class Report:
    def pytest_collection_finish(self, session):
        for item in session.items:
            marks = {m.name for m in item.iter_markers()} & set(sys.argv[1:])
            fn = getattr(item, "function", None)
            print("TIER", item.nodeid, getattr(fn, "__module__", "").rsplit(".", 1)[-1],
                  getattr(item, "originalname", item.name), ",".join(sorted(marks)) or "-",
                  sep="\t", flush=True)

sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                     plugins=[Report()]))
"""


@dataclass(frozen=True)
class Item:
    nodeid: str
    module: str  # the module defining the test function (stem), e.g. "test_kernel"
    name: str  # the function's name, without parameters
    marks: frozenset[str]

    @property
    def file(self) -> str:
        return self.nodeid.split("::", 1)[0].rsplit("/", 1)[-1]

    @property
    def folder(self) -> str:
        """The folder under tests/ ("" for a file at its top)."""
        parts = self.nodeid.split("::", 1)[0].split("/")
        return parts[1] if len(parts) > 2 else ""


@dataclass
class Module:
    """What one source file says: its fixtures (name -> (needed, needed for some params)),
    its test functions (name -> fixtures taken), the tiers its imports imply."""
    fixtures: dict[str, tuple[set[str], set[str]]]
    tests: dict[str, set[str]]
    roots: dict[str, set[str]]  # tier -> fixtures of this file that start that thing
    import_tiers: set[str]


def _is_fixture(fn: ast.FunctionDef) -> bool:
    for d in fn.decorator_list:
        d = d.func if isinstance(d, ast.Call) else d
        if (isinstance(d, ast.Attribute) and d.attr == "fixture") or \
                (isinstance(d, ast.Name) and d.id == "fixture"):
            return True
    return False


def _args(fn: ast.FunctionDef) -> set[str]:
    a = fn.args
    return {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} - {"self", "cls"}


def _called(node: ast.AST) -> set[str]:
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            f = n.func
            names.add(f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", ""))
    return names


def _dynamic(node: ast.AST) -> set[str]:
    """Fixtures asked for with ``request.getfixturevalue("name")``."""
    return {n.args[0].value for n in ast.walk(node)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == "getfixturevalue" and n.args
            and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)}


def read_module(source: str, *, all_fixtures_postgres: bool = False) -> Module:
    tree = ast.parse(source)
    fns: list[ast.FunctionDef] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            fns.append(node)
        elif isinstance(node, ast.ClassDef):
            fns += [n for n in node.body if isinstance(n, ast.FunctionDef)]
    mod = Module({}, {}, {t: set() for t in TIERS}, set())
    for fn in fns:
        if _is_fixture(fn):
            mod.fixtures[fn.name] = (_args(fn), _dynamic(fn))
            for tier, calls in ROOT_CALLS.items():
                if _called(fn) & calls:
                    mod.roots[tier].add(fn.name)
            if all_fixtures_postgres:
                mod.roots["postgres"].add(fn.name)
        elif fn.name.startswith("test"):
            mod.tests[fn.name] = _args(fn)
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        mod.import_tiers |= {IMPORTS[n.split(".")[0]] for n in names
                             if n.split(".")[0] in IMPORTS}
    return mod


def needs(taken: set[str], fixtures: dict[str, tuple[set[str], set[str]]],
          roots: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """(tiers every parametrization needs, tiers some parametrization may need)."""
    sure, maybe, seen = set(), set(), set()
    todo = [(name, True) for name in taken]
    while todo:
        name, certain = todo.pop()
        if (name, certain) in seen:
            continue
        seen.add((name, certain))
        for tier, names in roots.items():
            if name in names:
                (sure if certain else maybe).add(tier)
        static, dynamic = fixtures.get(name, (set(), set()))
        todo += [(n, certain) for n in static] + [(n, False) for n in dynamic]
    return sure, maybe - sure


def problems(items: list[Item], sources: dict[str, str], shared: dict[str, str]) -> list[str]:
    """Every way the collection's marks fall short of what the sources need.

    ``sources``: test module stem -> source; ``shared``: fixture file -> source."""
    fixtures: dict[str, tuple[set[str], set[str]]] = {}
    roots: dict[str, set[str]] = {t: set() for t in TIERS}
    for path, text in shared.items():
        m = read_module(text, all_fixtures_postgres=path == "harness/pg.py")
        fixtures.update(m.fixtures)
        for t in TIERS:
            roots[t] |= m.roots[t]
    modules = {stem: read_module(text) for stem, text in sources.items()}
    out: list[str] = []
    groups: dict[tuple[str, str, str], list[Item]] = {}
    for it in items:
        groups.setdefault((it.file, it.module, it.name), []).append(it)
    for (file, module, name), group in sorted(groups.items()):
        defining = modules.get(module)
        where = modules.get(file.removesuffix(".py"))
        if defining is None or name not in defining.tests:
            continue
        local = {**fixtures, **defining.fixtures, **(where.fixtures if where else {})}
        local_roots = {t: roots[t] | defining.roots[t] | (where.roots[t] if where else set())
                       for t in TIERS}
        sure, maybe = needs(defining.tests[name], local, local_roots)
        sure |= defining.import_tiers | (where.import_tiers if where else set())
        sure |= {t for t, folder in FOLDERS.items() if group[0].folder == folder}
        for tier in sorted(sure):
            for it in group:
                if tier not in it.marks:
                    out.append(f"{it.nodeid}: needs {tier} but is not marked {tier}")
        for tier in sorted(maybe - sure):
            if not any(tier in it.marks for it in group):
                out.append(f"{file}::{name}: asks for a {tier} fixture (getfixturevalue) "
                           f"but no parametrization is marked {tier}")
    return out


def collect() -> list[Item]:
    proc = subprocess.run([sys.executable, "-c", REPORT, *TIERS], cwd=REPO, capture_output=True,
                          text=True, timeout=600, env=child_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    items = []
    for line in proc.stdout.splitlines():
        if line.startswith("TIER\t"):
            _, nodeid, module, name, marks = line.split("\t")
            items.append(Item(nodeid, module, name, frozenset(marks.split(",")) - {"-"}))
    return items


def read_sources() -> tuple[dict[str, str], dict[str, str]]:
    files = [p for p in TESTS.rglob("test_*.py") if "snippets" not in p.parts]
    sources = {p.stem: p.read_text() for p in files}
    assert len(sources) == len(files), "two test modules share a name"
    shared = {f: (TESTS / f).read_text() for f in FIXTURE_FILES}
    return sources, shared


@pytest.mark.slow
def test_every_test_needing_a_server_a_browser_or_a_kernel_is_in_its_tier():
    items = collect()
    assert len(items) > 1000
    sources, shared = read_sources()
    assert problems(items, sources, shared) == []
    # the tiers are not empty, and the fast tier is most of the suite
    for tier in TIERS:
        assert any(tier in it.marks for it in items), tier
    assert sum(not it.marks for it in items) > len(items) / 2


def test_the_check_fails_on_a_test_left_out_of_its_tier():
    """The check above can fail: fed a module whose tests need a database, a kernel, a
    browser (through a fixture of its own) and, for one parameter, the server, with marks
    missing, it names each."""
    _, shared = read_sources()
    source = '''
import pytest

@pytest.fixture
def my_card(page):
    return page

@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")

def test_db(pg_store): ...
def test_k(kernel): ...
def test_card(my_card): ...
def test_both(backend): ...
def test_plain(tmp_path): ...
'''
    items = [Item(f"tests/test_x.py::{name}", "test_x", name.split("[")[0], frozenset())
             for name in ("test_db", "test_k", "test_card", "test_both[sqlite]",
                          "test_both[postgresql]", "test_plain")]
    found = problems(items, {"test_x": source}, shared)
    assert found == [
        "test_x.py::test_both: asks for a postgres fixture (getfixturevalue) but no "
        "parametrization is marked postgres",
        "tests/test_x.py::test_card: needs browser but is not marked browser",
        "tests/test_x.py::test_db: needs postgres but is not marked postgres",
        "tests/test_x.py::test_k: needs kernel but is not marked kernel",
    ]
    marked = {"test_db": "postgres", "test_k": "kernel", "test_card": "browser",
              "test_both[postgresql]": "postgres"}
    items = [Item(it.nodeid, it.module, it.name,
                  frozenset({marked[it.nodeid.split("::")[1]]})
                  if it.nodeid.split("::")[1] in marked else frozenset()) for it in items]
    assert problems(items, {"test_x": source}, shared) == []
    # a file in a tier's folder is in it whatever it takes
    items = [Item("tests/postgres/test_x.py::test_plain", "test_x", "test_plain", frozenset())]
    assert problems(items, {"test_x": source}, shared) == [
        "tests/postgres/test_x.py::test_plain: needs postgres but is not marked postgres"]
