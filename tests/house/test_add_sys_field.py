"""Adding a sys field is the catalog entry plus one migration per backend (issue 21 #4).

The test copies the package to a scratch folder and adds ``sys/new_field`` there by editing
exactly three files: ``catalog.py`` (the entry), ``store/schema.py`` and
``store/postgres_schema.py`` (the next schema version's ``ADD COLUMN``). Then, in fresh
processes running the scratch copy, everything that shows sys fields must carry it: the
API (``run["sys/new_field"]``), tables (``fetch_runs_table``), the card's synced traits, the
CLI (``neptune-sys show``) and interop (export -> import). A store made by the unmodified
package (the version before) upgrades when the scratch copy opens it. Anything else that
spells fields by hand fails here. What is generated from the catalog (the JS contract, the
README's table) follows with one command, ``scripts/regenerate.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

pytest.importorskip("pyarrow")
pytest.importorskip("click")

FIELD = ('    _f("sys/new_field", STRING, "RMV", USER, "a field added by '
         'tests/house/test_add_sys_field.py", max_chars=NAME_MAX_CHARS),\n')


def _add_migration(path: Path, ddl: str) -> None:
    """The next version in a schema module's ``MIGRATIONS`` table."""
    text = path.read_text()
    m = re.search(r"^MIGRATIONS: dict\[int, str\] = \{(.*?)\}$", text, re.M | re.S)
    assert m, f"{path}: no MIGRATIONS table"
    versions = [int(v) for v in re.findall(r"(\d+):", m[1])]
    entry = f"{m[1].rstrip()}, {max(versions) + 1}: {ddl!r}"
    path.write_text(text[:m.start(1)] + entry + text[m.end(1):])


def make_scratch_package(dest: Path) -> list[str]:
    """A copy of the package with ``sys/new_field`` added; the files that were edited."""
    pkg = dest / "neptune_sys_widgets"
    shutil.copytree(REPO / "neptune_sys_widgets", pkg,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    cat = pkg / "catalog.py"
    text = cat.read_text()
    assert "\n)\n\nBY_PATH" in text
    cat.write_text(text.replace("\n)\n\nBY_PATH", "\n" + FIELD.rstrip("\n") + "\n)\n\nBY_PATH"))
    _add_migration(pkg / "store" / "schema.py", "ALTER TABLE objects ADD COLUMN new_field TEXT")
    _add_migration(pkg / "store" / "postgres_schema.py",
                   "ALTER TABLE objects ADD COLUMN new_field TEXT")
    return sorted(str(p.relative_to(dest)) for p in pkg.rglob("*")
                  if p.is_file() and before.get(p) != p.read_bytes())


CHILD = """
import json, sys, warnings
warnings.simplefilter("ignore")
import neptune_sys_widgets as n
from neptune_sys_widgets import catalog
from neptune_sys_widgets.interop import export_project, import_export
store, other, out, old_id = sys.argv[1:5]
assert catalog.BY_PATH["sys/new_field"].trait == "new_field"
got = {}
if old_id:  # a run made by the version before: the store upgrades, the run is intact
    old = n.init_run(with_id=old_id, store=store, mode="read-only")
    got["old_name"] = old["sys/name"].fetch()
run = n.init_run(project="ws/field", store=store, name="carrier", mode="sync")
run["sys/new_field"] = "hello"
sys_id = run["sys/id"].fetch()
run.stop()
again = n.init_run(with_id=sys_id, store=store, mode="read-only")
got["api"] = again["sys/new_field"].fetch()
rows = list(n.init_project("ws/field", store=store, mode="read-only").fetch_runs_table(
    columns=["sys/new_field"]).native_rows())
got["table"] = [r.get("sys/new_field") for r in rows if r["sys/id"] == sys_id]
got["pandas"] = "sys/new_field" in n.init_project("ws/field", store=store,
    mode="read-only").fetch_runs_table().to_pandas().columns
from neptune_sys_widgets.widgets import widget_for
w = widget_for(again)
got["trait"] = getattr(w, "new_field", "<no trait>")
got["synced"] = "new_field" in w.keys
export_project("ws/field", out, store)
import_export(out, other)
copied = n.init_run(with_id=sys_id, store=other, mode="read-only")
got["interop"] = copied["sys/new_field"].fetch()
got["sys_id"] = sys_id
print(json.dumps(got))
"""


def _python(code: str, pythonpath: Path, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    env.pop("NEPTUNE_SYS_STORE", None)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                          capture_output=True, text=True, timeout=180, cwd=pythonpath)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def _check(scratch: Path, store: str, other: str, old_id: str) -> dict:
    out = str(scratch / f"export-{len(old_id)}")
    got = json.loads(_python(CHILD, scratch, store, other, out, old_id).splitlines()[-1])
    assert got["api"] == "hello"
    assert got["table"] == ["hello"] and got["pandas"]
    assert got["trait"] == "hello" and got["synced"]
    assert got["interop"] == "hello"
    env = dict(os.environ, PYTHONPATH=str(scratch), COLUMNS="200")
    cli = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "--store", store,
                          "show", got["sys_id"], "--json"], env=env, capture_output=True,
                         text=True, timeout=60, cwd=scratch)
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["sys"]["sys/new_field"] == "hello"
    text = subprocess.run([sys.executable, "-m", "neptune_sys_widgets.cli", "--store", store,
                           "show", got["sys_id"]], env=env, capture_output=True, text=True,
                          timeout=60, cwd=scratch).stdout
    assert re.search(r"sys/new_field\s+hello", text), text
    return got


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    if not (REPO / "neptune_sys_widgets" / "static" / "widget.js").exists():
        pytest.skip("the card needs the JS bundle: run npm run build")
    dest = tmp_path_factory.mktemp("scratch")
    edited = make_scratch_package(dest)
    assert edited == ["neptune_sys_widgets/catalog.py",
                      "neptune_sys_widgets/store/postgres_schema.py",
                      "neptune_sys_widgets/store/schema.py"]
    return dest


