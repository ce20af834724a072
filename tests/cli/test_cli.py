"""``neptune-sys``: every verb as a real subprocess (output, exit code, store afterwards)."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("click")
pytest.importorskip("rich")

import neptune_sys_widgets as neptune  # noqa: E402
from tests.conftest import REPO, child_env, spawn_python  # noqa: E402
from tests.harness.exporter_fixtures import P1, P2, make_export  # noqa: E402

CMD = [sys.executable, "-m", "neptune_sys_widgets.cli"]


def cli(*args: str, check: int | None = 0, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=timeout,
                          env=child_env(COLUMNS="200"))
    assert "Traceback" not in proc.stderr, proc.stderr
    if check is not None:
        assert proc.returncode == check, (proc.returncode, proc.stdout, proc.stderr)
    return proc


@pytest.fixture
def imported(store_path, tmp_path):
    facts = make_export(tmp_path / "exports")
    p = cli("import", str(facts["root"]), "--no-progress", check=1)  # damaged files: 1
    assert "imported 5 runs, 1 model, 2 model versions" in p.stdout
    return facts


def test_help_and_console_script():
    p = cli("--help")
    for verb in ("ls", "show", "tag", "name", "describe", "stage", "stop", "abort", "trash",
                 "watch", "import", "export", "copy", "sync"):
        assert f"  {verb} " in p.stdout
    assert "Exit codes" in p.stdout
    script = shutil.which("neptune-sys", path=os.path.dirname(sys.executable))
    if script:  # installed by scripts/setup.sh (pip install -e .[test])
        q = subprocess.run([script, "--help"], capture_output=True, text=True)
        assert q.returncode == 0 and "import" in q.stdout


def test_usage_errors_exit_2(store_path):
    p = cli("bogus", check=2)
    assert p.stderr.startswith("neptune-sys: error:") and p.stderr.count("\n") == 1
    cli("tag", check=2)
    cli("import", "/nonexistent/dir", check=2)


@pytest.mark.slow
def test_import_json_idempotent_and_dry_run(store_path, tmp_path):
    facts = make_export(tmp_path / "e")
    dry = cli("--json", "import", str(facts["root"]), "--dry-run", check=1)  # a torn file
    data = json.loads(dry.stdout)
    assert data["dry_run"] and len(data["planned"]) == 9
    assert [p["action"] for p in data["planned"]].count("error") == 1
    assert any("pt-bad" in e["message"] and "row" in e["message"] for e in data["errors"])
    from neptune_sys_widgets.store import open_store
    assert open_store().list_projects() == []  # a dry run creates nothing
    p = cli("import", str(facts["root"]), "--json", check=1)
    data = json.loads(p.stdout)
    assert data["created"] == {"run": 5, "model": 1, "model_version": 2}
    assert any("pt-bad" in e["message"] and "row" in e["message"] for e in data["errors"])
    again = json.loads(cli("import", str(facts["root"]), "--json", check=1).stdout)
    assert again["created"]["run"] == 0 and len(again["existing"]) == 8
    r = neptune.init_run(with_id="LCV-1", mode="read-only")
    assert r["sys/name"].fetch() == "baseline"


@pytest.mark.slow
def test_ls_formats_and_filters(imported):
    p = cli("ls", "-p", P2)
    assert "PROJ-1" in p.stdout and "pt-lr-a" in p.stdout
    assert "3 runs" in p.stderr
    rows = json.loads(cli("ls", "-p", P2, "--format", "json").stdout)
    assert [r["sys/id"] for r in rows] == ["PROJ-3", "PROJ-2", "PROJ-1"]
    asc = json.loads(cli("--json", "ls", "-p", P2, "--asc", "--limit", "2").stdout)
    assert [r["sys/id"] for r in asc] == ["PROJ-1", "PROJ-2"]
    csv = cli("ls", "-p", P1, "--format", "csv", "--columns", "sys/id,sys/name").stdout
    assert csv.splitlines()[0] == "sys/id,sys/name" and "LCV-1,baseline" in csv
    tagged = json.loads(cli("ls", "-p", P1, "--tag", "resnet", "--format", "json").stdout)
    assert [r["sys/id"] for r in tagged] == ["LCV-1"]
    q = json.loads(cli("ls", "-p", P1, "--query", "`sys/failed`:bool = True",
                       "--format", "json").stdout)
    assert [r["sys/id"] for r in q] == ["LCV-1"]
    assert json.loads(cli("ls", "-p", P1, "--state", "active", "--format", "json").stdout) == []
    models = cli("ls", "models", "-p", P1).stdout
    assert "LCV-DET" in models
    versions = json.loads(cli("ls", "versions", "--model", "LCV-DET", "--format", "json").stdout)
    assert {v["sys/id"]: v["sys/stage"] for v in versions} == \
        {"LCV-DET-1": "archived", "LCV-DET-2": "production"}
    p = cli("ls", check=2)  # two projects: which one?
    assert "--project" in p.stderr
    cli("ls", "versions", check=2)
    cli("ls", "-p", P1, "--query", "((", check=1)


@pytest.mark.slow
def test_show(imported):
    p = cli("show", "LCV-1")
    assert "run LCV-1" in p.stdout and "baseline" in p.stdout and "gpu-01" in p.stdout
    assert "last traceback lines:" in p.stdout and "ValueError: boom" in p.stdout
    q = json.loads(cli("show", "pt-lr-a", "--json").stdout)  # by custom run id
    assert q["sys"]["sys/id"] == "PROJ-2"
    assert q["imported_sys"]["sys/diagnostics/attributes_count"] == 42
    cli("show", "NOPE", check=1)


@pytest.mark.slow
def test_tag_name_describe(imported):
    p = cli("tag", "LCV-1", "+best", "-resnet")
    assert "best" in p.stdout and "resnet" not in p.stdout
    cli("tag", "LCV-1", "--group", "+team")
    r = neptune.init_run(with_id="LCV-1", mode="read-only")
    assert r["sys/tags"].fetch() == {"best", "lr-sweep"}
    assert r["sys/group_tags"].fetch() == {"team"}
    assert r["sys/state"].fetch() == "Inactive"  # an edit from the terminal never attaches
    bad = cli("tag", "LCV-1", "+ok", "+bad\ttab", check=1)
    assert "control character" in bad.stderr
    assert "ok" not in neptune.init_run(with_id="LCV-1", mode="read-only")["sys/tags"].fetch()
    cli("tag", "LCV-1", "best", check=2)
    cli("tag", "NOPE", "+x", check=1)
    cli("name", "LCV-1", "renamed")
    j = json.loads(cli("describe", "LCV-1", "new text", "--json").stdout)
    assert j == {"id": "LCV-1", "sys/description": "new text"}
    r = neptune.init_run(with_id="LCV-1", mode="read-only")
    assert r["sys/name"].fetch() == "renamed" and r["sys/description"].fetch() == "new text"
    cli("name", "LCV-1", "x" * 20000, check=1)


@pytest.mark.slow
def test_stage_and_trash(imported):
    cli("stage", "LCV-DET-1", "staging")
    v = neptune.init_model_version(with_id="LCV-DET-1", mode="read-only")
    assert v["sys/stage"].fetch() == "staging"
    p = cli("stage", "LCV-DET-1", "prod", check=1)
    assert "valid stages" in p.stderr
    cli("stage", "LCV-1", "production", check=1)
    cli("trash", "LCV-2", "PROJ-3")
    ids = [r["sys/id"] for r in json.loads(cli("ls", "-p", P1, "--format", "json").stdout)]
    assert ids == ["LCV-1"]
    with_trash = json.loads(cli("ls", "-p", P1, "--trashed", "--format", "json").stdout)
    assert {r["sys/id"] for r in with_trash} == {"LCV-1", "LCV-2"}


LOOP = """
import time, neptune_sys_widgets as neptune
run = neptune.init_run(project="ml/cli", custom_run_id="live-1")
print(run["sys/id"].fetch(), flush=True)
try:
    while True:
        time.sleep(0.05)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["stop", "abort"])
