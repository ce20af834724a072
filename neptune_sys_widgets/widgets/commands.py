"""The command-and-reply protocol of the chart and the tables, written once.

Their front ends never set state (docs/DECISIONS.md #6): an attempt is refused and the true
state re-sent. Everything else arrives as a ``{"type": "command", "id", "cmd", "value"}``
message, which ``handle_command`` (each widget's own) checks and runs; the answer is a
``{"type": "reply", "id", "ok", "result" | "error"}`` message matched to it by id. A
card's replies also name the field an error concerns, so it keeps its own (sys_widget.py).
"""

from __future__ import annotations

from typing import Any

import anywidget

from ..exceptions import NeptuneSysError


class CommandWidget(anywidget.AnyWidget):
    """An anywidget whose front end acts only through commands; ``STATE_OWNER`` names it
    in the refusal ("the chart's state ..."). A subclass registers ``_on_command`` with
    ``on_msg`` once its own state is set up."""

    STATE_OWNER = "widget"

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Front ends may not set state: refuse, and re-send the true state."""
        names = [k for k in sync_data if k in self.keys]
        self.send({"type": "reply", "id": None, "ok": False, "error": {
            "type": "ReadOnlyAttributeError", "message": f"the {self.STATE_OWNER}'s state is "
            "read-only from the front end; changes are sent as commands"}})
        if names:
            self.send_state(names)

    def _on_command(self, _widget: Any, content: Any, _buffers: Any) -> None:
        msg_id = content.get("id") if isinstance(content, dict) else None
        if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
            msg_id = None
        try:
            result = self.handle_command(content)
        except (NeptuneSysError, ValueError, TypeError) as e:
            self.send({"type": "reply", "id": msg_id, "ok": False, "error": {
                "type": type(e).__name__, "message": str(e)[:2000]}})
            return
        reply: dict[str, Any] = {"type": "reply", "id": msg_id, "ok": True}
        if result is not None:
            reply["result"] = result
        self.send(reply)

    def handle_command(self, content: Any) -> Any:
        """Check a command's shape, then run it; returns the reply's ``result``."""
        raise NotImplementedError
