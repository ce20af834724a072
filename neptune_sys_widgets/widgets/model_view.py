"""The model registry view: the model's card plus a live list of its versions, each with a
stage control, so a user promotes a version to production from the list."""

from __future__ import annotations

from typing import Any

from traitlets import Dict, List

from ..exceptions import InvalidValueError
from ..objects.registry import Model, ModelVersion, change_stage_unattached, version_view
from .sys_widget import SysWidget, to_json

VERSION_TRAITS = ("id", "name", "stage", "state", "creation_time")


class ModelRegistryWidget(SysWidget):
    versions = List(Dict()).tag(sync=True)

    def __init__(self, container: Model, **kwargs: Any) -> None:
        self._version_handles: dict[str, ModelVersion] = {}
        self._container = container
        self._bind_versions()
        self._ready = False  # version observers may fire (feed thread) before the comm opens
        super().__init__(container, versions=self._rows(), **kwargs)
        self._ready = True
        self._ns.observe(lambda _change: self._sync_versions(), names=["modification_time",
                                                                     "ping_time"])

    def _version_ids(self) -> list[str]:
        return self._container.store.version_ids(self._container.pk)

    def _sync_versions(self) -> None:
        self._bind_versions()
        self._publish()

    def _bind_versions(self) -> None:
        """Bind any new version (read-only, so watching never attaches)."""
        for vid in self._version_ids():
            if vid not in self._version_handles:
                mv = version_view(self._container.store, vid)
                mv.sys.observe(lambda _c: self._publish(), names=list(VERSION_TRAITS))
                self._version_handles[vid] = mv

    def _rows(self) -> list[dict[str, Any]]:
        from .. import catalog
        return [{t: to_json(catalog.BY_TRAIT[t], getattr(mv.sys, t)) for t in VERSION_TRAITS}
                for mv in self._version_handles.values()]

    def _publish(self) -> None:
        if not self._ready:
            return
        rows = self._rows()
        if rows != self.versions:
            self.versions = rows

    def _change_stage(self, value: Any, target: Any) -> None:
        if target is None or target == self._container.sys_id:
            raise InvalidValueError(f"{self._container.label}: a model has no stage; "
                                    "name a version as target")
        if not isinstance(target, str) or target not in self._version_handles:
            raise InvalidValueError(f"{self._container.label}: no version {target!r}")
        if self._container.mode == "read-only":
            from ..exceptions import ReadOnlyModeError
            raise ReadOnlyModeError(f"{self._container.label} was opened read-only")
        view = self._version_handles[target]
        change_stage_unattached(view, value)
        view.sys.refresh()
