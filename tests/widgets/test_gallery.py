"""The run card's image gallery, kernel side: the card lists a run's image file series with
their steps, answers the ``image`` command with one image (a thumbnail when it is big,
never the whole series), refuses bad requests naming the path, and follows images appended
by another process."""

from __future__ import annotations

import base64
import io
import json

import pytest

pytest.importorskip("anywidget")
Image = pytest.importorskip("PIL.Image")

import neptune_sys_widgets as nsw  # noqa: E402
from neptune_sys_widgets.types import File  # noqa: E402
from neptune_sys_widgets.widgets import widget_for  # noqa: E402
from neptune_sys_widgets.widgets.gallery import MAX_PREVIEW  # noqa: E402
from tests.conftest import run_python  # noqa: E402
from tests.store.test_multiprocess import wait_for  # noqa: E402


def _png(color: tuple[int, int, int], size: int = 8) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, "PNG")
    return buf.getvalue()


def _noise_png(side: int) -> bytes:
    import numpy as np
    rng = np.random.default_rng(1)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (side, side, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _ask(card, path, step) -> dict:
    sent: list = []
    card.send = sent.append
    card._on_command(card, {"type": "command", "id": 7, "cmd": "image", "field": path,
                            "value": step}, [])
    assert sent[-1]["id"] == 7
    return sent[-1]


@pytest.fixture
def run_with_images(store_path):
    run = nsw.init_run(project="ws/gal", source_files=[], git_ref=False)
    pngs = [_png((i * 40, 0, 0)) for i in range(3)]
    for i, png in enumerate(pngs):
        run["preds"].append(File.from_content(png, extension="png"), step=i * 5)
    run["logs"].append(File.from_content(b"not an image", extension="txt"))
    run["big"].append(File.from_content(_noise_png(700), extension="png"))
    run["loss"].append(0.5)
    run.wait()
    yield run, pngs
    run.stop()


def test_card_lists_image_series_and_answers_with_one_image(run_with_images):
    run, pngs = run_with_images
    card = widget_for(run)
    assert card.galleries == [{"path": "big", "count": 1, "steps": [0.0]},
                              {"path": "preds", "count": 3, "steps": [0.0, 5.0, 10.0]}]
    reply = _ask(card, "preds", 5.0)
    assert reply["ok"] is True, reply
    got = reply["result"]
    assert base64.b64decode(got["data"]) == pngs[1]
    assert (got["mime"], got["step"], got["thumbnail"]) == ("image/png", 5.0, False)
    big = _ask(card, "big", 0)["result"]  # 700x700 noise: over the cap, a thumbnail
    data = base64.b64decode(big["data"])
    assert big["thumbnail"] is True and len(data) <= MAX_PREVIEW
    assert max(Image.open(io.BytesIO(data)).size) <= 700


@pytest.mark.parametrize(("path", "step", "words"), [
    ("nope", 0, "nope: no image series at this path"),
    ("preds", 3, "preds: no image at step 3"),
    ("logs", 0, "logs: the entry at step 0 is not an image"),
    ("preds", "0", "value: the step must be a finite number"),
    (["preds"], 0, "field: the image series path must be a str"),
])
def test_bad_image_requests_are_refused_naming_the_rule(run_with_images, path, step, words):
    card = widget_for(run_with_images[0])
    reply = _ask(card, path, step)
    assert reply["ok"] is False and reply["error"]["type"] == "InvalidValueError"
    assert words in reply["error"]["message"]


def test_an_image_appended_by_another_process_reaches_the_card(store_path):
    run = nsw.init_run(project="ws/gal", custom_run_id="live", source_files=[],
                       git_ref=False)
    run["preds"].append(File.from_content(_png((1, 2, 3)), extension="png"))
    sys_id = run["sys/id"].fetch()
    run.stop()
    view = nsw.init_run(with_id=sys_id, mode="read-only")
    card = widget_for(view)
    assert card.galleries[0]["count"] == 1
    png = _png((9, 9, 9))
    run_python(f"""
        import neptune_sys_widgets as n
        from neptune_sys_widgets.types import File
        r = n.init_run(project="ws/gal", custom_run_id="live", source_files=[],
                       git_ref=False)
        r["preds"].append(File.from_content(bytes.fromhex({png.hex()!r}), extension="png"),
                          step=7)
        r.stop()
    """)
    wait_for(lambda: card.galleries and card.galleries[0]["count"] == 2, timeout=30)
    assert card.galleries[0]["steps"] == [0.0, 7.0]
    got = _ask(card, "preds", 7)["result"]
    assert base64.b64decode(got["data"]) == png
    assert json.loads(json.dumps(got)) == got  # the reply is plain JSON