@pytest.mark.slow
def test_the_generated_files_follow_with_one_command(scratch):
    """js/lib/contract.js and the README's field table are generated, not written: one
    command brings both up to date with the new field."""
    (scratch / "js" / "lib").mkdir(parents=True)
    (scratch / "scripts").mkdir()
    for rel in ("README.md", "js/lib/contract.js", "scripts/regenerate.py"):
        shutil.copyfile(REPO / rel, scratch / rel)
    out = _python_file(scratch / "scripts" / "regenerate.py", scratch)
    assert out == "regenerated: js/lib/contract.js, README.md"
    assert '"path": "sys/new_field"' in (scratch / "js" / "lib" / "contract.js").read_text()
    assert "| `sys/new_field` | `new_field` |" in (scratch / "README.md").read_text()
    assert _python_file(scratch / "scripts" / "regenerate.py", scratch) == \
        "regenerated: nothing was stale"


def _python_file(script: Path, pythonpath: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                          text=True, timeout=60, cwd=pythonpath)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip()


OLD_RUN = """
import sys
import neptune_sys_widgets as n
run = n.init_run(project="ws/field", store=sys.argv[1], name="made before", mode="sync")
print(run["sys/id"].fetch())
run.stop()
"""


@pytest.mark.slow
def test_a_new_field_in_three_files_reaches_api_tables_card_cli_and_interop(scratch,
                                                                            tmp_path):
    store = str(tmp_path / "store.db")
    old_id = _python(OLD_RUN, REPO, store).split()[-1]  # the package as it is
    got = _check(scratch, store, str(tmp_path / "copy.db"), old_id)
    assert got["old_name"] == "made before"


def test_the_new_field_on_postgres(scratch, tmp_path, pg_server):
    urls = [pg_server.url(pg_server.create_database()) for _ in range(2)]
    try:
        old_id = _python(OLD_RUN, REPO, urls[0]).split()[-1]
        got = _check(scratch, urls[0], urls[1], old_id)
        assert got["old_name"] == "made before"
    finally:
        for url in urls:
            pg_server.drop_database(url.rsplit("/", 1)[1])
