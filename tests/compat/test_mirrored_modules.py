"""Issue 20 #2: the public modules Neptune code imports, as that code imports them (through
the drop-in, in a real process), and what each does: envs, the python logger handler,
common warnings and exceptions, neptune.table, neptune.attributes isinstance checks,
neptune_scale.exceptions with upstream's keyword arguments, util.envs and
NeptuneLoggingHandler. Each case reads the store back from this process."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import child_env, run_python


def drop_in(code: str, tmp_path) -> dict:
    env = child_env(NEPTUNE_SYS_DROP_IN="1")
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_neptune_1x_modules(store_path, tmp_path):
    out = drop_in("""
        import json, logging, os, warnings
        import neptune
        from neptune.envs import PROJECT_ENV_NAME, CUSTOM_RUN_ID_ENV_NAME, API_TOKEN_ENV_NAME
        from neptune.common.envs import NOTEBOOK_ID_ENV_NAME
        from neptune.common.warnings import NeptuneWarning, NeptuneUnsupportedType, warn_once
        from neptune.common.exceptions import NeptuneException, NeptuneConnectionLostException
        from neptune.exceptions import MissingFieldException
        from neptune.table import Table
        from neptune.attributes import (Attribute, Float, FloatSeries, Namespace, String,
                                        StringSeries, StringSet)
        from neptune.attributes.series import FloatSeries as FS2

        os.environ[PROJECT_ENV_NAME] = "ws/mirror"
        run = neptune.init_run()
        run["lr"] = 0.1
        run["loss"].append(0.5)
        run["name"] = "x"
        checks = {
            "float": isinstance(run["lr"], Float), "not_series": isinstance(run["lr"], FloatSeries),
            "series": isinstance(run["loss"], FS2), "string": isinstance(run["name"], String),
            "tags": isinstance(run["sys/tags"], StringSet), "any": isinstance(run["lr"], Attribute),
            "unassigned": isinstance(run["nope"], Attribute),
        }
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warn_once("once"); warn_once("once")
        try:
            run["nope"].fetch()
        except NeptuneException as e:
            caught_base = type(e).__name__
        try:
            neptune.init_run(with_id=5)
        except NeptuneException as e:
            caught_type = type(e).__name__
        table = neptune.init_project(mode="read-only").fetch_runs_table()
        run.wait()
        print(json.dumps({"checks": checks, "warned": len(caught), "base": caught_base,
                          "type": caught_type, "table": isinstance(table, Table),
                          "env": [PROJECT_ENV_NAME, CUSTOM_RUN_ID_ENV_NAME, API_TOKEN_ENV_NAME,
                                  NOTEBOOK_ID_ENV_NAME]}))
        run.stop()
    """, tmp_path)
    assert out["checks"] == {"float": True, "not_series": False, "series": True,
                             "string": True, "tags": True, "any": True, "unassigned": False}
    assert out["warned"] == 1 and out["table"] is True
    assert out["base"] == "MissingFieldException" and out["type"] == "InvalidTypeError"
    assert out["env"] == ["NEPTUNE_PROJECT", "NEPTUNE_CUSTOM_RUN_ID", "NEPTUNE_API_TOKEN",
                          "NEPTUNE_NOTEBOOK_ID"]


ONE_MODULE_PER_CLASS = {  # 1.x's src/neptune/attributes layout, module: class
    "attribute": "Attribute", "namespace": "Namespace", "file_set": "FileSet",
    "atoms.atom": "Atom", "atoms.copiable_atom": "CopiableAtom", "atoms.artifact": "Artifact",
    "atoms.boolean": "Boolean", "atoms.datetime": "Datetime", "atoms.file": "File",
    "atoms.float": "Float", "atoms.git_ref": "GitRef", "atoms.integer": "Integer",
    "atoms.notebook_ref": "NotebookRef", "atoms.run_state": "RunState",
    "atoms.string": "String", "series.series": "Series",
    "series.fetchable_series": "FetchableSeries", "series.float_series": "FloatSeries",
    "series.string_series": "StringSeries", "series.file_series": "FileSeries",
    "sets.set": "Set", "sets.string_set": "StringSet"}


def test_attribute_classes_import_from_their_1x_modules(store_path, tmp_path):
    """Code walks ``get_structure()`` with the class of 1.x's own module and rebuilds each
    path from ``attr._path``, a list in 1.x (ml-mesh's tracked model version, corpus 130;
    neptune-exporter)."""
    out = drop_in(f"""
        import importlib, json
        import neptune
        from neptune.attributes.atoms.file import File as FileAttribute
        from neptune.attributes.series.float_series import FloatSeries
        from neptune.types import File

        classes = {{m: getattr(importlib.import_module("neptune.attributes." + m), c)
                   for m, c in {ONE_MODULE_PER_CLASS!r}.items()}}
        run = neptune.init_run(project="ws/layout")
        run["model/weights.bin"].upload(File.from_content(b"w"))
        run["model/cfg"] = "x"
        run["loss"].append(0.5)

        def leaves(tree):
            for value in tree.values():
                yield from leaves(value) if isinstance(value, dict) else [value]

        files = sorted("/".join(a._path) for a in leaves(run.get_structure())
                       if isinstance(a, FileAttribute))
        print(json.dumps({{"names": {{m: c.__name__ for m, c in classes.items()}},
                          "files": files, "series": isinstance(run["loss"], FloatSeries),
                          "path": run["model/cfg"]._path}}))
        run.stop()
    """, tmp_path)
    assert out["names"] == ONE_MODULE_PER_CLASS
    assert out["files"] == ["model/weights.bin"]
    assert out["series"] is True and out["path"] == ["model", "cfg"]


def test_python_logger_handler(store_path, tmp_path):
    out = drop_in("""
        import json, logging
        import neptune
        from neptune.integrations.python_logger import NeptuneHandler
        run = neptune.init_run(project="ws/mirror")
        logger = logging.getLogger("mirror")
        logger.setLevel(logging.INFO)
        logger.addHandler(NeptuneHandler(run=run))
        logger.info("first %s", 1)
        logger.warning("second")
        run.wait()
        print(json.dumps({"ns": run.monitoring_namespace, "id": run["sys/id"].fetch()}))
        run.stop()
    """, tmp_path)
    run = nsw.init_run(with_id=out["id"], mode="read-only")
    lines = list(run[f"{out['ns']}/python_logger"].fetch_values()["value"])
    assert lines == ["first 1", "second"]
    assert run["source_code/integrations/neptune-python-logger"].fetch() == nsw.__version__


def test_neptune_handler_rejects_what_it_cannot_use(store_path):
    from neptune_sys_widgets.compat.neptune.integrations.python_logger import NeptuneHandler
    from neptune_sys_widgets.exceptions import InvalidTypeError
    run = nsw.init_run(project="ws/mirror")
    for kwargs in ({"run": "CLS-1"}, {"run": run, "level": "INFO"}, {"run": run, "path": 5}):
        with pytest.raises(InvalidTypeError):
            NeptuneHandler(**kwargs)
    run.stop()


def test_neptune_scale_modules(store_path, tmp_path):
    out = drop_in("""
        import json, logging
        from neptune_scale import Run, NeptuneLoggingHandler
        from neptune_scale.exceptions import (NeptuneScaleError, NeptuneUnexpectedError,
            NeptuneAttributePathEmpty, NeptuneSeriesStepNonIncreasing, NeptuneBadRequestError,
            NeptuneFloatValueNanInfUnsupported, NeptuneRunDuplicate, NeptuneScaleWarning)
        from neptune_scale.util.envs import PROJECT_ENV_NAME, MODE_ENV_NAME
        from neptune_scale.api.run import Run as ApiRun

        unexpected = NeptuneUnexpectedError(reason="disk on fire")
        bad = NeptuneBadRequestError(reason="nope", status_code=400)
        nan = NeptuneFloatValueNanInfUnsupported(metric="loss", step=3, value=float("nan"))
        dup = NeptuneRunDuplicate()
        run = Run(project="ws/scale-mirror", run_id="m-1")
        errors = []
        run2 = Run(project="ws/scale-mirror", run_id="m-2",
                   on_error_callback=lambda e, ts: errors.append(e))
        run2.log_metrics({"x": 1.0}, step=2)
        run2.log_metrics({"x": 1.0}, step=1)
        run2.close()
        try:
            run.log_configs({"": 1})
        except NeptuneScaleError as e:
            path_error = type(e).__name__
        logger = logging.getLogger("scale-mirror")
        logger.setLevel(logging.INFO)
        logger.addHandler(NeptuneLoggingHandler(run=run))
        logger.info("two\\nlines")
        run.close()
        print(json.dumps({
            "unexpected": str(unexpected), "bad": str(bad), "nan": str(nan),
            "dup_is_warning": isinstance(dup, NeptuneScaleWarning) and isinstance(dup, Warning),
            "caught": [type(e).__name__ for e in errors],
            "step_is_scale": issubclass(NeptuneSeriesStepNonIncreasing, NeptuneScaleError),
            "path_error": path_error, "envs": [PROJECT_ENV_NAME, MODE_ENV_NAME],
            "same_run": ApiRun is Run}))
    """, tmp_path)
    assert "disk on fire" in out["unexpected"]
    assert "400" in out["bad"] and "nope" in out["bad"]
    assert "loss" in out["nan"] and "3" in out["nan"]
    assert out["dup_is_warning"] and out["step_is_scale"] and out["same_run"]
    assert out["caught"] == ["NeptuneSeriesStepNonIncreasing"]
    assert out["path_error"] == "NeptuneAttributePathEmpty"
    assert out["envs"] == ["NEPTUNE_PROJECT", "NEPTUNE_MODE"]
    table = nsw.init_project("ws/scale-mirror", mode="read-only").fetch_runs_table()
    run_id = {r["sys/custom_run_id"].get(): r["sys/id"].get() for r in table}["m-1"]
    logs = nsw.init_run(with_id=run_id, mode="read-only")["runtime/logs"].fetch_values()
    assert list(logs["value"]) == ["two", "lines"]
    assert list(logs["step"]) == [0.000001, 0.000002]  # neptune-scale's: 1e-6 apart


def test_scale_logging_handler_counts_steps_as_neptune_scale(store_path, tmp_path):
    """NeptuneLoggingHandler's steps, as neptune-scale's StepTracker counts them: 1e-6
    apart after a fork's step; a line longer than a string-series value is split; a second
    handler on the same series goes on after its last step (read by another process)."""
    drop_in("""
        import logging
        from neptune_scale import Run, NeptuneLoggingHandler
        parent = Run(project="ws/handler", run_id="h-parent")
        parent.log_metrics({"m": 1.0}, step=5)
        parent.close()
        run = Run(project="ws/handler", run_id="h-fork", fork_run_id="h-parent", fork_step=5)
        logger = logging.getLogger("handler-steps")
        logger.setLevel(logging.INFO)
        logger.addHandler(NeptuneLoggingHandler(run=run, attribute_path="log/x"))
        logger.info("short")
        logger.info("y" * 2500)
        logger.handlers.clear()
        logger.addHandler(NeptuneLoggingHandler(run=run, attribute_path="log/x"))
        logger.info("again")
        run.close()
        print("{}")
    """, tmp_path)
    out = run_python(f"""
        import json
        import neptune_sys_widgets.query.runs as nq_runs
        df = nq_runs.fetch_series(project="ws/handler", runs=["h-fork"], attributes="log/x",
                                  store={store_path!r})
        print(json.dumps([[float(s), len(v)] for (_, s), v in
                          zip(df.index, df["log/x"])]))
    """).stdout.strip().splitlines()[-1]
    assert json.loads(out) == [[5.000001, 5], [5.000002, 1000], [5.000003, 1000],
                               [5.000004, 500], [5.000005, 5]]


def test_scale_files_and_histograms_are_stored(store_path, tmp_path):
    """neptune-scale's file and histogram calls, through the drop-in, store what they are
    given: a second process reads the files' bytes and the histograms back."""
    (tmp_path / "f.txt").write_text("file text")
    drop_in("""
        from neptune_scale import Run
        from neptune_scale.types import File, Histogram
        run = Run(project="ws/scale-files", run_id="n-1")
        run.assign_files({"a": File(source=b"x", mime_type="image/png"), "b": "f.txt"})
        run.log_files({"s": File(source="f.txt")}, step=1)
        run.log_histograms({"h": Histogram([0, 1, 2], counts=[3, 4])}, step=1)
        run.log_histograms({"h": Histogram([0, 1, 2], densities=[0.5, 0.5])}, step=2)
        run.close()
        print("{}")
    """, tmp_path)
    out = run_python("""
        import json, neptune_sys_widgets as n
        p = n.init_project("ws/scale-files", mode="read-only")
        run_id = p.fetch_runs_table().to_pandas()["sys/id"].iloc[0]
        r = n.init_run(with_id=run_id, mode="read-only")
        h = r["h"].fetch_last()
        print(json.dumps([r["a"].fetch().content.decode(), r["a"].fetch_extension(),
                          r["b"].fetch().content.decode(), r["s"].fetch_last().content.decode(),
                          h.bin_edges_as_list(), h.densities_as_list(),
                          r["h"].get_root_object() is r]))
    """)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [
        "x", "png", "file text", "file text", [0.0, 1.0, 2.0], [0.5, 0.5], True]


