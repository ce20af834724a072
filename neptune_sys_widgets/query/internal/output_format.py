"""DataFrame builders with the signatures of neptune-query's internal ``output_format``.

It exists because neptune-query's own e2e tests build their *expected* frames with these
functions. Each one only turns the tests' identifiers and point tuples into the inputs of
this package's own builders (``query/_frames.py``, ``query/buckets.py``), the code that
``fetch_metrics``, ``fetch_series`` and ``fetch_metric_buckets`` return frames from, so a
test compares what this package fetches with what the same builder makes of the data the
test logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import _frames, buckets, types
from .identifiers import RunAttributeDefinition, SysId
from .retrieval import attribute_types
from .retrieval.metrics import (
    IsPreviewIndex,
    PreviewCompletionIndex,
    StepIndex,
    TimestampIndex,
    ValueIndex,
)

_TIME_COLUMN = "absolute_time"


def _check_time_column(name: str | None) -> bool:
    if name not in (None, _TIME_COLUMN):
        raise ValueError(f"timestamp_column_name must be {_TIME_COLUMN!r} or None (got "
                         f"{name!r}): this package's frames name the column so")
    return name is not None


def create_metrics_dataframe(metrics_data: Mapping[RunAttributeDefinition, list[tuple]],
                             sys_id_label_mapping: Mapping[SysId, str], *,
                             type_suffix_in_column_names: bool,
                             include_point_previews: bool,
                             index_column_name: str,
                             timestamp_column_name: str | None = None):
    """``fetch_metrics``' frame of ``metrics_data`` (series -> FloatPointValue tuples),
    each run labelled by ``sys_id_label_mapping``."""
    with_time = _check_time_column(timestamp_column_name)
    data = []
    for rad, points in metrics_data.items():
        data.append((sys_id_label_mapping[rad.run_identifier.sys_id],
                     rad.attribute_definition.name,
                     [p[StepIndex] for p in points], [p[ValueIndex] for p in points],
                     [p[TimestampIndex] / 1000 for p in points],
                     [(p[IsPreviewIndex], p[PreviewCompletionIndex]) for p in points]))
    return _frames.points_frame(
        data, index_column_name, value_dtype="float64", with_time=with_time,
        with_previews=include_point_previews,
        type_suffix="float_series" if type_suffix_in_column_names else None)


def _public_value(rad: RunAttributeDefinition, label: str, container: str, step: float,
                  value: Any) -> Any:
    """A raw file / histogram point as ``fetch_series`` hands it out (neptune_query.types)."""
    kind = rad.attribute_definition.type
    if kind == "file_series" and isinstance(value, attribute_types.File):
        return types.File(
            project_identifier=str(rad.run_identifier.project_identifier),
            experiment_name=label if container == "experiment" else None,
            run_id=label if container != "experiment" else None,
            attribute_path=rad.attribute_definition.name, step=step, path=value.path,
            size_bytes=value.size_bytes, mime_type=value.mime_type)
    if kind == "histogram_series" and isinstance(value, attribute_types.Histogram):
        return types.Histogram(type=value.type, edges=value.edges, values=value.values)
    return value


def create_series_dataframe(series_data: Mapping[RunAttributeDefinition, list[Any]],
                            project_identifier: str,
                            sys_id_label_mapping: Mapping[SysId, str],
                            index_column_name: str,
                            timestamp_column_name: str | None):
    """``fetch_series``' frame of ``series_data`` (series -> SeriesValue points);
    ``project_identifier`` is accepted for the signature (each series names its own)."""
    with_time = _check_time_column(timestamp_column_name)
    data = []
    for rad, points in series_data.items():
        label = sys_id_label_mapping[rad.run_identifier.sys_id]
        data.append((label, rad.attribute_definition.name, [p.step for p in points],
                     [_public_value(rad, label, index_column_name, p.step, p.value)
                      for p in points],
                     [p.timestamp_millis / 1000 for p in points]))
    return _frames.points_frame(data, index_column_name, value_dtype="object",
                                with_time=with_time)


def _bucket_tuples(series: Iterable[Any]) -> list[buckets.Bucket]:
    """(from, to, x, y) per bucket: the first bucket's first point, the others' last."""
    ordered = sorted(series, key=lambda b: (b.from_x, b.to_x))
    return [(b.from_x, b.to_x, b.first_x if i == 0 else b.last_x,
             b.first_y if i == 0 else b.last_y) for i, b in enumerate(ordered)]


def create_metric_buckets_dataframe(buckets_data: Mapping[RunAttributeDefinition, list[Any]],
                                    sys_id_label_mapping: Mapping[SysId, str], *,
                                    container_column_name: str):
    """``fetch_metric_buckets``' frame of ``buckets_data`` (series -> TimeseriesBucket)."""
    return buckets.frame([(sys_id_label_mapping[rad.run_identifier.sys_id],
                           rad.attribute_definition.name, _bucket_tuples(series))
                          for rad, series in buckets_data.items()], container_column_name)


__all__ = ["create_metrics_dataframe", "create_series_dataframe",
           "create_metric_buckets_dataframe"]
