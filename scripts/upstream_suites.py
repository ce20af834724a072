"""Run Neptune's own test suites against this project and print their pass rates.

The upstream repositories are never copied into this one: the script takes a git
repository of each (a clone, or the mirror the `fetch` tool brings), extracts the tests of
the tag below into a temporary directory, and runs the selected test paths with pytest
through the zero-change path (``python -m neptune_sys_widgets.run -m pytest``), so that
``neptune``, ``neptune_scale`` and ``neptune_query`` are this project. Two modes:

- ``real``: the imports as they are. Tests that import the hosted service's internals
  (``neptune.internal``, ``neptune_query.generated``, ``neptune_api`` ...) fail on them;
  the README lists those modules as out of scope.
- ``stubbed``: those internal modules (``STUBBED`` below) are replaced by permissive stubs
  when they are not importable, so the rest of each test runs against the public API.

    python scripts/upstream_suites.py \\
        --repo neptune-client=/work/.mirror/neptune-ai+neptune-client/repo \\
        --repo neptune-client-scale=/work/.mirror/neptune-ai+neptune-client-scale/repo \\
        --repo neptune-query=/work/.mirror/neptune-ai+neptune-query/repo \\
        [--mode real|stubbed|both] [--suite NAME ...] [--json out.json] [--install-deps]

docs/UPSTREAM_SUITES.md says which tests are selected and why.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Suite:
    name: str
    tag: str
    paths: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


_E2E_ENV = {"NEPTUNE_E2E_API_TOKEN": "local", "NEPTUNE_E2E_WORKSPACE": "e2e",
            "NEPTUNE_E2E_PROJECT": "e2e/upstream", "NEPTUNE_API_TOKEN": "local",
            "NEPTUNE_PROJECT": "e2e/upstream", "NEPTUNE_E2E_CUSTOM_RUN_ID": "upstream-run",
            "WORKSPACE_NAME": "e2e", "ADMIN_USERNAME": "admin", "USER_USERNAME": "user",
            "ADMIN_NEPTUNE_API_TOKEN": "local", "SERVICE_ACCOUNT_NAME": "sa"}
SUITES = (
    Suite("neptune-client", "1.14.0",
          # in the order `pytest tests/e2e` (upstream CI) collects them: management first
          ("tests/e2e/management", "tests/e2e/standard", "tests/unit/neptune/new/client",
           "tests/unit/neptune/new/types"),
          _E2E_ENV),
    Suite("neptune-client-scale", "0.29.0", ("tests/e2e", "tests/unit/test_run.py"),
          _E2E_ENV),
    Suite("neptune-query", "1.11.0", ("tests/e2e/v1", "tests/e2e/experimental"), _E2E_ENV),
)
# Modules that only drive the hosted service: stubbed in the `stubbed` mode.
STUBBED = ("neptune.internal", "neptune.api", "neptune.cli", "neptune.core",
           "neptune.common.backends", "neptune.common.hardware", "neptune.common.websockets",
           "neptune.common.storage", "neptune.management.internal", "neptune.legacy",
           "neptune.version", "neptune.constants", "neptune.handler", "neptune.logging",
           "neptune.vendor", "neptune.common.utils",
           "neptune_scale._internal", "neptune_scale.net", "neptune_scale.sync",
           "neptune_scale.cli", "neptune_scale.api.attribute", "neptune_scale.util.daemon",
           "neptune_scale.util.styles",
           "neptune_query.internal", "neptune_query.generated", "neptune_api",
           "neptune_retrieval_api", "neptune_fetcher")
ACCOUNT_CALLS = ("add_project_member", "get_project_member_list", "remove_project_member",
                 "get_workspace_member_list", "invite_to_workspace",
                 "add_project_service_account", "remove_project_service_account",
                 "get_project_service_account_list", "get_workspace_service_account_list",
                 "get_workspace_status", "delete_project")
TEST_DEPS = ("pytest-mock", "freezegun", "pytest-timeout", "pytest-retry", "pytest-asyncio",
             "filelock", "icecream", "tabulate", "python-dateutil", "pytest-xdist",
             "faker", "GitPython", "httpx", "mock", "numpy", "pandas<3", "pillow", "matplotlib",
             "altair", "bokeh", "plotly", "seaborn", "boto3", "s3fs>=2024.1", "moto[server]",
             "vega_datasets", "backoff")

STUB_PLUGIN = '''
"""pytest plugin written by scripts/upstream_suites.py: permissive stand-ins for the
hosted service's internal modules that this project does not mirror."""
import enum, importlib.abc, importlib.machinery, importlib.util, sys, types
from unittest import mock

