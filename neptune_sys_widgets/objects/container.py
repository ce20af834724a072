"""What Run, Model, ModelVersion and Project share: paths, writes, modes, attachment.

``Container`` is assembled from one module per role, each built on the one before:
``container_lifecycle.py`` (attachment, the write queue, flushes, wait/stop, modes),
``container_series.py`` (appends, steps, reading points), ``container_values.py``
(assigning, deleting and fetching values), ``container_files.py`` (file sets, artifacts,
downloads). This module adds what the layers above use (docs/ARCHITECTURE.md #2),
``obj["path"]`` handles and the notebook display, and re-exports the roles' functions that
the rest of the package imports from here (``resolve_mode``, ``request``, ``file_value``,
``warn_unsupported``).
"""

from __future__ import annotations

from .. import catalog
from ..exceptions import MetadataInconsistency
from . import values as V
from .container_files import ContainerFiles
from .container_lifecycle import request as request
from .container_lifecycle import resolve_mode as resolve_mode
from .container_values import _nest
from .container_values import file_value as file_value
from .container_values import warn_unsupported as warn_unsupported
from .handles import Handle
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from ..store.base import Store


class Container(ContainerFiles):
    """Base of every object handle."""

    # ---------------------------------------- for the layers above (ARCHITECTURE.md #2)
    # The binding, widgets, magics and the CLI reach an object only through these (held by
    # tests/house/test_layers.py); everything with a leading underscore stays this layer's own.
    @property
    def store(self) -> Store:
        """The open store this object lives in: the binding re-reads and watches it, the
        card reads a run's traceback from it (even once the run is stopped)."""
        return self._store

    @property
    def pk(self) -> int:
        """The object's key in its store (what ``sys_rows`` and the feed know it by)."""
        return self._pk

    @property
    def sys_id(self) -> str:
        """``sys/id`` ("SYS-1"), known without a read."""
        return self._sys_id

    @property
    def kind(self) -> str:
        """"run", "model", "model_version" or "project": picks the card and its fields."""
        return self._kind

    @property
    def label(self) -> str:
        """How messages name the object ("run SYS-1")."""
        return self._label

    @property
    def mode(self) -> str:
        """The connection mode the object was opened in ("async", "read-only", ...)."""
        return self._mode

    def ensure_writable(self) -> None:
        """Raise as a write would if the object is stopped or read-only (a view checks this
        before judging an edit, so a read-only card says "read-only" first)."""
        self._ensure_writable()

    def write_now(self, path: str, value: Any) -> None:
        """``obj[path] = value`` committed at once, after everything queued before it: a
        card's edit must be stored before the card re-reads the object."""
        self._ensure_writable()
        op = self._assign_op(path, value)
        self._flush()
        self._commit([op])

    def change_set_now(self, path: str, op: str, values: Any) -> None:
        """Add ("add") or remove ("remove") members of the string set at ``path`` and commit
        at once, as :meth:`write_now` does (a card's tag edit)."""
        self._set_op(path, op, values)
        self._flush()

    def allow_direct_writes(self) -> None:
        """Let an object opened read-only take writes, each committed at once (sync), without
        attaching: how ``neptune-sys`` edits an object from a terminal without making it
        look active."""
        self._mode = "sync"

    def series_values(self, path: str) -> list[Any]:
        """The values of the series at ``path`` (this object's points only), oldest first,
        without pandas (the CLI shows a traceback with it)."""
        return list(self._fetch_points(path, False)[1])

    # ------------------------------------------------------------------ basics
    @property
    def container_type(self) -> Any:
        """1.x's ``ContainerType`` of the object (``.value``: run, model, ...)."""
        from ..types import ContainerType
        return ContainerType(self._kind)

    @property
    def _id(self) -> str:
        """1.x's container id, which integrations record to name the object they log to
        (saved in a checkpoint beside the model, say). 1.x gave a UUID; here it is
        ``sys/id``, unique in its store and what ``with_id=`` takes (README, "Differences
        from Neptune")."""
        return self._sys_id

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else self._mode
        return f"<{type(self).__name__} {self._sys_id} ({state})>"

    def __getitem__(self, path: str) -> Handle:
        h = self._handles.get(path) if type(path) is str else None  # (a list is unhashable)
        if h is None or self._stopped:
            self._ensure_open()
            h = self._handles[path] = Handle(self, V.check_path(path, self._label))
        return h

    def define(self, path: str, value: Any, *, wait: bool = False) -> Handle | None:
        """1.x: assign ``value`` at a path that holds nothing yet; a path (or namespace)
        already there raises ``MetadataInconsistency`` and nothing is changed."""
        if self.exists(path):
            raise MetadataInconsistency(f"{self._label}: attribute or namespace {path} is "
                                        "already defined")
        self[path] = value
        if wait:
            self.wait()
        return self[path] if self.exists(path) else None

    @_reads
    def get_structure(self) -> dict[str, Any]:
        """Nested dict of every path (atoms first, then series) with handles as leaves."""
        paths = [f.path for f in catalog.fields_for(self._kind)]
        if catalog.ABSENT_WHEN_UNSET.intersection(paths):
            rec = self._store.sys_rows([self._pk])[0]
            paths = [p for p in paths if p not in catalog.ABSENT_WHEN_UNSET
                     or rec.get(catalog.BY_PATH[p].trait) is not None]
        paths += [p for p, _, _ in self._store.attributes(self._pk)]
        paths += [r[0] for r in self._store.series_info(self._pk)]
        return _nest([(p, Handle(self, p)) for p in paths])

    # ------------------------------------------------------------------ binding
    @property
    def sys(self):
        """The sys namespace as a ``traitlets.HasTraits`` (imports traitlets lazily)."""
        if self._sys_binding is None:
            from ..binding import bind
            self._sys_binding = bind(self)
        return self._sys_binding

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict | None:
        """In a notebook, an object shown as a cell's last expression renders its live card
        (the widgets, and so anywidget, are imported only here)."""
        if self._kind == "project" or self._stopped:
            return None
        try:
            from ..widgets import widget_for
            bundle = widget_for(self)._repr_mimebundle_(include=include, exclude=exclude)
        except ImportError:
            return None
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        if bundle is None:
            return None
        bundle = dict(bundle)
        bundle["text/plain"] = repr(self)
        return bundle