def test_types_submodules_are_the_same_classes(tmp_path):
    out = drop_in("""
        import json
        from neptune.types import File, FloatSeries as FS0
        from neptune.types.atoms.float import Float
        from neptune.types.atoms.git_ref import GitRef
        from neptune.types.series.float_series import FloatSeries
        from neptune.types.sets.string_set import StringSet
        import neptune_sys_widgets.types as t
        print(json.dumps([Float is t.Float, FloatSeries is t.FloatSeries is FS0,
                          StringSet is t.StringSet, GitRef is t.GitRef, File is t.File]))
    """, tmp_path)
    assert out == [True] * 5


def test_neptune_scale_run_checks_its_arguments(store_path, tmp_path):
    """neptune-client-scale tests/unit/test_run.py: a project must be 'workspace/name',
    given or in NEPTUNE_PROJECT; on_async_lag_callback goes with async_lag_threshold. The
    product's own Run stays lenient (a default project)."""
    out = drop_in("""
        import json, os
        from neptune_scale import Run
        from neptune_scale.exceptions import NeptuneProjectNotProvided
        import neptune_sys_widgets as nsw
        said = []
        for kwargs in ({"project": "no-workspace"}, {"project": "a/b/c"},
                       {"project": "ws/p", "on_async_lag_callback": lambda: None}):
            try:
                Run(**kwargs)
            except ValueError as e:
                said.append("ValueError")
        os.environ.pop("NEPTUNE_PROJECT", None)
        try:
            Run()
        except NeptuneProjectNotProvided:
            said.append("NeptuneProjectNotProvided")
        ok = Run(project="ws/scale-args", run_id="fine")
        ok.close()
        lenient = nsw.Run()
        lenient.close()
        print(json.dumps({"said": said, "same_class": isinstance(ok, nsw.Run)}))
    """, tmp_path)
    assert out == {"said": ["ValueError"] * 3 + ["NeptuneProjectNotProvided"],
                   "same_class": True}


