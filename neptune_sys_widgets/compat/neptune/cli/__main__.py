"""``python -m neptune.cli sync|status|clear`` (1.x installed these as ``neptune ...``)."""

import click

from .commands import clear, status, sync


@click.group()
def main() -> None:
    """neptune 1.x's command line, over this package's offline run logs."""


for _command in (sync, status, clear):
    main.add_command(_command)

if __name__ == "__main__":
    main()
