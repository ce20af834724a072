"""1.x semantics that real code relies on and that a hunt with real snippets found
missing (sources in each test): what a call stores is read back from a second process
through the public API, and what is refused leaves the store as it was.

The store is ``store_path``'s, so tests/postgres/test_postgres_suites.py runs them again
on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets import management
from neptune_sys_widgets.exceptions import (
    InvalidValueError,
    MetadataInconsistency,
    NeptuneException,
    ObjectsInUseError,
    ProjectNotFound,
)

ROOT = Path(__file__).resolve().parents[2]


def read_back(code: str, **env: str) -> str:
    """``code`` run in a fresh interpreter on the same store; its stdout."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                         stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def structure_of(sys_id: str) -> str:
    return read_back(
        "import neptune_sys_widgets as n\n"
        f"r = n.init_run(project='ws/p', with_id={sys_id!r}, mode='read-only')\n"
        "print(sorted(p for p in r.get_structure() if p not in ('sys', 'monitoring', "
        "'source_code')))\n"
        "r.stop()")


def test_extend_of_a_dict_extends_one_series_per_key(store_path):
    """1.x ``Namespace.extend``: ``extend({"loss": [...], "acc": [...]}, steps=...)``."""
    run = nsw.init_run(project="ws/p", mode="sync")
    run["train"].extend({"loss": [0.5, 0.4], "acc": [0.1, 0.2],
                         "nested": {"lr": [1e-3, 1e-4]}}, steps=[1, 2])
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = read_back(
        "import neptune_sys_widgets as n\n"
        f"r = n.init_run(project='ws/p', with_id={sys_id!r}, mode='read-only')\n"
        "for p in ('train/loss', 'train/acc', 'train/nested/lr'):\n"
        "    df = r[p].fetch_values()\n"
        "    print(p, df['step'].tolist(), df['value'].tolist())\n"
        "r.stop()")
    assert got.splitlines() == ["train/loss [1.0, 2.0] [0.5, 0.4]",
                                "train/acc [1.0, 2.0] [0.1, 0.2]",
                                "train/nested/lr [1.0, 2.0] [0.001, 0.0001]"]


@pytest.mark.parametrize("values, steps", [
    ({"loss": [0.5, 0.4], "acc": [0.1]}, [1, 2]),   # a leaf shorter than the steps
    ({"loss": [0.5, 0.4], "acc": 0.1}, None),        # a leaf that is no collection
    ({"loss": [0.5, 0.4], "name": "abc"}, None),     # a str is one value, not a series
])
def test_a_wrong_dict_extend_logs_nothing(store_path, values, steps):
    run = nsw.init_run(project="ws/p", mode="sync")
    with pytest.raises(InvalidValueError, match="nothing was logged"):
        run["train"].extend(values, steps=steps)
    sys_id = run["sys/id"].fetch()
    run.stop()
    assert structure_of(sys_id) == "[]"


def test_deleting_a_missing_field_raises_as_in_1x(store_path):
    """ReviveMed/mzEmbed ``ml/cleanup_neptune.py`` @ 0ff8dfde wraps ``del run[...]`` in
    ``except NeptuneException: print("not found")``; 1.x's ContainerStructure.pop raised
    ``MetadataInconsistency`` for a path that holds nothing."""
    run = nsw.init_run(project="ws/p", mode="sync")
    run["kept"] = 1
    run["series/loss"].append(0.5)
    for path in ("missing", "kept/deeper", "series/acc"):
        with pytest.raises(NeptuneException, match="attribute not found"):
            del run[path]
    with pytest.raises(MetadataInconsistency):
        run.pop("missing")
    del run["series"]  # a namespace holding only series exists and goes
    sys_id = run["sys/id"].fetch()
    run.stop()
    assert structure_of(sys_id) == "['kept']"


def test_a_namespace_of_series_fetches_as_its_atoms(store_path):
    run = nsw.init_run(project="ws/p", mode="sync")
    run["train/loss"].append(0.5)
    assert run["train"].fetch() == {}  # 1.x's Namespace.fetch() gave atoms only
    run["train/epochs"] = 3
    assert run["train"].fetch() == {"epochs": 3}
    run.stop()


def test_an_argparse_namespace_is_assigned_as_a_namespace(store_path):
    """ArslanArdavic/graph-ml ``exec/greeting.py`` @ 3571b2b0: ``run["cmd-args"] = args``
    (1.x's cast_value: ``Namespace(vars(value))``), also inside a dict."""
    run = nsw.init_run(project="ws/p", mode="sync")
    run["cmd-args"] = argparse.Namespace(message="hi", lr=0.1)
    run["config"] = {"args": argparse.Namespace(epochs=3), "seed": 1}
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = read_back(
        "import neptune_sys_widgets as n\n"
        f"r = n.init_run(project='ws/p', with_id={sys_id!r}, mode='read-only')\n"
        "print(r['cmd-args'].fetch(), r['config'].fetch())\n"
        "r.stop()")
    assert got == "{'message': 'hi', 'lr': 0.1} {'args': {'epochs': 3}, 'seed': 1}"


