"""1.x's value wrappers as its users compare and build them: atoms equal by value,
``neptune.types.namespace.Namespace`` and ``neptune.types.type_casting.cast_value``."""

from __future__ import annotations

import argparse
from datetime import datetime

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.compat.neptune.types.namespace import Namespace
from neptune_sys_widgets.compat.neptune.types.type_casting import cast_value
from neptune_sys_widgets.types import (
    Boolean,
    Datetime,
    File,
    Float,
    FloatSeries,
    Integer,
    String,
)


def test_atoms_compare_by_type_and_value():
    assert Float(1.5) == Float(1.5) and hash(Float(1.5)) == hash(Float(1.5))
    assert Float(1) != Integer(1)
    assert String("a") != String("b")


@pytest.mark.parametrize("plain, wrapped", [
    (1, Integer(1)), (0.5, Float(0.5)), (True, Boolean(True)), ("1", String("1")),
    (datetime(2024, 1, 2, 3, 4, 5), Datetime(datetime(2024, 1, 2, 3, 4, 5))),
    ({"a": 1}, Namespace({"a": 1}))])
def test_cast_value_wraps_plain_values(plain, wrapped):
    assert cast_value(plain) == wrapped
    assert type(cast_value(plain)) is type(wrapped)


def test_cast_value_keeps_wrappers_and_reads_argparse_and_images():
    series = FloatSeries([1, 2], min=0)
    assert cast_value(series) is series
    assert cast_value(argparse.Namespace(lr=0.1)) == Namespace({"lr": 0.1})
    assert cast_value(object()) is None
    pil = pytest.importorskip("PIL.Image")
    image = pil.new("L", (2, 2))
    as_file = cast_value(image)
    assert isinstance(as_file, File) and as_file.extension == "png"


def test_a_namespace_assigns_as_its_dict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ns = Namespace({"lr": 0.1, "opt": {"name": "adam"}})
    assert ns.value == {"lr": 0.1, "opt": {"name": "adam"}}
    with nsw.init_run(project="ws/ns", mode="debug") as run:
        run["params"] = ns
        assert run["params"].fetch() == {"lr": 0.1, "opt": {"name": "adam"}}
