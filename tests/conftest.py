"""Shared fixtures: every test gets its own store file, named through NEPTUNE_SYS_STORE so
that subprocesses and kernels started by the test use it too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["tests.harness.fixtures", "tests.pg"]

REPO = Path(__file__).resolve().parent.parent


# ---- test tiers ------------------------------------------------------------------------------

#: Tiers by file name: prefixes of the test file's name.
TIER_FILES: dict[str, tuple[str, ...]] = {
    "browser": ("test_browser", "test_harness_browser"),
    "postgres": ("test_postgres_",),
    "kernel": ("test_kernel", "test_harness_kernel", "test_examples"),  # examples: nbclient
}
#: Tiers by fixture: a test that needs one of these, directly or through other fixtures.
TIER_FIXTURES: dict[str, frozenset[str]] = {
    "browser": frozenset({"chromium_browser", "page", "lab", "lab_dir", "lab_store"}),
    "postgres": frozenset({"pg_store", "pg_url", "pg_server"}),
    "kernel": frozenset({"kernel", "kernel_factory"}),
}
#: Tiers by parameter value: ``backend["postgresql"]``-style parametrizations whose fixture
#: asks for the server with ``request.getfixturevalue`` (invisible to the fixture rule).
TIER_PARAMS: dict[str, frozenset[str]] = {"postgres": frozenset({"postgresql", "postgres"})}
#: Tests measured over ~2 s each (``--durations``) that no other tier already covers, as
#: ``<file defining the test>::<function>`` (every parametrization; a test re-run from
#: another module, e.g. by test_postgres_suites.py, keeps the mark). tests/test_tiers.py
#: fails on an entry that names no test.
SLOW: frozenset[str] = frozenset({
    "test_multiprocess.py::test_sigkill_keeps_active_until_liveness_timeout",
    "test_packaging.py::test_wheel_contains_the_bundle",
    "test_tiers.py::test_every_test_needing_a_server_a_browser_or_a_kernel_is_in_its_tier",
})
TIERS = ("browser", "postgres", "kernel", "slow")


def slow_key(item: pytest.Item) -> str:
    """``<file>::<function>`` of the test's function where it is defined (see ``SLOW``)."""
    fn = getattr(item, "function", None)
    module = getattr(fn, "__module__", None) or item.path.stem
    name = getattr(item, "originalname", item.name)
    return f"{module.rsplit('.', 1)[-1]}.py::{name}"


def tier_markers(item: pytest.Item) -> set[str]:
    """The tiers of one test (see ``pytest_collection_modifyitems``)."""
    tiers = {t for t, prefixes in TIER_FILES.items() if item.path.name.startswith(prefixes)}
    used = set(getattr(item, "fixturenames", ()))
    tiers |= {t for t, names in TIER_FIXTURES.items() if used & names}
    params = getattr(getattr(item, "callspec", None), "params", {})
    values = {v for v in params.values() if isinstance(v, str)}
    tiers |= {t for t, names in TIER_PARAMS.items() if values & names}
    if slow_key(item) in SLOW:
        tiers.add("slow")
    return tiers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its tiers, so that ``-m`` can pick them (the one place they are
    decided; pyproject.toml declares the markers, README.md's Development section lists them):

    browser   real headless Chromium through Playwright: the files ``test_browser*.py`` and
              ``test_harness_browser.py``, and any test using a browser fixture
              (``chromium_browser``, ``page``, ``lab``, ``lab_dir``, ``lab_store``)
    postgres  a PostgreSQL server: the files ``test_postgres_*.py``, any test using a fixture
              of tests/pg.py (``pg_store``, ``pg_url``, ``pg_server``), and any test
              parametrized with the value ``"postgresql"`` (a fixture that asks for
              ``pg_url`` with ``request.getfixturevalue`` for that parameter)
    kernel    a real ipykernel through jupyter_client: ``test_kernel.py``,
              ``test_harness_kernel.py``, ``test_examples.py`` (nbclient), and any test
              using the ``kernel`` or ``kernel_factory`` fixture
    slow      more than ~2 s on its own and in none of the tiers above: the ``SLOW`` list

    The fixture rule follows fixtures through other fixtures (pytest's closure of
    ``item.fixturenames``). A test may carry several tiers. The fast tier is
    ``-m "not browser and not postgres and not kernel and not slow"``
    (``bash scripts/test.sh --fast``). tests/test_tiers.py checks this rule against the test
    sources, so a test that needs a server or a browser but escapes its tier fails there.
    """
    for item in items:
        for tier in sorted(tier_markers(item)):
            if item.get_closest_marker(tier) is None:
                item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture
def store_path(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "store" / "neptune.db")
    monkeypatch.setenv("NEPTUNE_SYS_STORE", path)
    monkeypatch.delenv("NEPTUNE_PROJECT", raising=False)
    monkeypatch.delenv("NEPTUNE_CUSTOM_RUN_ID", raising=False)
    monkeypatch.delenv("NEPTUNE_MODE", raising=False)
    monkeypatch.chdir(tmp_path)
    yield path
    from neptune_sys_widgets import feed
    feed.stop_watching()
    from neptune_sys_widgets.objects.background import BACKGROUND
    for c in BACKGROUND.attached():
        c.stop()
    from neptune_sys_widgets.store import close_all
    close_all()


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_python(code: str, *, timeout: float = 60, check: bool = True, **env: str
               ) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (a real second process sharing the store)."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env=child_env(**env))
    if check and proc.returncode != 0:
        raise AssertionError(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def spawn_python(code: str, *, stdin: bool = False, **env: str) -> subprocess.Popen:
    """Start ``code`` in a second process; read its stdout line by line."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)],
                            stdin=subprocess.PIPE if stdin else None,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(**env))
