"""The neptune-exporter on-disk format: schema, naming and the row vocabulary.

Kept in one module so that the importer, the exporter and the tests agree on every
constant (``docs/EXPORTER_FORMAT.md`` §2-§4). Importing it loads pyarrow,
which is why nothing on the package's import path imports it.
"""

from __future__ import annotations

import hashlib
import re

import pyarrow as pa

SCHEMA = pa.schema([
    pa.field("project_id", pa.string()),
    pa.field("run_id", pa.string()),
    pa.field("attribute_path", pa.string()),
    pa.field("attribute_type", pa.string()),
    pa.field("step", pa.decimal128(18, 6)),
    pa.field("timestamp", pa.timestamp("ms", tz="UTC")),
    pa.field("int_value", pa.int64()),
    pa.field("float_value", pa.float64()),
    pa.field("string_value", pa.string()),
    pa.field("bool_value", pa.bool_()),
    pa.field("datetime_value", pa.timestamp("ms", tz="UTC")),
    pa.field("string_set_value", pa.list_(pa.string())),
    pa.field("file_value", pa.struct([pa.field("path", pa.string())])),
    pa.field("histogram_value", pa.struct([
        pa.field("type", pa.string()),
        pa.field("edges", pa.list_(pa.float64())),
        pa.field("values", pa.list_(pa.float64())),
    ])),
])
COLUMNS = SCHEMA.names
VALUE_COLUMNS = COLUMNS[6:]

PARAMETER_TYPES = {"float": "float_value", "int": "int_value", "string": "string_value",
                   "bool": "bool_value", "datetime": "datetime_value",
                   "string_set": "string_set_value"}
SERIES_TYPES = {"float_series": "float_value", "string_series": "string_value"}
FILE_TYPES = ("file", "file_series", "file_set", "artifact")
HISTOGRAM = "histogram_series"
ALL_TYPES = set(PARAMETER_TYPES) | set(SERIES_TYPES) | set(FILE_TYPES) | {HISTOGRAM}

# the five paths every loader reads to find a run's metadata (§7.1 step 4)
METADATA_PATHS = ("sys/custom_run_id", "sys/name", "sys/forking/parent", "sys/forking/step",
                  "sys/creation_time", "sys/id", "sys/model_id")

PART_SIZE_BYTES = 50 * 1024 * 1024
MAX_STEP = 10 ** 12
PART_RE = re.compile(r"^(?P<prefix>.*)_part_(?P<n>\d+)\.parquet$")


def _keep(c: str) -> str:
    return c if c.isalnum() or c in "_-" else "_"


def sanitize(x: str) -> str:
    """``S(x)`` of §2.1: unsafe characters become ``_``, then ``-`` and a 16-hex blake2b
    digest of the original, so distinct ids stay distinct after sanitizing."""
    digest = hashlib.blake2b(x.encode("utf-8"), digest_size=8).hexdigest()
    return "".join(map(_keep, x)) + "-" + digest


def sanitize_part(x: str) -> str:
    """neptune-query's per-component rule for 3.x payload paths (no digest; §4.4)."""
    out = "".join(map(_keep, x))
    if len(out) > 255:
        out = out[:238] + "_" + hashlib.blake2b(x.encode("utf-8"), digest_size=8).hexdigest()
    return out


def part_name(run_id: str, n: int) -> str:
    return f"{sanitize(run_id)}_part_{n}.parquet"
