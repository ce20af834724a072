"""Exported histogram points (neptune-scale's ``histogram_series``, docs/EXPORTER_FORMAT.md
§4.2) in the form the store keeps a logged histogram series: points of a series of type
``histogram`` whose values are ``types.Histogram.to_stored`` JSON. An imported series then
reads step by step (``fetch_last``, ``fetch_values``, neptune-query ``fetch_series``) like
one logged here, and exports back to the same rows.

The JSON is built exactly as ``to_stored`` builds it (same keys, same order, integral
counts as ints), so a histogram logged here, exported and imported again is stored
byte for byte as it was.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..exceptions import InvalidValueError
from ..types import Histogram

KINDS = {"COUNTING": "counts", "DENSITY": "densities"}


def stored(h: dict[str, Any]) -> str | None:
    """The stored value of one exported histogram; None when it is not one that
    neptune-scale could have logged (unknown type, missing or null values, edges not
    finite and increasing, not one value fewer than edges)."""
    kind = KINDS.get(h.get("type") or "")
    edges, values = h.get("edges"), h.get("values")
    if kind is None or edges is None or values is None or None in values:
        return None
    try:
        Histogram(edges, densities=values).to_stored("import")  # the shape rules only
    except (InvalidValueError, TypeError, ValueError):
        return None
    out = [_count(v) for v in values] if kind == "counts" else [float(v) for v in values]
    return json.dumps({"bin_edges": [float(e) for e in edges], kind: out},
                      separators=(",", ":"))


def _count(v: Any) -> int | float:
    """A count as logged (an int); a fractional or non-finite one is kept as it is."""
    f = float(v)
    return int(f) if math.isfinite(f) and f.is_integer() else f
