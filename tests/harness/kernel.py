"""A real ipykernel driven over the Jupyter protocol, for kernel-level tests.

The test plays the front end: it executes code, reads what the kernel publishes on iopub
(streams, errors, display data, ``comm_open`` / ``comm_msg``), and sends ``comm_msg`` back
on the shell channel the way JupyterLab's widget manager does.

    with Kernel(cwd=tmp_path, env={"NEPTUNE_SYS_STORE": str(db)}) as k:
        r = k.execute("import ipywidgets; w = ipywidgets.IntSlider(); w")
        slider = r.comm_open(model_name="IntSliderModel")
        k.update_widget(slider["content"]["comm_id"], {"value": 7})
        assert k.execute("print(w.value)").stdout == "7\\n"

Every iopub message the harness reads is kept, in order, in ``Kernel.log``; ``wait_for``
looks through that log and keeps reading until a predicate matches, which is how a test
waits for updates that arrive while the kernel is idle or during a long cell.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[2]

Message = dict[str, Any]
Predicate = Callable[[Message], bool]

__all__ = ["ExecResult", "Kernel", "KernelError", "KernelTimeout", "Message"]


class KernelError(AssertionError):
    """A cell raised inside the kernel (``execute(..., check=True)``)."""


class KernelTimeout(AssertionError):
    """The kernel did not answer (or no matching message came) in time."""


def _parent_id(msg: Message) -> str | None:
    return (msg.get("parent_header") or {}).get("msg_id")


def _summary(msgs: Iterable[Message], limit: int = 40) -> str:
    lines = []
    for m in list(msgs)[-limit:]:
        content = m.get("content", {})
        if m["msg_type"] == "status":
            detail = content.get("execution_state")
        elif m["msg_type"] == "stream":
            detail = repr(content.get("text", ""))[:120]
        elif m["msg_type"] in ("comm_open", "comm_msg", "comm_close"):
            detail = f"{content.get('comm_id')} {json.dumps(content.get('data'))[:160]}"
        elif m["msg_type"] == "error":
            detail = f"{content.get('ename')}: {content.get('evalue')}"
        else:
            detail = json.dumps(content)[:160]
        lines.append(f"  {m['msg_type']}: {detail}")
    return "\n".join(lines) or "  (no messages)"


@dataclass
class ExecResult:
    """What one ``execute_request`` produced: its iopub messages (in order) and reply."""

    msg_id: str
    code: str
    messages: list[Message] = field(default_factory=list)
    reply: Message | None = None

    def of_type(self, *msg_types: str) -> list[Message]:
        return [m for m in self.messages if m["msg_type"] in msg_types]

    @property
    def status(self) -> str | None:
        return self.reply["content"]["status"] if self.reply else None

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.of_type("error")

    def _stream(self, name: str) -> str:
        return "".join(
            m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name
        )

    @property
    def stdout(self) -> str:
        return self._stream("stdout")

    @property
    def stderr(self) -> str:
        return self._stream("stderr")

    @property
    def error(self) -> dict[str, Any] | None:
        """``{"ename", "evalue", "traceback"}`` of the first error, else None."""
        errors = self.of_type("error")
        if errors:
            return errors[0]["content"]
        if self.reply and self.reply["content"]["status"] == "error":
            return self.reply["content"]
        return None

    @property
    def execute_result(self) -> dict[str, Any] | None:
        """The ``data`` mimebundle of the ``execute_result``, if the cell had one."""
        results = self.of_type("execute_result")
        return results[-1]["content"]["data"] if results else None

    @property
    def result_text(self) -> str | None:
        data = self.execute_result
        return data.get("text/plain") if data else None

    @property
    def display_data(self) -> list[dict[str, Any]]:
        """``data`` mimebundles of display_data / update_display_data, in order."""
        return [
            m["content"]["data"] for m in self.of_type("display_data", "update_display_data")
        ]

    @property
    def comm_opens(self) -> list[Message]:
        return self.of_type("comm_open")

    @property
    def comm_msgs(self) -> list[Message]:
        return self.of_type("comm_msg")

    def comm_open(self, *, model_name: str | None = None,
                  target_name: str = "jupyter.widget") -> Message:
        """The last ``comm_open`` of ``target_name`` (and widget ``_model_name``)."""
        for m in reversed(self.comm_opens):
            content = m["content"]
            if content.get("target_name") != target_name:
                continue
            state = (content.get("data") or {}).get("state") or {}
            if model_name is None or state.get("_model_name") == model_name:
                return m
        raise AssertionError(
            f"no comm_open target={target_name!r} model={model_name!r} in:\n"
            f"{_summary(self.messages)}"
        )

    def widget_views(self) -> list[str]:
        """model ids of widget views displayed by this cell (``application/vnd.jupyter...``)."""
        mime = "application/vnd.jupyter.widget-view+json"
        bundles = self.display_data + ([self.execute_result] if self.execute_result else [])
        return [b[mime]["model_id"] for b in bundles if mime in b]

    def raise_for_error(self) -> ExecResult:
        err = self.error
        if err is not None or self.status != "ok":
            tb = "\n".join((err or {}).get("traceback", []))
            raise KernelError(
                f"cell failed: {(err or {}).get('ename')}: {(err or {}).get('evalue')}\n"
                f"--- code ---\n{self.code}\n--- traceback ---\n{_strip_ansi(tb)}"
            )
        return self

    def __repr__(self) -> str:
        return (f"ExecResult(status={self.status!r}, {len(self.messages)} messages)\n"
                f"{_summary(self.messages)}")


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


class Kernel:
    """One ipykernel process running ``sys.executable``, plus a blocking client.

    ``cwd``: the kernel's working directory. ``env``: the full environment (default: this
    process's, with the repo on ``PYTHONPATH``); ``extra_env`` is laid over it. IPython runs
    with a throwaway ``IPYTHONDIR`` and no history file, so user profiles don't leak in.
    """

    def __init__(self, cwd: str | os.PathLike | None = None,
                 env: Mapping[str, str] | None = None,
                 extra_env: Mapping[str, str] | None = None,
                 startup_timeout: float = 90.0):
        self.cwd = str(cwd) if cwd is not None else os.getcwd()
        base = dict(os.environ if env is None else env)
        base["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO), base.get("PYTHONPATH", "")) if p
        )
        base.update(extra_env or {})
        self._tmp = Path(tempfile.mkdtemp(prefix="nsw-kernel-"))
        base.setdefault("IPYTHONDIR", str(self._tmp / "ipython"))
        base.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        base.pop("JPY_PARENT_PID", None)
        self.env = base
        self.startup_timeout = startup_timeout
        self.log: list[Message] = []
        self._last_start = 0
        self.km: KernelManager | None = None
        self.kc: BlockingKernelClient | None = None

    # ---- lifecycle ---------------------------------------------------------------------

    def _kernel_spec_manager(self) -> KernelSpecManager:
        """A kernelspec ``python3`` that runs exactly this interpreter."""
        spec_dir = self._tmp / "kernels" / "python3"
        spec_dir.mkdir(parents=True, exist_ok=True)
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--HistoryManager.enabled=False"],
            "display_name": "Python 3 (tests)",
            "language": "python",
            "metadata": {"debugger": False},
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec))
        return KernelSpecManager(kernel_dirs=[str(self._tmp / "kernels")],
                                 ensure_native_kernel=False)

    def start(self) -> Kernel:
        self.km = KernelManager(kernel_name="python3",
                                kernel_spec_manager=self._kernel_spec_manager())
        self.km.start_kernel(cwd=self.cwd, env=self.env)
        self.kc = self.km.blocking_client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=self.startup_timeout)
        except RuntimeError as exc:
            self.shutdown()
            raise KernelTimeout(f"kernel did not start: {exc}") from exc
        self.drain()
        return self

    @property
    def pid(self) -> int | None:
        prov = getattr(self.km, "provisioner", None)
        proc = getattr(prov, "process", None)
        return getattr(proc, "pid", None)

    def is_alive(self) -> bool:
        return bool(self.km and self.km.is_alive())

    def restart(self, timeout: float = 90.0) -> None:
        """Restart the kernel process (same cwd and env); the iopub log is kept."""
        assert self.km and self.kc
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=timeout)
        self.drain()

    def interrupt(self) -> None:
        assert self.km
        self.km.interrupt_kernel()

    def shutdown(self) -> None:
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:
                pass
            self.kc = None
        if self.km is not None:
            try:
                if self.km.has_kernel:
                    self._graceful_shutdown()
            except Exception:
                try:
                    self.km.shutdown_kernel(now=True)
                except Exception:
                    pass
            self.km = None
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _graceful_shutdown(self, timeout: float = 10.0) -> None:
        """shutdown_request, then wait for the process to exit (SIGKILL after ``timeout``).

        (jupyter_client's own wait here often sits out half its shutdown_wait_time.)
        """
        km = self.km
        assert km is not None
        km.request_shutdown()
        proc = getattr(km.provisioner, "process", None)
        deadline = time.monotonic() + timeout
        while proc is not None and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        km.finish_shutdown(waittime=1.0 if proc is not None and proc.poll() is not None
                           else 0.0)
        km.cleanup_resources()

    def __enter__(self) -> Kernel:
        return self.start() if self.kc is None else self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # ---- reading iopub -----------------------------------------------------------------

    def _next(self, timeout: float) -> Message | None:
        """Read one iopub message (appended to ``log``), or None after ``timeout``."""
        assert self.kc is not None, "kernel not started"
        try:
            msg = self.kc.get_iopub_msg(timeout=max(timeout, 0.0))
        except queue.Empty:
            return None
        self.log.append(msg)
        return msg

    def drain(self, quiet: float = 0.2) -> list[Message]:
        """Read whatever is queued until iopub stays silent for ``quiet`` seconds."""
        got = []
        while (msg := self._next(quiet)) is not None:
            got.append(msg)
        return got

    def mark(self) -> int:
        """A position in ``log``: pass it as ``since=`` to look only at later messages."""
        self.drain(quiet=0.0)
        return len(self.log)

    def _start_index(self, since: int | Message | None) -> int:
        if since is None:
            return self._last_start
        if isinstance(since, int):
            return since
        for i in range(len(self.log) - 1, -1, -1):
            if self.log[i] is since:
                return i + 1
        raise ValueError("since= message is not in this kernel's log")

    def wait_for(self, predicate: Predicate, timeout: float = 60.0,
                 since: int | Message | None = None, what: str = "message") -> Message:
        """First iopub message matching ``predicate``, from ``since`` on.

        ``since``: a ``mark()``, or a message (look after it), or None = from the start of
        the last ``execute``/``submit``, so updates that arrived during that cell count.
        """
        i = self._start_index(since)
        deadline = time.monotonic() + timeout
        while True:
            while i < len(self.log):
                if predicate(self.log[i]):
                    return self.log[i]
                i += 1
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise KernelTimeout(
                    f"no {what} within {timeout:.0f}s; iopub since then:\n"
                    f"{_summary(self.log[self._start_index(since):])}"
                )
            self._next(min(remaining, 0.5))

    def wait_for_comm_msg(self, comm_id: str | None = None,
                          where: Callable[[dict[str, Any]], bool] | None = None,
                          timeout: float = 60.0, since: int | Message | None = None,
                          method: str | None = "update") -> Message:
        """Wait for a ``comm_msg`` (default: method ``update``) whose ``data`` passes ``where``.

        For widget updates ``where`` gets ``data`` whose ``state`` holds the changed traits,
        e.g. ``where=lambda d: d["state"].get("value") == 7``.
        """

        def match(m: Message) -> bool:
            if m["msg_type"] != "comm_msg":
                return False
            c = m["content"]
            data = c.get("data") or {}
            return ((comm_id is None or c.get("comm_id") == comm_id)
                    and (method is None or data.get("method") == method)
                    and (where is None or bool(where(data))))

        return self.wait_for(match, timeout=timeout, since=since,
                             what=f"comm_msg to {comm_id} (method={method})")

    def messages_since(self, since: int | Message) -> list[Message]:
        self.drain(quiet=0.0)
        return self.log[self._start_index(since):]

    # ---- executing ---------------------------------------------------------------------

    def submit(self, code: str) -> str:
        """Send an execute_request without waiting; finish it with ``wait_idle``."""
        assert self.kc is not None, "kernel not started"
        self.drain(quiet=0.0)
        self._last_start = len(self.log)
        return self.kc.execute(code, silent=False, store_history=True, allow_stdin=False)

    def wait_idle(self, msg_id: str, timeout: float = 60.0, code: str = "",
                  check: bool = False) -> ExecResult:
        """Collect the iopub messages of request ``msg_id`` until its ``status: idle``,
        and its shell reply."""
        assert self.kc is not None
        result = ExecResult(msg_id=msg_id, code=code)
        deadline = time.monotonic() + timeout
        start = self._last_start
        idle = False
        # messages of this request already read (e.g. by a wait_for during a long cell)
        for m in self.log[start:]:
            if _parent_id(m) == msg_id:
                result.messages.append(m)
                idle = idle or (m["msg_type"] == "status"
                                and m["content"]["execution_state"] == "idle")
        while not idle:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise KernelTimeout(
                    f"cell not done within {timeout:.0f}s:\n{code}\n"
                    f"iopub so far:\n{_summary(result.messages)}"
                )
            m = self._next(min(remaining, 0.5))
            if m is None or _parent_id(m) != msg_id:
                continue
            result.messages.append(m)
            idle = m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
        result.reply = self._shell_reply(msg_id, deadline)
        if check:
            result.raise_for_error()
        return result

    def _shell_reply(self, msg_id: str, deadline: float) -> Message:
        assert self.kc is not None
        while True:
            remaining = max(deadline - time.monotonic(), 5.0)
            try:
                reply = self.kc.get_shell_msg(timeout=remaining)
            except queue.Empty as exc:
                raise KernelTimeout(f"no shell reply to {msg_id}") from exc
            if _parent_id(reply) == msg_id:
                return reply

    def execute(self, code: str, timeout: float = 60.0, check: bool = True) -> ExecResult:
        """Run ``code`` and return its iopub messages once the kernel is idle again.

        ``check``: raise ``KernelError`` (with the traceback) if the cell raised.
        """
        return self.wait_idle(self.submit(code), timeout=timeout, code=code, check=check)

    # ---- playing the front end ---------------------------------------------------------

    def send_comm_msg(self, comm_id: str, data: dict[str, Any],
                      buffers: list[bytes] | None = None, wait: bool = True,
                      timeout: float = 60.0) -> ExecResult:
        """Send a shell ``comm_msg`` as a front end would.

        ``wait``: return once the kernel has handled it (its ``status: idle``), with the
        iopub messages it caused (echoes, replies). Otherwise return at once (no messages).
        """
        assert self.kc is not None, "kernel not started"
        self.drain(quiet=0.0)
        self._last_start = len(self.log)
        msg = self.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers or [])
        msg_id = msg["header"]["msg_id"]
        result = ExecResult(msg_id=msg_id, code=f"<comm_msg {comm_id}>")
        if not wait:
            return result
        self.wait_for(
            lambda m: _parent_id(m) == msg_id and m["msg_type"] == "status"
            and m["content"]["execution_state"] == "idle",
            timeout=timeout, what=f"idle after comm_msg to {comm_id}",
        )
        result.messages = [m for m in self.log[self._last_start:] if _parent_id(m) == msg_id]
        return result

    def update_widget(self, comm_id: str, state: dict[str, Any], **kw: Any) -> ExecResult:
        """Front-end edit of a widget: ``{"method": "update", "state": ...}``."""
        return self.send_comm_msg(
            comm_id, {"method": "update", "state": state, "buffer_paths": []}, **kw
        )

    def send_custom(self, comm_id: str, content: Any, **kw: Any) -> ExecResult:
        """A custom message (``model.send(content)`` in JS; ``on_msg`` in Python)."""
        return self.send_comm_msg(comm_id, {"method": "custom", "content": content}, **kw)
