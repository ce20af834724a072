"""Shared helpers for the core benchmarks: medians, the anchors and targets of the issue, and
one result format that every script prints and ``run_all.py`` collects.

A result is a dict: ``metric`` (short name), ``value`` (the median), ``unit``, ``target``
(None when the issue sets none), ``better`` ("lower" or "higher"), ``anchors`` (name ->
value in the same unit) and ``note``. The ratio to an anchor is always "how many times
better than the anchor": anchor / ours for times and memory, ours / anchor for rates.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Iterable

# The package under test: this checkout, or the tree an A/B script names (NSW_BENCH_TREE,
# e.g. ``git archive`` of a reference commit). Put first, so neither an editable install
# nor this checkout can shadow the side being measured.
REPO = os.environ.get("NSW_BENCH_TREE") or \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

# Medians measured on this kind of machine for the peers (the anchors).
IMPORT_ANCHORS_S = {"neptune_scale": 0.67, "wandb": 0.74, "aim": 1.5, "mlflow": 2.5,
                    "neptune 1.x": 3.4}
CREATE_ANCHORS_MS = {"neptune_scale": 8.4, "neptune 1.x": 10.4, "MLflow file": 10.6,
                     "MLflow SQLite": 16.9, "W&B": 47.0}
RATE_ANCHORS = {"neptune 1.x per call": 11_400, "neptune 1.x batched": 125_000,
                "MLflow per call": 174, "MLflow batched": 6_000, "W&B": 3_700,
                "neptune_scale": 2_400}
LATENCY_ANCHORS_US = {"neptune 1.x": 74.0, "W&B": 216.0, "neptune_scale": 370.0}
MEMORY_ANCHORS_MIB = {"neptune_scale": 70.0, "W&B": 105.0, "neptune 1.x": 125.0,
                      "MLflow": 224.0}
TABLE_2K_ANCHORS_MS = {"aim": 217.0, "MLflow SQLite (best)": 220.0}


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def result(metric: str, value: float, unit: str, *, target: float | None = None,
           better: str = "lower", anchors: dict[str, float] | None = None,
           note: str = "") -> dict:
    return {"metric": metric, "value": value, "unit": unit, "target": target,
            "better": better, "anchors": anchors or {}, "note": note}


def passed(r: dict) -> bool | None:
    if r["target"] is None:
        return None
    if r["better"] == "lower":
        return r["value"] <= r["target"]
    return r["value"] >= r["target"]


def ratio(r: dict, anchor: float) -> float:
    """Times better than the anchor (> 1 means we beat it)."""
    if r["better"] == "lower":
        return anchor / r["value"] if r["value"] else float("inf")
    return r["value"] / anchor


def fmt_value(v: float, unit: str) -> str:
    if unit == "points/s" or unit == "calls/s":
        return f"{v / 1000:,.0f}k {unit}" if v >= 10_000 else f"{v:,.0f} {unit}"
    if v >= 100:
        return f"{v:,.0f} {unit}"
    if v >= 10:
        return f"{v:.1f} {unit}"
    if v >= 1:
        return f"{v:.2f} {unit}"
    return f"{v:.3f} {unit}"


def fmt_anchors(r: dict) -> str:
    return ", ".join(f"{ratio(r, a):.3g}x {name}" for name, a in r["anchors"].items())


def fmt_verdict(r: dict) -> str:
    ok = passed(r)
    if ok is None:
        return "-"
    if ok:
        return "pass"
    if r["better"] == "lower":
        return f"MISS ({r['value'] / r['target']:.2f}x target)"
    return f"MISS ({r['target'] / r['value']:.2f}x short)"


def report(results: list[dict], json_path: str | None) -> None:
    for r in results:
        target = "" if r["target"] is None else \
            f"  target {'<=' if r['better'] == 'lower' else '>='} " \
            f"{fmt_value(r['target'], r['unit'])} [{fmt_verdict(r)}]"
        print(f"{r['metric']}: median {fmt_value(r['value'], r['unit'])}{target}")
        if r["anchors"]:
            print(f"    vs anchors (times better): {fmt_anchors(r)}")
        if r["note"]:
            print(f"    {r['note']}")
    if json_path:
        with open(json_path, "w") as fh:
            json.dump(results, fh)


def parser(doc: str | None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    p.add_argument("--json", help="also write the results to this JSON file")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    return p


def temp_store() -> tuple[tempfile.TemporaryDirectory, str]:
    d = tempfile.TemporaryDirectory(prefix="nsw-bench-")
    return d, os.path.join(d.name, "neptune.db")
