"""``neptune-sys ui`` as a real subprocess, for the team page's tests and benchmark.

``TeamPageProcess`` starts the verb on a free port with throwaway Jupyter config, runtime
and data directories (nothing read from or written to the user's home), waits until it
prints the page's URL (polling its output with a deadline), and stops it with a signal,
by its PID only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.harness.lab import REPO, free_port

URL_RE = re.compile(r"^\s+(http://\S+)$", re.M)


def neptune_sys_command() -> list[str]:
    """The console script next to this interpreter (what a user runs), else the module."""
    script = Path(sys.executable).with_name("neptune-sys")
    return [str(script)] if script.exists() else [sys.executable, "-m",
                                                  "neptune_sys_widgets.cli"]


class TeamPageProcess:
    """One ``neptune-sys ui --store STORE --port P [ARGS]`` process."""

    def __init__(self, store: str, *args: str, startup_timeout: float = 120.0,
                 background: bool = False) -> None:
        """``background``: start it as a shell's ``cmd &`` or ``nohup`` does, SIGINT
        ignored, whatever this process inherited (a test's outcome must not depend on how
        pytest itself was started)."""
        self.store, self.args, self.startup_timeout = store, list(args), startup_timeout
        self.background = background
        self._tmp = Path(tempfile.mkdtemp(prefix="nsw-ui-"))
        self.out_path, self.err_path = self._tmp / "stdout.txt", self._tmp / "stderr.txt"
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.started_at = 0.0

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "NEPTUNE_SYS_STORE"}
        for name in ("config", "runtime", "data", "ipython"):
            (self._tmp / name).mkdir(exist_ok=True)
        env.update(JUPYTER_CONFIG_DIR=str(self._tmp / "config"),
                   JUPYTER_RUNTIME_DIR=str(self._tmp / "runtime"),
                   JUPYTER_DATA_DIR=str(self._tmp / "data"),
                   IPYTHONDIR=str(self._tmp / "ipython"), PYTHONUNBUFFERED="1")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH"))
                                            if p)
        return env

    def start(self) -> TeamPageProcess:
        cmd = [*neptune_sys_command(), "ui", "--store", self.store,
               "--port", str(free_port()), *self.args]
        self.started_at = time.monotonic()
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            sigint = signal.SIG_IGN if self.background else signal.SIG_DFL
            self.proc = subprocess.Popen(cmd, env=self.env(), stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=err, cwd=self._tmp,
                                         preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                          sigint))
        self.url = self._wait_for_url()
        return self

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            m = URL_RE.search(self.out_path.read_text(errors="replace"))
            if m:
                return m.group(1)
            if self.proc.poll() is not None:
                raise RuntimeError(f"neptune-sys ui exited with {self.proc.returncode}:\n"
                                   f"{self.log()}")
            time.sleep(0.05)
        raise RuntimeError(f"neptune-sys ui printed no URL in {self.startup_timeout} s\n"
                           f"{self.log()}")

    @property
    def base_url(self) -> str:
        return self.url.split("?", 1)[0]

    def log(self) -> str:
        return (self.out_path.read_text(errors="replace") + "\n--- stderr ---\n"
                + self.err_path.read_text(errors="replace")[-4000:])

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int | None:
        """Signal the process and wait for it; kill it only if it does not stop."""
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        return proc.returncode

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> TeamPageProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