PREFIXES = {prefixes!r}


class _StubMeta(type(mock.MagicMock)):
    def __getattr__(cls, name):  # ContainerType.RUN on a stubbed class
        if name.startswith("__"):
            raise AttributeError(name)
        return mock.MagicMock(name=f"{{cls.__name__}}.{{name}}")


class _Stub(mock.MagicMock, metaclass=_StubMeta):
    """Usable as a value, a callable, a decorator and a base class."""

    def __repr__(self):  # a failure whose message shows a stand-in's value: on internals
        return "<stand-in " + super().__repr__()[1:]


class _StubModule(types.ModuleType):
    __path__ = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = type(name, (_Stub,), {{}}) if name[:1].isupper() else _Stub(name=name)
        setattr(self, name, value)
        return value


class _ContainerType(str, enum.Enum):
    """neptune.internal.container_type.ContainerType: the e2e tests parametrize over its
    members and compare them with the strings "run", "model", ... (a MagicMock would never
    be equal to one)."""
    RUN = "run"
    PROJECT = "project"
    MODEL = "model"
    MODEL_VERSION = "model_version"

    def to_api(self):
        return "modelVersion" if self is _ContainerType.MODEL_VERSION else self.value


# internal helpers the suites' fixtures compute values with: small stand-ins
SHIMS = {{
    "neptune.internal.container_type": {{"ContainerType": _ContainerType}},
    # the suites skip their fork tests on Windows and two table tests on macOS; a stub's
    # flag would be always true
    "neptune.common.utils": {{"IS_WINDOWS": sys.platform == "win32",
                              "IS_MACOS": sys.platform == "darwin"}},
    "neptune.management.internal.utils": {{
        "normalize_project_name": lambda name, workspace=None: (
            f"{{workspace}}/{{name}}" if workspace and "/" not in name else name),
    }},
    "neptune_query.internal.api_utils": {{
        "get_config_and_token_urls": lambda **kw: (_Stub(), _Stub()),
    }},
    # the S3 client the artifact tests upload their objects with: boto3 against the local
    # S3-compatible server the runner started (AWS_ENDPOINT_URL), when there is one
    # the storage path component of a file logged without a step (the e2e file tests
    # build their expected paths with it)
    "neptune_scale.sync.files": {{"NO_STEP_PLACEHOLDER": "none"}},
    # 1.x's kinds of File (File.file_type): the file tests parametrize over them and
    # compare File.file_type with them; this project's File gives its own enum of the
    # same three members, which stands in here
    "neptune.internal.types.file_types": {{
        "FileType": __import__("neptune_sys_widgets.types", fromlist=["FileType"]).FileType,
    }},
    "neptune.internal.utils.s3": {{
        "get_boto_s3_client": lambda: __import__("boto3").resource("s3"),
    }},
}}


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        module = _StubModule(spec.name)
        for key, value in SHIMS.get(spec.name, {{}}).items():
            setattr(module, key, value)
        return module

    def exec_module(self, module):
        pass


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if not any(fullname == p or fullname.startswith(p + ".") for p in PREFIXES):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            try:
                spec = finder.find_spec(fullname, path, target)
            except ImportError:
                spec = None
            if type(finder).__name__ == "DropInFinder":
                # it decides for the names it aliases (the path it would be given is the
                # project's own, where a same-named product module must not count)
                if spec is not None:
                    return None
                break
            if spec is not None:
                return None  # the real module exists: use it
        return importlib.machinery.ModuleSpec(fullname, _Loader(), is_package=True)


