"""Issue 20 #1: Neptune code with zero changes. ``neptune-sys run``, ``python -m
neptune_sys_widgets.run``, ``NEPTUNE_SYS_DROP_IN=1`` and ``%neptune_drop_in`` make
``import neptune``, ``neptune.new``, ``neptune_scale`` and ``neptune_query`` resolve to this
package, in child processes too (subprocess, multiprocessing spawn, fork, forkserver), and
refuse to shadow an installed copy of the real package unless forced. Every test runs the
code as a real process and reads the store back from this one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import REPO, child_env

NEPTUNE_SYS = [sys.executable, "-m", "neptune_sys_widgets.cli"]

SCRIPT = '''
import json, subprocess, sys, multiprocessing as mp
import neptune
import neptune.new as neptune_new
from neptune.types import File
from neptune.utils import stringify_unsupported
from neptune_scale import Run
from neptune_scale.api.run import SourceTrackingConfig
import neptune_query as nq
import neptune_query.runs


def child(q):
    import neptune
    run = neptune.init_run(project="ws/zero", tags=[mp.current_process().name])
    q.put([neptune.__name__, run["sys/id"].fetch()])
    run.stop()


if __name__ == "__main__":
    run = neptune.init_run(project="ws/zero", tags=["main"])
    run["cfg"] = stringify_unsupported({"betas": (0.9, 0.99)})
    run.stop()
    scale = Run(project="ws/zero", run_id="scale-1", experiment_name="exp")
    scale.log_metrics({"loss": 0.5}, step=1)
    scale.close()
    out = {"argv": sys.argv[1:], "names": [neptune.__name__, neptune_new.__name__,
                                          nq.__name__, neptune_query.runs.__name__]}
    sub = subprocess.run([sys.executable, "-c", "import neptune, neptune_scale, "
                          "neptune_query; print(neptune.__name__)"],
                         capture_output=True, text=True)
    out["subprocess"] = sub.stdout.strip() or sub.stderr[-300:]
    for method in ("spawn", "fork", "forkserver"):
        ctx = mp.get_context(method)
        q = ctx.Queue()
        p = ctx.Process(target=child, args=(q,), name=method)
        p.start()
        out[method] = q.get(timeout=60)
        p.join()
    print(json.dumps(out))
'''


def _run(args, tmp_path, env=None, **kw) -> subprocess.CompletedProcess:
    full = child_env()
    full.pop("NEPTUNE_SYS_DROP_IN", None)  # a developer's shell may carry it
    full.update(env or {})
    return subprocess.run(args, cwd=tmp_path, env=full, capture_output=True, text=True,
                          timeout=180, stdin=subprocess.DEVNULL, **kw)


def _check_everything_resolved(proc, store_path) -> None:
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["names"] == ["neptune_sys_widgets", "neptune_sys_widgets.new",
                            "neptune_sys_widgets.query", "neptune_sys_widgets.query.runs"]
    assert out["subprocess"] == "neptune_sys_widgets"
    table = nsw.init_project("ws/zero", mode="read-only").fetch_runs_table().to_pandas()
    tags = set(table["sys/tags"])
    assert {"main", "spawn", "fork", "forkserver"} <= tags, tags
    for method in ("spawn", "fork", "forkserver"):
        assert out[method][0] == "neptune_sys_widgets"
    assert nsw.init_run(with_id=table[table["sys/custom_run_id"] == "scale-1"]["sys/id"]
                        .iloc[0], mode="read-only")["loss"].fetch_last() == 0.5
    return out


@pytest.mark.slow
def test_neptune_sys_run_reaches_the_script_and_every_child(store_path, tmp_path):
    (tmp_path / "train.py").write_text(SCRIPT)
    proc = _run([*NEPTUNE_SYS, "run", "train.py", "--lr", "0.1", "-x"], tmp_path)
    out = _check_everything_resolved(proc, store_path)
    assert out["argv"] == ["--lr", "0.1", "-x"]


@pytest.mark.slow
def test_python_dash_m_run_with_a_module(store_path, tmp_path):
    pkg = tmp_path / "proj"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "train.py").write_text(SCRIPT)
    proc = _run([sys.executable, "-m", "neptune_sys_widgets.run", "-m", "proj.train", "a"],
                tmp_path)
    out = _check_everything_resolved(proc, store_path)
    assert out["argv"] == ["a"]


def test_environment_variable_reaches_processes_we_do_not_launch(store_path, tmp_path):
    """The package's .pth file looks at NEPTUNE_SYS_DROP_IN at interpreter start."""
    proc = _run([sys.executable, "-c", "import neptune, neptune_scale, neptune_query; "
                 "r = neptune.init_run(project='ws/env', tags=['env']); r.stop(); "
                 "print(neptune.__name__)"], tmp_path, env={"NEPTUNE_SYS_DROP_IN": "1"})
    assert proc.returncode == 0 and proc.stdout.strip() == "neptune_sys_widgets", proc.stderr
    without = _run([sys.executable, "-c", "import neptune"], tmp_path)
    assert without.returncode == 1 and "No module named 'neptune'" in without.stderr
    table = nsw.init_project("ws/env", mode="read-only").fetch_runs_table().to_pandas()
    assert list(table["sys/tags"]) == ["env"]


