"""``neptune.table``: ``Table`` and ``TableEntry``, what ``fetch_runs_table()`` and its
siblings return (defined in objects/tables.py)."""

from ...objects.tables import Table, TableEntry

__all__ = ["Table", "TableEntry"]
