"""``%neptune_runs``: a live, read-only table of runs (id, name, state, tags, last ping).

It re-queries through the same table API as ``fetch_runs_table`` whenever the store changes
(the feed's watcher thread tells it) and, while any listed run is active, on the liveness
timer, since a crashed writer turns inactive without a write.
"""

from __future__ import annotations

import threading
from typing import Any

import anywidget
from traitlets import Dict, List, Unicode

from .. import catalog
from ..feed import watcher_for
from ..objects.project import resolve_project, store_for
from ..objects.tables import fetch_table
from .sys_widget import to_json

COLUMNS = ("sys/id", "sys/name", "sys/state", "sys/tags", "sys/ping_time")

_ESM = """
const fmtAge = (iso) => {
  if (!iso) return "";
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago`
       : `${Math.round(s / 3600)} h ago`;
};
export default {
  render({ model, el }) {
    const root = document.createElement("div");
    root.className = "nsw-root nsw-runs";
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    const table = document.createElement("table");
    table.setAttribute("aria-label", "Runs");
    root.appendChild(table);
    el.appendChild(root);
    const draw = () => {
      table.replaceChildren();
      const head = table.createTHead().insertRow();
      for (const h of model.get("headers")) {
        const th = document.createElement("th");
        th.scope = "col"; th.textContent = h; head.appendChild(th);
      }
      const body = table.createTBody();
      for (const r of model.get("rows")) {
        const tr = body.insertRow();
        tr.dataset.runId = r.id;
        const cells = [r.id, r.name, (r.state === "active" ? "\\u25CF " : "\\u25CB ") + r.state,
                       (r.tags || []).join(", "), fmtAge(r.ping_time)];
        cells.forEach((text, i) => {
          const td = tr.insertCell(); td.textContent = text;
          if (i === 4) td.dataset.ping = r.ping_time || "";
        });
      }
      if (!model.get("rows").length) {
        const td = body.insertRow().insertCell();
        td.colSpan = 5; td.textContent = model.get("empty");
      }
    };
    draw();
    model.on("change:rows", draw);
    const tick = setInterval(() => {
      for (const td of table.querySelectorAll("td[data-ping]")) {
        td.textContent = fmtAge(td.dataset.ping);
      }
    }, 1000);
    return () => { clearInterval(tick); model.off("change:rows", draw); };
  },
};
"""

_CSS = """
.nsw-runs table { border-collapse: collapse; font-size: var(--jp-ui-font-size1, 13px);
  color: var(--jp-ui-font-color1, #222); }
.nsw-runs th, .nsw-runs td { text-align: left; padding: 2px 10px 2px 0;
  border-bottom: 1px solid var(--jp-border-color2, #ddd); }
.nsw-runs th { color: var(--jp-ui-font-color2, #555); font-weight: 600; }
"""


class RunsTableWidget(anywidget.AnyWidget):
    _esm = _ESM
    _css = _CSS
    headers = List(Unicode(), default_value=["id", "name", "state", "tags", "last ping"]
                   ).tag(sync=True)
    rows = List(Dict()).tag(sync=True)
    empty = Unicode("No runs match.").tag(sync=True)

    def __init__(self, *, project: str | None = None, state: str | None = None,
                 tags: list[str] | None = None, limit: int = 100, store: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._store = store_for("async", store)
        self._project = resolve_project(project, self._store)
        self._query = {"states": state, "tags": tags, "limit": limit}
        self._lock = threading.Lock()
        self._refresh()
        watcher_for(self._store).subscribe_all(self)

    def _refresh(self) -> None:
        table = fetch_table(self._store, self._project.pk, "run", columns=list(COLUMNS),
                            **self._query)
        rows = []
        for rec in table.native_rows():  # our values (active, aware datetimes), not 1.x's
            rows.append({catalog.BY_PATH[p].trait: to_json(catalog.BY_PATH[p], rec.get(p))
                         for p in COLUMNS})
        with self._lock:
            if rows != self.rows:
                self.rows = rows

    def _on_store_change(self, timer: bool) -> None:
        if timer and not any(r["state"] == "active" for r in self.rows):
            return
        self._refresh()