def test_management_errors_are_caught_by_their_1x_names(store_path, tmp_path):
    """1.x code catches an unknown project with ``neptune.management.exceptions.
    ProjectNotFound``; the product's own ``ProjectNotFound`` (its base) must still catch
    the same error, and a known project keeps working through the 1.x module."""
    out = drop_in("""
        import json
        import neptune
        from neptune.management import trash_objects, create_project, get_project_list
        from neptune.management.exceptions import ProjectNotFound, ManagementOperationFailure
        import neptune_sys_widgets.exceptions as product

        caught = {}
        for name, cls in (("1x", ProjectNotFound), ("base", ManagementOperationFailure),
                          ("product", product.ProjectNotFound)):
            try:
                trash_objects("ws/nowhere", ["NOW-1"])
            except cls as e:
                caught[name] = "ws/nowhere" in str(e)
        create_project("ws/here")
        run = neptune.init_run(project="ws/here")
        sys_id = run["sys/id"].fetch()
        run.stop()
        trash_objects("ws/here", [sys_id])
        print(json.dumps({"caught": caught, "listed": "ws/here" in get_project_list()}))
    """, tmp_path)
    assert out == {"caught": {"1x": True, "base": True, "product": True}, "listed": True}


def test_scale_projects_create_and_list(store_path, tmp_path):
    """neptune_scale.projects: create_project returns workspace/name and makes the project
    (with its key) in the store; an existing one is returned, or refused with
    fail_if_exists; bad names and arguments raise naming them."""
    out = drop_in("""
        import json
        from neptune_scale.projects import create_project, list_projects
        from neptune_scale.exceptions import NeptuneProjectAlreadyExists
        made = [create_project("proj-x", workspace="team", key="PX2"),
                create_project("team/proj-x"), create_project("team/other")]
        errors = []
        for call in (lambda: create_project("team/proj-x", fail_if_exists=True),
                     lambda: create_project("proj-y"),
                     lambda: create_project("team/proj-y", workspace="elsewhere"),
                     lambda: create_project(5),
                     lambda: create_project("team/proj-y", visibility="secret")):
            try:
                call()
            except Exception as e:
                errors.append([type(e).__name__, str(e)])
        print(json.dumps({"made": made, "listed": sorted(list_projects()), "errors": errors}))
    """, tmp_path)
    assert out["made"] == ["team/proj-x", "team/proj-x", "team/other"]
    assert out["listed"] == ["team/other", "team/proj-x"]
    kinds = [e[0] for e in out["errors"]]
    assert kinds == ["NeptuneProjectAlreadyExists", "InvalidValueError", "InvalidValueError",
                     "InvalidTypeError", "InvalidValueError"]
    assert "Workspace not provided" in out["errors"][1][1]
    assert "elsewhere" in out["errors"][2][1] and "name" in out["errors"][3][1]
    run = nsw.init_run(project="team/proj-x", mode="sync")
    assert run.sys_id.startswith("PX2-")  # the key create_project was given
    run.stop()


