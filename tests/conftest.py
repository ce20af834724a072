"""Shared fixtures: every test gets its own store file, named through NEPTUNE_SYS_STORE so
that subprocesses and kernels started by the test use it too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["tests.harness.fixtures", "tests.harness.pg"]

REPO = Path(__file__).resolve().parent.parent


# ---- test tiers ------------------------------------------------------------------------------

#: Tiers by directory: every test under ``tests/<directory>/`` is in that tier (the tests are
#: laid out by layer, and these three by what they start; docs/ARCHITECTURE.md #6).
TIER_DIRS: dict[str, str] = {"browser": "browser", "postgres": "postgres", "kernel": "kernel"}
#: Tiers by fixture: a test that needs one of these, directly or through other fixtures.
TIER_FIXTURES: dict[str, frozenset[str]] = {
    "browser": frozenset({"chromium_browser", "page", "lab", "lab_dir", "lab_store"}),
    "postgres": frozenset({"pg_store", "pg_url", "pg_server"}),
    "kernel": frozenset({"kernel", "kernel_factory"}),
}
#: Tiers by parameter value: ``backend["postgresql"]``-style parametrizations whose fixture
#: asks for the server with ``request.getfixturevalue`` (invisible to the fixture rule).
TIER_PARAMS: dict[str, frozenset[str]] = {"postgres": frozenset({"postgresql", "postgres"})}
TIERS = ("browser", "postgres", "kernel", "slow")
TESTS = Path(__file__).resolve().parent


def tier_dir(path: Path) -> str | None:
    """The tier of the directory a test file is in, if that directory is a tier's."""
    parts = path.resolve().relative_to(TESTS).parts
    return next((t for t, d in TIER_DIRS.items() if len(parts) > 1 and parts[0] == d), None)


def tier_markers(item: pytest.Item) -> set[str]:
    """The tiers of one test (see ``pytest_collection_modifyitems``)."""
    tier = tier_dir(item.path)
    tiers = {tier} if tier else set()
    used = set(getattr(item, "fixturenames", ()))
    tiers |= {t for t, names in TIER_FIXTURES.items() if used & names}
    params = getattr(getattr(item, "callspec", None), "params", {})
    values = {v for v in params.values() if isinstance(v, str)}
    tiers |= {t for t, names in TIER_PARAMS.items() if values & names}
    return tiers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its tiers, so that ``-m`` can pick them (the one place the
    server, browser and kernel tiers are decided; pyproject.toml declares the markers,
    README.md's Development section and docs/ARCHITECTURE.md #6 list them):

    browser   real headless Chromium through Playwright: every test under tests/browser/,
              and any test using a browser fixture (``chromium_browser``, ``page``,
              ``lab``, ``lab_dir``, ``lab_store``)
    postgres  a PostgreSQL server: every test under tests/postgres/, any test using a
              fixture of tests/harness/pg.py (``pg_store``, ``pg_url``, ``pg_server``), and
              any test parametrized with the value ``"postgresql"`` (a fixture that asks for
              ``pg_url`` with ``request.getfixturevalue`` for that parameter)
    kernel    a real ipykernel through jupyter_client or nbclient: every test under
              tests/kernel/, and any test using the ``kernel`` or ``kernel_factory`` fixture
    slow      over ~0.5 s on its own (measured with ``--durations`` on a busy 2-core
              machine; most start Python subprocesses) and in none of the tiers above:
              declared where the test is defined, ``@pytest.mark.slow``, so a test re-run
              from another module (tests/postgres/ re-imports whole suites) keeps it

    The fixture rule follows fixtures through other fixtures (pytest's closure of
    ``item.fixturenames``). A test may carry several tiers. The fast tier is
    ``-m "not browser and not postgres and not kernel and not slow"``
    (``bash scripts/test.sh --fast``). tests/house/test_tiers.py checks this rule against
    the test sources, so a test that needs a server or a browser but escapes its tier fails
    there.
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
