"""The sys-field catalog (docs/SYS_FIELDS.md §2) is the single source of truth: every
read-only path of every kind refuses every kind of write, every editable path round-trips
between processes, the README's field table is generated from it, and importing the package
stays light."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import catalog
from neptune_sys_widgets.catalog import KINDS, MODEL, MODEL_VERSION, PROJECT, RUN
from neptune_sys_widgets.exceptions import (
    NeptuneCannotChangeStageManually,
    ReadOnlyAttributeError,
)
from tests.conftest import REPO, run_python

PROJECT_NAME = "ws/catalog"

# A value of the right Python type for each sys type: the write must fail because the path
# is read-only, not because the value is malformed.
PLAUSIBLE = {
    catalog.STRING: "some text",
    catalog.STRING_SET: ["some-tag"],
    catalog.BOOLEAN: True,
    catalog.INTEGER: 7,
    catalog.FLOAT: 1.5,
    catalog.DATETIME: datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    catalog.RUN_STATE: "inactive",
    catalog.STAGE: "production",
}

# Sys values that move on their own (heartbeats, the clock) while a test looks at them.
VOLATILE = ("ping_time", "running_time", "monitoring_time", "state")

# How a second process opens each kind, given the object's sys/id.
OPEN_IN_CHILD = {
    RUN: "n.init_run(with_id={id!r}, project={project!r}, mode='sync')",
    MODEL: "n.init_model(with_id={id!r}, project={project!r}, mode='sync')",
    MODEL_VERSION: "n.init_model_version(with_id={id!r}, project={project!r}, mode='sync')",
    PROJECT: "n.init_project({project!r}, mode='sync')",
}

# Two distinct values per editable path: one written here, one by the second process.
ROUND_TRIP_VALUES = {
    "sys/name": ("name from the test ✓", "name from the child — 名前"),
    "sys/description": ("multi-line\ndescription from the test", "from the child"),
    "sys/tags": (["parent-a", "parent-b"], ["child-only"]),
    "sys/group_tags": (["group-parent"], ["group-c1", "group-c2"]),
    "sys/failed": (True, False),
}

READ_ONLY_CASES = [(kind, f.path) for kind in KINDS for f in catalog.fields_for(kind)
                   if not f.user_editable]
EDITABLE_CASES = [(kind, f.path) for kind in KINDS for f in catalog.fields_for(kind)
                  if f.user_editable]
FOREIGN_CASES = [(kind, f.path) for kind in KINDS for f in catalog.FIELDS
                 if not f.applies_to(kind)]


def make(kind: str):
    """A fresh object of ``kind`` in the test's store (sync mode: every call durable)."""
    if kind == RUN:
        return nsw.init_run(project=PROJECT_NAME, mode="sync", tags=["t0"])
    if kind == MODEL:
        return nsw.init_model(project=PROJECT_NAME, key="CAT", mode="sync")
    if kind == MODEL_VERSION:
        model = nsw.init_model(project=PROJECT_NAME, key="CATV", mode="sync")
        version = nsw.init_model_version(project=PROJECT_NAME, model=model["sys/id"].fetch(),
                                         mode="sync")
        model.stop()
        return version
    return nsw.init_project(PROJECT_NAME, mode="sync")


def sys_snapshot(obj) -> dict:
    sys_ = obj.fetch()["sys"]
    for key in VOLATILE:
        sys_.pop(key, None)
    return sys_


def normalize(value):
    return sorted(value) if isinstance(value, (set, list, tuple)) else value


def expected_error(path: str) -> type[Exception]:
    return NeptuneCannotChangeStageManually if path == "sys/stage" else ReadOnlyAttributeError


# ----------------------------------------------------------------------- the table itself
def test_catalog_is_consistent():
    paths = [f.path for f in catalog.FIELDS]
    assert len(paths) == len(set(paths)), "duplicate sys paths in the catalog"
    traits = [f.trait for f in catalog.FIELDS]
    assert len(traits) == len(set(traits)), "two sys paths map to one trait/column"
    for f in catalog.FIELDS:
        assert f.path.startswith("sys/") and f.kinds and f.kinds <= set(KINDS), f
        assert f.type in PLAUSIBLE, f
        assert f.editable in (catalog.NEVER, catalog.USER, catalog.VIA_CHANGE_STAGE), f


