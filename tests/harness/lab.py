"""JupyterLab in headless Chromium (Debian's), driven with Playwright's sync API.

``LabServer`` starts one ``jupyter lab`` on 127.0.0.1 (free port, token, throwaway config,
runtime, workspace and settings directories) and stops only that process, by its PID.
``LabPage`` wraps a Playwright page opened on its own fresh workspace, and knows how to
open a notebook, run it and wait until the kernel has really finished (through
``window.jupyterapp``), type like a person, switch theme and take element screenshots into
``artifacts/screenshots``. Unknown attributes are delegated to the Playwright ``Page``, so
``lab_page.locator(...)`` works.

The kernel's cwd is the notebook's folder: with no ``NEPTUNE_SYS_STORE`` in the server's
environment, each test folder gets its own default store ``<folder>/.neptune/neptune.db``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

CHROMIUM = os.environ.get("NSW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"

# Throwaway user settings: nothing rewrites the notebook under test, nothing phones home,
# typed code is not "helped", every cell is in the DOM.
_NO_BRACKETS = {"autoClosingBrackets": False}
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/docmanager-extension/plugin": {
        "autosave": False, "confirmClosingDocument": False,
    },
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True,
    },
    "@jupyterlab/apputils-extension/themes": {"theme": LIGHT, "adaptive-theme": False},
    "@jupyterlab/codemirror-extension/plugin": {"defaultConfig": _NO_BRACKETS},
    "@jupyterlab/notebook-extension/tracker": {
        "codeCellConfig": {"lineNumbers": False, "lineWrap": False, **_NO_BRACKETS},
        "markdownCellConfig": _NO_BRACKETS,
        "rawCellConfig": _NO_BRACKETS,
        "windowingMode": "none",
        "kernelShutdown": False,
    },
    "@jupyterlab/fileeditor-extension/plugin": {"editorConfig": _NO_BRACKETS},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}


def artifacts_dir() -> Path:
    return Path(os.environ.get("NSW_ARTIFACTS_DIR", REPO / "artifacts"))


def screenshots_dir() -> Path:
    path = artifacts_dir() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path: str | os.PathLike, cells: Iterable[str],
                   markdown: Iterable[str] = ()) -> Path:
    """Write a python3 notebook: optional markdown cells first, then one code cell each."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = ([nbformat.v4.new_markdown_cell(m) for m in markdown]
                + [nbformat.v4.new_code_cell(c) for c in cells])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


