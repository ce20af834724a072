"""File contents, content-addressed: the bytes of uploaded files, file sets and file-series
entries live in a folder of ``<sha256[:2]>/<sha256[2:]>`` files, while the store's rows hold
only small descriptors (hash, size, extension). Why a folder and not BLOB rows: a multi-GB
checkpoint must stream in chunks without ever being held in memory, the database stays
small and fast to back up, and identical content (the same image logged by many runs) is
kept once.

Where the folder is: ``$NEPTUNE_SYS_FILES/sha256`` when the variable is set (any backend: a
shared folder every machine reaches, or an object store URL such as ``s3://bucket/team``,
for a PostgreSQL team store); otherwise beside an
SQLite store file (``<store>.files/sha256``); an in-memory (debug) store uses a temporary
folder for its lifetime. A PostgreSQL store with no folder set refuses uploads with an
error naming the variable.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections import namedtuple
from collections.abc import Iterator

from ..exceptions import InvalidValueError, StoreError

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any, BinaryIO

CHUNK = 1 << 20  # bytes read and written at a time: memory stays flat for any file size
SEND_CHUNK = 1 << 26  # bytes per os.sendfile call (copied in the kernel, not in memory here)
_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSOCK, errno.EXDEV}
FILES_ENV = "NEPTUNE_SYS_FILES"
# contents live in this subfolder of the files folder; an import keeps the exporter's
# referenced payloads in other subfolders of it (one per project)
CONTENT_DIR = "sha256"


_MADE: set[str] = set()  # subfolders this process created or found
_SEEN: dict[tuple, Blob] = {}  # (root, path, size, mtime_ns) -> what it was stored as


class NoFilesFolder(StoreError):
    """A store on a server with no files folder configured (``NEPTUNE_SYS_FILES``): a
    single file small enough still goes into the database; anything else is refused."""


class Blob(namedtuple("Blob", "sha256 size")):
    """What a store row keeps of a file's content: ``sha256`` (hex) and ``size`` (bytes).
    A named tuple, not a dataclass: ``dataclasses`` loads ``inspect``, ~10 ms of every
    script's start."""

    __slots__ = ()
    sha256: str
    size: int


SMALL_CONTENT = 1 << 20  # bytes: hashed by Python's own SHA-256 while OpenSSL is not loaded
_BUILTIN_SHA256: list[Any] = []


def builtin_sha256() -> Any:
    """Python's built-in SHA-256 constructor (no OpenSSL), or hashlib's where a build lacks
    it. Looked up once: a failed import is not cached and searches the whole path again."""
    if not _BUILTIN_SHA256:
        try:
            from _sha2 import sha256  # pyright: ignore[reportMissingImports] - 3.12+
        except ImportError:
            try:
                from _sha256 import sha256  # Python 3.11
            except ImportError:
                from hashlib import sha256
        _BUILTIN_SHA256.append(sha256)
    return _BUILTIN_SHA256[0]


def sha256(data: bytes = b"", size: int = -1) -> Any:
    """A SHA-256 hasher for a content of ``size`` bytes (-1: unknown). OpenSSL's (the fast
    one for big files) is imported at the first big content, not with the package: it costs
    a script ~4 MiB of memory and ~2 ms, and a script that logs metrics or records its own
    small source (``size`` <= SMALL_CONTENT) while hashlib is not loaded does not need it:
    the built-in one gives the same digest."""
    if 0 <= size <= SMALL_CONTENT and "hashlib" not in sys.modules:
        return builtin_sha256()(data)
    import hashlib
    return hashlib.sha256(data)


def _temp_file(folder: str, prefix: str) -> tuple[int, str]:
    """A new private file in ``folder`` (as ``tempfile.mkstemp``, whose import with
    ``random`` and ``shutil`` would cost every script's start ~2 ms)."""
    while True:
        path = os.path.join(folder, prefix + os.urandom(8).hex())
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue


