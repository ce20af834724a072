"""The SQLite store's objects: projects, object rows and their sys columns, string sets and
attributes. Write operations take the transaction's connection (``SqliteTx`` calls them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from ..exceptions import ModelNotFound, ProjectDeleted
from .clock import liveness_timeout_ms, now_ms
from .sqlite_rows import (
    _SET_SQL,
    SET_FIELDS,
    SYS_COLUMNS,
    _derived_fields,
    _joined_set,
    gc_paused,
)

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


class SqliteObjects:
    """Mixed into ``SqliteStore``."""

    conn: Any
    read: Any  # SqliteStore's (declared for the type checker)
    write: Any

    @staticmethod
    def touch(conn: sqlite3.Connection, pk: int, rev: int, *, modified: bool = True,
              ping: bool = True) -> None:
        """Stamp an object as changed by this commit (and ping/modification time)."""
        t = now_ms()
        sets = ["rev = ?"]
        params: list[Any] = [rev]
        if modified:
            sets.append("modification_time = ?")
            params.append(t)
        if ping:
            sets.append("ping_time = ?")
            params.append(t)
        params.append(pk)
        conn.execute(f"UPDATE objects SET {', '.join(sets)} WHERE pk = ?", params)

    @staticmethod
    def recompute_size(conn: sqlite3.Connection, pk: int) -> None:
        conn.execute("""UPDATE objects SET size = (
              coalesce(length(name), 0) + coalesce(length(description), 0)
            + coalesce((SELECT sum(length(path) + coalesce(length(value), 8))
                        FROM attributes WHERE object_pk = ?1), 0)
            + coalesce((SELECT sum(length(value)) FROM string_sets WHERE object_pk = ?1), 0)
            + coalesce((SELECT sum(length(steps) + length(vals) + length(ts))
                        FROM series_chunks WHERE object_pk = ?1), 0)) WHERE pk = ?1""", (pk,))

    # ------------------------------------------------------------------- projects
    # (a project can be deleted, management.delete_project, while another process holds
    # its row: that process's next object in it is refused by the creating transaction)
    def find_project(self, name: str) -> tuple | None:
        rows = self.read("SELECT pk, name, key, creation_time, owner FROM projects "
                         "WHERE name = ?", (name,))
        return rows[0] if rows else None

    def create_project(self, name: str, key: str | None, owner: str,
                       derive_key: Callable[[str, set[str]], str]) -> tuple:
        def tx(conn: sqlite3.Connection, rev: int) -> tuple:
            row = conn.execute("SELECT pk, name, key, creation_time, owner FROM projects "
                               "WHERE name = ?", (name,)).fetchone()
            if row:
                return row
            taken = {r[0] for r in conn.execute("SELECT key FROM projects")}
            k = key or derive_key(name, taken)
            if k in taken:
                from ..exceptions import InvalidValueError
                raise InvalidValueError(f"project {name!r}: key {k!r} is already used by "
                                        "another project")
            t = now_ms()
            cur = conn.execute("INSERT INTO projects(name, key, creation_time, owner) "
                               "VALUES (?,?,?,?)", (name, k, t, owner))
            return (cur.lastrowid, name, k, t, owner)
        return self.write(tx)

    def list_projects(self) -> list[tuple]:
        return self.read("SELECT pk, name, key, creation_time, owner FROM projects ORDER BY pk")

    # -------------------------------------------------------------------- objects
    def insert_object(self, conn: sqlite3.Connection, rev: int, project_pk: int, kind: str,
                      values: dict[str, Any], *, model_pk: int | None = None,
                      parent_pk: int | None = None) -> int:
        cols = ["project_pk", "kind", "model_pk", "parent_pk", "rev", *values]
        params = [project_pk, kind, model_pk, parent_pk, rev, *values.values()]
        cur = conn.execute(f"INSERT INTO objects({', '.join(cols)}) VALUES "
                           f"({', '.join('?' * len(cols))})", params)
        assert cur.lastrowid is not None  # an INSERT sets it
        return cur.lastrowid

    def next_run_number(self, conn: sqlite3.Connection, project_pk: int) -> int:
        row = conn.execute("UPDATE projects SET run_counter = run_counter + 1 WHERE pk = ? "
                           "RETURNING run_counter", (project_pk,)).fetchone()
        if row is None:
            raise ProjectDeleted()
        return row[0]

    def check_project(self, conn: sqlite3.Connection, project_pk: int) -> None:
        if conn.execute("SELECT 1 FROM projects WHERE pk = ?", (project_pk,)).fetchone() is None:
            raise ProjectDeleted()

    def next_version_number(self, conn: sqlite3.Connection, model_pk: int) -> int:
        row = conn.execute("UPDATE objects SET version_counter = version_counter + 1 "
                           "WHERE pk = ? RETURNING version_counter", (model_pk,)).fetchone()
        if row is None:
            raise ModelNotFound("the model was deleted after this process found it; no "
                                "version was created")
        return row[0]

    def find_object(self, where: str, params: Sequence[Any],
                    conn: sqlite3.Connection | None = None) -> tuple | None:
        """(pk, kind, id, project_pk, model_pk, parent_pk) of the first match."""
        c = conn or self.conn
        return c.execute(f"SELECT pk, kind, id, project_pk, model_pk, parent_pk FROM objects "
                         f"WHERE {where} LIMIT 1", params).fetchone()

    def set_columns(self, conn: sqlite3.Connection, pk: int, values: dict[str, Any]) -> None:
        assigns = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE objects SET {assigns} WHERE pk = ?", [*values.values(), pk])

    def sys_rows(self, pks: Sequence[int] | None = None, *, where: str = "",
                 params: Sequence[Any] = (), order: str = "", limit: int | None = None,
                 conn: sqlite3.Connection | None = None) -> list[dict[str, Any]]:
        """Sys values (as stored: ms ints, 0/1) of objects, with derived fields computed."""
        cursor, t = self._sys_cursor(conn or self.conn, pks, where, params, order, limit)
        names = [d[0] for d in cursor.description]
        out = []
        with gc_paused():
            for row in cursor:
                rec = dict(zip(names, row, strict=True))
                rec["state"], rec["running_time"], rec["monitoring_time"] = _derived_fields(
                    t, rec.pop("live"), rec.pop("running_acc"), rec.pop("active_since"),
                    rec["ping_time"])
                for _, name in SET_FIELDS:
                    rec[name] = _joined_set(rec.pop(f"{name}_joined"))
                rec["family"] = rec["custom_run_id"] or rec["id"]
                rec["archived"] = rec["trashed"]
                out.append(rec)
        return out

    def sys_columns(self, *, where: str = "", params: Sequence[Any] = (), order: str = "",
                    limit: int | None = None) -> dict[str, Sequence[Any]]:
        """What ``sys_rows`` returns, as one sequence per name instead of a dict per object:
        for wide listings, where building 100k dicts costs more than reading the rows."""
        cursor, t = self._sys_cursor(self.conn, None, where, params, order, limit)
        names = [d[0] for d in cursor.description]
        with gc_paused():
            out: dict[str, Any] = dict(zip(names, list(zip(*cursor.fetchall(), strict=True))
                           or [()] * len(names), strict=True))
            derived = [_derived_fields(t, *values) for values in zip(
                out.pop("live"), out.pop("running_acc"), out.pop("active_since"),
                out["ping_time"], strict=True)]
            out["state"], out["running_time"], out["monitoring_time"] = \
                list(zip(*derived, strict=True)) or [(), (), ()]
            for _, name in SET_FIELDS:
                out[name] = [_joined_set(j) for j in out.pop(f"{name}_joined")]
            out["archived"] = out["trashed"]
            out["family"] = [c or i for c, i in zip(out["custom_run_id"], out["id"],
                                                    strict=True)]
        return out

    @staticmethod
    def _sys_cursor(c: sqlite3.Connection, pks: Sequence[int] | None, where: str,
                    params: Sequence[Any], order: str, limit: int | None
                    ) -> tuple[sqlite3.Cursor, int]:
        """The statement of ``sys_rows`` and ``sys_columns``, and the time it was run at."""
        t = now_ms()
        cutoff = t - liveness_timeout_ms()
        cols = ", ".join(f"o.{name}" for name in SYS_COLUMNS)
        sets = []
        for path, name in SET_FIELDS:
            if pks is None and c.execute("SELECT 1 FROM string_sets WHERE path = ? LIMIT 1",
                                         (path,)).fetchone() is None:
                sets.append(f"NULL AS {name}_joined")  # none in the store: no per-row lookup
            else:
                sets.append(_SET_SQL[name])
        sql = (f"SELECT o.pk, o.kind, o.project_pk, o.model_pk, o.running_acc, o.active_since, "
               f"o.rev, EXISTS(SELECT 1 FROM attachments a WHERE a.object_pk = o.pk "
               f"AND a.last_ping >= ?) AS live, {', '.join(sets)}, {cols} FROM objects o")
        clauses = []
        args: list[Any] = [cutoff]  # bound, not inlined: the statement stays cached
        if pks is not None:
            clauses.append(f"o.pk IN ({','.join('?' * len(pks))})")
            args.extend(pks)
        if where:
            clauses.append(where)
            args.extend(params)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order:
            sql += " ORDER BY " + order
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return c.execute(sql, args), t

    # ------------------------------------------------------------------ string sets
    def set_add(self, conn: sqlite3.Connection, pk: int, path: str, values: Iterable[str]
                ) -> None:
        conn.executemany("INSERT OR IGNORE INTO string_sets VALUES (?,?,?)",
                         [(pk, path, v) for v in values])

    def set_remove(self, conn: sqlite3.Connection, pk: int, path: str, values: Iterable[str]
                   ) -> None:
        conn.executemany("DELETE FROM string_sets WHERE object_pk=? AND path=? AND value=?",
                         [(pk, path, v) for v in values])

    def set_clear(self, conn: sqlite3.Connection, pk: int, path: str) -> None:
        conn.execute("DELETE FROM string_sets WHERE object_pk=? AND path=?", (pk, path))

    def set_values(self, pk: int, path: str) -> set[str]:
        return {r[0] for r in self.read(
            "SELECT value FROM string_sets WHERE object_pk=? AND path=?", (pk, path))}

    # ------------------------------------------------------------------- attributes
    def put_attribute(self, conn: sqlite3.Connection, pk: int, path: str, type_: str,
                      value: Any) -> None:
        conn.execute("INSERT INTO attributes(object_pk, path, type, value, seq) VALUES "
                     "(?,?,?,?,(SELECT coalesce(max(seq),0)+1 FROM attributes WHERE object_pk=?))"
                     " ON CONFLICT(object_pk, path) DO UPDATE SET type=excluded.type, "
                     "value=excluded.value", (pk, path, type_, value, pk))

    def delete_objects(self, conn: sqlite3.Connection, pks: Sequence[int]) -> None:
        """Remove objects and everything they own, for good (emptying the trash)."""
        for table, col in (("series_chunks", "object_pk"), ("series", "object_pk"),
                           ("attributes", "object_pk"), ("string_sets", "object_pk"),
                           ("attachments", "object_pk"), ("requests", "object_pk"),
                           ("objects", "pk")):
            conn.executemany(f"DELETE FROM {table} WHERE {col} = ?", [(pk,) for pk in pks])

    def delete_path(self, conn: sqlite3.Connection, pk: int, path: str) -> int:
        """Delete an attribute, set or series at ``path`` or under the namespace ``path/``."""
        n = 0
        like = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
        for table in ("attributes", "series", "series_chunks", "string_sets"):
            n += conn.execute(f"DELETE FROM {table} WHERE object_pk=? AND (path=? OR path "
                              "LIKE ? ESCAPE '\\')", (pk, path, like)).rowcount
        return n

    def attributes(self, pk: int) -> list[tuple[str, str, Any]]:
        return self.read("SELECT path, type, value FROM attributes WHERE object_pk=? "
                         "ORDER BY seq", (pk,))

    def attribute(self, pk: int, path: str) -> tuple[str, Any] | None:
        rows = self.read("SELECT type, value FROM attributes WHERE object_pk=? AND path=?",
                         (pk, path))
        return rows[0] if rows else None
