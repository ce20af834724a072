"""``neptune.attributes.atoms`` and its modules (see ``neptune_sys_widgets.attributes``)."""

from .. import (
    Artifact,
    Atom,
    Boolean,
    CopiableAtom,
    Datetime,
    File,
    Float,
    GitRef,
    Integer,
    NotebookRef,
    RunState,
    String,
    register_modules,
)

register_modules(__name__, {
    "atom": ("Atom",), "copiable_atom": ("CopiableAtom",), "artifact": ("Artifact",),
    "boolean": ("Boolean",), "datetime": ("Datetime",), "file": ("File",),
    "float": ("Float",), "git_ref": ("GitRef",), "integer": ("Integer",),
    "notebook_ref": ("NotebookRef",), "run_state": ("RunState",), "string": ("String",)})

__all__ = ["Artifact", "Atom", "Boolean", "CopiableAtom", "Datetime", "File", "Float",
           "GitRef", "Integer", "NotebookRef", "RunState", "String"]