def test_names_for_code_whose_import_was_edited():
    """The same objects under this package's own names, for `from neptune_scale import
    NeptuneLoggingHandler` -> `from neptune_sys_widgets import ...` and the like."""
    from neptune_sys_widgets import NeptuneLoggingHandler
    from neptune_sys_widgets.compat.neptune.integrations import python_logger as mirrored
    from neptune_sys_widgets.compat.neptune_scale import NeptuneLoggingHandler as scale
    from neptune_sys_widgets.integrations.python_logger import NeptuneHandler
    from neptune_sys_widgets.projects import create_project, list_projects
    assert NeptuneLoggingHandler is scale and NeptuneHandler is mirrored.NeptuneHandler
    assert callable(create_project) and callable(list_projects)


def test_typing_legacy_and_scale_exception_names(store_path, tmp_path):
    """neptune.typing's interfaces hold for this package's objects and handles (through the
    drop-in); neptune_scale.legacy's dict-like Run logs like neptune-scale's; neptune-scale's
    error names resolve from neptune_sys_widgets.exceptions to the very same classes."""
    out = drop_in("""
        import json
        from neptune.typing import NeptuneObject, ProgressBarCallback, SupportsNamespaces
        from neptune.metadata_containers.abstract import SupportsNamespaces as Abstract
        from neptune_scale.legacy import Attribute, Run
        from neptune_scale.exceptions import NeptuneAttributePathNonWritable as Scale
        from neptune_sys_widgets.exceptions import NeptuneAttributePathNonWritable as Ours

        class Bar(ProgressBarCallback):
            def update(self, *, by, total=None):
                pass

            def __exit__(self, *exc):
                return None

        run = Run(project="ws/legacy", run_id="lg-1")
        run["foo"] = 1
        run["metrics/loss"].append(0.5, step=10)
        checks = [isinstance(run, NeptuneObject), isinstance(run["foo"], SupportsNamespaces),
                  isinstance(run["foo"], Attribute), SupportsNamespaces is Abstract,
                  Scale is Ours, isinstance(Bar(), ProgressBarCallback)]
        run.close()
        print(json.dumps(checks))
    """, tmp_path)
    assert out == [True] * 6
    table = nsw.init_project("ws/legacy", mode="read-only").fetch_runs_table().to_pandas()
    run = nsw.init_run(with_id=table["sys/id"][0], project="ws/legacy", mode="read-only")
    assert run["foo"].fetch() == 1
    assert list(run["metrics/loss"].fetch_values()["step"]) == [10.0]