def test_the_script_keeps_its_exceptions_and_exit_code(store_path, tmp_path):
    (tmp_path / "fail.py").write_text(textwrap.dedent('''
        import neptune
        run = neptune.init_run(project="ws/fail")
        raise RuntimeError("boom")
    '''))
    (tmp_path / "exit3.py").write_text("import sys; import neptune_query; sys.exit(3)\n")
    failed = _run([*NEPTUNE_SYS, "run", "fail.py"], tmp_path)
    assert failed.returncode == 1 and "RuntimeError: boom" in failed.stderr
    assert "Traceback" in failed.stderr  # as python would print it, not one CLI line
    table = nsw.init_project("ws/fail", mode="read-only").fetch_runs_table().to_pandas()
    assert list(table["sys/failed"]) == [True]
    assert _run([*NEPTUNE_SYS, "run", "exit3.py"], tmp_path).returncode == 3
    missing = _run([*NEPTUNE_SYS, "run", "nope.py"], tmp_path)
    assert missing.returncode == 2 and "nope.py" in missing.stderr
    usage = _run([*NEPTUNE_SYS, "run"], tmp_path)
    assert usage.returncode == 2 and "usage" in usage.stderr


def test_an_installed_real_package_is_never_shadowed_silently(store_path, tmp_path):
    fake = tmp_path / "site" / "neptune"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("REAL = True\n")
    (tmp_path / "which.py").write_text("import neptune; print(neptune.__name__)\n")
    env = {"PYTHONPATH": f"{tmp_path / 'site'}{os.pathsep}{REPO}"}
    refused = _run([*NEPTUNE_SYS, "run", "which.py"], tmp_path, env=env)
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert line.count("\n") == 0 and "real 'neptune' is installed" in line
    assert "NEPTUNE_SYS_DROP_IN=force" in line
    # the environment variable keeps the real one too, says so once, and the process goes on
    kept = _run([sys.executable, "which.py"], tmp_path,
                env={**env, "NEPTUNE_SYS_DROP_IN": "1"})
    assert kept.stdout.strip() == "neptune" and "refused" in kept.stderr
    forced = _run([*NEPTUNE_SYS, "run", "which.py"], tmp_path,
                  env={**env, "NEPTUNE_SYS_DROP_IN": "force"})
    assert forced.returncode == 0 and forced.stdout.strip() == "neptune_sys_widgets"


def test_what_is_not_provided_says_where_to_look(tmp_path):
    proc = _run([sys.executable, "-c", "import neptune.no_such_module"], tmp_path,
                env={"NEPTUNE_SYS_DROP_IN": "1"})
    assert "neptune_sys_widgets does not provide it" in proc.stderr
    assert "Running real Neptune code" in proc.stderr


