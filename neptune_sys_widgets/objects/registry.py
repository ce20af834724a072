"""The model registry: models (``KEY-MODELKEY``) and their versions (``KEY-MODELKEY-N``)."""

from __future__ import annotations

from .. import catalog
from ..exceptions import (
    InactiveModelException,
    InactiveModelVersionException,
    ModelNotFound,
    ModelVersionNotFound,
    NeedExistingModelForReadOnlyMode,
    NeedExistingModelVersionForReadOnlyMode,
    NeptuneMissingRequiredInitParameter,
    NeptuneModelKeyAlreadyExistsError,
    ProjectDeleted,
)
from . import values as V
from .container import Container
from .container_lifecycle import resolve_online_mode
from .project import ProjectRef, object_url, owner, project_by_pk, resolve_project, store_for
from .reads import _reads

TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import Any


def _check_args(fn: str, kwargs: dict[str, Any]) -> None:
    allowed = {"api_token", "proxies", "async_lag_callback", "async_lag_threshold",
               "async_no_progress_callback", "async_no_progress_threshold", "flush_period"}
    unknown = set(kwargs) - allowed
    if unknown:
        raise TypeError(f"{fn}() got an unexpected keyword argument '{sorted(unknown)[0]}'")


def _base_values(sys_id: str, name: str, t: int) -> dict[str, Any]:
    return {"id": sys_id, "name": name, "description": "", "owner": owner(),
            "creation_time": t, "modification_time": t, "ping_time": t, "size": 0.0,
            "trashed": 0}


class _Attached(Container):
    _project: ProjectRef  # set by _wrap

    def _open(self, store, pk, sys_id, mode, name) -> None:
        write = mode != "read-only"
        v = None
        if write and name is not None:  # validate before attaching: a rejected call
            v = V.check_sys_value(catalog.BY_PATH["sys/name"], name,  # leaves no trace
                                  f"{self._kind.replace('_', ' ')} {sys_id}")
        super().__init__(store, pk, sys_id, mode, attach=write)
        if v is not None:
            self._write(lambda tx: tx.set_columns(pk, {"name": v}))


    @classmethod
    def _wrap(cls, pk: int, sys_id: str, store, mode: str, project, name):
        """The object for a row found or created by the factory (bypasses ``__init__``,
        which has the 1.x public signature)."""
        obj = cls.__new__(cls)
        obj._project = project
        obj._open(store, pk, sys_id, mode, name)
        return obj

    def get_url(self) -> str:
        """Where the object lives: a ``file:`` reference to the store with the object's
        project and id as fragment (there is no web app)."""
        return object_url(self._store, self._project.name, self._sys_id)


class Model(_Attached):
    """``neptune.Model(with_id=None, *, name=None, key=None, project=None, ...)``: the 1.x
    constructor, the same as :func:`init_model`."""

    _kind = "model"
    _inactive_error = InactiveModelException

    def __init__(self, with_id: str | None = None, *, name: str | None = None,
                 key: str | None = None, project: str | None = None, mode: str | None = None,
                 store: Any = None, **kwargs: Any) -> None:
        other = init_model(with_id, name=name, key=key, project=project, mode=mode,
                           store=store, **kwargs)
        self.__dict__.update(other.__dict__)
        _rebind(other, self)

    @_reads  # a table read sees what this process queued through any object
    def fetch_model_versions_table(self, *, query: str | None = None, columns: Any = None,
                                   limit: int | None = None,
                                   sort_by: str = "sys/creation_time", ascending: bool = False,
                                   progress_bar: Any = None):
        from .tables import fetch_table
        self._ensure_open()
        return fetch_table(self._store, self._project.pk, "model_version", query=query,
                           columns=columns, trashed=False, limit=limit, sort_by=sort_by,
                           ascending=ascending, model_pk=self._pk)


class ModelVersion(_Attached):
    """``neptune.ModelVersion(with_id=None, *, name=None, model=None, project=None, ...)``:
    the 1.x constructor, the same as :func:`init_model_version`."""

    _kind = "model_version"
    _inactive_error = InactiveModelVersionException

    def __init__(self, with_id: str | None = None, *, name: str | None = None,
                 model: str | None = None, project: str | None = None,
                 mode: str | None = None, store: Any = None, **kwargs: Any) -> None:
        other = init_model_version(with_id, name=name, model=model, project=project,
                                   mode=mode, store=store, **kwargs)
        self.__dict__.update(other.__dict__)
        _rebind(other, self)

    def change_stage(self, stage: str) -> None:
        """Move the version to ``none``/``staging``/``production``/``archived`` (durable on
        return, as in 1.x, which waited for the assignment)."""
        self._ensure_writable()
        stage = V.check_stage(stage, self._label)
        pk = self._pk
        self._flush()
        self._commit([lambda tx: tx.set_columns(pk, {"stage": stage})])


def _rebind(old: Container, new: Container) -> None:
    """The background thread registered the factory's object: point it at ``new``."""
    from .background import BACKGROUND
    if old._attachment is not None:
        BACKGROUND.unregister(old)
        BACKGROUND.register(new)