def test_scale_logger_and_fork_step(store_path, tmp_path):
    """scale-examples' hardware monitor (corpus 132): ``get_logger()`` from
    neptune_scale.util.logger is the ``neptune`` logger at ``NEPTUNE_LOGGER_LEVEL``, set up
    once; ``run._fork_step`` is the step a fork starts after, None for a root run."""
    env_code = """
        import json, logging, os
        os.environ["NEPTUNE_LOGGER_LEVEL"] = "warning"
        from neptune_scale import Run
        from neptune_scale.util.logger import get_logger
        from neptune_sys_widgets.util.logger import get_logger as own
        log = get_logger()
        parent = Run(project="ws/lg", run_id="lg-parent")
        parent.log_metrics({"m": 1.0}, step=3)
        fork = Run(project="ws/lg", run_id="lg-fork", fork_run_id="lg-parent", fork_step=3)
        out = {"name": log.name, "level": log.level, "same": get_logger() is log is own(),
               "handlers": len(log.handlers), "root": parent._fork_step,
               "fork": fork._fork_step}
        fork.close(); parent.close()
        os.environ["NEPTUNE_LOGGER_LEVEL"] = "loud"
        logging.getLogger("neptune")._neptune_sys_widgets = False
        try:
            get_logger()
        except ValueError as e:
            out["error"] = str(e)
        print(json.dumps(out))
    """
    out = drop_in(env_code, tmp_path)
    assert out["name"] == "neptune" and out["level"] == logging.WARNING
    assert out["same"] is True and out["handlers"] == 1
    assert out["root"] is None and out["fork"] == 3
    assert "NEPTUNE_LOGGER_LEVEL" in out["error"]
