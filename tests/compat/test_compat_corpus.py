"""The compatibility corpus: real Neptune code (docs, neptune-client / neptune-client-scale /
neptune-query repositories, examples, user repositories), changed only in its import lines,
each snippet run as a script in its own interpreter against a fresh store.

See tests/compat/README.md for the list of snippets and their sources.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import child_env

SNIPPETS = sorted((Path(__file__).parent / "snippets").glob("[0-9][0-9]*_*.py"),
                  key=lambda p: int(p.name.split("_")[0]))
# modules the snippets import beside them: upstream helper modules (examples repositories)
HELPERS = sorted((Path(__file__).parent / "snippets").glob("[!0-9]*.py"))

# variables a developer's shell may carry that would change what a snippet sees
_SCRUBBED = ("NEPTUNE_PROJECT", "NEPTUNE_CUSTOM_RUN_ID", "NEPTUNE_MODE", "NEPTUNE_API_TOKEN",
             "NEPTUNE_SYS_OWNER")


def _env(tmp_path: Path) -> dict[str, str]:
    env = child_env(NEPTUNE_SYS_STORE=str(tmp_path / "store.db"))
    for name in _SCRUBBED:
        env.pop(name, None)
    return env


@pytest.mark.slow
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


# The corpus' import edit undone (tests/compat/README.md gives the mapping), so the snippet is
# the upstream code as it was written, run through `neptune-sys run`: issue 20's zero-change
# path. neptune_scale and neptune both alias this package, so `from ... import Run` may go
# back to either.
_UNDO = [
    (re.compile(r"\bneptune_sys_widgets\.query\b"), "neptune_query"),
    (re.compile(r"\bimport neptune_sys_widgets as neptune_scale\b"), "import neptune_scale"),
    (re.compile(r"\bimport neptune_sys_widgets as neptune\b"), "import neptune"),
    (re.compile(r"\bimport neptune_sys_widgets as (\w+)"), r"import neptune as \1"),
    (re.compile(r"\bimport neptune_sys_widgets\.new as neptune\b"),
     "import neptune.new as neptune"),
    (re.compile(r"\bfrom neptune_sys_widgets import Run\b"), "from neptune_scale import Run"),
    (re.compile(r"\bfrom neptune_sys_widgets import NeptuneLoggingHandler\b"),
     "from neptune_scale import NeptuneLoggingHandler"),
    (re.compile(r"\bneptune_sys_widgets\.projects\b"), "neptune_scale.projects"),
    (re.compile(r"\bneptune_sys_widgets\.legacy\b"), "neptune_scale.legacy"),
    (re.compile(r"\bneptune_sys_widgets\.util\b"), "neptune_scale.util"),
    (re.compile(r"\bfrom neptune_sys_widgets\.api\.run\b"), "from neptune_scale.api.run"),
    (re.compile(r"\bneptune_sys_widgets\b"), "neptune"),
]


# A snippet of 1.x code that imports `Run` by name says so in its header: its `Run` is
# neptune's, which `init_run` returns, not neptune_scale's.
_CLIENT_1X = re.compile(r"^# client: neptune 1\.x$", re.MULTILINE)
_UNDO_1X = [(re.compile(r"\bfrom neptune_sys_widgets import Run\b"), "from neptune import Run"),
            *_UNDO]


def original_text(text: str) -> str:
    """A snippet with its import lines as upstream wrote them (comments left alone)."""
    rules = _UNDO_1X if _CLIENT_1X.search(text) else _UNDO
    out = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            for pattern, repl in rules:
                line = pattern.sub(repl, line)
        out.append(line)
    return "".join(out)


@pytest.mark.slow
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_unchanged_through_neptune_sys_run(snippet: Path, tmp_path: Path) -> None:
    """The same snippet with no edit at all, run as ``neptune-sys run snippet.py``."""
    for path in [snippet, *HELPERS]:
        code = original_text(path.read_text())
        assert not [line for line in code.splitlines() if "neptune_sys_widgets" in line
                    and not line.lstrip().startswith("#")], path.name
        (tmp_path / path.name).write_text(code)
    env = _env(tmp_path)
    env.pop("NEPTUNE_SYS_DROP_IN", None)
    proc = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "run",
                           snippet.name], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (
        f"{snippet.name} (unchanged, through neptune-sys run) exited with {proc.returncode}"
        f"\n--- stdout ---\n{proc.stdout[-8000:]}\n--- stderr ---\n{proc.stderr[-8000:]}")


def test_corpus_is_large_enough() -> None:
    assert len(SNIPPETS) >= 100
