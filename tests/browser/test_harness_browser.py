"""The browser harness itself: JupyterLab in headless Chromium runs a notebook with a plain
ipywidgets Label, and screenshots come out in the light and dark themes."""

from __future__ import annotations

from tests.harness.lab import DARK, LIGHT, write_notebook


def test_label_renders_and_screenshots_in_both_themes(page, lab_dir):
    nb = write_notebook(lab_dir / "label.ipynb", [
        "import ipywidgets",
        'label = ipywidgets.Label(value="hello")\nlabel',
    ])
    page.open_notebook(nb)
    assert page.run_all(nb) == []

    label = page.cell(1).locator(".jp-OutputArea-output .widget-label")
    page.wait_for_text(label, "hello", exact=True)

    assert page.theme()["name"] == LIGHT
    light = page.screenshot_element(page.cell(1), "harness-label-light")
    page.set_theme(DARK)
    assert page.theme()["light"] == "false"
    dark = page.screenshot_element(page.cell(1), "harness-label-dark")

    for shot in (light, dark):
        assert shot.exists() and shot.stat().st_size > 1000
    assert light.read_bytes() != dark.read_bytes()

    # the kernel behind the page is the notebook's: it sees the label
    assert page.kernel_eval(nb, "print(label.value)")["stdout"] == "hello\n"
