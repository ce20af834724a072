"""Source code and git state of a run, recorded as each client generation laid it out.

neptune 1.x (``init_run(source_files=, git_ref=, dependencies=)``):
``source_code/entrypoint`` (the script, relative to the uploaded files' root),
``source_code/files`` (a file set: the ``source_files`` globs, by default the script),
``source_code/git/...`` (commit id, message, author, date, dirty flag, branch, remotes),
``source_code/diff`` (uncommitted changes, a ``.patch`` file) and
``source_code/requirements`` (``dependencies="infer"`` or a requirements file).

neptune-scale (``Run(source_tracking_config=SourceTrackingConfig(...))``, on by default):
``<namespace>/commit/...``, ``branch``, ``remote/<name>``, ``dirty``, ``run_command`` as
configs, and ``entry_point`` / ``diff/head`` / ``diff/<upstream sha>`` files when asked.

Git is read with the ``git`` command (no library needed); a machine without git, a folder
outside any repository or an empty repository records no git state, silently, as the
clients did. What git says is cached per process and repository, so many runs made by one
process ask once.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

from .values import atom, flatten

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from .source_tracking import RepositoryInfo


def __getattr__(name: str) -> Any:
    """The neptune-scale types, defined in source_tracking (dataclasses load only for them)."""
    if name in ("RepositoryInfo", "SourceTrackingConfig", "DEFAULT_SCALE"):
        from . import source_tracking
        return getattr(source_tracking, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What ``Run(...)`` records without a ``source_tracking_config``: items_scale reads every
# setting with getattr and SourceTrackingConfig's default, so an object with none of them
# is the default config, without loading dataclasses for it.
SCALE_DEFAULTS = object()

_CACHE: dict[tuple, SimpleNamespace | None] = {}
_ENTRY: dict[str, str | None] = {}
_WARNED: set[Any] = set()


def _git(repo: str, *args: str) -> bytes | None:
    import subprocess  # only where git is asked: ~5 ms of imports a script need not pay
    try:
        out = subprocess.run(["git", "-C", repo, *args], capture_output=True, timeout=20,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def _text(repo: str, *args: str) -> str | None:
    out = _git(repo, *args)
    return None if out is None else out.decode(errors="replace").strip()


def entry_point() -> str | None:
    """The script this process runs, if it is a file (not a notebook, ``-c`` or a REPL),
    its real path; resolved once per process (a script making many runs asks at each)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path:
        return None
    if path not in _ENTRY:
        _ENTRY[path] = os.path.realpath(path) if os.path.isfile(path) else None
    return _ENTRY[path]


def run_command() -> str:
    import shlex
    return shlex.join([sys.executable, *sys.argv]) if sys.argv and sys.argv[0] else \
        sys.executable


def read_repository_info(path: os.PathLike | str | None = None, run_command: bool = True,
                         entry_point: bool = False, head_diff: bool = False,
                         upstream_diff: bool = False) -> RepositoryInfo | None:
    """The repository at ``path`` (default: the working directory, searching upwards), or
    None when there is none (or no git, or no commit yet): neptune-scale's function."""
    info = repository(path, run_command, entry_point, head_diff, upstream_diff)
    if info is None:
        return None
    from pathlib import Path

    from .source_tracking import RepositoryInfo
    fields = dict(vars(info))
    if fields["entry_point_path"] is not None:
        fields["entry_point_path"] = Path(fields["entry_point_path"])
    return RepositoryInfo(**fields)


def repository(path: os.PathLike | str | None = None, run_command: bool = True,
               entry_point: bool = False, head_diff: bool = False,
               upstream_diff: bool = False) -> SimpleNamespace | None:
    """What ``read_repository_info`` says, as RepositoryInfo's fields in a plain namespace
    (a new run's record needs no dataclass), asked once per process and arguments."""
    start = os.path.realpath(os.fspath(path)) if path is not None else os.getcwd()
    key = (start, run_command, entry_point, head_diff, upstream_diff)
    if key not in _CACHE:
        _CACHE[key] = _read(start, run_command, entry_point, head_diff, upstream_diff)
    return _CACHE[key]