def test_editable_paths_are_exactly_the_ones_sys_spec_names():
    assert sorted(EDITABLE_CASES) == sorted(
        [(k, p) for k in (RUN, MODEL, MODEL_VERSION)
         for p in ("sys/name", "sys/description", "sys/tags", "sys/group_tags")]
        + [(RUN, "sys/failed"), (PROJECT, "sys/name"), (PROJECT, "sys/tags"),
           (PROJECT, "sys/group_tags")])  # projects carry tags, as 1.x projects did
    assert [f.path for f in catalog.FIELDS if f.editable == catalog.VIA_CHANGE_STAGE] == \
        ["sys/stage"]


# ------------------------------------------------------------------- read-only paths
@pytest.mark.parametrize(("kind", "path"), READ_ONLY_CASES,
                         ids=[f"{k}:{p}" for k, p in READ_ONLY_CASES])
def test_read_only_path_rejects_every_write(store_path, kind, path):
    obj = make(kind)
    value = PLAUSIBLE[catalog.BY_PATH[path].type]
    before = sys_snapshot(obj)
    error = expected_error(path)
    writes = {
        "assign": lambda: obj.__setitem__(path, value),
        "assign via handle": lambda: obj[path].assign(value),
        "add": lambda: obj[path].add("x"),
        "remove": lambda: obj[path].remove("x"),
        "clear": lambda: obj[path].clear(),
        "del": lambda: obj.__delitem__(path),
    }
    for what, write in writes.items():
        with pytest.raises(error) as info:
            write()
        assert path in str(info.value), f"{what}: message does not name {path}: {info.value}"
    # A namespace assignment that smuggles the path in is refused as a whole.
    parent, leaf = path.rsplit("/", 1)
    with pytest.raises(error, match=re.escape(path)):
        obj[parent] = {leaf: value}
    assert sys_snapshot(obj) == before
    obj.stop()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", ["sys/whatever", "sys/forking/new_thing", "sys/name/sub"])
def test_new_sys_path_is_rejected(store_path, kind, path):
    obj = make(kind)
    before = sys_snapshot(obj)
    for write in (lambda: obj.__setitem__(path, "x"), lambda: obj[path].add("x"),
                  lambda: obj[path].append(1.0), lambda: obj.__delitem__(path)):
        with pytest.raises(ReadOnlyAttributeError, match=re.escape(path)):
            write()
    with pytest.raises(ReadOnlyAttributeError, match=re.escape("sys/whatever")):
        obj["sys"] = {"name": "ok", "whatever": 1}
    assert sys_snapshot(obj) == before
    assert not obj.exists(path)
    obj.stop()


@pytest.mark.parametrize(("kind", "path"), FOREIGN_CASES,
                         ids=[f"{k}:{p}" for k, p in FOREIGN_CASES])
def test_sys_path_of_another_kind_is_rejected(store_path, kind, path):
    """e.g. ``sys/stage`` on a run or ``sys/failed`` on a model: not a field of this kind."""
    obj = make(kind)
    before = sys_snapshot(obj)
    with pytest.raises(ReadOnlyAttributeError, match=re.escape(path)):
        obj[path] = PLAUSIBLE[catalog.BY_PATH[path].type]
    assert sys_snapshot(obj) == before
    obj.stop()


# -------------------------------------------------------------------- editable paths
@pytest.mark.parametrize(("kind", "path"), EDITABLE_CASES,
                         ids=[f"{k}:{p}" for k, p in EDITABLE_CASES])
def test_editable_path_round_trips_between_processes(store_path, kind, path):
    ours, theirs = ROUND_TRIP_VALUES[path]
    obj = make(kind)
    sys_id = obj["sys/id"].fetch()
    # Reopen in the default (async) mode: the write is queued, wait() makes it durable.
    obj.stop()
    obj = {RUN: lambda: nsw.init_run(with_id=sys_id, project=PROJECT_NAME),
           MODEL: lambda: nsw.init_model(with_id=sys_id, project=PROJECT_NAME),
           MODEL_VERSION: lambda: nsw.init_model_version(with_id=sys_id, project=PROJECT_NAME),
           PROJECT: lambda: nsw.init_project(PROJECT_NAME)}[kind]()
    obj[path] = ours
    obj.wait()

    opener = OPEN_IN_CHILD[kind].format(id=sys_id, project=PROJECT_NAME)
    child = run_python(f"""
        import json
        import neptune_sys_widgets as n
        obj = {opener}
        value = obj[{path!r}].fetch()
        print(json.dumps(sorted(value) if isinstance(value, set) else value))
        obj[{path!r}] = json.loads({json.dumps(json.dumps(theirs))})
        obj.stop()
    """)
    seen_by_child = json.loads(child.stdout.strip().splitlines()[-1])
    assert seen_by_child == normalize(ours)

    assert normalize(obj[path].fetch()) == normalize(theirs)
    assert normalize(obj.fetch()["sys"][path.split("/", 1)[1]]) == normalize(theirs)
    obj.stop()


