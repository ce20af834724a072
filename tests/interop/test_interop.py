"""Import and export of neptune-exporter trees (issue 11), on trees built by
``tests/harness/exporter_fixtures.py`` from the format spec."""

from __future__ import annotations

import hashlib
import math
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import neptune_sys_widgets as neptune  # noqa: E402
from neptune_sys_widgets.interop import copy_store, export_project, import_export  # noqa: E402
from neptune_sys_widgets.interop.format import SCHEMA, sanitize  # noqa: E402
from tests.harness.exporter_fixtures import P1, P2, SHIFT, T0, make_export  # noqa: E402


def tree_hash(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _norm(v):
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    if isinstance(v, list):
        return tuple(sorted(v)) if all(isinstance(x, str) for x in v) else tuple(v)
    if isinstance(v, dict):
        if isinstance(v.get("path"), str):  # documented: Windows separators become /
            v = {**v, "path": v["path"].replace("\\", "/")}
        return tuple(sorted((k, _norm(x)) for k, x in v.items()))
    return v


def tree_rows(root: Path, *, drop_phantoms: bool = True) -> dict[tuple[str, str], list]:
    """Rows of every complete run family of a tree, as sorted tuples per (project, run)."""
    out: dict[tuple[str, str], list] = {}
    for f in sorted(root.rglob("*_part_*.parquet")):
        try:
            t = pq.read_table(f, schema=SCHEMA)
        except (OSError, pa.ArrowInvalid):
            continue  # the fixture's damaged files
        for r in t.to_pylist():
            values = tuple(_norm(r[c]) for c in SCHEMA.names[6:])
            if drop_phantoms and r["attribute_type"] != "float_series" and \
                    all(v is None for v in values):
                continue
            key = (r["project_id"], r["run_id"])
            out.setdefault(key, []).append(
                (r["attribute_path"], r["attribute_type"], r["step"], r["timestamp"], values))
    return {k: sorted(v, key=repr) for k, v in out.items()}


@pytest.fixture
def export_tree(tmp_path) -> dict:
    return make_export(tmp_path / "exports")


def test_import_both_generations(store_path, export_tree):
    root = export_tree["root"]
    before = tree_hash(root)
    s = import_export(root)
    assert s.created == {"run": 5, "model": 1, "model_version": 2}
    assert tree_hash(root) == before  # the input is only read
    # the interrupted export is listed; the damaged files are errors naming file, run, row
    assert any("pt-broken" in x["what"] and "_part_0" in x["reason"] for x in s.skipped)
    bad = [e for e in s.errors if e["run"] == "pt-bad"]
    assert len(bad) == 1 and str(export_tree["damaged"]) in bad[0]["message"]
    assert bad[0]["row"] is not None and "row" in bad[0]["message"]
    assert any(str(export_tree["truncated"]) in e["message"] for e in s.errors)
    with pytest.raises(neptune.exceptions.NeptuneSysError):
        neptune.init_run(with_id="PROJ-9", mode="read-only")  # left out entirely

    r = neptune.init_run(with_id="LCV-1", mode="read-only")
    assert r["sys/state"].fetch() == "Inactive"
    assert r["sys/name"].fetch() == "baseline" and r["sys/owner"].fetch() == "alice"
    assert r["sys/tags"].fetch() == {"resnet", "lr-sweep"}
    assert r["sys/failed"].fetch() is True and r["sys/hostname"].fetch() == "gpu-01"
    assert r["sys/creation_time"].fetch() == T0
    assert r["sys/running_time"].fetch() == 110.25
    assert r["parameters/depth"].fetch() == 2 ** 60 + 1
    assert math.isnan(r["parameters/learning rate (λ)"].fetch())
    assert r["data/classes"].fetch() == {"dog", "cat"} and r["data/empty"].fetch() == set()
    assert r["parameters/started"].fetch() == T0 + timedelta(minutes=1)
    assert not r.exists("parameters/missing")  # a null 1.x string row: absent
    loss = r["train/loss"].fetch_values()
    assert list(loss["step"]) == [0, 1, 2, 3, 4]
    v = list(loss["value"])
    assert v[0] == 1.0 and math.isnan(v[1]) and v[3] == math.inf
    # the exporter's +1 h local-time shift was detected and taken back
    ts = [t.timestamp() for t in loss["timestamp"]]
    assert [abs(a - b.timestamp()) < 0.001
            for a, b in zip(ts, export_tree["true_ts"], strict=True)] == [True] * 5
    assert list(r["train/acc"].fetch_values()["step"]) == [0.5, 1.25, 2.0, 7000.5]
    assert r["model/summary"].fetch().content == b"layers: 50\n"
    if "://" in store_path and not os.environ.get("NEPTUNE_SYS_FILES"):
        # a server store with no files folder: the payloads stay references to the export
        assert "samples/0.png" in r["samples"].fetch()
    else:  # in the files folder: downloads work (issue 22 item 7)
        _downloads_of_lcv_1(r, export_tree["root"].parent / "dl")
    assert r.exists("artifacts/data")

    r2 = neptune.init_run(with_id="LCV-2", mode="read-only")
    assert r2["sys/custom_run_id"].fetch() == "nightly-7"
    assert r2["sys/tags"].fetch() == set()
    assert r2["model/weights"].fetch().content == b"\x00\x01\x02"  # Windows separators
    assert list(r2["eval/score"].fetch_values()["step"]) == [123456789.123456, 123456790]

    base = neptune.init_run(with_id="PROJ-1", mode="read-only")
    assert base["sys/custom_run_id"].fetch() == "pt-base"
    assert base["sys/experiment/name"].fetch() == "lr-study"
    assert base["config/batch"].fetch() == 64  # the null float twin is a phantom
    assert base["config/labels"].fetch() == {"a", "b"}
    assert list(base["metrics/loss"].fetch_values()["step"]) == list(range(9))  # 2 parts
    assert list(base["logs/stdout"].fetch_values()["value"]) == ["ep 0", "ep 1", "ep 2"]
    assert base["dist/weights"].fetch()  # histograms kept
    assert base["artifacts/config.json"].fetch().content == b'{"a": 1}'
    fork = neptune.init_run(with_id="PROJ-2", mode="read-only")
    assert fork["sys/experiment/is_head"].fetch() is True
    assert fork["sys/forking/parent"].fetch() == "pt-base"
    assert fork["sys/forking/step"].fetch() == 4.5 and fork["sys/forking/depth"].fetch() == 1
    # lineage reads: the parent's points up to the fork step, then the fork's own
    lineage = fork["metrics/loss"].fetch_values()
    assert list(lineage["step"]) == [0, 1, 2, 3, 4, 5, 6, 7]
    own = fork["metrics/loss"].fetch_values(include_inherited=False)
    assert list(own["step"]) == [5, 6, 7]
    # sys fields beyond the catalog: readable, read-only
    assert fork["sys/diagnostics/attributes_count"].fetch() == 42
    assert fork["sys/running_time_seconds"].fetch() == 3599.5
    assert fork["sys/running_time"].fetch() == 3599.5
    with pytest.raises(neptune.exceptions.NeptuneSysError):
        neptune.init_run(with_id="PROJ-2")["sys/running_time_seconds"] = 1.0
    cont = neptune.init_run(with_id="PROJ-3", mode="read-only")
    assert cont["sys/name"].fetch() == "Untitled"  # a phantom name row: absent

    mv = neptune.init_model_version(with_id="LCV-DET-2", mode="read-only")
    assert mv["sys/stage"].fetch() == "production" and mv["sys/model_id"].fetch() == "LCV-DET"
    assert mv["model/bin"].fetch().content == b"weights2"
    m = neptune.init_model(with_id="LCV-DET", mode="read-only")
    assert m["sys/tags"].fetch() == {"prod-line"}
    assert len(m.fetch_model_versions_table().to_rows()) == 2

    # counters moved past the imported numbers
    new = neptune.init_run(project=P1, mode="sync")
    assert new["sys/id"].fetch() == "LCV-3"
    new.stop()
    new3 = neptune.init_run(project=P2, mode="sync")
    assert new3["sys/id"].fetch() == "PROJ-4"
    new3.stop()
    nv = neptune.init_model_version(model="LCV-DET", project=P1, mode="sync")
    assert nv["sys/id"].fetch() == "LCV-DET-3"
    nv.stop()
    table = neptune.init_project(P2, mode="read-only").fetch_runs_table().to_rows()
    assert {e["sys/id"].get() for e in table} >= {"PROJ-1", "PROJ-2", "PROJ-3"}


def _downloads_of_lcv_1(r, dest: Path) -> None:
    got = Path(r["samples"].download(str(dest)))
    assert {p.name: p.read_bytes() for p in got.iterdir()} == \
        {"0.png": b"\x89PNG0", "1.png": b"\x89PNG1"}
    assert list(r["samples"].fetch_values()["step"]) == [0, 1]
    # not a zip as 1.x made it (the fixture's stand-in): kept as the file it is
    assert [e.name for e in r["source_code/files"].list_fileset_files()] == ["files.zip"]


def test_idempotent_and_replace(store_path, export_tree):
    root = export_tree["root"]
    import_export(root)
    from neptune_sys_widgets.store import open_store
    rev = open_store().revision()
    again = import_export(root)
    assert again.created == {"run": 0, "model": 0, "model_version": 0}
    assert len(again.existing) == 8
    assert open_store().revision() == rev  # nothing was written
    r = neptune.init_run(with_id="LCV-1", mode="sync")
    r["sys/name"] = "edited"
    r.stop()
    rep = import_export(root, on_conflict="replace")
    assert rep.replaced == 8 and rep.created["run"] == 5
    assert neptune.init_run(with_id="LCV-1", mode="read-only")["sys/name"].fetch() == "baseline"
    # replaced parents and models: their forks and versions follow them to the new rows
    fork = neptune.init_run(with_id="PROJ-2", mode="read-only")
    assert list(fork["metrics/loss"].fetch_values()["step"]) == [0, 1, 2, 3, 4, 5, 6, 7]
    assert fork["sys/running_time"].fetch() == 3599.5
    v2 = neptune.init_model_version(with_id="LCV-DET-2", mode="read-only")
    assert v2["sys/model_id"].fetch() == "LCV-DET"
    assert v2["sys/stage"].fetch() == "production"


def test_dry_run_writes_nothing(store_path, export_tree):
    s = import_export(export_tree["root"], dry_run=True)
    # issue 24 #6: the dry run reads what the import reads, so the run with a torn page
    # is an error there too, with the import's own message, not a "create"
    actions = {p["id"]: p["action"] for p in s.planned}
    assert len(actions) == 9 and actions.pop("PROJ-9") == "error"  # run_id pt-bad
    assert set(actions.values()) == {"create"}
    real_errors = import_export(export_tree["root"], store=str(Path(store_path).with_name(
        "other.db"))).errors
    assert sorted(e["message"] for e in s.errors) == sorted(e["message"] for e in real_errors)
    assert any(e["run"] == "pt-bad" for e in s.errors)
    assert "dry run: would import 8 objects" in str(s) and "error: " in str(s)
    from neptune_sys_widgets.store import open_store
    assert open_store().read("SELECT count(*) FROM objects")[0][0] == 0


def test_round_trip_tree_store_tree(store_path, export_tree, tmp_path):
    root = export_tree["root"]
    import_export(root)
    out = tmp_path / "out"
    ex = export_project(None, out)
    assert ex.objects == {"run": 5, "model": 1, "model_version": 2}
    src = tree_rows(root)
    got = tree_rows(out)
    src = {k: v for k, v in src.items() if k[1] not in ("pt-bad",)}
    assert set(got) == set(src)
    for key in src:
        a, b = src[key], got[key]
        if key[0] == P1 and key[1].startswith("LCV-") and not key[1].startswith("LCV-DET"):
            # documented difference: 1.x series timestamps come back in true UTC
            a = sorted([(p, t, s, ts - SHIFT if ts is not None and t.endswith("_series")
                         and t != "file_series" else ts, v) for p, t, s, ts, v in a], key=repr)
            # documented: a null 1.x non-float parameter row is read as absent
            a = [x for x in a if x[0] != "parameters/missing"]
        a = [x for x in a if not (x[0] == "config/batch" and x[1] == "float")]
        assert a == b, key
    # layout and schema: part files, Snappy, the exact schema, payloads at their paths
    pf = pq.ParquetFile(out / "data" / sanitize(P2) / f"{sanitize('pt-base')}_part_0.parquet")
    assert pf.schema_arrow.equals(SCHEMA)
    assert pf.metadata.row_group(0).column(0).compression == "SNAPPY"
    assert (out / "files" / sanitize(P1) / P1 / "LCV-1" / "model" / "summary").read_bytes() \
        == b"layers: 50\n"
    assert (out / "model_files" / sanitize(P1) / "model_versions" / "LCV-DET-2" / "model" /
            "bin").exists()
    assert not list(out.rglob("*.tmp"))


def _objects(store: str) -> dict[str, dict]:
    from neptune_sys_widgets.store import bulk_for, open_store
    b = bulk_for(open_store(store))
    out = {}
    for prow in b.projects():
        for r in b.objects(prow[0]):
            pk = r["pk"]
            series, seps = {}, {}
            for path, type_ in b.series(pk):
                series[path] = [(s, v, t) for s, v, t in b.chunks(pk, path)]
                # text chunks hold U+001F-separated values: joined the same way, however
                # the background flushes happened to cut the series into chunks
                seps[path] = b"" if type_ == "float" else b"\x1f"
            rec = {k: v for k, v in r.items() if k not in ("pk", "project_pk", "model_pk",
                                                          "parent_pk", "rev")}
            out[r["id"]] = {"sys": rec, "attrs": b.attributes(pk), "sets": b.sets(pk),
                            "series": {p: b"".join(x[0] for x in c) for p, c in series.items()},
                            "values": {p: seps[p].join(x[1] for x in c)
                                       for p, c in series.items()},
                            "parent": None if r["parent_pk"] is None else
                            next(o["id"] for o in b.objects(prow[0]) if o["pk"] == r["parent_pk"])}
    return out


def _file_contents(store: str, attr: tuple) -> tuple:
    """A file attribute as (path, "file", its bytes): a store keeps it in its files folder
    or (a server store without one) inline in the row; the content is what must survive."""
    path, type_, value = attr[:3]
    if type_ != "file":
        return attr
    from neptune_sys_widgets.objects.files import file_from_stored
    from neptune_sys_widgets.store import open_store
    return (path, type_, file_from_stored(open_store(store), value).content, *attr[3:])


def test_round_trip_store_tree_store(store_path, tmp_path):
    """Objects made here (not imported) survive export + import into a fresh store."""
    # source_files=[]: an imported file set comes back as a reference to the export's
    # folder, not into the files folder (yet): this round trip covers values and series
    run = neptune.init_run(project="team/rt", name="native", tags=["a", "b"],
                           description="d", source_files=[])
    run["params"] = {"lr": 0.5, "n": 3, "opt": "sgd", "flag": True, "inf": math.inf}
    run["sys/group_tags"].add("g")
    run["loss"].extend([1.0 / (i + 1) for i in range(20000)],
                       steps=[i * 0.5 for i in range(20000)])
    run["text"].append("hello")
    run["text"].append("world")
    run["weights"].upload(neptune.types.File.from_content(b"abc", extension="bin"))
    run.stop()
    scale = neptune.Run(run_id="sc-1", experiment_name="exp", project="team/rt")
    scale.log_metrics({"m": 1.0}, step=1)
    scale.log_metrics({"m": 2.0}, step=2.5)
    scale.log_histograms({"h": neptune.types.Histogram([0, 1, 2], counts=[3, 4])}, step=1)
    scale.log_histograms({"h": neptune.types.Histogram([0, 1, 2], densities=[0.5, 1.5])},
                         step=2)
    scale.close()
    fork = neptune.Run(run_id="sc-2", fork_run_id="sc-1", fork_step=1, project="team/rt")
    fork.log_metrics({"m": 3.0}, step=2)
    fork.close()
    model = neptune.init_model(key="DET", project="team/rt")
    model.stop()
    ver = neptune.init_model_version(model="RT-DET", project="team/rt")
    ver.change_stage("staging")
    ver.stop()
    before = _objects(store_path)
    out = tmp_path / "out"
    export_project("team/rt", out)
    other = str(tmp_path / "other" / "n.db")
    s = import_export(out, other)
    assert not s.errors, s
    after = _objects(other)
    assert set(after) == set(before)
    for sys_id, b in before.items():
        a = after[sys_id]
        bs = {k: v for k, v in b["sys"].items() if k not in ("state",)}
        as_ = {k: v for k, v in a["sys"].items() if k not in ("state",)}
        assert as_ == bs, sys_id
        assert a["sets"] == b["sets"] and a["series"] == b["series"], sys_id
        assert a["values"] == b["values"] and a["parent"] == b["parent"], sys_id
        # documented: a neptune-scale style export's sys/running_time_seconds comes back as
        # a readable imported attribute (equal to sys/running_time)
        extra = [x for x in a["attrs"] if x[0] == "sys/running_time_seconds"]
        assert all(x[2] == a["sys"]["running_time"] for x in extra)
        assert sorted(_file_contents(other, x) for x in a["attrs"] if x not in extra) == \
            sorted(_file_contents(store_path, x) for x in b["attrs"]), sys_id
    f2 = neptune.init_run(with_id="RT-3", mode="read-only", store=other)
    assert list(f2["m"].fetch_values()["value"]) == [1.0, 3.0]


def test_copy_between_stores(store_path, export_tree, tmp_path):
    import_export(export_tree["root"])
    other = str(tmp_path / "copy" / "n.db")
    c = copy_store(store_path, other)
    assert c.imported.created == {"run": 5, "model": 1, "model_version": 2}
    r = neptune.init_run(with_id="LCV-1", mode="read-only", store=other)
    assert r["model/summary"].fetch().content == b"layers: 50\n"
    assert r["samples"].fetch()
    again = copy_store(store_path, other)
    assert again.imported.created["run"] == 0
    with pytest.raises(ValueError):
        copy_store(store_path, store_path)


def test_step_decimal_and_big_values(store_path, tmp_path):
    from tests.harness.exporter_fixtures import row, write_parts
    d = tmp_path / "e" / "data" / sanitize("w/p")
    rows = [row("w/p", "W-1", "sys/id", "string", string_value="W-1"),
            row("w/p", "W-1", "sys/creation_time", "datetime", datetime_value=T0)]
    pts = [row("w/p", "W-1", "x", "float_series", step=Decimal(s), float_value=1.0,
               timestamp=T0) for s in ("0.000001", "0.100000", "999999999.999999")]
    write_parts(d / sanitize("W-1"), [rows, pts])
    import_export(tmp_path / "e")
    r = neptune.init_run(with_id="W-1", mode="read-only")
    assert list(r["x"].fetch_values()["step"]) == [0.000001, 0.1, 999999999.999999]
    export_project("w/p", tmp_path / "o")
    got = tree_rows(tmp_path / "o")[("w/p", "W-1")]
    assert sorted(x[2] for x in got if x[1] == "float_series") == \
        [Decimal("0.000001"), Decimal("0.100000"), Decimal("999999999.999999")]


@pytest.mark.slow
def test_export_parts_split_between_batches(store_path, tmp_path):
    """A new part starts only between batches once a part passes the size limit; the
    parts are renamed with part 0 last and read back as one run."""
    run = neptune.init_run(project="w/split", custom_run_id="big")
    for k in range(4):
        run[f"s{k}"].extend([float(i) for i in range(20_000)])
    sys_id = run["sys/id"].fetch()
    run.stop()
    out = tmp_path / "o"
    ex = export_project("w/split", out, part_size=100_000)
    parts = sorted((out / "data" / sanitize("w/split")).glob("*_part_*.parquet"))
    assert ex.parts == len(parts) > 1
    for p in parts:
        assert pq.ParquetFile(p).schema_arrow.equals(SCHEMA)
    rows = tree_rows(out)[("w/split", "big")]
    assert sum(1 for r in rows if r[1] == "float_series") == 80_000
    back = str(tmp_path / "b.db")
    import_export(out, back)
    r = neptune.init_run(with_id=sys_id, mode="read-only", store=back)
    assert len(r["s3"].fetch_values()) == 20_000


def test_run_id_containing_part_0_and_no_sys_id(store_path, tmp_path):
    """docs/EXPORTER_FORMAT.md §2.1/§8: a run id with ``_part_0`` is read by content (the
    loaders skip it); a 3.x run exported without a sys/id row gets a new id, and importing
    twice still finds it."""
    from tests.harness.exporter_fixtures import row, write_parts
    d = tmp_path / "e" / "data" / sanitize("w/p")
    rid = "x_part_0y"
    write_parts(d / sanitize(rid), [[
        row("w/p", rid, "sys/custom_run_id", "string", string_value=rid),
        row("w/p", rid, "sys/creation_time", "datetime", datetime_value=T0),
        row("w/p", rid, "params/a", "int", int_value=1)]])
    s = import_export(tmp_path / "e")
    assert s.created["run"] == 1 and not s.errors, s
    r = neptune.init_run(project="w/p", run_id=rid, mode="read-only")
    assert r["params/a"].fetch() == 1 and r["sys/custom_run_id"].fetch() == rid
    assert import_export(tmp_path / "e").created["run"] == 0


def test_sys_id_taken_by_another_project(store_path, export_tree):
    """Ids are unique in a store: an imported id already used by another project's run is
    skipped with the reason (never replaced), the rest is imported."""
    from neptune_sys_widgets import management
    management.create_project("zz/legacy", key="LCV")
    mine = neptune.init_run(project="zz/legacy", name="mine", mode="sync")
    assert mine["sys/id"].fetch() == "LCV-1"
    mine.stop()
    for mode in ("skip", "replace"):
        s = import_export(export_tree["root"], on_conflict=mode)
        assert any("LCV-1" in x["what"] and "another project" in x["reason"]
                   for x in s.skipped), s
    assert neptune.init_run(with_id="LCV-1", mode="read-only")["sys/name"].fetch() == "mine"
    assert neptune.init_run(with_id="LCV-2", mode="read-only")["sys/custom_run_id"].fetch() \
        == "nightly-7"


def _summary_view(s) -> dict:
    d = s.to_dict()
    return {k: d[k] for k in ("created", "existing", "skipped", "errors", "warnings", "points",
                              "attributes", "files", "replaced") if k in d}


@pytest.mark.slow
def test_helper_processes_import_alike(store_path, export_tree, tmp_path):
    """A big tree is read by helper processes (``workers=``); the result, the summary and
    every error must equal an import done in this process alone, on the fixture's every
    case: both generations, forks put off until their parent, files, damaged files."""
    alone, helped = str(tmp_path / "a" / "n.db"), str(tmp_path / "b" / "n.db")
    a = import_export(export_tree["root"], alone, workers=0)
    b = import_export(export_tree["root"], helped, workers=2)
    assert b.helpers == 2 and b.helper_problem is None, b.helper_problem
    assert a.errors and a.created["run"] == 5  # the fixture's damaged files are reported
    assert _summary_view(b) == _summary_view(a)
    assert _objects(helped) == _objects(alone)
    again = import_export(export_tree["root"], helped, workers=2)
    assert again.created == {"run": 0, "model": 0, "model_version": 0}


def test_helper_that_dies_loses_nothing(tmp_path, monkeypatch):
    """A helper process that dies mid-work: its chunk is done here, the pool stops sending."""
    import os

    from neptune_sys_widgets.interop.workers import WorkerPool
    # the helpers import this test package's fixtures module
    root = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH")) if p))
    chunks = [(os.getpid(), i) for i in range(6)]
    with WorkerPool(2) as pool:
        got = [r for _, r in pool.imap("tests.harness.exporter_fixtures", "exit_unless_in", chunks)]
        assert pool.broken and "ended" in pool.broken
    assert got == list(range(6))


@pytest.mark.slow
def test_helper_processes_export_alike(store_path, export_tree, tmp_path):
    """Exports written by helper processes (each with its own connection to the store)
    are byte for byte those written here, with the same summary."""
    import_export(export_tree["root"])
    a = export_project(None, tmp_path / "a", workers=0)
    b = export_project(None, tmp_path / "b", workers=2)
    assert b.helpers == 2 and b.helper_problem is None, b.helper_problem
    assert tree_hash(tmp_path / "b") == tree_hash(tmp_path / "a")
    assert (b.objects, b.rows, b.points, b.files, b.parts) == \
        (a.objects, a.rows, a.points, a.files, a.parts)


@pytest.mark.slow
def test_fast_dictionary_decoding_equals_to_pylist():
    """The importer decodes dictionary columns through their indices (to_pylist builds a
    scalar per row): for any chunks, slices and nulls, in values or in the dictionary, the
    result must be to_pylist's."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from neptune_sys_widgets.interop.importer import _pylist
    values = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "ccc", "", "é"])),
                      max_size=40)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(values, min_size=1, max_size=4), st.integers(0, 10), st.integers(0, 10))
    def check(chunks, off, n):
        arrays = [pa.array(c, pa.string()).dictionary_encode() for c in chunks]
        col = pa.chunked_array(arrays, type=arrays[0].type)
        for c in (col, col.slice(off, n), *[a.slice(off, n) for a in arrays],
                  *[b.column(0) for b in pa.table({"x": col}).to_batches(max_chunksize=3)]):
            assert _pylist(c) == c.to_pylist()

    check()
    d = pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 1], pa.int32()),
                                       pa.array(["x", None]))
    assert _pylist(d) == d.to_pylist()


def test_series_rows_without_a_timestamp_column_are_refused(store_path, tmp_path):
    """A file whose series rows lack the ``timestamp`` (or ``step``) column is an error naming
    the column, and its run is left out, rather than points stored with no time."""
    from tests.harness.exporter_fixtures import row
    d = tmp_path / "e" / "data" / sanitize("w/p")
    d.mkdir(parents=True)
    rows = [row("w/p", "W-1", "sys/id", "string", string_value="W-1"),
            row("w/p", "W-1", "sys/creation_time", "datetime", datetime_value=T0),
            row("w/p", "W-1", "x", "float_series", step=Decimal(1), float_value=1.0,
                timestamp=T0)]
    table = pa.Table.from_pylist(rows, schema=SCHEMA).drop_columns(["timestamp"])
    pq.write_table(table, d / f"{sanitize('W-1')}_part_0.parquet")
    s = import_export(tmp_path / "e")
    assert s.created["run"] == 0
    assert any("'timestamp' is missing" in e["message"] for e in s.errors), s.errors
