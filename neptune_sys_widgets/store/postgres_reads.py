"""Bulk reads of many objects' user values for the query API (neptune_sys_widgets.query):
the PostgreSQL side of store/sqlite_reads.py, with the same rows. Lists bind as one array,
so nothing is chunked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class PostgresReads:
    """Mixed into ``PostgresStore``."""

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # pragma: no cover - provided by PostgresStore

    def sys_records(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover - provided by PostgresStore

    def listing(self) -> Any:
        raise NotImplementedError  # pragma: no cover - provided by PostgresStore

    def run_rows(self, project_pk: int, *, heads_only: bool = False) -> list[dict[str, Any]]:
        """Sys rows of the project's runs that are not trashed (only experiment heads),
        oldest first."""
        where = ["o.project_pk = %s", "o.kind = 'run'", "coalesce(o.trashed, 0) = 0"]
        if heads_only:
            where.append("o.experiment_is_head = 1")
        return self.sys_records(where, [project_pk], "o.creation_time, o.pk")

    def atom_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str, Any]]:
        return self.listing().atom_rows(pks)

    def user_set_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str]]:
        return self.listing().user_set_rows(pks)

    def series_last_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str, Any]]:
        return self.listing().series_last_rows(pks)

    def project_value_types(self, project_pk: int, names: Iterable[str]
                            ) -> list[tuple[str, str, str]]:
        """(path, stored type, 'attribute' | 'series') for each of ``names`` as stored in
        any untrashed run of the project."""
        names = sorted(n for n in set(names) if "\x00" not in n)  # none stored has NUL
        out: list[tuple[str, str, str]] = []
        for table, what in (("attributes", "attribute"), ("series", "series")):
            out += [(p, t, what) for p, t in self.read(
                f"SELECT DISTINCT x.path, x.type FROM {table} x JOIN objects o ON "
                "o.pk = x.object_pk WHERE o.project_pk = %s AND o.kind = 'run' AND "
                "coalesce(o.trashed, 0) = 0 AND x.path = ANY(%s)", (project_pk, names))]
        return out

    def series_paths(self, pks: Sequence[int], type_: str) -> list[tuple[int, str]]:
        """(pk, path) of these objects' own series of ``type_`` ('float' / 'string')."""
        return [tuple(r) for r in self.read("SELECT object_pk, path FROM series WHERE "
                                            "type = %s AND object_pk = ANY(%s)",
                                            (type_, list(pks)))]


__all__ = ["PostgresReads"]