# ------------------------------------------------------------------------------ docs
def test_readme_field_table_is_generated_from_the_catalog():
    readme = REPO / "README.md"
    if not readme.exists():
        pytest.fail(f"{readme} does not exist; it must contain the sys field table between "
                    "'<!-- sys-fields:start -->' and '<!-- sys-fields:end -->'")
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- sys-fields:start -->", "<!-- sys-fields:end -->"
    missing = [m for m in (start, end) if m not in text]
    if missing:
        pytest.fail(f"README.md lacks the marker(s) {missing}; put the output of "
                    "catalog.markdown_table() between them")
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        pytest.fail("README.md must contain exactly one start marker followed by one end marker")
    table = text.split(start, 1)[1].split(end, 1)[0].strip()
    expected = catalog.markdown_table()
    assert table == expected, (
        "README.md's sys field table differs from catalog.markdown_table(); regenerate it:\n"
        + expected)


def test_markdown_table_has_one_row_per_field():
    rows = catalog.markdown_table().splitlines()[2:]
    assert [r.split("|")[1].strip().strip("`") for r in rows] == \
        [f.path for f in catalog.FIELDS]


# ------------------------------------------------------------------------ import cost
HEAVY = ("IPython", "ipywidgets", "anywidget", "traitlets", "pandas")


def test_import_loads_no_notebook_or_dataframe_libraries(store_path):
    proc = run_python(f"""
        import neptune_sys_widgets, sys
        heavy = {HEAVY!r}
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
    """)
    assert proc.stdout.strip() == "[]"


def test_a_training_script_loads_no_notebook_or_dataframe_libraries(store_path):
    proc = run_python(f"""
        import neptune_sys_widgets as neptune, sys
        run = neptune.init_run(project="ws/light", tags=["a"], name="light")
        run["params/lr"] = 0.1
        run["sys/tags"].add("b")
        for step in range(3):
            run.log_metrics({{"loss": 1.0 / (step + 1)}}, step=step)
        run["train/acc"].append(0.5)
        assert run["sys/tags"].fetch() == {{"a", "b"}}
        run.fetch()
        run.stop()
        heavy = {HEAVY!r}
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
    """)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# Modules a script's start does without: typing ~4 ms, re with enum ~4 ms, json and glob
# (both load re) - benchmarks/README.md, "Import without typing, re or json". Names used
# only in annotations are imported under TYPE_CHECKING; patterns, JSON and globs are
# loaded where a script asks for more than a run of its own.
STARTUP_FREE = ("typing", "re", "json", "enum", "glob", "dataclasses", "inspect", "pathlib",
                "subprocess", "hashlib")


@pytest.mark.parametrize("drop_in", [False, True], ids=["package", "import-neptune"])
def test_a_script_starts_and_records_its_first_run_without_typing_re_or_json(
        store_path, tmp_path, drop_in):
    """The import, resolving init_run/Run/init_project, and a first sync run with its
    source record (the script, outside any git repository) load none of STARTUP_FREE; the
    run's record is complete (entrypoint and file set, read back by another process)."""
    script = tmp_path / "train.py"
    script.write_text(f"""
import sys
import {"neptune" if drop_in else "neptune_sys_widgets as neptune"}
init_run, _, _ = neptune.init_run, neptune.Run, neptune.init_project
after_import = sorted(m for m in {STARTUP_FREE!r} if m in sys.modules)
run = init_run(project="ws/start", mode="sync", name="first", tags=["a", "b", "c"])
run.stop()
print(run.sys_id)
print(after_import, sorted(m for m in {STARTUP_FREE!r} if m in sys.modules))
""")
    import subprocess
    import sys

    from tests.conftest import child_env
    env = child_env(NEPTUNE_SYS_STORE=store_path, GIT_CEILING_DIRECTORIES=str(tmp_path),
                    **({"NEPTUNE_SYS_DROP_IN": "1"} if drop_in else {}))
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, text=True,
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    sys_id, loaded = proc.stdout.strip().splitlines()[-2:]
    assert loaded == "[] []", proc.stdout + proc.stderr
    out = run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, project="ws/start", store={store_path!r},
                       mode="read-only")
        print(r["source_code/entrypoint"].fetch(), [f.name for f in r["source_code/files"].fetch()])
    """).stdout.strip().splitlines()[-1]
    assert out == "train.py ['train.py']", out
