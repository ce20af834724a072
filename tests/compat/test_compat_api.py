"""The 1.x / neptune-scale names that real code imports and calls (issue 8, items 4-6 and 9), each
checked through what a second process reads back where it stores something."""

from __future__ import annotations

import dataclasses
import json
import math
import os

import numpy as np
import pytest

import neptune_sys_widgets as neptune
from neptune_sys_widgets import exceptions
from neptune_sys_widgets.types import (
    Boolean,
    File,
    Float,
    FloatSeries,
    Integer,
    String,
    StringSeries,
    StringSet,
)
from neptune_sys_widgets.utils import stringify_unsupported
from tests.conftest import run_python

P = "ws/compat"


def second_process(sys_id: str, expr: str) -> object:
    out = run_python(f"""
        import json, neptune_sys_widgets as neptune
        run = neptune.init_run(project={P!r}, with_id={sys_id!r}, mode="read-only")
        print(json.dumps({expr}, default=repr))
    """)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_stringify_unsupported_keeps_structure_and_stringifies_the_rest(store_path):
    run = neptune.init_run(project=P)
    cfg = {"tuple": ("hi", 1), "metric": 0.87, "nested": {"lst": [1, 2], "none": None,
                                                          "nan": math.nan, "n": np.int64(3)}}
    run["cfg"] = stringify_unsupported(cfg)
    run["train/vals"].append(stringify_unsupported((1, 2)))
    run.wait()
    got = second_process(run._sys_id, 'run["cfg"].fetch()')
    assert got == {"tuple": "('hi', 1)", "metric": 0.87,
                   "nested": {"lst": "[1, 2]", "none": "None", "nan": "nan", "n": 3}}
    assert second_process(run._sys_id, 'run["train/vals"].fetch_last()') == "(1, 2)"
    run.stop()


@pytest.mark.slow
def test_neptune_types_assign_atoms_series_and_sets(store_path):
    run = neptune.init_run(project=P)
    run["a/f"] = Float(0.5)
    run["a/i"] = Integer(3)
    run["a/s"] = String("x")
    run["a/b"] = Boolean(True)
    run["loss"] = FloatSeries([0.3, 0.2, 0.1], min=0, max=1, unit="x")
    run["notes"] = StringSeries(["a", "b"], steps=[5, 7])
    run["labels"] = StringSet(["cat", "dog"])
    run["loss"] = FloatSeries([9.0, 8.0])  # assigning a series replaces it
    run.wait()
    sid = run._sys_id
    assert second_process(sid, 'run["a"].fetch()') == {"f": 0.5, "i": 3, "s": "x", "b": True}
    assert second_process(sid, 'list(run["loss"].fetch_values()["value"])') == [9.0, 8.0]
    assert second_process(sid, 'list(run["notes"].fetch_values()["step"])') == [5.0, 7.0]
    assert second_process(sid, 'sorted(run["labels"].fetch())') == ["cat", "dog"]
    run.stop()


@pytest.mark.slow
def test_series_of_another_type_raise_and_store_nothing(store_path):
    run = neptune.init_run(project=P)
    run["m"].append(0.5)
    for bad in (lambda: run["m"].append("abcdefgh"), lambda: run["m"].extend([1.0, "x"])):
        with pytest.raises(exceptions.InvalidTypeError, match="FloatSeries"):
            bad()
    run["s"].append("text")
    with pytest.raises(exceptions.InvalidTypeError, match="StringSeries"):
        run["s"].append(1.0)
    run.wait()
    with pytest.raises(exceptions.InvalidTypeError, match="StringSeries"):
        run.log_metrics({"s": 2.0}, step=9)
    assert second_process(run._sys_id, 'list(run["m"].fetch_values()["value"])') == [0.5]
    assert second_process(run._sys_id, 'list(run["s"].fetch_values()["value"])') == ["text"]
    run.stop()


def test_files_are_stored_and_downloaded(store_path, tmp_path):
    src = tmp_path / "weights.pt"
    src.write_bytes(b"\x00\x01binary")
    run = neptune.init_run(project=P)
    run["model/weights"].upload(str(src))
    run["model/cfg"] = File.from_content('{"a": 1}', extension="json")
    run["report"].upload(File.as_html("<b>hi</b>"))
    with pytest.raises(exceptions.InvalidValueError, match="cannot read"):
        run["missing"].upload(str(tmp_path / "nope.bin"))
    run.wait()
    out = tmp_path / "out"
    out.mkdir()
    got = second_process(run._sys_id, f'[run["model/weights"].download({str(out)!r}), '
                                      'run["model/cfg"].fetch_extension()]')
    assert got[1] == "json"
    assert (out / "weights.pt").read_bytes() == b"\x00\x01binary"
    assert run["report"].fetch().content == b"<b>hi</b>"
    assert not run.exists("missing")
    run.stop()


@pytest.mark.slow
def test_copying_a_handle_copies_the_value_or_the_series(store_path):
    a = neptune.init_run(project=P)
    a["params/lr"] = 0.1
    a["loss"].extend([1.0, 0.5])
    a["sys/tags"].add(["x", "y"])
    b = neptune.init_run(project=P)
    b["lr"] = a["params/lr"]
    b["loss_copy"] = a["loss"]
    b["a_tags"] = a["sys/tags"]
    b.wait()
    assert second_process(b._sys_id, 'run["lr"].fetch()') == 0.1
    assert second_process(b._sys_id, 'list(run["loss_copy"].fetch_values()["value"])') == \
        [1.0, 0.5]
    assert second_process(b._sys_id, 'sorted(run["a_tags"].fetch())') == ["x", "y"]
    a.stop()
    b.stop()


