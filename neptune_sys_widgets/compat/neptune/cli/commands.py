"""1.x's ``neptune sync|status|clear`` over this package's offline logs.

1.x kept an offline run's operations under ``<path>/.neptune/offline`` until ``neptune
sync`` sent them; here an offline run writes a log under ``<path>/.neptune`` (the log
directory; objects/offline_log.py) and ``sync`` moves it into the store
(interop/offline_sync.py): the same commands, options and output lines code parses
("... registered as workspace/project/SYS-1"). 1.x's async queues of online objects do
not exist here (every write reaches the store), so ``--object`` has nothing to name.
"""

from __future__ import annotations

from pathlib import Path

import click

from ....objects import offline_log

path_option = click.option(
    "--path", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    metavar="<location>", help="path to a directory containing a '.neptune' folder")


def _logs(path: Path) -> list[Path]:
    """The offline runs' logs under PATH/.neptune that are this package's and not in use
    (another program's file there, or a running run's log, is neither listed nor cleared).
    """
    from ....interop.offline_sync import busy_or_foreign
    folder = path / ".neptune"
    found = [p for p, _ in offline_log.find_logs([folder])] if folder.is_dir() else []
    return [p for p in found if busy_or_foreign(p) is None]


def _listed(path: Path, none: str, heading: str) -> list[Path]:
    """The logs under PATH/.neptune, printed under ``heading`` (``none`` if there are
    none), as 1.x's status and clear listed them."""
    logs = _logs(path)
    if not logs:
        click.echo(none)
        return []
    click.echo(heading)
    for log in logs:
        click.echo(f"- {log}")
    return logs


@click.command()
@path_option
def status(path: Path) -> None:
    """List the offline runs under PATH/.neptune that wait for ``neptune sync``."""
    _listed(path, "There are no offline objects waiting to be synchronized.",
            "Unsynchronized offline objects:")


@click.command()
@path_option
@click.option("--object", "object_names", multiple=True, metavar="<object-name>",
              help="not used here: every online write is already in the store")
@click.option("-p", "--project", "project_name", metavar="project-name",
              help="project name (workspace/project) where offline runs will be sent")
@click.option("--offline-only", is_flag=True, default=False,
              help="synchronize only the offline runs (here: all there is to sync)")
def sync(path: Path, object_names: tuple[str, ...], project_name: str | None,
         offline_only: bool) -> None:
    """Move the offline runs under PATH/.neptune into the store."""
    if object_names:
        raise click.BadParameter(
            "online objects have nothing to synchronize here (every write is already in "
            "the store); offline runs are synchronized all at once (README, 'Offline runs "
            "and neptune-sys sync')", param_hint="--object")
    from ....interop.offline_sync import sync as sync_logs
    if not (path / ".neptune").is_dir():
        click.echo("There are no offline objects to synchronize.")
        return
    # the folder, not its files one by one: what is not a log there is listed as kept
    summary = sync_logs([path / ".neptune"], project=project_name)
    for done in summary.synced:
        click.echo(f"Offline run registered as {done['project']}/{done['id']} "
                   f"(from {done['log']})")
        click.echo(f"Synchronization of run {done['project']}/{done['id']} completed.")
    for kept in summary.kept:
        click.echo(f"Offline run {kept['log']} was kept: {kept['reason']}", err=True)
    if summary.kept:
        raise SystemExit(1)


@click.command()
@path_option
def clear(path: Path) -> None:
    """Delete the offline runs under PATH/.neptune that were never synchronized, after
    listing them and asking."""
    logs = _listed(path, "There are no offline objects to clear.",
                   "Offline objects that will be deleted:")
    if logs and click.confirm("Do you want to delete the listed metadata?"):
        for log in logs:
            offline_log.remove(log)
