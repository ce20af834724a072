"""Time as the embedded store sees it: this machine's clock (a PostgreSQL store uses its
server's instead, see store/base.py), and the liveness timeout shared by every backend."""

from __future__ import annotations

import os
import time


def now_ms() -> int:
    return int(time.time() * 1000)


def liveness_timeout_ms() -> int:
    return int(float(os.environ.get("NEPTUNE_SYS_LIVENESS_TIMEOUT", "20")) * 1000)


__all__ = ["now_ms", "liveness_timeout_ms"]