def test_notebook_magic_in_a_real_kernel(store_path, kernel):
    r = kernel.execute("%load_ext neptune_sys_widgets\n%neptune_drop_in")
    assert "drop-in on" in r.stdout
    r = kernel.execute("import neptune, neptune_scale, neptune_query, subprocess, sys\n"
                       "run = neptune.init_run(project='ws/nb', tags=['kernel'])\n"
                       "run.stop()\n"
                       "print(neptune.__name__, neptune_query.__name__)\n"
                       "print(subprocess.run([sys.executable, '-c', 'import neptune; "
                       "print(neptune.__name__)'], capture_output=True, text=True).stdout)")
    assert r.stdout.split() == ["neptune_sys_widgets", "neptune_sys_widgets.query",
                                "neptune_sys_widgets"]
    r = kernel.execute("%neptune_drop_in --off\nimport importlib, sys\n"
                       "sys.modules.pop('neptune_query', None)\n"
                       "try:\n    importlib.import_module('neptune_query')\n"
                       "except ImportError:\n    print('gone')")
    assert "gone" in r.stdout
    table = nsw.init_project("ws/nb", mode="read-only").fetch_runs_table().to_pandas()
    assert list(table["sys/tags"]) == ["kernel"]


@pytest.mark.parametrize("name", ["neptune", "neptune.new", "neptune_scale",
                                  "neptune_query"])
def test_refusal_names_each_real_package(name, tmp_path):
    top = name.split(".")[0]
    fake = tmp_path / "site" / top
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    env = {"PYTHONPATH": f"{tmp_path / 'site'}{os.pathsep}{REPO}"}
    proc = _run([sys.executable, "-m", "neptune_sys_widgets.run", "-c"], tmp_path, env=env)
    assert proc.returncode == 2 and f"real {top!r} is installed" in proc.stderr


def test_aliases_keep_the_modules_own_names(tmp_path):
    proc = _run([sys.executable, "-c", "import neptune, neptune.types, neptune_query, pickle; "
                 "import neptune_sys_widgets as n; "
                 "print(n.__spec__.name, neptune.types.__spec__.name, neptune_query.__name__, "
                 "pickle.loads(pickle.dumps(neptune.types.File)).__module__)"], tmp_path,
                env={"NEPTUNE_SYS_DROP_IN": "1"})
    assert proc.stdout.split() == ["neptune_sys_widgets",
                                   "neptune_sys_widgets.compat.neptune.types",
                                   "neptune_sys_widgets.query", "neptune_sys_widgets.types"]


def test_startup_cost_is_an_environment_lookup(tmp_path):
    """The .pth line imports nothing when the variable is unset."""
    proc = _run([sys.executable, "-X", "importtime", "-c", "pass"], tmp_path)
    assert "neptune_sys_widgets" not in proc.stderr


MAIN_PROBE = """
import sys, neptune
print(__name__, __file__.endswith("{name}"), sys.argv[1:], neptune.__name__,
      sys.modules["__main__"].__dict__ is globals(), "click" in sys.modules)
"""


def test_neptune_sys_run_runs_a_file_and_a_folder_as_python_does(tmp_path):
    """A script file is compiled and run by run.run_path (no runpy: start-up cost); a
    folder with ``__main__.py`` still goes through runpy. Either way the script is
    ``__main__`` with its own file, arguments and the drop-in, and click is never loaded."""
    (tmp_path / "job.py").write_text(MAIN_PROBE.format(name="job.py"))
    app = tmp_path / "app"
    app.mkdir()
    (app / "__main__.py").write_text(MAIN_PROBE.format(name="__main__.py"))
    for target in ("job.py", "app"):
        proc = _run([*NEPTUNE_SYS, "run", target, "a", "b"], tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == ["__main__", "True", "['a',", "'b']",
                                       "neptune_sys_widgets", "True", "False"], target