def test_stop_and_abort(store_path, verb):
    child = spawn_python(LOOP)
    try:
        sys_id = child.stdout.readline().strip()
        assert sys_id.startswith("CLI-")
        p = cli(verb, sys_id)
        assert f"{verb} requested" in p.stdout
        out, _ = child.communicate(timeout=30)
        assert "interrupted" in out
    finally:
        child.kill()
    r = neptune.init_run(with_id=sys_id, mode="read-only")
    assert r["sys/state"].fetch() == "Inactive"
    assert r["sys/failed"].fetch() is (verb == "abort")
    # an abort leaves the why in monitoring/traceback (issue 24 #5), a stop leaves nothing
    shown = json.loads(cli("--json", "show", sys_id).stdout)
    if verb == "abort":
        lines = list(r["monitoring/traceback"].fetch_values(include_timestamp=False)["value"])
        assert "received an abort request" in lines[0] and lines[1] == "Marking run as failed"
        assert any("in <module>" in line for line in lines), lines  # where it was
        assert shown["traceback"] and "abort" in shown["traceback"][0]
    else:
        assert not r.exists("monitoring/traceback") and not shown["traceback"]
    q = cli(verb, sys_id, check=1)  # nobody attached any more
    assert "not active" in q.stdout


@pytest.mark.slow
def test_export_and_copy(imported, tmp_path, store_path):
    out = tmp_path / "out"
    p = cli("export", str(out), "-p", P2, "--no-progress")
    assert "exported 3 runs" in p.stdout
    assert len(list((out / "data").rglob("*_part_0.parquet"))) == 3
    other = str(tmp_path / "other.db")
    j = json.loads(cli("--json", "copy", store_path, other).stdout)
    assert j["import"]["created"] == {"run": 5, "model": 1, "model_version": 2}
    r = neptune.init_run(with_id="PROJ-2", mode="read-only", store=other)
    assert r["sys/forking/parent"].fetch() == "pt-base"
    cli("copy", store_path, store_path, check=2)
    cli("copy", str(tmp_path / "missing.db"), other, check=1)