def _may_be_in_repository(start: str) -> bool:
    """False when no folder from ``start`` up (to a ``GIT_CEILING_DIRECTORIES`` entry) has
    a ``.git``: git would say "not a git repository", and asking it costs a process start
    (~5 ms) to every script run outside a repository. ``GIT_DIR`` set: git decides."""
    if os.environ.get("GIT_DIR"):
        return True
    ceilings = {os.path.realpath(c) for c in
                os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep) if c}
    folder = os.path.realpath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder or parent in ceilings:
            return False
        folder = parent


def _read(start: str, with_command: bool, with_entry: bool, head_diff: bool,
          upstream_diff: bool) -> SimpleNamespace | None:
    if not _may_be_in_repository(start):
        return None
    import shutil
    if shutil.which("git") is None:
        return None
    repo = _text(start, "rev-parse", "--show-toplevel")
    head = _git(repo, "log", "-1", "--format=%H%x00%an%x00%ae%x00%cI%x00%B") if repo else None
    if not repo or not head:
        return None
    sha, name, email, date, message = head.decode(errors="replace").split("\0", 4)
    status = _git(repo, "status", "--porcelain", "--untracked-files=no")
    remotes = {}
    for line in (_text(repo, "remote", "-v") or "").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            remotes.setdefault(parts[0], parts[1])
    from datetime import datetime
    info = SimpleNamespace(
        commit_id=sha, commit_message=message.rstrip("\n"), commit_author_name=name,
        commit_author_email=email, commit_date=datetime.fromisoformat(date),
        dirty=bool(status), branch=_text(repo, "symbolic-ref", "--short", "-q", "HEAD") or
        "Detached HEAD", remotes=remotes, run_command=run_command() if with_command else None,
        entry_point_path=entry_point() if with_entry else None, head_diff_content=None,
        upstream_diff_commit_id=None, upstream_diff_content=None)
    if head_diff:
        info.head_diff_content = _git(repo, "diff", "HEAD", "--binary") or None
    if upstream_diff:
        base = _text(repo, "merge-base", "HEAD", "@{upstream}")
        if base:
            info.upstream_diff_commit_id = base
            info.upstream_diff_content = _git(repo, "diff", base, "--binary") or None
    return info


# ------------------------------------------------------------------------ neptune 1.x
def items_1x(source_files: Any, git_ref: Any, dependencies: Any) -> dict[str, Any]:
    """What ``init_run`` recorded of a new run's source (see the module docstring), by
    path under ``source_code``."""
    record: dict[str, Any] = _source_files(source_files)
    repo_path = getattr(git_ref, "repository_path", None)
    disabled = git_ref is False or getattr(git_ref, "disabled", False)
    if not disabled:
        info = repository(repo_path, run_command=False, head_diff=True)
        if info is not None:
            record["git"] = _git_fields(info)
            if info.head_diff_content:
                record["diff"] = _patch(info.head_diff_content)
    if dependencies is not None:
        requirements = _dependencies(dependencies)
        if requirements is not None:
            record["requirements"] = requirements
    return dict(flatten("source_code", record))