sys.meta_path.insert(0, _Finder())


class _FetcherFinder(importlib.abc.MetaPathFinder):
    """neptune-client-scale's e2e read helpers (``tests.e2e.test_fetcher``) speak the
    hosted HTTP API: once that package is imported, its helpers are replaced by
    ``upstream_scale_fetcher``'s, which read through this project's public neptune_query."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "tests.e2e.test_fetcher":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            import upstream_scale_fetcher
            upstream_scale_fetcher.install(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _FetcherFinder())

# The hosted service's account management (members, service accounts, workspaces): the
# e2e suites' session fixtures call it to set up a workspace. A store has no accounts, so
# these raise NotImplementedError here; in this mode they are no-ops returning nothing.
ACCOUNT_CALLS = {account_calls!r}


def _stub_account_calls():  # at import: before pytest loads the suites' conftest files
    try:
        import neptune.management as management
    except ImportError:
        return
    for name in ACCOUNT_CALLS:
        if hasattr(management, name):
            setattr(management, name, lambda *a, **k: {{}})


_stub_account_calls()


def _patch_targets(obj):
    """The dotted targets of the mock.patch decorators on a test (a class's decorators
    are copied onto each of its methods)."""
    for patching in getattr(obj, "patchings", ()):
        for cell in getattr(patching.getter, "__closure__", None) or ():
            if isinstance(cell.cell_contents, str):
                yield f"{{cell.cell_contents}}.{{patching.attribute}}"


def _on_stand_ins(item):
    """What, in a test's own decorators, drives the hosted service's plumbing: a patch
    of a stubbed module, or a stand-in patched in (``NeptuneBackendMock``)."""
    found = []
    for patching in getattr(item.obj, "patchings", ()):
        new = getattr(patching, "new", None)
        if isinstance(new, type) and issubclass(new, _Stub) or isinstance(new, _Stub):
            found.append(f"patches in the stand-in {{getattr(new, '__name__', new)}}")
    for target in _patch_targets(item.obj):
        if any(target == p or target.startswith(p + ".") for p in PREFIXES):
            found.append(f"patches {{target}}")
    return found


import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test that patches the hosted service's internals says so in its report,
    so the runner counts it among the failures on internals."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and hasattr(item, "obj"):
        found = _on_stand_ins(item)
        if found:
            report.longrepr = (f"{{report.longrepr}}\\n[nsw_upstream_stubs] this test "
                               f"{{'; '.join(sorted(set(found)))}}")


def pytest_sessionstart(session):
    """neptune-query's data-ingestion harness asks the hosted API whether a project exists
    and waits for its search index: ask the store instead, and do not wait."""
    ingestion = sys.modules.get("tests.e2e.data_ingestion")
    if ingestion is None:
        return
    import neptune_sys_widgets.management as management
    ingestion._project_exists = lambda client, name: name in management.get_project_list()
    ingestion._wait_for_ingestion = lambda **kwargs: None
'''


LOCAL_PLUGIN = '''
"""pytest plugin written by scripts/upstream_suites.py, loaded in both modes: the suites
wait (WAIT_DURATION, 60 s a test; ``extra_wait``, 10 s) for the hosted service's search
index and storage to catch up; a
store has no index lag, so the wait is dropped; and no test is retried."""


def pytest_collection_modifyitems(items):
    import pytest
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "WAIT_DURATION"):
            module.WAIT_DURATION = 0
        if module is not None and callable(getattr(module, "extra_wait", None)):
            module.extra_wait = lambda timeout=0: None  # neptune-client-scale: 10 s a test
        # the suites retry flaky tests against the hosted service up to 3 times; a local
        # store is deterministic, and a retry only multiplies the time a failure takes
        item.add_marker(pytest.mark.flaky(retries=0), append=False)
'''


def extract(repo: Path, tag: str, dest: Path) -> Path:
    """The tag's tests/ (and pyproject, for pytest's settings) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "--git-dir", str(_git_dir(repo)), "archive", tag,
                              "tests", "pyproject.toml"], capture_output=True, check=True)
    with tempfile.TemporaryFile() as fh:
        fh.write(archive.stdout)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(dest, filter="data")
    _as_checkout(dest, repo)
    return dest


