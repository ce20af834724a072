"""The README's Python examples run as written, in one fresh process on an empty store."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, run_python


def python_blocks() -> list[str]:
    text = (REPO / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    return [b for b in blocks if not b.startswith("# (in the same notebook)")
            and not any(line.startswith("%") for line in b.splitlines())]


@pytest.mark.slow
def test_readme_examples_run(store_path):
    blocks = python_blocks()
    assert len(blocks) >= 4
    proc = run_python("\n".join(blocks), timeout=120)
    assert "tags now" in proc.stdout and "sys/id" in proc.stdout


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.md").read_text()
    first = re.search(r"```bash\n(.*?)```", text, re.S).group(1).splitlines()
    assert first[0].startswith("bash scripts/demo.sh")
    assert first[1].startswith("bash scripts/test.sh")
    ci = (REPO / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci
