"""The compatibility corpus: real Neptune code (docs, neptune-client / neptune-client-scale /
neptune-query repositories, examples, user repositories), changed only in its import lines,
each snippet run as a script in its own interpreter against a fresh store.

See tests/compat/README.md for the list of snippets and their sources.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import child_env

SNIPPETS = sorted((Path(__file__).parent / "compat" / "snippets").glob("[0-9][0-9]_*.py"))

# variables a developer's shell may carry that would change what a snippet sees
_SCRUBBED = ("NEPTUNE_PROJECT", "NEPTUNE_CUSTOM_RUN_ID", "NEPTUNE_MODE", "NEPTUNE_API_TOKEN",
             "NEPTUNE_SYS_OWNER")


def _env(tmp_path: Path) -> dict[str, str]:
    env = child_env(NEPTUNE_SYS_STORE=str(tmp_path / "store.db"))
    for name in _SCRUBBED:
        env.pop(name, None)
    return env


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet(snippet: Path, tmp_path: Path) -> None:
    try:
        proc = subprocess.run([sys.executable, str(snippet)], cwd=tmp_path, env=_env(tmp_path),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=120)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        pytest.fail(f"{snippet.name} timed out after 120 s\n--- stdout ---\n{out[-5000:]}"
                    f"\n--- stderr ---\n{err[-5000:]}")
    assert proc.returncode == 0, (
        f"{snippet.name} exited with {proc.returncode}\n--- stdout ---\n{proc.stdout[-8000:]}"
        f"\n--- stderr ---\n{proc.stderr[-8000:]}")


def test_corpus_is_large_enough() -> None:
    assert len(SNIPPETS) >= 65