def _read_until(fd: int, needle: str, timeout: float) -> str:
    buf = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if needle.encode() in buf:
                return buf.decode(errors="replace")
    raise AssertionError(f"{needle!r} not seen in:\n{buf.decode(errors='replace')[-3000:]}")


@pytest.mark.slow
def test_watch_updates_live_in_a_terminal(imported):
    """Through a pseudo-terminal: the view shows the runs, then a tag added by another
    process and a run turning active appear without restarting the command."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*CMD, "watch", "-p", P2, "--timeout", "40"], stdout=slave,
                            stderr=slave, stdin=slave, env=child_env(COLUMNS="160",
                                                                    LINES="40"),
                            cwd=str(REPO))
    os.close(slave)
    try:
        _read_until(master, "PROJ-3", 20)
        neptune_run = neptune.init_run(with_id="PROJ-1", mode="sync")
        neptune_run["sys/tags"].add("seen-live")
        _read_until(master, "seen-live", 15)
        _read_until(master, "● active", 15)
        neptune_run.stop()
        _read_until(master, "○ inactive", 15)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


@pytest.mark.slow
def test_watch_once_and_pipe(imported):
    p = cli("watch", "PROJ-2", "--once")
    assert "PROJ-2" in p.stdout and "inactive" in p.stdout and "PROJ-1" not in p.stdout
    cli("watch", check=2)  # two projects, no id
    cli("watch", "-p", "nobody/none", "--once", check=1)


@pytest.mark.slow
def test_readme_session_runs(store_path, tmp_path, monkeypatch):
    """The README's neptune-sys session, line by line, on a generated export, with the
    default store (./.neptune/neptune.db)."""
    monkeypatch.delenv("NEPTUNE_SYS_STORE")
    import re
    import shlex
    text = (REPO / "README.md").read_text()
    section = text[text.index("## Command line: `neptune-sys`"):]
    block = re.search(r"```bash\n(neptune-sys import ./exports\n.*?)```", section, re.S)
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) >= 12
    make_export(Path("exports"), damaged=False)
    for line in lines:
        args = shlex.split(line)
        assert args[0] == "neptune-sys"
        cli(*args[1:])
    r = neptune.init_run(with_id="LCV-1", mode="read-only", store=".neptune/neptune.db")
    assert r["sys/name"].fetch() == "baseline (ResNet-50)"
    assert "best" in r["sys/tags"].fetch() and r["sys/group_tags"].fetch() == {"vision"}
    assert Path("out/data").is_dir() and Path("backup.db").exists()


@pytest.mark.slow
def test_import_of_a_big_tree_uses_helper_processes(store_path, tmp_path):
    """`neptune-sys import` of 1,200 runs (above the threshold): helper processes read them,
    every run arrives whole, the damaged one is named, and a second import adds nothing."""
    from tests.harness.exporter_fixtures import make_many_runs
    root = make_many_runs(tmp_path / "big", 1200, damaged=777)
    data = json.loads(cli("--json", "import", str(root), check=1, timeout=300).stdout)
    assert data["helpers"] >= 2 and data["helper_problem"] is None, data
    assert data["created"]["run"] == 1199
    # a file that cannot be read at all is named by its file (its run_id is inside it)
    assert len(data["errors"]) == 1 and data["errors"][0]["run"].startswith("MANY-777")
    assert "MANY-777" in data["errors"][0]["file"] and "cannot be read" in \
        data["errors"][0]["message"]
    r = neptune.init_run(with_id="MANY-1000", mode="read-only")
    assert r["sys/name"].fetch() == "run 1000"
    assert r["sys/tags"].fetch() == {"many", "t6"}
    assert r["config/epochs"].fetch() == 1000 and r["config/lr"].fetch() == 1.0
    assert r["config/flag"].fetch() is True and r["config/opt"].fetch() == "adam"
    again = json.loads(cli("--json", "import", str(root), check=1, timeout=300).stdout)
    assert again["created"]["run"] == 0 and len(again["existing"]) == 1199


@pytest.mark.slow
def test_wording_of_counts_errors_and_help(store_path):
    """Issue 24 #7: "1 run" not "1 runs", durations with useful precision, an error that
    names the path once, and help that says what --project and --trashed do."""
    from neptune_sys_widgets.wording import count, duration
    assert [count(1, "run"), count(3, "run"), count(1, "series point"),
            count(2, "model version")] == ["1 run", "3 runs", "1 series point",
                                           "2 model versions"]
    assert [duration(0.0004), duration(0.0349), duration(2.4), duration(12.34)] == \
        ["< 1 ms", "35 ms", "2.40 s", "12.3 s"]
    r = neptune.init_run(project="ws/words", mode="sync")
    sys_id = r["sys/id"].fetch()
    r.stop()
    p = cli("ls")
    assert p.stderr.strip().splitlines()[-1] == "1 run"
    bad = cli("tag", sys_id, "+", check=1)
    assert bad.stderr.count("sys/tags") == 1 and "must not be empty" in bad.stderr
    help_ls = " ".join(cli("ls", "--help").stdout.split())
    assert "default: the store's only project" in help_ls
    assert "Trashed objects too" in help_ls
    assert "default: the store's only project" in " ".join(cli("watch", "--help").stdout.split())


@pytest.mark.slow
def test_import_summary_reads_well(store_path, tmp_path):
    facts = make_export(tmp_path / "e")
    p = cli("import", str(facts["root"]), "--no-progress", check=1)
    head = p.stdout.splitlines()[0]
    assert "run(s)" not in head and " in 0.0 s" not in head
    assert head.endswith(" ms") or head.endswith(" s")


def test_the_installed_command_hands_a_script_over_without_re(tmp_path):
    """`neptune-sys` is bin/neptune-sys installed as is, not pip's generated wrapper, which
    imports `re` (~5 ms) before the command starts: `neptune-sys run` adds that to every
    script (benchmarks/bench_import.py, 9.0 -> 3.2 ms). Also `python -m
    neptune_sys_widgets.cli`, the same command."""
    script = shutil.which("neptune-sys", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("neptune-sys is installed by scripts/setup.sh (pip install -e .[test])")
    probe = tmp_path / "probe.py"
    probe.write_text("import sys\nprint('re' in sys.modules, sys.argv[1:])\n")
    p = subprocess.run([script, "run", str(probe), "--lr", "0.1"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "False ['--lr', '0.1']"
    q = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "--version"],
                       capture_output=True, text=True)
    assert q.returncode == 0 and "neptune-sys" in q.stdout


def test_a_mistyped_store_is_not_created(tmp_path, store_path):
    """Reading commands name a store that is not there instead of making an empty one;
    only import fills a new store."""
    missing = tmp_path / "typo" / "neptune.db"
    for args in (("ls",), ("show", "X-1"), ("watch", "--once"), ("export", str(tmp_path / "o"))):
        p = cli("--store", str(missing), *args, check=1)
        assert "does not exist" in p.stderr
    assert not missing.parent.exists()


def test_empty_arguments_and_a_closed_pipe(imported, tmp_path):
    """An unset variable in a script gives an empty argument: refused, not read as the
    working directory or the default project. `ls --format csv | head` ends with 0."""
    assert "OUT" in cli("export", "", check=2).stderr
    assert "--project" in cli("ls", "--project", "", check=2).stderr
    for fmt in ("csv", "json", "table"):
        ls = subprocess.Popen([*CMD, "ls", "-p", P1, "--format", fmt], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=child_env(COLUMNS="200"))
        ls.stdout.close()  # the reader is gone before a line is written: every write
        err = ls.stderr.read()  # meets a closed pipe, as after `head -1` had its line
        assert ls.wait(timeout=60) == 0 and b"Traceback" not in err, (fmt, err)
    rows = json.loads(cli("watch", "PROJ-2", "--json").stdout)
    assert [r["id"] for r in rows] == ["PROJ-2"]
    assert json.loads(cli("--json", "watch", "PROJ-2").stdout) == rows
