"""The run card's image gallery: which file series of a run hold images (their steps), and
one image of one step on request, never a whole series. Why on request: a series of
thousands of images would not fit in a widget's state, and a browser shows one at a time.

An image is sent as is when it is at most ``MAX_PREVIEW`` bytes; a bigger one is scaled
down to a thumbnail (Pillow) that fits, or refused with a typed error naming the path and
the size when Pillow is not installed.
"""

from __future__ import annotations

import base64
import io
import json
import math
from typing import Any

from ..exceptions import InvalidValueError
from ..objects.files import file_from_stored

IMAGE_MIMES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
               "gif": "image/gif", "webp": "image/webp"}
MAX_PREVIEW = 256 << 10  # bytes of one image sent to the browser
MAX_STEPS = 5000  # steps of one series listed for the slider: the most recent ones
MAX_SOURCE = 64 << 20  # an image bigger than this is not read to make a thumbnail


def image_mime(stored: Any) -> str | None:
    """The image MIME type of a stored file-series entry, None when it is not an image."""
    if isinstance(stored, (bytes, bytearray, memoryview)):  # inline: ext NUL bytes
        ext = bytes(stored).partition(b"\0")[0].decode("utf-8", "replace")
        return IMAGE_MIMES.get(ext.lower())
    try:
        d = json.loads(stored)
    except (TypeError, ValueError):
        return None
    mime = d.get("mime") if isinstance(d, dict) else None
    if isinstance(mime, str) and mime.lower() in IMAGE_MIMES.values():
        return mime.lower()
    return IMAGE_MIMES.get(str(d.get("ext", "")).lower()) if isinstance(d, dict) else None


def image_series(store: Any, pk: int, previous: list[dict[str, Any]] | None = None, *,
                 times: bool = False) -> list[dict[str, Any]]:
    """``[{path, count, steps}]`` of the run's image file series, by path, with ``times``
    when asked (when each image was logged, in seconds since the epoch: a chart by time
    moves its strips by them); a series listed in ``previous`` with the same count is not
    read again (the card asks on every change of the run)."""
    before = {g["path"]: g for g in previous or []}
    out = []
    for path, type_, count, _step, last_value, *_ in sorted(store.series_info(pk)):
        if type_ != "file" or image_mime(last_value) is None:
            continue
        old = before.get(path)
        if old and old["count"] == count and (not times or "times" in old):
            steps, logged = old["steps"], old.get("times")
        else:
            steps, logged = _steps_and_times(store, pk, path)
        out.append({"path": path, "count": count, "steps": steps,
                    **({"times": logged} if times else {})})
    return out


def _steps_and_times(store: Any, pk: int, path: str) -> tuple[list[float], list[float]]:
    got = store.series_points(pk, path)
    if got is None:
        return [], []
    return list(got[1])[-MAX_STEPS:], list(got[3])[-MAX_STEPS:]


def image_at(store: Any, pk: int, label: str, path: Any, step: Any) -> dict[str, Any]:
    """One image of a series for the card: ``{path, step, mime, data (base64), size,
    thumbnail}``; a path that is no image series or a step it lacks is a typed error."""
    if not isinstance(path, str):
        raise InvalidValueError(f"{label}: field: the image series path must be a str")
    if isinstance(step, bool) or not isinstance(step, (int, float)) or not math.isfinite(step):
        raise InvalidValueError(f"{label}: {path}: value: the step must be a finite number")
    got = store.series_points(pk, path)
    if got is None or got[0] != "file":
        raise InvalidValueError(f"{label}: {path}: no image series at this path")
    steps, values = list(got[1]), got[2]
    if step not in steps:
        raise InvalidValueError(f"{label}: {path}: no image at step {step:g}")
    stored = values[steps.index(step)]
    mime = image_mime(stored)
    if mime is None:
        raise InvalidValueError(f"{label}: {path}: the entry at step {step:g} is not an "
                                "image (png, jpeg, gif or webp)")
    data, mime, thumb = _preview(file_from_stored(store, stored), mime, f"{label}: {path}")
    return {"path": path, "step": step, "mime": mime, "size": len(data), "thumbnail": thumb,
            "data": base64.b64encode(data).decode("ascii")}


def _preview(f: Any, mime: str, what: str) -> tuple[bytes, str, bool]:
    size = getattr(f, "size", None)
    if size is None or size <= MAX_PREVIEW:
        data = bytes(f.content)
        if len(data) <= MAX_PREVIEW:
            return data, mime, False
        size = len(data)
    if size > MAX_SOURCE:
        raise InvalidValueError(f"{what}: the image is {size} bytes, too large to preview "
                                f"(at most {MAX_SOURCE} bytes are read for a thumbnail)")
    try:
        from PIL import Image
    except ImportError:
        raise InvalidValueError(f"{what}: the image is {size} bytes, over the preview limit "
                                f"of {MAX_PREVIEW} bytes; install Pillow for thumbnails") \
            from None
    return _thumbnail(Image, bytes(f.content)), "image/png", True


def _thumbnail(image_module: Any, content: bytes) -> bytes:
    """The image scaled down until its PNG fits MAX_PREVIEW."""
    side = 1024
    while True:
        img = image_module.open(io.BytesIO(content))
        img.thumbnail((side, side))
        buf = io.BytesIO()
        img.save(buf, "PNG", optimize=True)
        if buf.tell() <= MAX_PREVIEW or side <= 64:
            return buf.getvalue()
        side //= 2