def test_handle_reprs_name_the_field_type_and_print_structure(store_path, capsys):
    run = neptune.init_run(project=P)
    run["train/loss"].append(0.5)
    run["params/lr"] = 0.1
    run.wait()
    assert repr(run["train/loss"]) == '<FloatSeries field at "train/loss">'
    assert repr(run["params/lr"]) == '<Float field at "params/lr">'
    assert repr(run["sys/tags"]) == '<StringSet field at "sys/tags">'
    assert repr(run["params"]) == '<Namespace field at "params">'
    assert repr(run["nothing"]) == '<Unassigned field at "nothing">'
    run.print_structure()
    text = capsys.readouterr().out
    assert "'params':\n    'lr': Float" in text and "    'loss': FloatSeries" in text
    run.stop()


def test_urls_run_id_and_constructors(store_path):
    run = neptune.Run(project=P, experiment_name="exp", run_id="rid-1")
    assert run._run_id == "rid-1"
    scheme = "postgresql://" if "://" in store_path else "file://"
    assert run.get_run_url().startswith(scheme) and run.get_run_url().endswith(
        f"#{run._project.name}/{run._sys_id}")
    assert run.get_experiment_url().endswith("/experiment/exp")
    assert run["sys/family"].fetch() == "rid-1"
    run.stop()
    model = neptune.Model(key="CLF", project=P, name="clf")
    version = neptune.ModelVersion(model=model["sys/id"].fetch(), project=P)
    version.change_stage("staging")
    again = neptune.ModelVersion(with_id=version["sys/id"].fetch(), mode="read-only")
    assert again["sys/stage"].fetch() == "staging"
    assert again["sys/model_id"].fetch() == model["sys/id"].fetch()
    assert model.get_url().endswith(f"/{model['sys/id'].fetch()}")
    project = neptune.Project(project=P, mode="read-only")
    assert project.get_url().startswith(scheme)
    assert len(project.fetch_runs_table().to_pandas()) == 1
    version.stop()
    model.stop()
    with pytest.raises(ValueError, match="experiment_name"):
        neptune.Run(project=P).get_experiment_url()


def test_hosted_service_arguments_are_accepted_and_ignored(store_path):
    from neptune_sys_widgets.api.run import SourceTrackingConfig
    run = neptune.init_run(project=P, api_token=neptune.ANONYMOUS_API_TOKEN, proxies={},
                           source_files=["*.py"], capture_stdout=False,
                           capture_stderr=False, capture_hardware_metrics=False,
                           git_ref=False, dependencies="infer", flush_period=5)
    run.stop()
    scale = neptune.Run(project=P, api_token="x", source_tracking_config=SourceTrackingConfig(),
                        enable_console_log_capture=False, runtime_namespace="rt",
                        log_directory="/tmp/nowhere")
    scale.close()
    with pytest.raises(TypeError, match="unexpected keyword argument 'no_such_arg'"):
        neptune.init_run(project=P, no_such_arg=1)


def test_disabled_mode_writes_nothing_to_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEPTUNE_SYS_STORE", raising=False)
    run = neptune.Run(mode="disabled")
    run.log_metrics({"m": 1.0}, step=0)
    run.close()
    assert os.listdir(tmp_path) == []


@dataclasses.dataclass
class Optim:
    lr: float = 0.01
    betas: tuple = (0.9, 0.99)


@dataclasses.dataclass
class Config:
    name: str = "resnet"
    optim: Optim = dataclasses.field(default_factory=Optim)
    layers: list = dataclasses.field(default_factory=lambda: [64, 128])
    tags: list = dataclasses.field(default_factory=lambda: ["a", "b"])
    extra: object = None


def test_log_configs_flattens_dataclasses_and_casts_unsupported(store_path):
    run = neptune.Run(project=P)
    run.log_configs(Config(), flatten=True, cast_unsupported=True)
    run.wait()
    got = second_process(run._sys_id, "run.fetch()")
    assert got["name"] == "resnet" and got["optim"]["lr"] == 0.01
    assert got["optim"]["betas"] == "(0.9, 0.99)" and got["layers"] == "[64, 128]"
    assert got["extra"] == "" and sorted(eval(got["tags"])) == ["a", "b"]
    run.log_configs({"bad": object()})  # without cast_unsupported: dropped, as neptune-scale
    run.wait()                            # drops it (tests/objects/test_scale_log_failures.py)
    assert not run.exists("bad")
    run.close()


def test_1x_exception_names_exist_and_share_the_base():
    for name in ("MetadataInconsistency", "NeptuneException", "MissingFieldException",
                 "NeptuneInvalidApiTokenException", "Unauthorized", "RunNotFound",
                 "NeptuneUnsupportedFunctionalityException", "InactiveRunException"):
        cls = getattr(exceptions, name)
        assert issubclass(cls, exceptions.NeptuneSysError), name


def test_a_symlink_loop_is_a_typed_error_naming_the_path(store_path, tmp_path):
    """A path the system cannot open for a reason other than missing / folder / permission
    (here a link to itself: ELOOP) is still the user's bad input: ``InvalidValueError``
    with the field, the path and the system's reason, not a bare ``OSError``; nothing of the
    call is stored. neptune-scale's ``assign_files`` skips such a file with a warning
    (tests/test_scale_files.py); it is not stored either."""
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    run = neptune.init_run(project=P)
    with pytest.raises(exceptions.InvalidValueError,
                       match=r"weights: cannot read .*loop'.*symbolic links"):
        run["weights"].upload(str(loop))
    scale = neptune.Run(project=P)
    scale.assign_files({"config": str(loop)})  # neptune-scale warns and skips instead
    run.wait()
    scale.wait_for_processing()
    assert second_process(run._sys_id, 'run.exists("weights")') is False
    assert second_process(scale._sys_id, 'run.exists("config")') is False
    run.stop()
    scale.close()