def _as_checkout(dest: Path, repo: Path) -> None:
    """The suites run from their own git checkout, and some read it (neptune-client-scale's
    source-tracking test compares what a run recorded with the repository's commit and
    ``origin`` remote): the extracted tree becomes a one-commit repository with ``origin``
    pointing at the repository it came from."""
    git = ["git", "-C", str(dest), "-c", "user.name=upstream-suites",
           "-c", "user.email=upstream-suites@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "tests"],
                 ["remote", "add", "origin", str(repo.resolve())]):
        subprocess.run([*git, *args], capture_output=True, check=False)


def _git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").exists() else repo


def run_suite(suite: Suite, tree: Path, mode: str, work: Path) -> Path:
    """pytest over the suite's paths; returns its JUnit XML report."""
    report = work / f"{suite.name}-{mode}.xml"
    env = dict(os.environ, **suite.env)
    # in the checkout's .neptune folder, where a script's default store is: 1.x's tests
    # look into that folder (that a debug or sync run left no queue there)
    (tree / ".neptune").mkdir(exist_ok=True)
    env["NEPTUNE_SYS_STORE"] = str(tree / ".neptune" / f"{suite.name}-{mode}.db")
    env.pop("NEPTUNE_SYS_DROP_IN", None)
    (work / "nsw_upstream_local.py").write_text(LOCAL_PLUGIN)
    plugins = ["-p", "nsw_upstream_local"]
    if mode == "stubbed":
        (work / "nsw_upstream_stubs.py").write_text(STUB_PLUGIN.format(prefixes=STUBBED,
                                                                     account_calls=ACCOUNT_CALLS))
        plugins += ["-p", "nsw_upstream_stubs"]
    env["PYTHONPATH"] = os.pathsep.join([str(work), str(REPO), str(REPO / "scripts"),
                                         env.get("PYTHONPATH", "")])
    paths = [p for p in suite.paths if (tree / p).exists()]
    cmd = [sys.executable, "-m", "neptune_sys_widgets.run", "-m", "pytest", *plugins, *paths,
           "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--timeout=30",
           "--continue-on-collection-errors",
           f"--junitxml={report}", "-o", "junit_family=xunit2"]
    with open(work / f"{suite.name}-{mode}.log", "w") as log:
        subprocess.run(cmd, cwd=tree, env=env, stdin=subprocess.DEVNULL,
                       stdout=log, stderr=subprocess.STDOUT, timeout=3600)
    return report


def collection_blocker(log: Path) -> str | None:
    """The module a suite's ``conftest.py`` failed to import when pytest collected
    nothing (the real mode: the suites' conftest files import the hosted service's
    internals), from pytest's output; None when there is no such failure."""
    text = log.read_text(errors="replace") if log.exists() else ""
    if "while loading conftest" not in text and "ImportError while loading" not in text:
        return None
    found = re.search(r"No module named '([\w.]+)'", text)
    return found.group(1) if found else "?"


def is_internal(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in STUBBED)


