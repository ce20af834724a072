"""The run card's image gallery in a real browser (JupyterLab in headless Chromium): the
strip shows the last image, the keyboard moves the slider and another image is shown (its
pixels checked), and an image appended by another process extends the slider."""

from __future__ import annotations

import pytest

from tests.conftest import run_python
from tests.harness.lab import write_notebook

pytestmark = pytest.mark.browser

CARD = ".nsw-root"
COLORS = [(220, 30, 30), (30, 200, 30), (30, 30, 220)]  # steps 0, 1, 2
LATE = (240, 200, 0)  # appended while the card is open

# what each child script starts with: a 48x48 PNG of one colour as a File
PNG_PRELUDE = """
import io, sys, time, neptune_sys_widgets as n
from PIL import Image
from neptune_sys_widgets.types import File
def png(rgb):
    buf = io.BytesIO()
    Image.new("RGB", (48, 48), rgb).save(buf, "PNG")
    return File.from_content(buf.getvalue(), extension="png")
"""

APPEND = PNG_PRELUDE + """
r = n.init_run(project="ws/gal", custom_run_id="gal", source_files=[], git_ref=False,
               capture_hardware_metrics=False, capture_stdout=False, capture_stderr=False)
for step, rgb in {points}:
    r["samples/preds"].append(png(rgb), step=step)
print(r["sys/id"].fetch())
r.stop()
"""

PIXEL = """img => {
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  return Array.from(g.getImageData(4, 4, 1, 1).data.slice(0, 3));
}"""


def _append(store: str, points: list) -> str:
    out = run_python(APPEND.format(points=points), NEPTUNE_SYS_STORE=store)
    return out.stdout.strip().splitlines()[-1]


def _wait_step(page, img, step: int) -> None:
    page.wait_for_function("([el, s]) => el.dataset.step === String(s) && el.complete "
                           "&& el.naturalWidth > 0", arg=[img.element_handle(), step],
                           timeout=30_000, polling=100)


