"""Issue 20 #3: behaviour Neptune's own suites and real code check, one test per rule,
each read back from a second process where it stores something."""

from __future__ import annotations

import json
import logging

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import (
    MissingFieldException,
    TypeDoesNotSupportAttributeException,
)
from neptune_sys_widgets.types import StringSet

from .conftest import run_python


def read_back(sys_id: str, path: str) -> list:
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        print(json.dumps(sorted(r[{path!r}].fetch()) if r.exists({path!r}) else None))
    """)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_set_operations_apply_to_string_sets_only(store_path, caplog):
    """neptune-client tests/e2e/standard/test_base.py::test_do_not_accept_non_tag_path:
    add() on an unassigned path is reported and applies nothing (fetch then raises an
    AttributeError); on a field of another type it raises AttributeError at once; on a
    path assigned a StringSet, and on sys/tags, it applies."""
    run = nsw.init_run(project="ws/sets")
    with caplog.at_level(logging.ERROR, logger="neptune_sys_widgets"):
        run["some/path"].add("word")
    assert "holds no string set" in caplog.text
    run.wait()
    with pytest.raises(AttributeError) as info:
        run["some/path"].fetch()
    assert isinstance(info.value, MissingFieldException)
    run["lr"] = 0.1
    for op in ("add", "remove", "clear"):
        with pytest.raises(TypeDoesNotSupportAttributeException, match="lr is a Float"):
            getattr(run["lr"], op)(*(["x"] if op != "clear" else []))
    run["labels"] = StringSet(["a"])
    run["labels"].add("b")
    run["labels"].remove("a")
    run["sys/tags"].add("t")
    sys_id = run["sys/id"].fetch()
    run.stop()
    assert read_back(sys_id, "labels") == ["b"]
    assert read_back(sys_id, "sys/tags") == ["t"]
    assert read_back(sys_id, "some/path") is None


def test_a_rejected_set_operation_reaches_on_error_callback(store_path):
    errors = []
    run = nsw.Run(project="ws/sets", on_error_callback=lambda e, ts: errors.append(e))
    run["not/a/set"].add("x")
    run.close()
    assert [type(e).__name__ for e in errors] == ["TypeDoesNotSupportAttributeException"]
