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