def per_file(report: Path) -> dict[str, dict[str, int]]:
    """{test file: {"tests", "passed", "failed", "skipped"}} from a JUnit XML report. A
    test that fails and then errors in its teardown has two ``testcase`` entries: it is
    one test, counted by its first (the failure's)."""
    out: dict[str, dict[str, int]] = {}
    if not report.exists():
        return out
    seen: set[tuple[str | None, str | None]] = set()
    for case in ET.parse(report).getroot().iter("testcase"):
        test_id = (case.get("classname"), case.get("name"))
        if test_id in seen:
            continue
        seen.add(test_id)
        name = case.get("classname") or case.get("name") or "?"
        module = name.split(".")
        while module and module[-1][:1].isupper():  # drop the test class
            module.pop()
        key = "/".join(module) + ".py" if module else name
        row = out.setdefault(key, {"tests": 0, "passed": 0, "failed": 0, "skipped": 0,
                                   "internal": 0})
        row["tests"] += 1
        kinds = {child.tag for child in case}
        if kinds & {"failure", "error"}:
            row["failed"] += 1
            row["internal"] += on_internals(case)
        elif "skipped" in kinds:
            row["skipped"] += 1
        else:
            row["passed"] += 1
    return out


# What a failure's report names when it failed on the hosted service's plumbing rather
# than on the public API: a stand-in of the `stubbed` mode, a module of STUBBED, or a
# private attribute of a client object (`run._op_processor`, `run._backend`, ...) that the
# hosted client had and this project does not, or a mock.patch of a name the client's
# module had for its plumbing and this project's does not (`neptune_scale.api.run.
# run_sync_process`, `run._log`), or a hosted retrieval function of neptune_query.internal
# that this package's partial mirror of it does not have.
_INTERNAL_MARKS = ("_Stub", "_StubModule", "nsw_upstream_stubs", "object has no attribute '_",
                   "does not have the attribute '",
                   # this package's partial mirror of neptune_query.internal (query/internal/):
                   # a test that reaches a hosted retrieval function it lacks
                   "module 'neptune_sys_widgets.query.internal.")


def on_internals(case: ET.Element) -> int:
    """1 when a failed test case's message or traceback goes through an out-of-scope
    internal (see _INTERNAL_MARKS and STUBBED), else 0: the rest are failures of the
    public API or of its semantics."""
    failures = [child for child in case if child.tag in ("failure", "error")]
    text = " ".join((child.get("message") or "") + (child.text or "") for child in failures)
    marks = _INTERNAL_MARKS + tuple(f"{m}." for m in STUBBED) + tuple(f"'{m}'" for m in STUBBED)
    # a stand-in's value in the failure's own message (not in the traceback's locals, where
    # any test taking a stubbed fixture shows one)
    shown = any("<stand-in " in (child.get("message") or "") for child in failures)
    return int(shown or any(m in text for m in marks))


def totals(files: dict[str, dict[str, int]]) -> dict[str, int]:
    keys = ("tests", "passed", "failed", "skipped", "internal")
    return {k: sum(r[k] for r in files.values()) for k in keys}


def rate(passed: int, tests: int) -> str:
    return f"{100 * passed / tests:.0f} %" if tests else "-"


def _public_failures(results: dict[str, dict[str, dict[str, int]]], mode: str,
                     f: str | None = None, blockers: dict[str, str] | None = None) -> str:
    """Failures in ``mode`` that do not go through an out-of-scope internal (all files
    when ``f`` is None). A mode where no test ran at all counts as failing on internals
    only when a conftest import of an out-of-scope module stopped it."""
    if mode not in results:
        return "-"
    if not results[mode]:
        blocker = (blockers or {}).get(mode)
        return "0" if blocker is not None and is_internal(blocker) else "all"
    row = totals(results[mode]) if f is None else results[mode].get(f)
    return str(row["failed"] - row["internal"]) if row else "0"