def test_gallery_slider_shows_each_step_and_follows_new_images(page, lab_dir, lab_store):
    pytest.importorskip("PIL")
    sys_id = _append(lab_store, list(enumerate(COLORS)))
    nb = write_notebook(lab_dir / "gallery.ipynb", [
        "import os\nos.environ['NEPTUNE_SYS_LIVENESS_TIMEOUT'] = '3'\n"
        "%load_ext neptune_sys_widgets",
        f"%neptune_run --project ws/gal --with-id {sys_id} --read-only",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    card = page.cell(1).locator(CARD)
    slider = card.get_by_role("slider", name="Step of samples/preds")
    slider.wait_for()
    img = card.locator(".nsw-gallery-img")
    _wait_step(page, img, 2)  # the last image first
    assert img.evaluate(PIXEL) == list(COLORS[2])
    assert slider.get_attribute("aria-valuetext") == "step 2"

    slider.focus()
    slider.press("Home")  # keyboard-operable: a native range input
    _wait_step(page, img, 0)
    assert slider.get_attribute("aria-valuetext") == "step 0"
    assert img.evaluate(PIXEL) == list(COLORS[0])
    slider.press("ArrowRight")
    _wait_step(page, img, 1)
    assert img.evaluate(PIXEL) == list(COLORS[1])
    assert img.get_attribute("src").startswith("blob:")
    page.screenshot_element(page.cell(1).locator(".nsw-gallery"), "run-card-gallery")

    slider.press("End")
    _wait_step(page, img, 2)
    _append(lab_store, [(3, LATE)])  # another process: the slider grows and follows
    page.wait_for_function("el => el.max === '3'", arg=slider.element_handle(),
                           timeout=30_000, polling=100)
    _wait_step(page, img, 3)
    assert img.evaluate(PIXEL) == list(LATE)
    assert slider.get_attribute("aria-valuetext") == "step 3"
    assert not [m for m in page.console if "pageerror" in m]


CHART_LOG = PNG_PRELUDE + """
r = n.init_run(project="ws/gal", name="imaged", capture_hardware_metrics=False,
               capture_stdout=False, capture_stderr=False, git_ref=False, source_files=[])
for step in range(0, 41, 10):
    r["train/loss"].append(1.0 / (step + 1), step=step)
for step, rgb in zip((0, 20, 40), COLORS):
    r["samples/preds"].append(png(rgb), step=step)
print(r["sys/id"].fetch())
r.stop()
"""


def test_chart_shows_image_series_moved_by_its_cursor(page, lab_dir, lab_store):
    """The chart widget shows the runs' image series as the card's strips; its cursor
    (here the keyboard's Home and arrows) moves them to the image at or before its step."""
    pytest.importorskip("PIL")
    out = run_python(f"COLORS = {COLORS!r}\n" + CHART_LOG, NEPTUNE_SYS_STORE=lab_store)
    sys_id = out.stdout.strip().splitlines()[-1]
    nb = write_notebook(lab_dir / "chart_images.ipynb", [
        "from neptune_sys_widgets.widgets.chart import chart",
        f"chart({sys_id!r})",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    chart = page.cell(1).locator(".nsw-chart")
    chart.locator("canvas").first.wait_for()
    slider = chart.get_by_role("slider", name="Step of imaged · samples/preds")
    img = chart.locator(".nsw-gallery-img")
    _wait_step(page, img, 40)  # the last image first
    assert img.evaluate(PIXEL) == list(COLORS[2])
    chart.focus()
    chart.press("Home")  # the cursor on step 0
    _wait_step(page, img, 0)
    assert img.evaluate(PIXEL) == list(COLORS[0])
    for _ in range(3):  # steps 10, 20, 30: the image of step 20 at 20 and 30
        chart.press("ArrowRight")
    _wait_step(page, img, 20)
    assert img.evaluate(PIXEL) == list(COLORS[1])
    assert slider.get_attribute("aria-valuetext") == "step 20"
    page.screenshot_element(page.cell(1), "chart-images")
    # an image logged by another process extends the strip's slider (the chart stays put)
    run_python(f"""
        import io, neptune_sys_widgets as n
        from PIL import Image
        from neptune_sys_widgets.types import File
        buf = io.BytesIO()
        Image.new("RGB", (48, 48), {LATE!r}).save(buf, "PNG")
        r = n.init_run(with_id={sys_id!r}, capture_hardware_metrics=False)
        r["samples/preds"].append(File.from_content(buf.getvalue(), extension="png"), step=60)
        r.stop()
    """, NEPTUNE_SYS_STORE=lab_store)
    page.wait_for_function("el => el.max === '3'", arg=slider.element_handle(),
                           timeout=30_000, polling=100)
    assert img.get_attribute("data-step") == "20"
    assert not [m for m in page.console if "pageerror" in m]


CHART_LOG_TIMED = PNG_PRELUDE + """
r = n.init_run(project="ws/gal", name="timed", capture_hardware_metrics=False,
               capture_stdout=False, capture_stderr=False, git_ref=False, source_files=[])
t0 = time.time() - 3600
for step in range(0, 41, 10):  # the curve: step s logged at t0 + s seconds
    r["train/loss"].append(1.0 / (step + 1), step=step, timestamp=t0 + step)
# the images: step 20's logged at t0 + 35, after the curve's step 30
for (step, at), rgb in zip(((0, 0), (20, 35), (40, 38)), COLORS):
    r["samples/preds"].append(png(rgb), step=step, timestamp=t0 + at)
print(r["sys/id"].fetch())
r.stop()
"""


def test_a_chart_by_time_moves_its_strips_by_when_images_were_logged(page, lab_dir, lab_store):
    """With x by time, the cursor shows the image logged last at or before the hovered
    time (not the one of the hovered step): a step's image can be logged later than its
    metric."""
    pytest.importorskip("PIL")
    out = run_python(f"COLORS = {COLORS!r}\n" + CHART_LOG_TIMED, NEPTUNE_SYS_STORE=lab_store)
    sys_id = out.stdout.strip().splitlines()[-1]
    nb = write_notebook(lab_dir / "chart_images_time.ipynb", [
        "from neptune_sys_widgets.widgets.chart import chart",
        f"chart({sys_id!r}, x='time')",
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []
    chart = page.cell(1).locator(".nsw-chart")
    chart.locator("canvas").first.wait_for()
    img = chart.locator(".nsw-gallery-img")
    _wait_step(page, img, 40)  # the last image first
    chart.focus()
    chart.press("Home")  # the cursor on t0: step 0's image
    _wait_step(page, img, 0)
    assert img.evaluate(PIXEL) == list(COLORS[0])
    for _ in range(3):  # t0 + 30 (the curve's step 30): step 20's image comes at t0 + 35
        chart.press("ArrowRight")
    # the slider moves in the key's own handler (the image follows it later): read at once
    slider = chart.get_by_role("slider", name="Step of timed · samples/preds")
    assert slider.get_attribute("aria-valuetext") == "step 0"
    chart.press("ArrowRight")  # t0 + 40: the image logged last before it, step 40's (t0 + 38)
    _wait_step(page, img, 40)
    assert img.evaluate(PIXEL) == list(COLORS[2])
    page.screenshot_element(page.cell(1), "chart-images-time")
    assert not [m for m in page.console if "pageerror" in m]
