"""``download_files``: the contents of the files that tables and ``fetch_series`` return
(``types.File``), copied out of the store's files folder (``store/blobs.py``) to the
layout neptune-query downloads to: ``<destination>/<experiment>/<attribute path>
[/step_<step>]<extension>``, each path part reduced to letters, digits, ``_`` and ``-``,
the extension guessed from the MIME type."""

from __future__ import annotations

import hashlib
import mimetypes
import pathlib
from collections.abc import Iterable
from typing import Any

from .exceptions import NeptuneUserError
from .types import File


def collect(files: Any) -> list[File]:
    """The Files in a File, an iterable of them, or a pandas Series / DataFrame (other
    cells, such as timestamps, are skipped)."""
    import pandas as pd

    if isinstance(files, File):
        return [files]
    if isinstance(files, pd.DataFrame):
        values: Iterable[Any] = files.to_numpy().ravel()
    elif isinstance(files, pd.Series):
        values = files.to_numpy()
    elif isinstance(files, Iterable) and not isinstance(files, (str, bytes)):
        values = files
    else:
        raise TypeError(f"download_files: files must be a File, an iterable of File, or a "
                        f"pandas Series or DataFrame (got {type(files).__name__})")
    return [v for v in values if isinstance(v, File)]


def _part(text: str, limit: int = 255) -> str:
    out = "".join(c if c.isalnum() or c in "_-" else "_" for c in text)
    if len(out) > limit:  # long names keep a digest of the whole, so they stay distinct
        digest = hashlib.blake2b(out.encode(), digest_size=8).hexdigest()
        out = f"{out[:limit - len(digest) - 1]}_{digest}"
    return out


def target_path(destination: pathlib.Path, file: File) -> pathlib.Path:
    parts = [file.container_identifier, *pathlib.PurePosixPath(file.attribute_path).parts]
    if file.step is not None:
        parts.append(f"step_{file.step:f}")
    relative = pathlib.Path(*[_part(p) for p in parts])
    extension = mimetypes.guess_extension(file.mime_type)
    return destination / (relative.with_suffix(extension) if extension else relative)


def download(files: Any, destination: Any, store: Any, kind: str = "experiment"):
    """Copy each file out of the store; a DataFrame of the paths written (None for a file
    whose content the store does not hold), rows (``kind``, step), a column per attribute.
    Files of experiments go through the experiments API, of runs through the runs API."""
    from ..objects.files import blobs_for
    from ..store import open_store

    todo = collect(files)
    if not all(f.experiment_name if kind == "experiment" else f.run_id for f in todo):
        other = "runs" if kind == "experiment" else "experiments"
        raise NeptuneUserError(
            f"download_files: some files have no {kind} name: they were fetched through "
            f"the {other} API; fetch them with the {kind}s API's fetch_series() or table")
    root = pathlib.Path(destination if destination is not None else ".").resolve()
    blobs = blobs_for(open_store(store)) if todo else None
    written = {}
    for f in todo:
        path = None
        if f._sha256 is not None:
            path = target_path(root, f)
            assert blobs is not None  # todo is not empty
            blobs.copy_to(f._sha256, str(path), f"download_files: {f.attribute_path}")
        written[f] = path
    return _frame(written, kind)


def _frame(written: dict[File, pathlib.Path | None], kind: str):
    import pandas as pd

    if not written:
        return pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=[kind, "step"]),
                            columns=pd.Index([], name="attribute"))
    rows = [{kind: f.container_identifier, "attribute": f.attribute_path,
             "step": f.step, "path": None if p is None else str(p)}
            for f, p in written.items()]
    df = pd.DataFrame(rows).pivot(index=[kind, "step"], columns="attribute",
                                  values="path").sort_index()
    return df[sorted(df.columns)]


__all__ = ["collect", "target_path", "download"]
