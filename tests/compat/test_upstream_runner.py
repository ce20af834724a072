"""scripts/upstream_suites.py's own logic: how it reads pytest's reports and says which
failures are on the hosted service's internals (the figures in the README depend on it),
and its stand-ins for neptune-client-scale's read helpers, which must give back, from
another process, what a neptune-scale run wrote."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import child_env

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def runner():
    return _load("upstream_suites")


def _junit(path: Path, cases: str) -> Path:
    path.write_text(f'<?xml version="1.0"?><testsuites><testsuite>{cases}'
                    "</testsuite></testsuites>")
    return path


def test_failures_are_split_into_internals_and_public(runner, tmp_path):
    report = _junit(tmp_path / "r.xml", """
      <testcase classname="tests.e2e.test_a.TestA" name="ok"/>
      <testcase classname="tests.e2e.test_a.TestA" name="stub">
        <failure message="x">AssertionError: &lt;_Stub name='x'&gt; != 1</failure></testcase>
      <testcase classname="tests.e2e.test_a" name="patched">
        <error message="y">AttributeError: &lt;module 'neptune_scale.api.run'&gt; does not
          have</error><error message="does not have the attribute 'run_sync_process'"/>
        </testcase>
      <testcase classname="tests.e2e.test_a" name="private">
        <failure message="z">AttributeError: 'Run' object has no attribute '_backend'
        </failure></testcase>
      <testcase classname="tests.e2e.test_a" name="public">
        <failure message="w">assert 'user' in {}</failure></testcase>
      <testcase classname="tests.e2e.test_a" name="skipped"><skipped/></testcase>
    """)
    row = runner.per_file(report)["tests/e2e/test_a.py"]
    assert row == {"tests": 6, "passed": 1, "failed": 4, "skipped": 1, "internal": 3}


def test_a_test_failing_then_erroring_in_teardown_counts_once(runner, tmp_path):
    """pytest writes two entries for it (the call's failure, the teardown's error)."""
    report = _junit(tmp_path / "r.xml", """
      <testcase classname="tests.e2e.test_b" name="twice">
        <failure message="x">DID NOT RAISE FileNotFoundError</failure></testcase>
      <testcase classname="tests.e2e.test_b" name="twice">
        <error message="y">KeyError: StashKey</error></testcase>
      <testcase classname="tests.e2e.test_b" name="ok"/>
    """)
    row = runner.per_file(report)["tests/e2e/test_b.py"]
    assert row == {"tests": 2, "passed": 1, "failed": 1, "skipped": 0, "internal": 0}


def test_a_mode_that_collects_nothing_says_which_import_stopped_it(runner, tmp_path):
    log = tmp_path / "suite-real.log"
    log.write_text("ImportError while loading conftest '/x/tests/e2e/conftest.py'.\n"
                   "E   ModuleNotFoundError: No module named 'neptune.internal': ...\n")
    assert runner.collection_blocker(log) == "neptune.internal"
    assert runner.is_internal("neptune.internal") and runner.is_internal("neptune_api.x")
    assert not runner.is_internal("neptune.types")
    results: dict = {"real": {}, "stubbed": {"f.py": {"tests": 2, "passed": 2, "failed": 0,
                                                     "skipped": 0, "internal": 0}}}
    assert runner._public_failures(results, "real", None, {"real": "neptune.internal"}) == "0"
    assert runner._public_failures(results, "real", None, {"real": "neptune.types"}) == "all"
    assert runner._public_failures(results, "real", None, None) == "all"
    (tmp_path / "clean.log").write_text("2 passed in 0.1s\n")
    assert runner.collection_blocker(tmp_path / "clean.log") is None


def test_scale_read_stand_ins_read_back_another_process_s_run(store_path, tmp_path):
    """A neptune-scale run written by a child process reads back through the stand-ins
    in the shapes neptune-client-scale's helpers return."""
    write = textwrap.dedent("""
        from neptune_sys_widgets import Run
        from neptune_sys_widgets.types import File, Histogram
        open("w.bin", "wb").write(b"weights")
        run = Run(project="ws/scale", run_id="child-run")
        run.log_configs({"lr": 0.5, "name": "x"})
        for step in range(3):
            run.log_metrics({"loss": 1.0 / (step + 1)}, step=step)
        run.log_histograms({"h": Histogram(bin_edges=[0, 1, 2], counts=[3, 4])}, step=1)
        run.assign_files({"model": "w.bin"})
        run.close()
    """)
    proc = subprocess.run([sys.executable, "-c", write], cwd=tmp_path, env=child_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    fetcher = _load("upstream_scale_fetcher")
    got = fetcher.fetch_attribute_values(None, "ws/scale", custom_run_id="child-run",
                                         attributes=["lr", "name", "missing"])
    assert got == {"lr": 0.5, "name": "x"}
    metrics = fetcher.fetch_metric_values(None, "ws/scale", custom_run_id="child-run",
                                          attributes=["loss"])
    assert metrics == {"loss": {0.0: 1.0, 1.0: 0.5, 2.0: pytest.approx(1 / 3)}}
    hist = fetcher.fetch_series_values(None, "ws/scale", custom_run_id="child-run",
                                       attributes=["h"])
    assert hist == {"h": {1.0: {"values": [3, 4], "edges": [0, 1, 2], "type": "COUNTING"}}}
    fetcher.fetch_files(None, "ws/scale", custom_run_id="child-run",
                        attributes_targets={"model": tmp_path / "out" / "model"})
    assert (tmp_path / "out" / "model").read_bytes() == b"weights"
    assert json.dumps(sorted(got))  # plain Python values, as the helpers return


def test_the_stubbed_file_type_is_this_packages_own(runner, tmp_path):
    """In the stubbed mode, ``neptune.internal.types.file_types.FileType`` (which the file
    tests parametrize over and compare ``File.file_type`` with) is the enum this package's
    ``File.file_type`` gives, not a stand-in that would compare equal to anything."""
    (tmp_path / "stubs.py").write_text(runner.STUB_PLUGIN.format(
        prefixes=runner.STUBBED, account_calls=runner.ACCOUNT_CALLS))
    code = ("import neptune_sys_widgets.dropin as d; d.install(force=True, children=False)\n"
            "import sys; sys.path.insert(0, sys.argv[1]); import stubs\n"
            "from neptune.internal.types.file_types import FileType\n"
            "from neptune.types import File\n"
            "assert [m.name for m in FileType] == ['LOCAL_FILE', 'IN_MEMORY', 'STREAM']\n"
            "assert File.from_content(b'x').file_type is FileType.IN_MEMORY\n"
            "assert FileType.STREAM != FileType.IN_MEMORY\n"
            "from neptune.common.utils import IS_MACOS, IS_WINDOWS\n"
            "assert IS_MACOS is (sys.platform == 'darwin')\n"
            "assert IS_WINDOWS is (sys.platform == 'win32')\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, env=child_env(), timeout=60)
    assert out.stdout.strip() == "ok", out.stderr