def test_what_float_converts_is_a_float_as_in_1x(store_path):
    """1.x's ``is_float_like``: anything ``float()`` takes (a Decimal) is a Float, or a
    FloatSeries when appended."""
    run = nsw.init_run(project="ws/p", mode="sync")
    run["price"] = Decimal("0.25")
    run["cost"].append(Decimal("0.5"))
    run["cost"].append(Decimal("0.75"))
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = read_back(
        "import neptune_sys_widgets as n\n"
        f"r = n.init_run(project='ws/p', with_id={sys_id!r}, mode='read-only')\n"
        "print(repr(r['price'].fetch()), r['cost'].fetch_values()['value'].tolist(), "
        "r.get_structure()['cost'])\n"
        "r.stop()")
    assert got == '0.25 [0.5, 0.75] <FloatSeries field at "cost">'


def test_fetch_values_gives_naive_local_times_as_in_1x(store_path):
    """1.x's fetch_values(): ``datetime.fromtimestamp(ms / 1000)``, so code compares the
    column with ``datetime.now()``; in a zone away from UTC the instant is kept."""
    run = nsw.init_run(project="ws/p", mode="sync")
    run["loss"].append(0.5, timestamp=1_700_000_000.25)
    sys_id = run["sys/id"].fetch()
    run.stop()
    got = read_back(
        "import neptune_sys_widgets as n\nfrom datetime import datetime\n"
        f"r = n.init_run(project='ws/p', with_id={sys_id!r}, mode='read-only')\n"
        "ts = r['loss'].fetch_values()['timestamp']\n"
        "print(ts.dtype, ts[0] == datetime.fromtimestamp(1_700_000_000.25), "
        "ts[0] < datetime.now())\n"
        "r.stop()", TZ="Asia/Kolkata")
    assert got == "datetime64[ns] True True"


def test_print_structure_names_a_file_series(store_path, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_FILES", str(tmp_path / "files"))  # (a server store's)
    run = nsw.init_run(project="ws/p", mode="sync")
    run["images"].append(nsw.types.File.from_content(b"\x89PNG", extension="png"))
    run.print_structure()
    run.stop()
    assert "'images': FileSeries" in capsys.readouterr().out


def test_the_1x_error_styles_are_there_for_code_that_turns_them_off():
    """liblaf/cherries ``integration/_neptune.py`` @ 093e56ec:
    ``neptune.common.exceptions.STYLES.update(neptune.common.exceptions.EMPTY_STYLES)``."""
    from neptune_sys_widgets.compat.neptune.common import exceptions as ce
    assert set(ce.EMPTY_STYLES) <= set(ce.STYLES) and ce.STYLES["end"] == "\033[0m"
    assert set(ce.EMPTY_STYLES.values()) == {""}


HOLD = """
import sys, neptune_sys_widgets as n
run = n.init_run(project="ws/gone")
run["x"] = 1
run.wait()
print(run["sys/id"].fetch(), flush=True)
sys.stdin.readline()
run.stop()
"""


def test_delete_project_deletes_everything_but_not_under_a_running_script(store_path):
    """neptune-ai/examples ``create-delete-projects`` (before its removal):
    ``management.delete_project(name=...)``. A project whose run another process still
    writes is refused with that run named, and nothing is deleted."""
    keep = nsw.init_run(project="ws/kept", mode="sync")
    keep.stop()
    holder = subprocess.Popen([sys.executable, "-c", HOLD], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        sys_id = holder.stdout.readline().strip()
        with pytest.raises(ObjectsInUseError, match=sys_id):
            management.delete_project("ws/gone")
        assert "ws/gone" in management.get_project_list()
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    management.delete_project(name="gone", workspace="ws")
    got = read_back(
        "from neptune_sys_widgets import management as m, exceptions as x\n"
        "print(m.get_project_list())\n"
        "try:\n    m.delete_project('ws/gone')\n"
        "except x.ProjectNotFound as e:\n    print(type(e).__name__)")
    assert got.splitlines() == ["['ws/kept']", "ProjectNotFound"]
    with pytest.raises(ProjectNotFound):
        management.delete_project("ws/gone")
    again = nsw.init_run(project="ws/gone", mode="sync")  # the name is free: numbering anew
    assert again["sys/id"].fetch().endswith("-1")
    again.stop()


def test_a_process_that_found_a_project_another_deleted_makes_it_anew(store_path):
    """This process found ``ws/again`` (a server store keeps its row); another process
    deletes it; this one's next run and model go into the project made anew, as a process
    that never knew it would make it, never into the deleted one."""
    nsw.init_run(project="ws/again", mode="sync").stop()
    nsw.init_model(project="ws/again", key="OLD").stop()
    assert read_back("from neptune_sys_widgets import management as m\n"
                     "m.delete_project('ws/again')\nprint('deleted')") == "deleted"
    run = nsw.init_run(project="ws/again", mode="sync")
    model = nsw.init_model(project="ws/again", key="NEW")
    ids = run["sys/id"].fetch(), model["sys/id"].fetch()
    run.stop()
    model.stop()
    got = read_back(
        "import neptune_sys_widgets as n\n"
        "p = n.init_project(project='ws/again', mode='read-only')\n"
        "print(p.fetch_runs_table().to_pandas()['sys/id'].tolist(), "
        "p.fetch_models_table().to_pandas()['sys/id'].tolist())")
    assert got == f"[{ids[0]!r}] [{ids[1]!r}]" and ids[0].endswith("-1")
