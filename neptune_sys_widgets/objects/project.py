"""Projects: ``workspace/name`` with a stable key, created on first use (docs/SYS_FIELDS.md §1)."""

from __future__ import annotations

import os

from ..exceptions import InvalidValueError, ProjectNotFound
from ..store import open_store
from . import values as V
from .container import Container
from .container_lifecycle import resolve_online_mode
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from ..store.base import Store, Transaction

DEFAULT_PROJECT_NAME = "sandbox"
_NAME_FORBIDDEN = frozenset("/\\#?%:")


def _name_part_ok(part: str) -> bool:
    """A workspace or project name: not empty, no leading whitespace, none of / \\ # ? % :
    and no control character (a name is printed in listings and summaries: ESC there would
    drive the reader's terminal). String checks: a regular expression would import re at
    every script's start."""
    return bool(part) and not part[0].isspace() and _NAME_FORBIDDEN.isdisjoint(part) and \
        (part.isprintable() or not any(c < " " or "\x7f" <= c <= "\x9f" for c in part))


_USER_VARS = ("LOGNAME", "USER", "LNAME", "USERNAME")  # what getpass.getuser() reads first
_users: dict[tuple, str] = {}


def owner() -> str:
    """``NEPTUNE_SYS_OWNER``, else the OS user. The user is looked up once per value of
    the variables getpass reads: without them it is a passwd lookup (~20 us a create)."""
    env = os.environ.get("NEPTUNE_SYS_OWNER")
    if env:
        return env
    key = (os.getuid() if hasattr(os, "getuid") else None,
           *(os.environ.get(k) for k in _USER_VARS))
    user = _users.get(key)
    if user is None:
        # the variables first, as getpass.getuser() reads them, without importing getpass
        # (and termios) into a script's first create: the passwd lookup only without them
        user = next((v for v in key[1:] if v), None) or _account_name()
        _users[key] = user
    return user


def _account_name() -> str:
    """The account's name from the passwd database (getpass's last resort, without
    importing getpass and termios), else getpass's own answer."""
    try:
        import pwd
        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        pass
    import getpass
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user at all (a container without passwd entry)
        return "unknown"


def qualify(project: str | None) -> str:
    """``project=`` or ``NEPTUNE_PROJECT`` -> ``workspace/name`` (workspace = OS user)."""
    raw = project if project is not None else os.environ.get("NEPTUNE_PROJECT")
    if raw is None or raw == "":
        raw = DEFAULT_PROJECT_NAME
    if not isinstance(raw, str):
        raise InvalidValueError(f"project must be a str like 'workspace/name' (was "
                                f"{type(raw).__name__})")
    V.check_text(raw, "project", "the name")
    parts = raw.split("/")
    if len(parts) == 1:
        parts = [owner(), parts[0]]
    if len(parts) != 2 or not all(parts) or not all(_name_part_ok(p) for p in parts):
        raise InvalidValueError(f"project {raw!r} is not in the expected format "
                                "'workspace/name' (no \\ # ? % :, no control character and "
                                "no empty parts)")
    return "/".join(parts)


def derive_key(name: str, taken: set[str]) -> str:
    """``ml-team/classification`` -> ``CLAS``; a collision gets a digit suffix."""
    base = "".join(c for c in name.split("/")[-1].upper() if c.isascii() and c.isalnum())[:4]
    if not any(c.isalpha() for c in base):
        base = ("P" + base)[:4]
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}{n}"[:10]
    return key


class ProjectRef:
    """A resolved project row: what objects need to know of their project."""

    def __init__(self, store: Store, row: tuple) -> None:
        self.store = store
        self.pk, self.name, self.key, self.creation_time, self.owner = row
        self._object_pk: int | None = None

    @property
    def object_pk(self) -> int:
        """The project's own objects row (holds its sys fields and attributes)."""
        if self._object_pk is None:
            found = self.store.project_object(self.pk)
            if found is None:
                def tx(t: Transaction) -> int:
                    hit = t.find_by_id(self.key, ("project",))
                    if hit:
                        return hit[0]
                    t.check_project(self.pk)  # another process may have deleted it
                    return t.insert_object(self.pk, "project", {
                        "id": self.key, "name": self.name.split("/")[-1], "owner": self.owner,
                        "visibility": "priv", "creation_time": self.creation_time,
                        "modification_time": self.creation_time, "size": 0.0})
                self._object_pk = self.store.write(tx)
            else:
                self._object_pk = int(found[0])
        return self._object_pk


