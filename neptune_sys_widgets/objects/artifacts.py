"""Artifacts (1.x ``track_files``): a record of data that stays where it is.

Tracking a local file or folder stores each file's path, SHA-1, size and modification
time, and an artifact hash over them; an ``s3://`` object or prefix, each object's key,
ETag, size and time. No bytes are copied, so tracking a 100 GB dataset is cheap;
``download`` links local files back from where they were and copies S3 objects down. The
hashes are computed as neptune 1.x computed them (artifact hash: SHA-256 over the sorted
entries, each entry's fields length-prefixed), so runs tracking the same data compare
equal, and hashes exported from the hosted service still match.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from ..exceptions import InvalidValueError

LOCAL = "Local"
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class ArtifactFileData:
    """One tracked file (1.x's ``ArtifactFileData``)."""

    file_path: str
    file_hash: str
    type: str
    metadata: dict[str, str] = field(default_factory=dict)
    size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"file_path": self.file_path, "file_hash": self.file_hash, "type": self.type,
                "metadata": self.metadata, "size": self.size}


def _sha1(path: pathlib.Path) -> str:
    digest = hashlib.sha1()  # noqa: S324 - 1.x's file hash, kept for comparable hashes
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def tracked_files(location: str, destination: str | None, what: str) -> list[ArtifactFileData]:
    """The entries for a local path or ``file://`` URL (a file, or a folder walked)."""
    scheme = urlparse(location).scheme
    if scheme == "s3":
        return _s3_files(location, destination, what)
    if scheme not in ("", "file"):
        raise NotImplementedError(f"{what}: track_files({location!r}): local paths, file:// "
                                  "and s3:// URLs are tracked here (README, 'Files, file "
                                  "sets, file series, artifacts and histograms')")
    path = location[len("file://"):] if location.startswith("file://") else location
    if "*" in path or "?" in path:
        raise InvalidValueError(f"{what}: track_files({location!r}): wildcards are not "
                                "supported; give a file or a folder")
    source = pathlib.Path(path).expanduser()
    if not source.exists():
        raise InvalidValueError(f"{what}: track_files({location!r}): the path does not "
                                "exist; nothing was tracked")
    files = sorted(source.rglob("*")) if source.is_dir() else [source]
    out = []
    for f in files:
        if not f.is_file():
            continue
        name = f.relative_to(source).as_posix() if source.is_dir() else f.name
        if destination is not None:
            name = (pathlib.Path(destination) / name).as_posix()
        stat = f.stat()
        out.append(ArtifactFileData(
            name, _sha1(f), LOCAL, size=stat.st_size,
            metadata={"file_path": f"file://{f.resolve().as_posix()}",
                      "last_modified": datetime.fromtimestamp(stat.st_mtime)
                      .strftime(_TIME_FORMAT)}))
    return out


def _s3_files(location: str, destination: str | None, what: str
              ) -> list[ArtifactFileData]:
    """The objects under an ``s3://bucket/prefix`` (or the one object it names), recorded
    as 1.x did: path relative to the prefix, the ETag as hash, size, location and time."""
    if "*" in location or "?" in location:
        raise InvalidValueError(f"{what}: track_files({location!r}): wildcards are not "
                                "supported; give an object or a prefix")
    fs = _s3(what)
    root = location[len("s3://"):].rstrip("/")
    try:
        found = fs.find(root, detail=True)
    except Exception as e:  # noqa: BLE001 - the driver's access or network error
        raise InvalidValueError(f"{what}: track_files({location!r}): cannot be read: "
                                f"{type(e).__name__}: {e}; nothing was tracked") from None
    if not found:
        raise InvalidValueError(f"{what}: track_files({location!r}): no object there; "
                                "nothing was tracked")
    base = root.rsplit("/", 1)[0] if list(found) == [root] else root
    out = []
    for key, info in sorted(found.items()):
        name = key[len(base):].lstrip("/")
        if destination is not None:
            name = f"{destination.rstrip('/')}/{name}"
        stamp = info.get("LastModified")
        out.append(ArtifactFileData(
            name, str(info.get("ETag", "")).strip('"'), "S3", size=info.get("size"),
            metadata={"location": f"s3://{key}",
                      "last_modified": stamp.strftime(_TIME_FORMAT) if stamp else ""}))
    return out


def _s3(what: str) -> Any:
    try:
        import fsspec
        return fsspec.filesystem("s3")
    except ImportError:
        raise InvalidValueError(f"{what}: s3:// artifacts need fsspec and s3fs (pip install "
                                "'neptune_sys_widgets[s3]')") from None


def merged(old: list[ArtifactFileData], new: list[ArtifactFileData]) -> list[ArtifactFileData]:
    """Tracking into an existing artifact adds files; a path tracked again is replaced."""
    by_path = {f.file_path: f for f in old}
    by_path.update((f.file_path, f) for f in new)
    return sorted(by_path.values(), key=lambda f: f.file_path)


def artifact_hash(files: list[ArtifactFileData]) -> str:
    digest = hashlib.sha256()

    def part(text: str, sep: bytes = b"#") -> None:
        data = text.encode()
        digest.update(sep + len(data).to_bytes(4, "big") + data)

    for f in sorted(files, key=lambda f: f.file_path):
        part(f.file_path)
        digest.update(b"#" + f.file_hash.encode() + b"#")
        if f.size is not None:
            digest.update(f.size.to_bytes(8, "big"))
        part(f.type)
        digest.update(b"#")
        for key, value in sorted(f.metadata.items()):
            part(key, b"|")
            part(value, b"|")
    return digest.hexdigest()


def encode(files: list[ArtifactFileData]) -> str:
    import json
    return json.dumps({"hash": artifact_hash(files), "files": [f.to_dict() for f in files]},
                      separators=(",", ":"), sort_keys=True)


def decode(stored: Any) -> tuple[str, list[ArtifactFileData]]:
    import json
    d = json.loads(stored)
    return d["hash"], [ArtifactFileData(**f) for f in d["files"]]


def download(files: list[ArtifactFileData], destination: str | None, what: str) -> None:
    """Link each tracked file into ``destination`` (default: the current folder) at its
    path, as 1.x did; a file that is gone raises, naming it."""
    root = pathlib.Path(destination or ".")
    for f in files:
        if f.type == "S3":  # copied down, as 1.x did
            dest = root / f.file_path
            os.makedirs(dest.parent, exist_ok=True)
            location = f.metadata.get("location", "")
            try:
                _s3(what).get_file(location[len("s3://"):], str(dest))
            except Exception as e:  # noqa: BLE001 - the driver's access or network error
                raise InvalidValueError(f"{what}: tracked object {location!r} cannot be "
                                        f"read: {type(e).__name__}: {e}") from None
            continue
        source = pathlib.Path(urlparse(f.metadata.get("file_path", "")).path)
        if not source.is_file():
            raise InvalidValueError(f"{what}: tracked file {str(source)!r} no longer exists; "
                                    "nothing more was downloaded")
        dest = root / f.file_path
        os.makedirs(dest.parent, exist_ok=True)
        if dest.is_symlink() or dest.exists():
            dest.unlink()
        dest.symlink_to(source)
