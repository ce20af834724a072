"""``neptune.types.type_casting``: ``cast_value``, which 1.x used to decide what a plain
Python value becomes when assigned: the same rules as this package's assignment (a
bool, int, float, str or datetime an atom; a mapping or an ``argparse.Namespace`` a
namespace; a PIL image, a figure or a frame a ``File``); None for anything else."""

import argparse
import numbers
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ....objects.files import as_file
from ....types import (
    Boolean,
    Datetime,
    File,
    FileSeries,
    Float,
    FloatSeries,
    Integer,
    String,
    StringSeries,
    StringSet,
)
from .namespace import Namespace

_WRAPPERS = (Boolean, Datetime, File, FileSeries, Float, FloatSeries, Integer, String,
             StringSeries, StringSet, Namespace)

# in this order: a bool is an Integral, an int a Real
_ATOMS: list[tuple[type, Callable[[Any], Any]]] = [
    (bool, Boolean), (numbers.Integral, Integer), (str, String), (datetime, Datetime),
    (numbers.Real, Float)]


def cast_value(value: Any) -> Any:
    if isinstance(value, _WRAPPERS):
        return value
    if isinstance(value, argparse.Namespace):
        return Namespace(vars(value))
    as_a_file = as_file(value)
    if as_a_file is not None:
        return as_a_file
    for kind, wrapper in _ATOMS:
        if isinstance(value, kind):
            return wrapper(value)
    if isinstance(value, Mapping):
        return Namespace(value)
    return None


__all__ = ["cast_value"]
