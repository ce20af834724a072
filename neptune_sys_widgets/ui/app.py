"""``neptune-sys ui``: the team page, served by Voilà from this process.

Why it is built like this:
- Voilà, not a server of our own: it runs the page notebook (``page.ipynb``) in a fresh
  kernel per visitor and renders the notebook's widgets with JupyterLab's widget manager,
  so the anywidget tables and cards work as they do in JupyterLab. Its kernels accept only
  comm and kernel-info messages from the browser: a visitor can click the widgets, not
  run code.
- Jupyter's conventions for access: 127.0.0.1 unless ``--host`` says otherwise, and a
  token generated per start and printed in the URL (``--token`` sets one, ``--no-token``
  drops it, for a page behind an authenticating proxy).
- Arguments are checked before Voilà starts, each error naming its option: the store must
  exist (a page does not create an empty store) and open, the project must be in it, the
  port must be free.
- Voilà stops on SIGINT and SIGTERM and shuts its kernels down before this process exits.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click
else:
    try:
        import click
    except ModuleNotFoundError:  # pragma: no cover - the [cli] extra is missing
        click = None

PAGE = Path(__file__).resolve().parent / "page.ipynb"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8866  # Voilà's default port
PORT_RETRIES = 50  # as Jupyter: the default port, or one of the next ones when it is taken
# A page's kernel ends when its tab closes (Voilà's beforeunload); one whose page never
# connected (a plain GET) or vanished without saying so is shut down after this idle time.
CULL_IDLE_S, CULL_EVERY_S = 600, 60
# What the page may load: only this server (Voilà's lab template links Font Awesome on a CDN,
# which the tables do not use: a team page must not tell a third party who opens it, nor
# wait for it offline); inline code and blob: modules, as JupyterLab and anywidget need.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self' 'unsafe-inline' blob:",
    "style-src 'self' 'unsafe-inline' blob:", "img-src 'self' data: blob:",
    "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'self'",
    "base-uri 'self'", "form-action 'self'",
])
# The front-end extensions the page loads: Voilà's widget manager, ipywidgets' controls and
# anywidget; not every JupyterLab extension installed beside them (Notebook 7's failed to
# load in a Voilà page, and each costs a download per visit).
EXTENSIONS = ("@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager",
              "anywidget")
# read by page.py in the page's kernel
STORE_ENV, PROJECT_ENV, READ_ONLY_ENV = "NEPTUNE_SYS_STORE", "NEPTUNE_PROJECT", \
    "NEPTUNE_SYS_UI_READ_ONLY"


def add_ui(cli: Any) -> None:
    """Register ``ui`` on the ``neptune-sys`` group (cli.main calls this)."""

    @cli.command("ui")
    @click.option("--store", "store", metavar="PATH",
                  help="Store file or postgresql:// URL (default: neptune-sys --store, env "
                       "NEPTUNE_SYS_STORE, ./.neptune/neptune.db).")
    @click.option("--project", "-p", envvar=PROJECT_ENV,
                  help="workspace/name (env NEPTUNE_PROJECT; default: a picker of all).")
    @click.option("--host", default=DEFAULT_HOST, show_default=True,
                  help="Address to listen on; 0.0.0.0 exposes the page to the network.")
    @click.option("--port", type=click.IntRange(0, 65535), default=None,
                  help=f"Port (default {DEFAULT_PORT} or a free one near it; 0: any free).")
    @click.option("--token", default=None, help="Token to require (default: generated).")
    @click.option("--no-token", is_flag=True, help="Require no token (anyone who can reach "
                                                   "the port can edit tags and stages).")
    @click.option("--read-only", is_flag=True,
                  help="Tables that change nothing (no tags, stages, stop or trash).")
    @click.option("--theme", type=click.Choice(["light", "dark"]), default="light",
                  show_default=True, help="JupyterLab's light or dark theme.")
    @click.pass_context
    def ui(ctx: Any, store: str | None, project: str | None, host: str, port: int | None,
           token: str | None, no_token: bool, read_only: bool, theme: str) -> None:
        """Serve the runs and models tables as a web page (Voilà), read-write for tags and
        stages as in a notebook. Stop with Ctrl-C."""
        store = check_store(store or ctx.find_root().obj.get("store"))
        host, token = check_host(host), check_token(token, no_token)
        project = check_project(store, project)
        port, retries = check_port(host, port)
        serve(UiOptions(store=store, host=host, token=token, project=project, port=port,
                        retries=retries, read_only=read_only, theme=theme))


@dataclass
class UiOptions:
    """What ``serve`` needs, checked."""

    store: str
    host: str = DEFAULT_HOST
    token: str = ""
    project: str | None = None
    port: int = DEFAULT_PORT
    retries: int = 0
    read_only: bool = False
    theme: str = "light"

    def url(self, port: int) -> str:
        from urllib.parse import quote
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?token={quote(self.token, safe='')}" if self.token else ""
        return f"http://{host}:{port}/{query}"


def check_store(store: str | None) -> str:
    """The store as the kernel must get it: an SQLite path made absolute (the kernel's
    working directory is the page's folder), a URL unchanged. It must exist and open."""
    from ..exceptions import NeptuneSysError
    from ..store import close_all, open_store
    raw = store or os.path.join(".neptune", "neptune.db")
    if "://" not in raw:
        raw = os.path.abspath(raw)
        if not os.path.exists(raw):
            raise click.BadParameter(f"no store at {raw} (the page shows an existing "
                                     "store: create a run first)", param_hint="'--store'")
    try:
        open_store(raw).list_projects()
    except NeptuneSysError as e:
        raise click.BadParameter(str(e), param_hint="'--store'") from None
    finally:
        close_all()  # the page's kernels open it; this process keeps no connection
    return raw


def check_project(store: str, project: str | None) -> str | None:
    if project is None:
        return None
    from ..exceptions import NeptuneSysError
    from ..objects.project import qualify
    from ..store import close_all, open_store
    try:
        name = qualify(project)
        names = [row[1] for row in open_store(store).list_projects()]
    except NeptuneSysError as e:
        raise click.BadParameter(str(e), param_hint="'--project'") from None
    finally:
        close_all()
    if name not in names:
        raise click.BadParameter(f"no project {name!r} in the store (it has: "
                                 f"{', '.join(names) or 'none'})", param_hint="'--project'")
    return name


def check_host(host: str) -> str:
    try:
        socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as e:
        raise click.BadParameter(f"{host!r} is not an address of this machine ({e})",
                                 param_hint="'--host'") from None
    return host


def check_token(token: str | None, no_token: bool) -> str:
    """The token, or '' with ``--no-token``; generated as Jupyter does (24 random bytes)."""
    if no_token and token is not None:
        raise click.BadParameter("give --token or --no-token, not both",
                                 param_hint="'--token'")
    if no_token:
        return ""
    if token is None:
        return secrets.token_hex(24)
    if not token.strip() or any(c.isspace() or not c.isprintable() for c in token):
        raise click.BadParameter("a token is printable text without spaces (for no token: "
                                 "--no-token)", param_hint="'--token'")
    return token


def check_port(host: str, port: int | None) -> tuple[int, int]:
    """(port, retries): a port given is used or refused; the default is Voilà's, or one of
    the next free ones (Voilà tries them); 0 picks any free port."""
    if port is None:
        return DEFAULT_PORT, PORT_RETRIES
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as e:
            raise click.BadParameter(f"cannot listen on {host}:{port} ({e.strerror})",
                                     param_hint="'--port'") from None
        return s.getsockname()[1], 0


def serve(options: UiOptions) -> None:
    """Run Voilà on the page notebook until SIGINT or SIGTERM. The kernels inherit this
    process's environment: that is how the store and project reach the page."""
    try:
        from voila.app import Voila
    except ModuleNotFoundError:
        raise click.ClickException("the team page needs Voilà: pip install "
                                   "'neptune_sys_widgets[ui]'") from None
    os.environ[STORE_ENV] = options.store
    os.environ[READ_ONLY_ENV] = "1" if options.read_only else ""
    if options.project:
        os.environ[PROJECT_ENV] = options.project
    else:
        os.environ.pop(PROJECT_ENV, None)

    class TeamPageServer(Voila):
        def launch_browser(self) -> None:
            """Voilà calls this once it listens: say where the page is, with the token."""
            announce(options, self.port)

    argv = [str(PAGE), f"--Voila.ip={options.host}", f"--Voila.port={options.port}",
            f"--Voila.port_retries={options.retries}", "--Voila.open_browser=True",
            f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
            f"--MappingKernelManager.cull_interval={CULL_EVERY_S}",
            f"--VoilaConfiguration.theme={options.theme}",
            *(f"--VoilaConfiguration.extension_allowlist={name}" for name in EXTENSIONS)]
    if options.token:
        argv.append(f"--Voila.token={options.token}")
    # SIGINT stops the page however the command was started: in the background (nohup,
    # `&`) it arrives ignored, and Voilà relies on Python's KeyboardInterrupt, which then
    # ends its loop and shuts the kernels down
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server = TeamPageServer()
    server.initialize(argv)
    server.tornado_settings = {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}}
    server.voila_configuration.prelaunch_hook = set_xsrf_cookie
    server.start()


def set_xsrf_cookie(request: Any, **_kwargs: Any) -> None:
    """Voilà calls this for each page, before it starts the page's kernel: set the _xsrf
    cookie on the page's response. The page's tab, when it closes, asks the server to shut
    its kernel down with that cookie's value; a visitor who came in with the token in the
    URL had none (refused with 403: the kernel ran on until culled or the server stopped)."""
    request.xsrf_token  # noqa: B018 - tornado sets the cookie when the token is first read


def store_label(store: str) -> str:
    """The store as the terminal shows it: a PostgreSQL URL without its password."""
    if "://" not in store:
        return store
    from urllib.parse import urlsplit
    parts = urlsplit(store)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{user}{parts.hostname or ''}{port}{parts.path}"


def announce(options: UiOptions, port: int) -> None:
    out = sys.stdout
    out.write(f"neptune-sys ui: the team page of {store_label(options.store)}\n"
              f"    {options.url(port)}\n")
    if not options.token and options.host not in ("127.0.0.1", "localhost", "::1"):
        out.write("Warning: no token and a network address: anyone who reaches this port "
                  "can change tags and stages.\n")
    out.write("Stop with Ctrl-C.\n")
    out.flush()
