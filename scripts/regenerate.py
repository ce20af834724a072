"""Rewrite what is generated from the catalog and the widget modules, in one command:
``js/lib/contract.js`` (widgets/contract.py) and README.md's sys field table (between the
``sys-fields`` markers, ``catalog.markdown_table()``). Tests fail while either is stale
(tests/house/test_contract.py, tests/objects/test_catalog.py), so run this after adding a
sys field or a widget command:

    .venv/bin/python scripts/regenerate.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from neptune_sys_widgets import catalog  # noqa: E402
from neptune_sys_widgets.widgets import contract  # noqa: E402

START, END = "<!-- sys-fields:start -->", "<!-- sys-fields:end -->"


def readme_table(readme: Path = ROOT / "README.md") -> bool:
    """The README's field table from the catalog; whether the file changed."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{catalog.markdown_table()}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def main() -> None:
    before = contract.JS_PATH.read_text(encoding="utf-8") if contract.JS_PATH.exists() else ""
    contract.write()
    changed = [str(contract.JS_PATH.relative_to(ROOT))] \
        if contract.JS_PATH.read_text(encoding="utf-8") != before else []
    if readme_table():
        changed.append("README.md")
    print("regenerated: " + (", ".join(changed) if changed else "nothing was stale"))


if __name__ == "__main__":
    main()
