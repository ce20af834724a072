"""Bulk reads of many objects' user values, for the query API and tables: each a named
operation of the store (store/base.py), chunked to SQLite's bound-parameter limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

_CHUNK = 900  # bound parameters per statement


def _chunks(items: Sequence[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i:i + _CHUNK])


def _in(part: Sequence[Any]) -> str:
    return ",".join("?" * len(part))


class SqliteReads:
    """Mixed into ``SqliteStore``."""

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # pragma: no cover - provided by SqliteStore

    def sys_rows(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover - provided by SqliteObjects

    def run_rows(self, project_pk: int, *, heads_only: bool = False) -> list[dict[str, Any]]:
        """Sys rows of the project's runs that are not trashed (only experiment heads),
        oldest first."""
        clause = "o.project_pk = ? AND o.kind = 'run' AND coalesce(o.trashed, 0) = 0"
        if heads_only:
            clause += " AND o.experiment_is_head = 1"
        return self.sys_rows(where=clause, params=(project_pk,),
                             order="o.creation_time, o.pk")

    def listing(self) -> Any:
        raise NotImplementedError  # pragma: no cover - provided by SqliteStore

    def atom_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str, Any]]:
        """(pk, path, type, stored value) of every attribute of these objects."""
        return self.listing().atom_rows(pks)

    def user_set_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str]]:
        """(pk, path, value) of the user (non-sys) string-set elements of these objects."""
        return self.listing().user_set_rows(pks)

    def series_last_rows(self, pks: Sequence[int]) -> list[tuple[int, str, str, Any]]:
        """(pk, path, type, last value) of every series of these objects (a float series'
        NaN last value reads as None: SQLite keeps a NaN REAL as NULL)."""
        return self.listing().series_last_rows(pks)

    def project_value_types(self, project_pk: int, names: Iterable[str]
                            ) -> list[tuple[str, str, str]]:
        """(path, stored type, 'attribute' | 'series') for each of ``names`` as stored in
        any untrashed run of the project."""
        names = sorted(set(names))
        where = ("o.project_pk = ? AND o.kind = 'run' AND coalesce(o.trashed, 0) = 0 AND "
                 "x.path IN ({})")
        out: list[tuple[str, str, str]] = []
        for part in _chunks(names):
            args = [project_pk, *part]
            for table, what in (("attributes", "attribute"), ("series", "series")):
                out += [(p, t, what) for p, t in self.read(
                    f"SELECT DISTINCT x.path, x.type FROM {table} x JOIN objects o ON "
                    "o.pk = x.object_pk WHERE " + where.format(_in(part)), args)]
        return out

    def series_paths(self, pks: Sequence[int], type_: str) -> list[tuple[int, str]]:
        """(pk, path) of these objects' own series of ``type_`` ('float' / 'string')."""
        out: list[tuple[int, str]] = []
        for part in _chunks(pks):
            out += self.read("SELECT object_pk, path FROM series WHERE type = ? AND "
                             f"object_pk IN ({_in(part)})", [type_, *part])
        return out


__all__ = ["SqliteReads"]
