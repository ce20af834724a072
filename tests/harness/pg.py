"""A throwaway PostgreSQL server for the tests, and a fresh database per test.

``NSW_TEST_POSTGRES_URL`` (a superuser URL, e.g. ``postgresql://postgres:pw@db:5432/postgres``)
names a server to use instead; else the fixture makes a cluster of its own in a temporary
folder with Debian's binaries (``/usr/lib/postgresql/<version>/bin``, installed by
``scripts/setup.sh``), listening on 127.0.0.1 and a free port, with password authentication
(so that bad-credential tests mean something), and stops and removes it at the end of the
session. As root the cluster runs as the ``postgres`` user (PostgreSQL refuses root).

Fixtures (loaded through ``tests/conftest.py``'s ``pytest_plugins``):
    pg_server   the session's server (``PgServer``): ``url(db)``, ``restart()``, ``stop()``,
                ``start()``, ``psql(sql)``, ``host``, ``port``
    pg_url      a URL of a database created for this test (dropped afterwards)
    pg_store    ``pg_url``, also set as ``NEPTUNE_SYS_STORE`` (as ``store_path`` does for a file)
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

USER = "nsw"
PASSWORD = "nsw-test-secret"


def find_bindir() -> str | None:
    """The directory of ``initdb``/``pg_ctl``: Debian's newest, else one on ``PATH``."""
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                    key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                    reverse=True):
        if os.access(os.path.join(d, "initdb"), os.X_OK):
            return d
    initdb = shutil.which("initdb")
    return os.path.dirname(os.path.realpath(initdb)) if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A server the tests may use: either one started here, or the one named by
    ``NSW_TEST_POSTGRES_URL`` (then ``restart``/``stop``/``start`` are unavailable)."""

    def __init__(self, admin_url: str, *, bindir: str | None = None,
                 datadir: str | None = None, run_as: str | None = None) -> None:
        self.admin_url = admin_url
        parts = urlsplit(admin_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 5432
        self.user = parts.username or USER
        self.password = parts.password or ""
        self.bindir, self.datadir, self.run_as = bindir, datadir, run_as

    # ------------------------------------------------------------------ creating
    @classmethod
    def start_throwaway(cls, bindir: str) -> PgServer:
        root = tempfile.mkdtemp(prefix="nsw-pg-")
        run_as = None
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(root, ignore_errors=True)
                pytest.skip("PostgreSQL tests: running as root and there is no 'postgres' "
                            "user to run the throwaway server as")
            os.chown(root, pw.pw_uid, pw.pw_gid)
            run_as = "postgres"
        datadir = os.path.join(root, "data")
        pwfile = os.path.join(root, "pw")
        with open(pwfile, "w") as fh:
            fh.write(PASSWORD + "\n")
        if run_as:
            pw = pwd.getpwnam(run_as)
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        port = free_port()
        url = f"postgresql://{USER}:{quote(PASSWORD)}@127.0.0.1:{port}/postgres"
        server = cls(url, bindir=bindir, datadir=datadir, run_as=run_as)
        server._root = root
        server._run([os.path.join(bindir, "initdb"), "-D", datadir, "-U", USER,
                     "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8",
                     "--locale=C", "--no-sync"])
        os.unlink(pwfile)
        with open(os.path.join(datadir, "postgresql.conf"), "a") as fh:
            fh.write(f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
                     f"unix_socket_directories = '{root}'\nmax_connections = 300\n"
                     "fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n"
                     "shared_buffers = 32MB\nlog_min_messages = warning\n")
        server.start()
        return server

    def _run(self, cmd: list[str], check: bool = True, timeout: float = 120
             ) -> subprocess.CompletedProcess:
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, cwd="/")
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                               f"{proc.stdout}\n{proc.stderr}")
        return proc

    # ------------------------------------------------------------------ control
    @property
    def managed(self) -> bool:
        return self.datadir is not None

    def _pg_ctl(self, *args: str) -> None:
        if not self.managed:
            pytest.skip("this test stops the PostgreSQL server: needs the throwaway one "
                        "(NSW_TEST_POSTGRES_URL is set)")
        self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.datadir, "-s",
                   "-l", os.path.join(self._root, "log"), *args])

    def start(self) -> None:
        self._pg_ctl("-w", "-t", "60", "start")
        self.wait_ready()

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-w", "-t", "60", "-m", mode, "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def ensure_running(self) -> None:
        """Start a managed server that an earlier test left stopped (a failed restart
        test must not take every later PostgreSQL test down with it)."""
        if not self.managed:
            return
        try:
            self.psql("SELECT 1")
        except Exception:
            self._pg_ctl("-w", "-t", "60", "start")
            self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.psql("SELECT 1")
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def destroy(self) -> None:
        if self.managed:
            try:
                self.stop("immediate")
            except Exception:
                pass
            shutil.rmtree(self._root, ignore_errors=True)

    # ------------------------------------------------------------------ databases
    def url(self, database: str = "postgres", *, user: str | None = None,
            password: str | None = None, host: str | None = None,
            port: int | None = None) -> str:
        user = self.user if user is None else user
        password = self.password if password is None else password
        auth = quote(user) + (":" + quote(password) if password else "")
        return urlunsplit(("postgresql", f"{auth}@{host or self.host}:{port or self.port}",
                           "/" + database, "", ""))

    def psql(self, sql: str, database: str = "postgres") -> list[tuple]:
        import psycopg
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as c:
            cur = c.execute(sql)
            return cur.fetchall() if cur.description else []

    def create_database(self) -> str:
        name = "nsw_" + uuid.uuid4().hex[:12]
        self.psql(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server() -> PgServer:
    url = os.environ.get("NSW_TEST_POSTGRES_URL")
    if url:
        return PgServer(url)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests: psycopg is not installed (pip install -e '.[test]')")
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL tests: no PostgreSQL server binaries (initdb); "
                    "scripts/setup.sh installs Debian's postgresql package")
    return PgServer.start_throwaway(bindir)


@pytest.fixture(scope="session")
def _pg_session_server() -> Iterator[PgServer]:
    server = _server()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_server(_pg_session_server: PgServer) -> PgServer:
    """The session's server, running (started again if an earlier test left it stopped)."""
    _pg_session_server.ensure_running()
    return _pg_session_server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        try:
            from neptune_sys_widgets.store import close_all
            close_all()
        except Exception:
            pass
        try:
            pg_server.wait_ready()
            pg_server.drop_database(name)
        except Exception:
            pass


@pytest.fixture
def pg_store(pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[str]:
    monkeypatch.setenv("NEPTUNE_SYS_STORE", pg_url)
    for var in ("NEPTUNE_PROJECT", "NEPTUNE_CUSTOM_RUN_ID", "NEPTUNE_MODE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    yield pg_url
    from neptune_sys_widgets import feed
    feed.stop_watching()
    from neptune_sys_widgets.objects.background import BACKGROUND
    for c in BACKGROUND.attached():
        try:
            c.stop()
        except Exception:
            pass
