"""``ui``: the team page, a web page of the tables and cards served through Voilà; the
verb lives with the page in ``ui/app.py`` (it imports only click at start)."""

from __future__ import annotations

from typing import Any


def register(cli: Any) -> None:
    from ..ui.app import add_ui
    add_ui(cli)
