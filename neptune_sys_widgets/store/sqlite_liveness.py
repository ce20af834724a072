"""The SQLite store's liveness: attachments (one per process working on an object),
heartbeats, reaping of processes that stopped pinging, running time, and stop/abort
requests between processes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence

from .clock import liveness_timeout_ms, now_ms

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


class SqliteLiveness:
    """Mixed into ``SqliteStore``."""

    conn: Any
    # SqliteStore's and the other mixins' (declared for the type checker)
    damage: str | None
    read: Any
    write: Any
    touch: Any

    # -------------------------------------------------------------------- liveness
    def attach(self, pk: int, pid: int, hostname: str) -> int:
        def tx(conn: sqlite3.Connection, rev: int) -> int:
            t = now_ms()
            self._reap(conn, pk, t)
            cur = conn.execute("INSERT INTO attachments(object_pk, pid, hostname, attached_at, "
                               "last_ping) VALUES (?,?,?,?,?)", (pk, pid, hostname, t, t))
            conn.execute("UPDATE objects SET active_since = coalesce(active_since, ?) "
                         "WHERE pk = ?", (t, pk))
            self.touch(conn, pk, rev, modified=False)
            assert cur.lastrowid is not None  # an INSERT sets it
            return cur.lastrowid
        return self.write(tx)

    def _reap(self, conn: sqlite3.Connection, pk: int, t: int) -> None:
        """Drop attachments whose heartbeats stopped; close the running-time interval if
        nothing live remains (it ends at the last ping, not now)."""
        cutoff = t - liveness_timeout_ms()
        stale = conn.execute("DELETE FROM attachments WHERE object_pk=? AND last_ping < ? "
                             "RETURNING last_ping", (pk, cutoff)).fetchall()
        if not stale:
            return
        live = conn.execute("SELECT 1 FROM attachments WHERE object_pk=? LIMIT 1",
                            (pk,)).fetchone()
        if not live:
            end = max(r[0] for r in stale)
            conn.execute("UPDATE objects SET running_acc = running_acc + "
                         "max(0, ? - active_since) / 1000.0, active_since = NULL "
                         "WHERE pk = ? AND active_since IS NOT NULL", (end, pk))

    def detach(self, conn: sqlite3.Connection, rev: int, attachment: int, pk: int) -> None:
        t = now_ms()
        # reaped while this attachment still counts: a stale one beside it must not end the
        # interval at its own last ping (this process was attached until now), and if this
        # one is stale itself (the process was frozen), its interval ends at its last ping
        self._reap(conn, pk, t)
        conn.execute("DELETE FROM attachments WHERE pk = ?", (attachment,))
        # One statement closes the running-time interval when no session is left and
        # stamps the object (a stop is two fewer statements than asking first)
        conn.execute("UPDATE objects SET (running_acc, active_since) = "
                     "(SELECT CASE WHEN active_since IS NULL OR live THEN running_acc "
                     "ELSE running_acc + max(0, ? - active_since) / 1000.0 END, "
                     "CASE WHEN live THEN active_since END FROM (SELECT EXISTS("
                     "SELECT 1 FROM attachments WHERE object_pk = ?) AS live)), "
                     "rev = ?, ping_time = ? WHERE pk = ?", (t, pk, rev, t, pk))

    def heartbeat(self, attachments: dict[int, int],
                  revive: Callable[[int], bool] | None = None) -> None:
        """One commit for every object this process is attached to: ping them. ``revive``
        is asked, inside the transaction, whether a missing attachment may come back (not
        if its owner is detaching meanwhile)."""
        if not attachments or self.damage is not None:
            return  # a damaged store is not written; the damage was reported when found
        revive = revive or (lambda a: True)

        def tx(conn: sqlite3.Connection, rev: int) -> None:
            t = now_ms()
            conn.executemany("UPDATE attachments SET last_ping=? WHERE pk=?",
                             [(t, a) for a in attachments])
            conn.executemany("UPDATE objects SET ping_time=?, rev=? WHERE pk=?",
                             [(t, rev, pk) for pk in set(attachments.values())])
            # An attachment that was reaped while this process was frozen comes back.
            missing = set(attachments) - {r[0] for r in conn.execute(
                f"SELECT pk FROM attachments WHERE pk IN ({','.join('?' * len(attachments))})",
                list(attachments))}
            for a in missing:
                if not revive(a):
                    continue
                pk = attachments[a]
                conn.execute("INSERT INTO attachments(pk, object_pk, pid, hostname, "
                             "attached_at, last_ping) VALUES (?,?,?,?,?,?)",
                             (a, pk, os.getpid(), "", t, t))
                conn.execute("UPDATE objects SET active_since = coalesce(active_since, ?) "
                             "WHERE pk = ?", (t, pk))
        self.write(tx)

    # -------------------------------------------------------------------- requests
    def add_request(self, pk: int, kind: str) -> None:
        def tx(conn: sqlite3.Connection, rev: int) -> None:
            # one undelivered request per kind: repeated clicks must not pile up rows
            conn.execute("INSERT INTO requests(object_pk, kind, requested_at) SELECT ?, ?, ? "
                         "WHERE NOT EXISTS (SELECT 1 FROM requests WHERE object_pk = ? AND "
                         "kind = ? AND delivered_at IS NULL)", (pk, kind, now_ms(), pk, kind))
            conn.execute("UPDATE objects SET rev = ? WHERE pk = ?", (rev, pk))
        self.write(tx)

    def take_requests(self, pks: Sequence[int]) -> list[tuple[int, str]]:
        """Claim undelivered stop/abort requests for these objects (exactly once)."""
        if not pks or self.damage is not None:
            return []
        marks = ",".join("?" * len(pks))
        pending = self.read(f"SELECT 1 FROM requests WHERE delivered_at IS NULL AND "
                            f"object_pk IN ({marks}) LIMIT 1", list(pks))
        if not pending:
            return []

        def tx(conn: sqlite3.Connection, rev: int) -> list[tuple[int, str]]:
            return conn.execute(f"UPDATE requests SET delivered_at = ? WHERE delivered_at IS "
                                f"NULL AND object_pk IN ({marks}) RETURNING object_pk, kind",
                                [now_ms(), *pks]).fetchall()
        return self.write(tx)
