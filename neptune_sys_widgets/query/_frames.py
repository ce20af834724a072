"""DataFrames in neptune-query's shapes.

Code written for neptune-query compares these frames with pandas, so index, columns,
dtypes, ordering and NaN handling are API (docs/QUERY_FRAMES.md says which): tables from a
list of row dicts, metrics and series from a structured array pivoted to (label, step) rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import ConflictingAttributeTypes


def table(rows: list[tuple[Any, dict[tuple[str, str], Any]]], index_name: str,
          type_suffix: bool):
    """``rows``: (label, {(path, type): value}) in row order (a label: a str, or a tuple
    that becomes a MultiIndex)."""
    import pandas as pd

    if not rows:
        return pd.DataFrame(index=pd.Index([], name=index_name),
                            columns=pd.Index([], name="attribute"))
    records = []
    for label, values in rows:
        record: dict[str, Any] = {f"{p}:{t}": v for (p, t), v in values.items()}
        record[index_name] = label
        records.append(record)
    df = pd.DataFrame(records)
    if not type_suffix:
        original = list(df.columns)
        df.columns = pd.Index([c if c == index_name else c.rsplit(":", 1)[0] for c in original])
        duplicated = df.columns.duplicated(keep=False)
        if duplicated.any():
            raise ConflictingAttributeTypes(set(df.columns[duplicated]))
    df = df.set_index(index_name, drop=True)
    df.columns.name = "attribute"
    return df[sorted(df.columns)]


def points_frame(data: Iterable[tuple[str, str, list[float], list[Any], list[float]]],
                 index_name: str, *, value_dtype: str, with_time: bool,
                 with_previews: bool = False, type_suffix: str | None = None):
    """``data``: (label, path, steps, values, timestamps in s[, previews]) per series;
    ``previews`` are (is_preview, preview_completion) per point (default: every point
    committed). Rows (label, step) sorted, one column per path (sorted); with
    ``with_time`` / ``with_previews`` the columns are (path, sub-column)."""
    import numpy as np
    import pandas as pd

    labels: dict[str, int] = {}
    paths: dict[str, int] = {}
    series = []
    for label, path, steps, values, stamps, *previews in data:
        code = labels.setdefault(label, len(labels))
        pcode = paths.setdefault(path, len(paths))
        series.append((code, pcode, steps, values, stamps, previews[0] if previews else None))

    def rows():
        for code, pcode, steps, values, stamps, previews in series:
            for i, step in enumerate(steps):
                head = (code, pcode, step, values[i])
                tail: tuple = ()
                if with_time:
                    tail += (int(round(stamps[i] * 1000)),)
                if with_previews:  # every stored point is committed
                    tail += (False, 1.0) if previews is None else tuple(previews[i])
                yield head + tail

    types = [(index_name, "uint32"), ("path", "uint32"), ("step", "float64"),
             ("value", value_dtype)]
    if with_time:
        types.append(("absolute_time", "int64"))
    if with_previews:
        types += [("is_preview", "bool"), ("preview_completion", "float64")]
    df = pd.DataFrame(np.fromiter(rows(), dtype=types))
    if with_time:
        df["absolute_time"] = pd.to_datetime(df["absolute_time"], unit="ms", origin="unix",
                                             utc=True)
    df = _pivot(df, index_name, with_time, types[4:])
    df = _restore_labels(df, index_name, list(labels))
    df = _restore_paths(df, paths, type_suffix)
    return _sort(df, index_name)


def _pivot(df, index_name: str, with_time: bool, extra: list[tuple[str, str]]):
    import pandas as pd

    observed_idx = pd.MultiIndex.from_frame(
        df[[index_name, "step"]].astype({index_name: "uint32", "step": "float64"})
        .drop_duplicates())
    if df.empty and with_time:
        df["absolute_time"] = pd.Series(dtype="datetime64[ns]")
    if extra:
        value_columns = ["value"] + [c[0] for c in extra]
        observed_columns = pd.MultiIndex.from_tuples(
            [(v, p) for p in df["path"].unique() for v in value_columns], names=[None, "path"])
        df = df.pivot_table(index=[index_name, "step"], columns="path", aggfunc="first",
                            observed=True, dropna=True, sort=False)
    else:
        observed_columns = df["path"].unique()
        df = df.pivot_table(index=[index_name, "step"], columns="path", values="value",
                            aggfunc="first", observed=True, dropna=True, sort=False)
    return df.reindex(index=observed_idx, columns=observed_columns)


def _restore_labels(df, index_name: str, labels: list[str]):
    if df.index.empty:
        df.index = df.index.set_levels(df.index.get_level_values(index_name).astype(str),
                                       level=index_name)
        return df
    return df.rename(index=dict(enumerate(labels)), level=index_name)


def _restore_paths(df, paths: dict[str, int], type_suffix: str | None):
    import pandas as pd

    if df.columns.empty:
        if isinstance(df.columns, pd.MultiIndex):
            df.columns = df.columns.set_levels(df.columns.get_level_values("path").astype(str),
                                               level="path")
        else:
            df.columns = df.columns.astype(str)
        return df
    reverse = {code: (f"{p}:{type_suffix}" if type_suffix else p) for p, code in paths.items()}
    return df.rename(columns=reverse)


def _sort(df, index_name: str):
    import pandas as pd

    if isinstance(df.columns, pd.MultiIndex):
        df.columns.names = (None, None)
        df = df.swaplevel(axis="columns")
        df = df.sort_index(axis="columns", level=0, kind="stable", sort_remaining=False)
    else:
        df.columns.name = None
        df = df.sort_index(axis="columns")
    return df.sort_index(axis="index", level=[index_name, "step"])