def rows(store: Any, items: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """``items`` as attribute rows (path, type, stored value), the files among them stored
    now: a new run writes them in the transaction that creates it (one commit, not two).
    A file set on a server store without a files folder is left out, as it cannot be kept
    there; everything else that cannot be stored raises."""
    from ..store import NoFilesFolder
    from .container import file_value
    out = []
    for path, value in items.items():
        try:
            stored = file_value(store, f"run: {path}", value)
        except NoFilesFolder as e:  # a server store without a files folder
            if path.endswith("/files"):
                _warn_once(store, f"source files not stored (git information is): {e}")
                continue
            raise
        out.append((path, *(stored if stored is not None else atom(value, "run", path))))
    return out


def _git_fields(info: SimpleNamespace) -> dict[str, Any]:
    out: dict[str, Any] = {
        "commit_id": info.commit_id, "message": info.commit_message,
        "author_name": info.commit_author_name, "author_email": info.commit_author_email,
        "commit_date": info.commit_date, "dirty": info.dirty, "branch": info.branch or ""}
    if info.remotes:
        out["remotes"] = dict(info.remotes)
    return out


def _patch(content: bytes) -> Any:
    from ..types import File
    return File.from_content(content, extension="patch")


def _source_files(source_files: Any) -> dict[str, Any]:
    """``entrypoint`` and the ``files`` set: the globs given, else the running script."""
    from ..types import FileSet
    script = entry_point()
    if source_files is None:
        globs = [script] if script is not None else []
    else:
        globs = [source_files] if isinstance(source_files, (str, os.PathLike)) else \
            list(source_files)
    out: dict[str, Any] = {}
    if script is not None:
        out["entrypoint"] = _relative_entry(script, globs)
    if globs:
        from .files import matches
        if any(matches(g) for g in globs):
            out["files"] = FileSet(globs)
        else:  # 1.x warned and went on
            _warn(f"no file matches the source_files {globs!r}; none uploaded")
    return out


def _relative_entry(script: str, globs: list[Any]) -> str:
    folder = os.path.dirname(script)
    roots = [os.path.abspath(os.fspath(g).split("*")[0] or ".") for g in globs]
    common = os.path.commonpath([folder, *roots]) if roots else folder
    return os.path.relpath(script, common) if script.startswith(common) else \
        os.path.basename(script)


def _dependencies(dependencies: Any) -> Any:
    """``dependencies="infer"`` (the installed distributions) or a requirements file."""
    from ..types import File
    if dependencies == "infer":
        from importlib import metadata
        lines = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()
                        if d.metadata["Name"]})
        return File.from_content("\n".join(lines) + "\n", extension="txt")
    path = os.fspath(dependencies)
    if not os.path.isfile(path):
        _warn(f"File '{path}' does not exist - skipping dependency file upload.")
        return None
    return File(path)


def _warn_once(store: Any, message: str) -> None:
    """Our own notice (not one of 1.x's), once per store and process, on stderr: a script
    making many runs, or printing ids to stdout for another program, is not flooded."""
    key = getattr(store, "path", None) or id(store)
    if key not in _WARNED:
        _WARNED.add(key)
        print(f"[neptune] [warning] {message}", file=sys.stderr, flush=True)


def _warn(message: str) -> None:
    """1.x printed these through its logger, to stdout."""
    print(f"[neptune] [warning] {message}", flush=True)


# ------------------------------------------------------------------------ neptune-scale
def items_scale(config: Any) -> dict[str, Any]:
    """neptune-scale's source tracking of a new run (``config`` a SourceTrackingConfig):
    configs and files by path."""
    ns = getattr(config, "namespace", "source_code")
    info = repository(getattr(config, "repository", None),
                      run_command=getattr(config, "upload_run_command", True),
                      entry_point=getattr(config, "upload_entry_point", False),
                      head_diff=getattr(config, "upload_diff_head", False),
                      upstream_diff=getattr(config, "upload_diff_upstream", False))
    if info is None:
        return {}
    data: dict[str, Any] = {f"{ns}/commit/commit_id": info.commit_id,
                            f"{ns}/commit/message": info.commit_message,
                            f"{ns}/commit/author_name": info.commit_author_name,
                            f"{ns}/commit/author_email": info.commit_author_email,
                            f"{ns}/commit/commit_date": info.commit_date,
                            f"{ns}/branch": info.branch or "", f"{ns}/dirty": info.dirty}
    data.update({f"{ns}/remote/{name}": url for name, url in info.remotes.items()})
    if info.run_command:
        data[f"{ns}/run_command"] = info.run_command
    from ..types import File
    if info.entry_point_path is not None:
        data[f"{ns}/entry_point"] = File(str(info.entry_point_path))
    if info.head_diff_content:
        data[f"{ns}/diff/head"] = _patch(info.head_diff_content)
    if info.upstream_diff_content:
        data[f"{ns}/diff/{info.upstream_diff_commit_id}"] = _patch(info.upstream_diff_content)
    return data
