"""The team page's widgets, built inside the kernel that Voilà starts for each visitor.

The server (``app.py``) hands over the store, the project and read-only through the
environment, never as code: a path or URL formatted into a cell would be code injection
waiting for a quote character. The tables are the ones
``%neptune_runs`` and ``%neptune_models`` show, read-write as in a notebook, so the page
and the notebook behave the same; every text a user wrote goes to the page as text.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import ipywidgets

from ..exceptions import NeptuneSysError
from ..feed import watcher_for
from ..objects.project import qualify, store_for
from ..widgets.runs_table import ModelsTable, RunsTable
from .app import PROJECT_ENV, READ_ONLY_ENV, STORE_ENV


class TeamPage(ipywidgets.VBox):
    """A project picker (when the store has several projects) over two tabs, Runs and
    Models. Changing the project closes the old tables: each one listens to the store.
    A project created elsewhere while the page is open joins the picker (and is shown
    at once if the store had none): nobody has to reload the page to see it."""

    RELIST_EVERY = 1.0  # s: at most this often on a busy store, ~50 us a look

    def __init__(self, store: str, project: str | None = None, *,
                 read_only: bool = False) -> None:
        self._store, self._read_only = store, read_only
        self._tables: list[Any] = []
        self._opened = opened = store_for("async", store)
        names = [row[1] for row in opened.list_projects()]
        first = qualify(project) if project else (names[0] if names else None)
        # the store's own label: a PostgreSQL URL without its password
        self.title = ipywidgets.Label(value=f"Store: {opened.path}")
        self.picker = ipywidgets.Dropdown(description="Project", options=names, value=first)
        self.picker.layout.display = "none" if project or len(names) < 2 else None
        self.tabs = ipywidgets.Tab()
        super().__init__(children=[self.title, self.picker, self.tabs])
        self.add_class("nsw-team-page")
        if first is None:
            self.tabs.children = (ipywidgets.Label(value="This store has no project yet."),)
        else:
            self._show(first)
        self._relisting = threading.Lock()
        self._quiet = False  # set while _relist changes the options
        self._listed_at = time.monotonic()
        self.picker.observe(self._picked, names="value")
        if project is None:  # one project given: no picker, nothing to relist
            watcher_for(opened).subscribe_all(self)  # held weakly by the feed

    def _picked(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and not self._quiet:
            self._show(change["new"])

    def on_store_change(self, timer: bool) -> None:
        """In the feed's watcher thread, after a commit anywhere (and on its slow timer):
        the store's projects listed again, at most every ``RELIST_EVERY`` seconds."""
        now = time.monotonic()
        if now - self._listed_at < self.RELIST_EVERY or not self._relisting.acquire(False):
            return
        try:
            self._listed_at = now
            names = [row[1] for row in self._opened.list_projects()]
            if names != list(self.picker.options):
                self._relist(names)
        finally:
            self._relisting.release()

    def _relist(self, names: list[str]) -> None:
        """New options keep the project shown (a Dropdown would jump to its first option,
        which would rebuild the tables under the user's eyes)."""
        shown = self.picker.value
        value = shown if shown in names else (names[0] if names else None)
        if value is not None and value != shown:
            # the store had no project (or lost the one shown): its tables first, so that
            # whoever sees the picker name a project sees that project's tables
            self._show(value)
        self._quiet = True
        try:
            self.picker.options = names
            self.picker.value = value
        finally:
            self._quiet = False
        self.picker.layout.display = None if len(names) >= 2 else "none"

    def _show(self, project: str) -> None:
        for t in self._tables:
            t.close()
        self._tables = [RunsTable(project, store=self._store, read_only=self._read_only),
                        ModelsTable(project, store=self._store, read_only=self._read_only)]
        self.tabs.children = tuple(self._tables)
        self.tabs.titles = ("Runs", "Models")

    def close(self) -> None:
        for t in self._tables:
            t.close()
        super().close()


def team_page() -> Any:
    """The page for the store and project in the environment; a store that cannot be read
    shows its one-line error (as text) instead of a traceback."""
    store = os.environ.get(STORE_ENV)
    if not store:
        return ipywidgets.Label(value=f"{STORE_ENV} is not set: start the page with "
                                      "neptune-sys ui --store PATH_OR_URL")
    try:
        return TeamPage(store, os.environ.get(PROJECT_ENV) or None,
                        read_only=bool(os.environ.get(READ_ONLY_ENV)))
    except NeptuneSysError as e:
        return ipywidgets.Label(value=f"Cannot open the store: {e}")
