"""``neptune.attributes.atoms`` (see ``neptune_sys_widgets.attributes``)."""

from .. import (  # noqa: F401
    Artifact,
    Atom,
    Boolean,
    Datetime,
    File,
    Float,
    GitRef,
    Integer,
    NotebookRef,
    RunState,
    String,
)

__all__ = ["Artifact", "Atom", "Boolean", "Datetime", "File", "Float", "GitRef", "Integer",
           "NotebookRef", "RunState", "String"]
