"""``neptune_scale.cli.sync``: ``sync_all`` and ``SyncRunner`` as neptune-scale's code
calls them, over the product's :func:`neptune_sys_widgets.interop.offline_sync.sync`.

neptune-scale sent an offline run's operations to the hosted service from a spawned
process; here the log is moved into the store (``NEPTUNE_SYS_STORE``) by a thread, so
``SyncRunner.wait(timeout=)`` and ``stop(timeout=)`` keep their meaning: wait for it, up
to the timeout. ``api_token`` is accepted and not needed (a store has no accounts).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..exceptions import NeptuneUnableToLogData

__all__ = ["sync_all", "SyncRunner", "run_sync_process"]


def run_sync_process(*, operations_repository_path: Path, **_: Any) -> Any:
    """Move one log into the store (what the runner's thread runs; keyword arguments, as
    neptune-scale's sync process took them)."""
    from ....interop.offline_sync import NotAnOfflineLog, sync
    try:
        return sync([operations_repository_path])
    except NotAnOfflineLog as e:
        raise NeptuneUnableToLogData(reason=str(e)) from e


class SyncRunner:
    """One log's sync on a thread of its own; an error in it is raised by ``wait``/``stop``
    (a sync that went wrong must not look finished)."""

    def __init__(self, api_token: str | None = None, run_log_file: Path | str = "") -> None:
        self._run_log_file = Path(run_log_file)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.summary: Any = None

    def start(self) -> None:
        if not self._run_log_file.exists():
            raise FileNotFoundError(f"Run log file {self._run_log_file} does not exist")

        def work() -> None:
            try:
                self.summary = run_sync_process(
                    operations_repository_path=self._run_log_file)
            except BaseException as e:  # noqa: BLE001 - handed to the caller of wait()
                self._error = e
        self._thread = threading.Thread(target=work, name="neptune-sys-sync", daemon=True)
        self._thread.start()

    def wait(self, progress_bar_enabled: bool = True, wait_time: float = 0.1,
             timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(None if timeout is None else max(timeout, 0.0))
        self._raise()

    def stop(self, timeout: float | None = None) -> None:
        self.wait(timeout=timeout)

    def _raise(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error


def sync_all(run_log_file: Path | str, api_token: str | None = None,
             timeout: float | None = None) -> None:
    """Move the offline run log ``run_log_file`` into the store; its file is deleted once
    the run is there (kept, with a warning, when the store has that run already)."""
    runner = SyncRunner(api_token=api_token, run_log_file=run_log_file)
    runner.start()
    runner.wait(timeout=timeout)
    summary = runner.summary
    if summary is not None and summary.kept:
        import warnings
        for kept in summary.kept:
            warnings.warn(f"{kept['log']} was kept: {kept['reason']}", stacklevel=2)