def print_suite(name: str, results: dict[str, dict[str, dict[str, int]]],
                blockers: dict[str, str] | None = None) -> None:
    """Per file, the stubbed mode's count is the denominator of both modes (a file that
    cannot even be imported in the real mode counts every one of its tests as failed).
    ``pub`` columns: failures that go through no out-of-scope internal (on_internals)."""
    files = sorted(set().union(*(r.keys() for r in results.values())))
    print(f"\n== {name}")
    print(f"{'file':<56} {'tests':>6} {'real':>6} {'pub':>4} {'stubbed':>8} {'pub':>4}")
    for f in files:
        denom = max(r.get(f, {}).get("tests", 0) for r in results.values())
        cells = [rate(results[m].get(f, {}).get("passed", 0), denom) if m in results else "-"
                 for m in ("real", "stubbed")]
        pub = [_public_failures(results, m, f, blockers) for m in ("real", "stubbed")]
        print(f"{f[-56:]:<56} {denom:>6} {cells[0]:>6} {pub[0]:>4} {cells[1]:>8} {pub[1]:>4}")
    denom = sum(max(r.get(f, {}).get("tests", 0) for r in results.values()) for f in files)
    cells = [rate(totals(results[m])["passed"], denom) if m in results else "-"
             for m in ("real", "stubbed")]
    pub = [_public_failures(results, m, None, blockers) for m in ("real", "stubbed")]
    print(f"{'TOTAL':<56} {denom:>6} {cells[0]:>6} {pub[0]:>4} {cells[1]:>8} {pub[1]:>4}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repo", action="append", default=[], metavar="NAME=PATH",
                   help="a git repository (clone or bare mirror) of a suite")
    p.add_argument("--mode", choices=["real", "stubbed", "both"], default="both")
    p.add_argument("--suite", action="append", help="only these suites")
    p.add_argument("--json", help="write the per-file results here")
    p.add_argument("--keep", metavar="DIR",
                   help="work in DIR and keep it: each suite's JUnit report and pytest log")
    p.add_argument("--install-deps", action="store_true",
                   help="pip install the suites' test dependencies into this interpreter")
    a = p.parse_args()
    repos = dict(r.split("=", 1) for r in a.repo)
    if a.install_deps:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *TEST_DEPS], check=True)
    modes = ["real", "stubbed"] if a.mode == "both" else [a.mode]
    server = start_s3()
    everything: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
    blockers: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="nsw-upstream-") as scratch:
        tmp = a.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        for suite in SUITES:
            if (a.suite and suite.name not in a.suite) or suite.name not in repos:
                continue
            tree = extract(Path(repos[suite.name]), suite.tag, Path(tmp) / suite.name)
            results = {}
            for m in modes:
                results[m] = per_file(run_suite(suite, tree, m, Path(tmp)))
                blocker = collection_blocker(Path(tmp) / f"{suite.name}-{m}.log")
                if blocker is not None and not results[m]:
                    kind = "an out-of-scope internal" if is_internal(blocker) else \
                        "NOT an out-of-scope internal"
                    print(f"{suite.name} {m}: no test ran: a conftest.py imports "
                          f"{blocker!r}, {kind}")
                    blockers.setdefault(suite.name, {})[m] = blocker
            everything[suite.name] = results
            print_suite(f"{suite.name} {suite.tag}", results, blockers.get(suite.name))
    if server is not None:
        server.stop()
    if a.json:
        Path(a.json).write_text(json.dumps({**everything, "_conftest_blockers": blockers},
                                           indent=1))
    return 0


def start_s3() -> object | None:
    """neptune-client's artifact tests track objects of an S3 bucket (``BUCKET_NAME``):
    a local S3-compatible server (moto's server mode, when installed) stands in for AWS,
    and the suites reach it through the standard AWS variables."""
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError:
        return None
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.update({"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint,
                       "FSSPEC_S3_ENDPOINT_URL": endpoint, "BUCKET_NAME": "e2e-artifacts"})
    boto3.client("s3").create_bucket(Bucket="e2e-artifacts")
    return server


if __name__ == "__main__":
    sys.exit(main())