class LabServer:
    """One ``jupyter lab`` process serving ``root_dir``.

    ``env``: the server's (and so its kernels') environment, default this process's minus
    ``NEPTUNE_SYS_STORE``; ``extra_env`` is laid over it.
    """

    def __init__(self, root_dir: str | os.PathLike, env: Mapping[str, str] | None = None,
                 extra_env: Mapping[str, str] | None = None, startup_timeout: float = 120.0):
        self.root_dir = Path(root_dir).resolve()
        self.root_dir.mkdir(parents=True, exist_ok=True)
        if env is None:
            env = {k: v for k, v in os.environ.items() if k != "NEPTUNE_SYS_STORE"}
        self.env = dict(env)
        self.env.update(extra_env or {})
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(20)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="nsw-lab-"))
        self.log_path = self._tmp / "server.log"

    # ---- lifecycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _prepare_dirs(self) -> dict[str, str]:
        dirs = {name: self._tmp / name for name in
                ("config", "runtime", "workspaces", "settings", "ipython")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        for plugin, values in LAB_SETTINGS.items():
            f = dirs["settings"] / f"{plugin}.jupyterlab-settings"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(values, indent=1))
        env = dict(self.env)
        env.update({
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
            "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
            "IPYTHONDIR": str(dirs["ipython"]),
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYTHONUNBUFFERED": "1",
        })
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO), env.get("PYTHONPATH", "")) if p
        )
        self._dirs = dirs
        return env

    def _command(self) -> list[str]:
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.user_settings_dir={self._dirs['settings']}",
            f"--LabApp.workspaces_dir={self._dirs['workspaces']}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.shutdown_no_activity_timeout=3600",
            "--MappingKernelManager.cull_idle_timeout=0",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def start(self) -> LabServer:
        env = self._prepare_dirs()
        last_error = ""
        for _attempt in range(3):  # a free port can be taken before the server binds it
            self.port = free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    self._command(), cwd=self.root_dir, env=env, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT,
                )
            try:
                self._wait_ready()
                return self
            except RuntimeError as exc:
                last_error = str(exc)
                self._stop_process()
        raise RuntimeError(f"jupyter lab did not start: {last_error}")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with {self.proc.returncode}\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=5)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.25)
        raise RuntimeError(f"not ready after {self.startup_timeout:.0f}s\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _stop_process(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.shutdown_kernels()
            except Exception:
                pass
        self._stop_process()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- REST --------------------------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def sessions(self) -> list[dict[str, Any]]:
        return self.api("GET", "/api/sessions")

    def kernels(self) -> list[dict[str, Any]]:
        return self.api("GET", "/api/kernels")

    def shutdown_kernels(self) -> None:
        """End every session and kernel, so a reopened notebook gets a fresh kernel."""
        for s in self.sessions():
            try:
                self.api("DELETE", f"/api/sessions/{s['id']}")
            except urllib.error.HTTPError:
                pass
        for k in self.kernels():
            try:
                self.api("DELETE", f"/api/kernels/{k['id']}")
            except urllib.error.HTTPError:
                pass

    def rel(self, path: str | os.PathLike) -> str:
        """A path as the server names it (relative to root_dir, with '/')."""
        p = Path(path)
        if p.is_absolute():
            p = p.resolve().relative_to(self.root_dir)
        return p.as_posix()


def launch_chromium(playwright: Any, executable: str = CHROMIUM) -> Any:
    if not os.path.exists(executable):
        raise RuntimeError(f"{executable} is missing: run scripts/setup.sh "
                           "(apt-get install -y chromium)")
    return playwright.chromium.launch(executable_path=executable, headless=True,
                                      args=CHROMIUM_ARGS)


# Helpers installed in the page as window.__nsw once JupyterLab has started.
_PAGE_HELPERS = r"""
() => {
  const app = window.jupyterapp;
  const H = { runs: {}, seq: 0 };
  H.panel = (path) => {
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
    }
    return null;
  };
  H.need = (path) => {
    const p = H.panel(path);
    if (!p) throw new Error('notebook not open: ' + path);
    return p;
  };
  H.state = (path) => {
    const p = H.panel(path);
    if (!p) return { open: false };
    const s = p.sessionContext;
    const k = s.session ? s.session.kernel : null;
    const cells = p.content.widgets.filter(c => c.model.type === 'code');
    const running = cells.filter(c => c.model.executionState === 'running'
      || (c.promptNode && c.promptNode.textContent.includes('*'))).length;
    return {
      open: true, ready: s.isReady, noKernel: s.hasNoKernel,
      status: k ? k.status : null, connection: k ? k.connectionStatus : null,
      kernelId: k ? k.id : null, running,
      current: app.shell.currentWidget === p,
    };
  };
  H.open = async (path) => {
    const w = await app.commands.execute('docmanager:open', { path, factory: 'Notebook' });
    await w.context.ready;
    await w.sessionContext.ready;
    await H.makeCurrent(w);
    return w.id;
  };
  H.activate = (path) => H.makeCurrent(H.need(path));
  H.makeCurrent = async (p) => {
    // notebook commands act on the current notebook: activation settles a frame later
    app.shell.activateById(p.id);
    for (let i = 0; i < 200 && app.shell.currentWidget !== p; i++) {
      await new Promise(r => setTimeout(r, 25));
    }
    if (app.shell.currentWidget !== p) throw new Error('could not activate ' + p.id);
  };
  H.run = async (path, command, index) => {
    const p = H.need(path);
    await H.makeCurrent(p);
    if (index !== null && index !== undefined) {
      p.content.activeCellIndex = index;
      p.content.deselectAll();
    }
    const id = String(++H.seq);
    const r = H.runs[id] = { done: false, ok: null, error: null };
    app.commands.execute(command).then(
      ok => { r.done = true; r.ok = ok !== false; },
      err => { r.done = true; r.ok = false; r.error = String(err); });
    return id;
  };
  H.currentId = () => app.shell.currentWidget ? app.shell.currentWidget.id : null;
  H.runDone = (path, id) => {
    const r = H.runs[id];
    const st = H.state(path);
    return r.done && st.status === 'idle' && st.running === 0;
  };
  H.errors = (path) => {
    const out = [];
    H.need(path).content.widgets.forEach((c, i) => {
      if (c.model.type !== 'code') return;
      for (const o of c.model.outputs.toJSON()) {
        if (o.output_type === 'error') out.push({ index: i, ename: o.ename, evalue: o.evalue,
          traceback: (o.traceback || []).join('\n') });
      }
    });
    return out;
  };
  H.outputs = (path, index) => {
    const c = H.need(path).content.widgets[index];
    return c.model.type === 'code' ? c.model.outputs.toJSON() : [];
  };
  H.setSource = (path, index, source) => {
    H.need(path).content.widgets[index].model.sharedModel.setSource(source);
  };
  H.appendCell = (path, source) => {
    const p = H.need(path);
    const nb = p.content.model.sharedModel;
    nb.insertCell(nb.cells.length, { cell_type: 'code', source });
    return p.content.widgets.length - 1;
  };
  H.cellCount = (path) => H.need(path).content.widgets.length;
  H.kernelEval = async (path, code, ms) => {
    const k = H.need(path).sessionContext.session.kernel;
    const f = k.requestExecute({ code, silent: false, store_history: false,
                                 allow_stdin: false });
    const res = { stdout: '', stderr: '', result: null, error: null };
    f.onIOPub = (msg) => {
      const t = msg.header.msg_type, c = msg.content;
      if (t === 'stream') res[c.name] += c.text;
      else if (t === 'execute_result') res.result = c.data['text/plain'];
      else if (t === 'error') res.error = c.ename + ': ' + c.evalue;
    };
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('kernel_eval timed out')), ms); });
    try {
      const reply = await Promise.race([f.done, late]);
      res.status = reply.content.status;
    } finally { clearTimeout(timer); }
    return res;
  };
  H.theme = () => ({ name: document.body.dataset.jpThemeName,
                     light: document.body.dataset.jpThemeLight,
                     color: getComputedStyle(document.body)
                       .getPropertyValue('--jp-layout-color1').trim() });
  H.setTheme = (name) => app.commands.execute('apputils:change-theme', { theme: name });
  window.__nsw = H;
  return true;
}
"""


class LabError(AssertionError):
    pass


class LabPage:
    """A Playwright page on a fresh JupyterLab workspace of ``server``."""

    def __init__(self, server: LabServer, page: Any, name: str = "test",
                 timeout: float = 120.0):
        self.server = server
        self.page = page
        self.name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:80]
        self.timeout = timeout
        self.console: list[str] = []
        self.theme_changed = False
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def __getattr__(self, item: str) -> Any:
        if item == "page":  # not set yet: don't recurse
            raise AttributeError(item)
        return getattr(self.page, item)

    # ---- loading -----------------------------------------------------------------------

    def goto_lab(self) -> LabPage:
        workspace = f"t{secrets.token_hex(6)}"
        self.page.goto(f"{self.server.url}/lab/workspaces/{workspace}"
                       f"?reset&token={self.server.token}", wait_until="domcontentloaded",
                       timeout=self._ms())
        self.page.wait_for_function("() => window.jupyterapp !== undefined",
                                    timeout=self._ms())
        self.page.evaluate("async () => { await window.jupyterapp.started; "
                           "await window.jupyterapp.restored; }")
        self.page.evaluate(_PAGE_HELPERS)
        return self

    def _ms(self, seconds: float | None = None) -> float:
        return 1000 * (self.timeout if seconds is None else seconds)

    def _wait(self, js: str, arg: Any = None, timeout: float | None = None,
              what: str = "condition") -> None:
        try:
            self.page.wait_for_function(js, arg=arg, timeout=self._ms(timeout), polling=100)
        except Exception as exc:
            raise LabError(f"timed out waiting for {what}: {exc}\n"
                           f"server log:\n{self.server.log_tail(15)}\n"
                           f"console:\n" + "\n".join(self.console[-15:])) from exc

    # ---- notebooks ---------------------------------------------------------------------

    def open_notebook(self, path: str | os.PathLike, timeout: float | None = None) -> str:
        """Open a notebook (path relative to the server root, or absolute inside it) and
        wait until its kernel is connected and idle. Returns the server path."""
        rel = self.server.rel(path)
        self.page.evaluate("(p) => window.__nsw.open(p)", rel)
        self._wait(
            "(p) => { const s = window.__nsw.state(p); return s.open && s.ready "
            "&& s.status === 'idle' && s.connection === 'connected'; }",
            rel, timeout, what=f"kernel of {rel} to be idle",
        )
        if self.page.evaluate("(p) => window.__nsw.state(p).noKernel", rel):
            raise LabError(f"{rel} has no kernel")
        return rel

    def _run(self, path: str, command: str, index: int | None, timeout: float | None,
             check: bool) -> list[dict[str, Any]]:
        run_id = self.page.evaluate("([p, c, i]) => window.__nsw.run(p, c, i)",
                                    [path, command, index])
        self._wait("([p, id]) => window.__nsw.runDone(p, id)", [path, run_id], timeout,
                   what=f"{command} in {path} to finish")
        errors = self.page.evaluate("(p) => window.__nsw.errors(p)", path)
        if index is not None:
            errors = [e for e in errors if e["index"] == index]
        if check and errors:
            e = errors[0]
            tb = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", e["traceback"])
            raise LabError(f"cell {e['index']} of {path} raised {e['ename']}: {e['evalue']}\n{tb}")
        return errors

    def run_all(self, path: str | os.PathLike, timeout: float | None = None,
                check: bool = True) -> list[dict[str, Any]]:
        """Run all cells; return once every cell finished and the kernel is idle.

        Returns the error outputs (``index``, ``ename``, ``evalue``); ``check`` raises on one.
        """
        return self._run(self.server.rel(path), "notebook:run-all-cells", None, timeout, check)

    def run_cell(self, path: str | os.PathLike, index: int, timeout: float | None = None,
                 check: bool = True) -> list[dict[str, Any]]:
        """Run one cell (0-based) and wait until it finished."""
        return self._run(self.server.rel(path), "notebook:run-cell", index, timeout, check)

    def run_code(self, path: str | os.PathLike, code: str, timeout: float | None = None,
                 check: bool = True) -> list[dict[str, Any]]:
        """Append a code cell with ``code`` to the open notebook and run it; its outputs."""
        rel = self.server.rel(path)
        index = self.page.evaluate("([p, s]) => window.__nsw.appendCell(p, s)", [rel, code])
        self._run(rel, "notebook:run-cell", index, timeout, check)
        return self.outputs(rel, index)

    def set_cell(self, path: str | os.PathLike, index: int, source: str) -> None:
        self.page.evaluate("([p, i, s]) => window.__nsw.setSource(p, i, s)",
                           [self.server.rel(path), index, source])

    def outputs(self, path: str | os.PathLike, index: int) -> list[dict[str, Any]]:
        """nbformat outputs of cell ``index``."""
        return self.page.evaluate("([p, i]) => window.__nsw.outputs(p, i)",
                                  [self.server.rel(path), index])

    def kernel_eval(self, path: str | os.PathLike, code: str,
                    timeout: float | None = None) -> dict[str, Any]:
        """Execute ``code`` in the notebook's kernel without a cell:
        ``{"stdout", "stderr", "result" (text/plain), "error", "status"}``."""
        return self.page.evaluate("([p, c, ms]) => window.__nsw.kernelEval(p, c, ms)",
                                  [self.server.rel(path), code, self._ms(timeout)])

    def cell(self, index: int, path: str | os.PathLike | None = None) -> Any:
        """Locator of cell ``index`` in the given (default: current) notebook."""
        panel_id = (self.page.evaluate("() => window.__nsw.currentId()") if path is None
                    else self._panel_id(path))
        return self.page.locator(f"[id='{panel_id}'] .jp-Notebook .jp-Cell").nth(index)

    def activate(self, path: str | os.PathLike) -> None:
        """Make an open notebook the current one (the one notebook commands act on)."""
        self.page.evaluate("(p) => window.__nsw.activate(p)", self.server.rel(path))

    def _panel_id(self, path: str | os.PathLike) -> str:
        return self.page.evaluate("(p) => window.__nsw.need(p).id", self.server.rel(path))

    # ---- acting like a person ----------------------------------------------------------

    def _locator(self, target: Any) -> Any:
        return self.page.locator(target) if isinstance(target, str) else target

    def type_into(self, target: Any, text: str, clear: bool = True,
                  press: str | None = None, delay: float = 15) -> Any:
        """Click ``target`` (selector or locator), optionally clear it, type ``text`` key by
        key, then optionally press a key (e.g. ``"Enter"``). Returns the locator."""
        loc = self._locator(target)
        loc.click()
        if clear:
            loc.press("ControlOrMeta+a")
            loc.press("Backspace")
        loc.press_sequentially(text, delay=delay)
        if press:
            loc.press(press)
        return loc

    def wait_for_text(self, target: Any, text: str | re.Pattern, timeout: float = 60.0,
                      exact: bool = False) -> Any:
        """Wait until ``target`` shows ``text`` (contains it unless ``exact``)."""
        from playwright.sync_api import expect

        loc = self._locator(target)
        if exact:
            expect(loc).to_have_text(text, timeout=self._ms(timeout))
        else:
            expect(loc).to_contain_text(text, timeout=self._ms(timeout))
        return loc

    def screenshot_element(self, target: Any, name: str) -> Path:
        """Screenshot of a selector/locator to ``artifacts/screenshots/<name>.png``."""
        loc = self._locator(target).first
        loc.scroll_into_view_if_needed(timeout=self._ms(30))
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                           "requestAnimationFrame(r)))")
        path = screenshots_dir() / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        loc.screenshot(path=str(path), animations="disabled", timeout=self._ms(30))
        return path

    def screenshot_page(self, name: str) -> Path:
        path = screenshots_dir() / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        self.page.screenshot(path=str(path))
        return path

    # ---- theme -------------------------------------------------------------------------

    def theme(self) -> dict[str, str]:
        return self.page.evaluate("() => window.__nsw.theme()")

    def set_theme(self, name: str = DARK, timeout: float | None = None) -> None:
        """Switch to theme ``name`` ("JupyterLab Dark" / "JupyterLab Light") and wait until
        its colours apply. The server's settings keep it: the page fixture resets it."""
        before = self.theme()
        if before["name"] == name:
            return
        self.theme_changed = True
        self.page.evaluate("(n) => window.__nsw.setTheme(n)", name)
        self._wait(
            "([n, c]) => { const t = window.__nsw.theme(); "
            "return t.name === n && t.color !== '' && t.color !== c; }",
            [name, before["color"]], timeout, what=f"theme {name}",
        )
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                           "requestAnimationFrame(r)))")

    # ---- teardown ----------------------------------------------------------------------

    def close(self) -> None:
        try:
            if self.theme_changed and not self.page.is_closed():
                self.set_theme(LIGHT, timeout=30)
        finally:
            if not self.page.is_closed():
                self.page.context.close()
