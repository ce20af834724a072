"""A new run records its source: the script, source files, git state and uncommitted
changes, and dependencies, in each client generation's layout; read back by another
process. Outside a repository (or with git disabled) no git state is recorded, silently."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import child_env

SCRIPT = """
import json, sys
import neptune_sys_widgets as n
from neptune_sys_widgets.types import GitRef
r = n.init_run(project="ws/src", source_files=["*.py"], dependencies="deps.txt")
off = n.init_run(project="ws/src", git_ref=GitRef.DISABLED, source_files=[])
scale = n.Run(project="ws/src")
ids = [r["sys/id"].fetch(), off["sys/id"].fetch(), scale["sys/id"].fetch()]
for o in (r, off, scale):
    o.stop()
print(json.dumps(ids))
"""

READ = """
import json, os, zipfile, neptune_sys_widgets as n
a, b, c = (n.init_run(with_id=i, mode="read-only") for i in {ids!r})
git = a["source_code/git"].fetch()
a["source_code/diff"].download("d.patch")
a["source_code/files"].download("src.zip")
a["source_code/requirements"].download("req.txt")
print(json.dumps([git["message"], git["dirty"], git["branch"], git["remotes"],
                  a["source_code/entrypoint"].fetch(), "uncommitted" in open("d.patch").read(),
                  sorted(zipfile.ZipFile("src.zip").namelist()), open("req.txt").read(),
                  b.exists("source_code/git"), b.exists("source_code/files"),
                  c["source_code/commit/message"].fetch(), c["source_code/dirty"].fetch(),
                  "train.py" in c["source_code/run_command"].fetch()]))
"""


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "dev@example.com")
    _git(tmp_path, "config", "user.name", "Dev")
    _git(tmp_path, "remote", "add", "origin", "https://example.com/team/repo.git")
    (tmp_path / "train.py").write_text(SCRIPT)
    (tmp_path / "util.py").write_text("X = 1\n")
    (tmp_path / "deps.txt").write_text("torch==2.1\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "train a model")
    with open(tmp_path / "util.py", "a") as fh:
        fh.write("# uncommitted\n")
    return tmp_path


@pytest.mark.slow
def test_source_and_git_state_are_recorded(store_path, repo):
    env = child_env(NEPTUNE_SYS_STORE=store_path)
    made = subprocess.run([sys.executable, "train.py"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    ids = json.loads(made.stdout.strip().splitlines()[-1])
    read = subprocess.run([sys.executable, "-c", READ.format(ids=ids)], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout.strip().splitlines()[-1]) == [
        "train a model", True, "main", {"origin": "https://example.com/team/repo.git"},
        "train.py", True, ["/", "train.py", "util.py"], "torch==2.1\n", False, False,
        "train a model", True, True]


def test_outside_a_repository_nothing_is_said(store_path, tmp_path):
    (tmp_path / "deps.txt").write_text("x==1\n")
    (tmp_path / "train.py").write_text(SCRIPT)
    env = child_env(NEPTUNE_SYS_STORE=store_path, GIT_CEILING_DIRECTORIES=str(tmp_path))
    made = subprocess.run([sys.executable, "-W", "error", "train.py"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert "warning" not in made.stdout.lower() + made.stderr.lower()
    ids = json.loads(made.stdout.strip().splitlines()[-1])
    out = subprocess.run([sys.executable, "-c", f"""
import json, neptune_sys_widgets as n
a = n.init_run(with_id={ids[0]!r}, mode="read-only")
print(json.dumps([a.exists("source_code/git"), a["source_code/entrypoint"].fetch()]))
"""], env=env, capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, "train.py"]


def test_a_missing_dependency_file_is_a_warning_not_an_error(store_path, tmp_path):
    out = subprocess.run([sys.executable, "-c", """
import neptune_sys_widgets as n
r = n.init_run(project="ws/src", dependencies="nope.txt")
r.stop()
"""], cwd=tmp_path, env=child_env(NEPTUNE_SYS_STORE=store_path), capture_output=True,
        text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "[warning]" in out.stdout and "'nope.txt' does not exist" in out.stdout


MANY = """
import json, os, shutil, zipfile, neptune_sys_widgets as n

def make():
    r = n.init_run(project="ws/many")
    i = r["sys/id"].fetch()
    r.stop()
    return i

def recorded(i):
    r = n.init_run(with_id=i, mode="read-only")
    r["source_code/files"].download(i + ".zip")
    r["source_code/diff"].download(i + ".patch")
    return [zipfile.ZipFile(i + ".zip").read("train.py").decode().count("Q" + "QQ"),
            "uncommitted" in open(i + ".patch").read()]

ids = [make(), make()]
with open(__file__, "a") as fh:
    fh.write("# " + "Q" * 3 + ": edited between runs\\n")
ids.append(make())
out = [recorded(i) for i in ids]
shutil.rmtree(os.environ["NEPTUNE_SYS_STORE"] + ".files")  # the stored contents are gone
out.append(recorded(make()))
print(json.dumps(out))
"""


def test_a_process_making_many_runs_records_each_runs_source(store_path, repo):
    """The record is reused from run to run (source_cache.py) only while the script is
    unchanged and its stored contents are still there."""
    (repo / "train.py").write_text(MANY)
    _git(repo, "commit", "-q", "-am", "many runs")
    with open(repo / "util.py", "a") as fh:
        fh.write("# uncommitted\n")
    env = child_env(NEPTUNE_SYS_STORE=store_path)
    made = subprocess.run([sys.executable, "train.py"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout.strip().splitlines()[-1]) == [
        [0, True], [0, True], [1, True], [1, True]]


def test_git_state_is_found_from_a_folder_inside_the_repository(store_path, repo):
    """git is not asked where no folder up from the working directory has a ``.git``
    (source_code._may_be_in_repository); a sub-folder of a repository still has one up."""
    sub = repo / "jobs" / "nightly"
    sub.mkdir(parents=True)
    (sub / "job.py").write_text("import neptune_sys_widgets as n\n"
                                "r = n.init_run(project='ws/sub')\n"
                                "print(r['source_code/git/message'].fetch())\nr.stop()\n")
    out = subprocess.run([sys.executable, "job.py"], cwd=sub,
                         env=child_env(NEPTUNE_SYS_STORE=store_path), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "train a model"