class BlobStore:
    """One content-addressed folder. Writes go to a temporary file in the same folder and
    are renamed into place, so a reader never sees a partial file and two processes storing
    the same content at once both succeed (the second rename replaces identical bytes)."""

    def __init__(self, root: str) -> None:
        self.root = root

    def path_of(self, sha256: str) -> str:
        return os.path.join(self.root, sha256[:2], sha256[2:])

    def has(self, sha256: str) -> bool:
        return os.path.isfile(self.path_of(sha256))

    def put_file(self, source: str | os.PathLike, what: str) -> Blob:
        """Copy a file in, hashing as it streams; ``what`` names it in errors. A file this
        process stored before, unchanged since (same size and modification time), is not
        read again (a script's own source, uploaded by every run it makes)."""
        try:
            st = os.stat(source)
            key = (self.root, os.path.abspath(source), st.st_size, st.st_mtime_ns)
            known = _SEEN.get(key)
            if known is not None and self.has(known.sha256):
                return known
            with open(source, "rb", buffering=0) as fh:  # read straight into put_stream's buffer
                blob = self.put_stream(fh, what, st.st_size)
            _SEEN[key] = blob
            return blob
        except OSError as e:  # a path that cannot be read, whatever the reason
            raise unreadable(source, what, e) from None

    def put_bytes(self, data: bytes, what: str) -> Blob:
        """Bytes already in memory are hashed first: content kept already is not written
        again (a diff or a requirements list recorded by every run of a process)."""
        blob = Blob(sha256(data, len(data)).hexdigest(), len(data))
        dest = self.path_of(blob.sha256)
        if os.path.isfile(dest):
            return blob
        # hashed already: written once, straight into its subfolder (no second hash, no
        # copy), renamed into place as put_stream does
        tmp = ""
        try:
            fd, tmp = _temp_file(self._folder_of(dest, what), ".incoming-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, dest)
        except OSError as e:
            _discard(tmp)
            raise StoreError(f"{what}: cannot store the file's content in {self.root!r}: "
                             f"{e.strerror or e}; nothing was stored") from None
        return blob

    def _folder_of(self, dest: str, what: str) -> str:
        """The subfolder ``dest`` goes in, created once per process (an existing one is
        not asked for again: a makedirs per image costs as much as hashing it)."""
        folder = os.path.dirname(dest)
        if folder not in _MADE or not os.path.isdir(folder):
            self._ensure_root(what)
            os.makedirs(folder, exist_ok=True)
            _MADE.add(folder)
        return folder

    def put_stream(self, fh: BinaryIO, what: str, size_hint: int = -1) -> Blob:
        self._ensure_root(what)
        digest = sha256(b"", size_hint)
        size = 0
        fd, tmp = _temp_file(self.root, ".incoming-")
        try:
            with os.fdopen(fd, "wb", buffering=0) as out:
                for chunk in chunks_of(fh):  # one read of the source: hashed as it is copied
                    digest.update(chunk)
                    _write_all(out, chunk)
                    size += len(chunk)
            sha = digest.hexdigest()
            dest = self.path_of(sha)
            if os.path.isfile(dest):  # the same content is already kept: store nothing new
                os.unlink(tmp)
            else:
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                os.replace(tmp, dest)
            return Blob(sha, size)
        except OSError as e:
            _discard(tmp)
            raise StoreError(f"{what}: cannot store the file's content in {self.root!r}: "
                             f"{e.strerror or e}; nothing was stored") from None
        except BaseException:
            _discard(tmp)
            raise

    def open(self, sha256: str, what: str) -> BinaryIO:
        try:
            return open(self.path_of(sha256), "rb")
        except FileNotFoundError:
            raise StoreError(f"{what}: the file's content ({sha256[:12]}...) is missing from "
                             f"{self.root!r}: it was deleted, or {FILES_ENV} points at another "
                             "folder than the one it was uploaded to") from None

    def copy_to(self, sha256: str, dest: str, what: str) -> None:
        """Write a stored content to ``dest`` in chunks (atomically: a temporary file beside
        it, then renamed)."""
        parent = os.path.dirname(os.path.abspath(dest))
        os.makedirs(parent, exist_ok=True)
        with self.open(sha256, what) as src:
            fd, tmp = _temp_file(parent, ".download-")
            try:
                with os.fdopen(fd, "wb", buffering=0) as out:
                    _copy_open_file(src, out)
                os.replace(tmp, dest)
            except BaseException:
                _discard(tmp)
                raise

    def read(self, sha256: str, what: str) -> bytes:
        with self.open(sha256, what) as fh:
            return fh.read()

    def _ensure_root(self, what: str) -> None:
        try:
            os.makedirs(self.root, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{what}: the files folder {self.root!r} cannot be created: "
                             f"{e.strerror or e}") from None


def chunks_of(fh: Any) -> Iterator[Any]:
    """A stream's bytes, ``CHUNK`` at a time, read into one reused buffer (each piece is
    valid until the next is asked for). ``fh.read(CHUNK)`` made a new 1 MiB object per
    chunk: allocating and faulting in its pages doubled an upload's CPU."""
    readinto = getattr(fh, "readinto", None)
    if readinto is None:
        while chunk := fh.read(CHUNK):
            yield chunk
        return
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    while n := readinto(buf):
        yield view[:n]


def _write_all(out: Any, chunk: Any) -> None:
    """An unbuffered write may take part of the chunk: write until all of it is out."""
    done = out.write(chunk)
    while done < len(chunk):
        done += out.write(chunk[done:])


def _copy_open_file(src: Any, out: Any) -> None:
    """Copy a kept content out: in the kernel (``os.sendfile``, no pass through Python's
    buffers) where the files allow it, else in chunks."""
    try:
        fds = (out.fileno(), src.fileno())
    except (AttributeError, io.UnsupportedOperation):  # an object store's file
        fds = None
    sent = -1
    if fds is not None:
        try:
            sent = os.sendfile(*fds, None, SEND_CHUNK)
        except OSError as e:  # not between these files: nothing was copied
            if e.errno not in _NO_SENDFILE:
                raise
    if sent < 0:
        for chunk in chunks_of(src):
            _write_all(out, chunk)
        return
    while sent and fds is not None:
        sent = os.sendfile(*fds, None, SEND_CHUNK)


def _discard(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class RemoteBlobStore(BlobStore):
    """The files folder in an object store (``s3://bucket/prefix``, ``gs://``, any fsspec
    URL): every machine of a team store reaches it. Object stores have no rename, so a
    content is hashed first (a local file in one streamed pass; a stream spooled to a
    temporary file) and then uploaded under its hash only when it is not there yet; reads
    stream in chunks. Credentials and endpoints come from the usual places (the AWS
    variables and files, ``FSSPEC_S3_ENDPOINT_URL``, ...)."""

    def __init__(self, url: str) -> None:
        super().__init__(url.rstrip("/"))
        self._fs: Any = None

    @property
    def fs(self) -> Any:
        if self._fs is None:
            try:
                import fsspec
            except ImportError:
                raise StoreError(f"the files folder {self.root!r} is an object store URL: "
                                 "install fsspec and its driver (pip install "
                                 "'neptune_sys_widgets[s3]')") from None
            self._fs = fsspec.core.url_to_fs(self.root)[0]
        return self._fs

    def _key(self, sha256: str) -> str:
        return self.fs._strip_protocol(self.path_of(sha256))

    def _call(self, what: str, fn: Any) -> Any:
        try:
            return fn()
        except FileNotFoundError:
            raise
        except Exception as e:  # noqa: BLE001 - any driver's network or auth failure
            raise StoreError(f"{what}: the files folder {self.root!r} cannot be reached: "
                             f"{type(e).__name__}: {e}; nothing was stored") from None

    def has(self, sha256: str) -> bool:
        return bool(self._call("files folder", lambda: self.fs.exists(self._key(sha256))))

    def put_file(self, source: str | os.PathLike, what: str) -> Blob:
        blob = _hash_file(source, what)
        if not self.has(blob.sha256):
            self._call(what, lambda: self.fs.put_file(os.fspath(source),
                                                      self._key(blob.sha256)))
        return blob

    def put_bytes(self, data: bytes, what: str) -> Blob:
        blob = Blob(sha256(data).hexdigest(), len(data))
        if not self.has(blob.sha256):
            self._call(what, lambda: self.fs.pipe_file(self._key(blob.sha256), data))
        return blob

    def put_stream(self, fh: BinaryIO, what: str, size_hint: int = -1) -> Blob:
        import shutil
        import tempfile
        with tempfile.NamedTemporaryFile(prefix="nsw-upload-") as tmp:
            shutil.copyfileobj(fh, tmp, CHUNK)
            tmp.flush()
            return self.put_file(tmp.name, what)

    def open(self, sha256: str, what: str) -> BinaryIO:
        try:
            return self._call(what, lambda: self.fs.open(self._key(sha256), "rb"))
        except FileNotFoundError:
            raise StoreError(f"{what}: the file's content ({sha256[:12]}...) is missing from "
                             f"{self.root!r}") from None

    def _ensure_root(self, what: str) -> None:
        pass  # object stores have no folders to create


def _hash_file(source: str | os.PathLike, what: str) -> Blob:
    digest, size = sha256(), 0
    try:
        with open(source, "rb", buffering=0) as fh:
            for chunk in chunks_of(fh):
                digest.update(chunk)
                size += len(chunk)
    except OSError as e:  # a path that cannot be read, whatever the reason
        raise unreadable(source, what, e) from None
    return Blob(digest.hexdigest(), size)


def unreadable(source: Any, what: str, error: OSError) -> InvalidValueError:
    """The one wording for a path a file upload cannot read, whichever store takes it."""
    why = {IsADirectoryError: "it is a folder, not a file",
           FileNotFoundError: "it does not exist",
           PermissionError: "permission denied"}.get(type(error))
    if why is None:  # a symlink loop, a name too long, an I/O error: the system's words
        why = (error.strerror or str(error)).lower()
    return InvalidValueError(f"{what}: cannot read {os.fspath(source)!r}: {why}")


_TEMP_ROOTS: dict[int, str] = {}
_REMOTES: dict[str, RemoteBlobStore] = {}  # one filesystem (and connection pool) per URL


def blobs_for(store: Any) -> BlobStore:
    """The files folder of an open store (see the module docstring for the rules)."""
    configured = os.environ.get(FILES_ENV)
    if configured and "://" in configured:
        remote = _REMOTES.get(configured)
        if remote is None:
            remote = _REMOTES[configured] = RemoteBlobStore(
                f"{configured.rstrip('/')}/{CONTENT_DIR}")
        return remote
    if configured:
        return BlobStore(os.path.join(os.path.abspath(os.path.expanduser(configured)),
                                      CONTENT_DIR))
    if getattr(store, "memory", False):
        root = _TEMP_ROOTS.get(id(store))
        if root is None:
            import tempfile
            root = _TEMP_ROOTS[id(store)] = tempfile.mkdtemp(prefix="nsw-debug-files-")
        return BlobStore(root)
    if "://" in str(getattr(store, "path", "")):
        raise NoFilesFolder(f"files need a folder every machine reaches: set {FILES_ENV} to "
                            f"a shared folder or an object store URL for the store "
                            f"{store.path}")
    return BlobStore(os.path.join(os.path.abspath(store.path) + ".files", CONTENT_DIR))