def init_model(with_id: str | None = None, *, name: str | None = None, key: str | None = None,
               project: str | None = None, mode: str | None = None, store: Any = None,
               **kwargs: Any) -> Model:
    """Create a model (``key=`` required) or open one by ``with_id``."""
    _check_args("init_model", kwargs)
    mode = resolve_online_mode(mode, "Model")
    s = store_for(mode, store)
    if with_id is not None:
        V.check_id(with_id, "with_id")
        hit = s.find_by_id(with_id, ("model",))
        if hit is None:
            raise ModelNotFound(f"No existing model was found at {with_id!r}")
        return Model._wrap(hit[0], hit[2], s, mode, project_by_pk(s, hit[3]), name)
    if mode == "read-only":
        raise NeedExistingModelForReadOnlyMode("read-only mode needs an existing model: "
                                               "pass with_id=")
    ref = resolve_project(project, s)
    if key is None:
        raise NeptuneMissingRequiredInitParameter(
            "init_model(): parameter 'key' is required to create a model")
    V.check_key(key, "model key")
    if name is not None:
        V.check_sys_value(catalog.BY_PATH["sys/name"], name, f"model {ref.key}-{key}")
    try:
        pk = _new_model(s, ref, key, name)
    except ProjectDeleted:  # by another process since this one found it: made anew
        ref = resolve_project(project, s)
        pk = _new_model(s, ref, key, name)
    return Model._wrap(pk, f"{ref.key}-{key}", s, mode, ref, None)


def _new_model(s: Any, ref: ProjectRef, key: str, name: str | None) -> int:
    sys_id = f"{ref.key}-{key}"

    def tx(t):
        t.check_project(ref.pk)  # another process may have deleted it since
        if t.find_by_id(sys_id):
            raise NeptuneModelKeyAlreadyExistsError(
                f"model key {key!r} is already used in project {ref.name!r} (model "
                f"{sys_id}, trashed or not); choose another key or open it with "
                f"with_id={sys_id!r}")
        pk = t.insert_object(ref.pk, "model", _base_values(sys_id, name or "Untitled",
                                                           t.now_ms()))
        t.recompute_size(pk)
        return pk
    return s.write(tx)


def init_model_version(with_id: str | None = None, *, name: str | None = None,
                       model: str | None = None, project: str | None = None,
                       mode: str | None = None, store: Any = None,
                       **kwargs: Any) -> ModelVersion:
    """Create a version of ``model=`` (stage ``none``) or open one by ``with_id``."""
    _check_args("init_model_version", kwargs)
    mode = resolve_online_mode(mode, "ModelVersion")
    s = store_for(mode, store)
    if with_id is not None:
        V.check_id(with_id, "with_id")
        hit = s.find_by_id(with_id, ("model_version",))
        if hit is None:
            raise ModelVersionNotFound(f"No existing model version was found at {with_id!r}")
        return ModelVersion._wrap(hit[0], hit[2], s, mode, project_by_pk(s, hit[3]), name)
    if mode == "read-only":
        raise NeedExistingModelVersionForReadOnlyMode(
            "read-only mode needs an existing model version: pass with_id=")
    if model is None:
        raise NeptuneMissingRequiredInitParameter(
            "init_model_version(): parameter 'model' (the model's sys/id) is required")
    V.check_id(model, "model")
    if name is not None:
        V.check_sys_value(catalog.BY_PATH["sys/name"], name, f"version of {model}")
    hit = s.find_by_id(model, ("model",))
    if hit is None and mode != "debug":
        raise ModelNotFound(f"No existing model was found at {model!r}")
    # a version's project holds its model already (a debug store makes both): a refused
    # call must not leave a new empty project behind
    ref = resolve_project(project, s, create=mode == "debug")
    if hit is None:
        hit = _debug_model(s, ref, model)
    model_pk = hit[0]

    def tx(t):
        n = t.next_version_number(model_pk)
        sys_id = f"{model}-{n}"
        values = _base_values(sys_id, name or "Untitled", t.now_ms())
        values.update(model_id=model, stage="none")
        t.bump(model_pk)
        pk = t.insert_object(hit[3], "model_version", values, model_pk=model_pk)
        t.recompute_size(pk)
        return pk, sys_id
    pk, sys_id = s.write(tx)
    return ModelVersion._wrap(pk, sys_id, s, mode, ref, None)


def _debug_model(s: Any, ref: ProjectRef, model: str) -> Any:
    """A debug version stands alone, as 1.x's debug backend knew every model: the model it
    names is made in the version's private store, with that id, when it is not there."""
    def tx(t):
        pk = t.insert_object(ref.pk, "model", _base_values(model, "Untitled", t.now_ms()))
        t.recompute_size(pk)
    s.write(tx)
    return s.find_by_id(model, ("model",))


def version_view(store: Any, with_id: str) -> ModelVersion:
    """A read-only handle on a version of ``store`` itself (an in-memory ``debug`` store
    included: looking it up by path would open, or create, ``.neptune/`` in the cwd)."""
    V.check_id(with_id, "with_id")
    hit = store.find_by_id(with_id, ("model_version",))
    if hit is None:
        raise ModelVersionNotFound(f"No existing model version was found at {with_id!r}")
    return ModelVersion._wrap(hit[0], hit[2], store, "read-only",
                              project_by_pk(store, hit[3]), None)


def change_stage_unattached(version: ModelVersion, stage: Any) -> None:
    """Move a version to ``stage`` without attaching to it: promoting a version from a card
    or a table is an edit, not a process working on it, so it must not flip the version to
    active or bump its ping and running time. Validated first: a rejected stage changes
    nothing at all."""
    stage = V.check_stage(stage, version._label)
    pk, store = version._pk, version._store

    def tx(t):
        t.set_columns(pk, {"stage": stage})
        t.touch(pk, ping=False)
    store.write(tx)