def resolve_project(project: str | None, store: Store, *, create: bool = True,
                    key: str | None = None) -> ProjectRef:
    name = qualify(project)
    row = store.find_project(name)
    if row is None:
        if not create:
            raise ProjectNotFound(f"project {name!r} does not exist in store {store.path!r}")
        if key is not None:
            V.check_key(key, f"project {name!r}: key")
        row = store.create_project(name, key, owner(), derive_key)
    ref = ProjectRef(store, row)
    ref.object_pk  # noqa: B018 - make sure the project's sys row exists
    return ref


def project_by_pk(store: Store, project_pk: int) -> ProjectRef:
    """The project an existing object belongs to (read-only opens never create one)."""
    row = store.project_by_pk(project_pk)
    if row is None:  # deleted under the object (not a TypeError from unpacking None)
        raise ProjectNotFound(f"project {project_pk} does not exist in store {store.path!r}")
    return ProjectRef(store, row)


def store_for(mode: str, store: Any) -> Store:
    return open_store(store, debug=(mode == "debug"))


def object_url(store: Any, project: str, sys_id: str | None) -> str:
    """A reference to an object, there being no web app: the store (a ``file:`` URI of an
    SQLite file; a PostgreSQL store's URL naming server and database, never the password;
    ``memory:``) with ``#project/sys-id`` as fragment."""
    from urllib.parse import quote
    path = str(getattr(store, "path", ""))
    if getattr(store, "memory", False) or not path or path.startswith(":"):
        base = "memory:"
    elif "://" in path:  # the store's own label: postgresql://user@host:port/db
        base = path
    else:
        import pathlib
        base = pathlib.Path(path).resolve().as_uri()
    fragment = quote(f"{project}/{sys_id}" if sys_id else project, safe="/-_.~@:")
    return f"{base}#{fragment}"


class Project(Container):
    """``neptune.Project(project=None, *, api_token=None, mode=None, ...)`` (1.x constructor)
    or :func:`init_project`: project-level attributes and the runs/models tables."""

    _kind = "project"

    def __init__(self, project: str | None = None, *, api_token: str | None = None,
                 mode: str | None = None, proxies: Any = None, store: Any = None,
                 **kwargs: Any) -> None:
        if kwargs:
            raise TypeError(f"Project() got an unexpected keyword argument "
                            f"'{next(iter(kwargs))}'")
        mode = resolve_online_mode(mode, "Project")
        s = store_for(mode, store)
        self._setup(resolve_project(project, s, create=mode != "read-only"), mode)

    @classmethod
    def _wrap(cls, ref: ProjectRef, mode: str) -> Project:
        obj = cls.__new__(cls)
        obj._setup(ref, mode)
        return obj

    def _setup(self, ref: ProjectRef, mode: str) -> None:
        from ..exceptions import InactiveProjectException
        self._inactive_error = InactiveProjectException
        self._ref = ref
        super().__init__(ref.store, ref.object_pk, ref.key, mode, attach=False)

    @property
    def _label(self) -> str:
        return f"project {self._ref.name}"

    @_reads  # a table read sees what this process queued through any object
    def fetch_runs_table(self, *, query: str | None = None, id: Any = None, state: Any = None,
                         owner: Any = None, tag: Any = None, columns: Any = None,
                         trashed: bool | None = False, limit: int | None = None,
                         sort_by: str = "sys/creation_time", ascending: bool = False,
                         progress_bar: Any = None):
        self._ensure_open()
        from .tables import fetch_table
        return fetch_table(self._store, self._ref.pk, "run", query=query, ids=id, states=state,
                           owners=owner, tags=tag, columns=columns, trashed=trashed,
                           limit=limit, sort_by=sort_by, ascending=ascending)

    @_reads  # a table read sees what this process queued through any object
    def fetch_models_table(self, *, query: str | None = None, columns: Any = None,
                           trashed: bool | None = False, limit: int | None = None,
                           sort_by: str = "sys/creation_time", ascending: bool = False,
                           progress_bar: Any = None):
        self._ensure_open()
        from .tables import fetch_table
        return fetch_table(self._store, self._ref.pk, "model", query=query, columns=columns,
                           trashed=trashed, limit=limit, sort_by=sort_by, ascending=ascending)

    def get_url(self) -> str:
        """A ``file:`` reference to the store, with the project as fragment."""
        return object_url(self._store, self._ref.name, None)


def init_project(project: str | None = None, *, api_token: str | None = None,
                 mode: str | None = None, proxies: Any = None, store: Any = None,
                 **kwargs: Any) -> Project:
    """Open (creating on first use) a project for its attributes and tables."""
    if kwargs:
        raise TypeError(f"init_project() got an unexpected keyword argument "
                        f"'{next(iter(kwargs))}'")
    return Project(project, api_token=api_token, mode=mode, proxies=proxies, store=store)


__all__ = ["Project", "init_project", "resolve_project", "qualify", "derive_key", "owner",
           "ProjectRef", "project_by_pk", "store_for", "object_url"]
