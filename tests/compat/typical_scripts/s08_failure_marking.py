import neptune_sys_widgets as neptune

try:
    with neptune.init_run() as run:
        rid = run["sys/id"].fetch()
        raise RuntimeError("boom")
except RuntimeError:
    pass
with neptune.init_run(with_id=rid, mode="read-only") as run:
    assert run["sys/failed"].fetch() is True
    ns = next(iter(run.get_structure()["monitoring"]))
    assert "Marking run as failed" in run[f"monitoring/{ns}/traceback"].fetch_values()["value"].to_list()
print(rid)
