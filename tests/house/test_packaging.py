"""The wheel carries the built front end, and importing the package stays cheap."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_contains_the_bundle(tmp_path):
    static = REPO / "neptune_sys_widgets" / "static" / "widget.js"
    assert static.exists(), "run `npm run build` first (scripts/setup.sh does)"
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                           "--outdir", str(tmp_path), str(REPO)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "neptune_sys_widgets/static/widget.js" in names
    assert "neptune_sys_widgets/static/widget.css" in names
    assert "neptune_sys_widgets/ui/page.ipynb" in names  # the team page (neptune-sys ui)
    assert not any(n.startswith(("tests/", "js/", "node_modules/")) for n in names)
