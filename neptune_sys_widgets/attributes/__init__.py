"""``neptune.attributes``: the 1.x attribute classes, for code that asks what a path holds
with ``isinstance(run["x"], FloatSeries)``.

``run["x"]`` here is always a handle (objects/handles.py); these classes are not what it
is made of but questions about it: ``isinstance(handle, cls)`` is true when the field at
the handle's path is of that 1.x type right now (``handle.field_type``), so the check
answers as 1.x's did, on any backend and after another process changed the field.
``Attribute`` matches any stored field, ``Namespace`` a path with fields under it.
"""

from __future__ import annotations

from typing import Any

from ..objects.handles import Handle


class _FieldTypeCheck(type):
    """``isinstance(handle, Float)``: the handle's current field type is one of the
    class's ``field_types``."""

    field_types: frozenset[str] = frozenset()

    def __instancecheck__(cls, obj: Any) -> bool:
        if not isinstance(obj, Handle):
            return type.__instancecheck__(cls, obj)
        return obj.field_type in cls.field_types


def _define(name: str, *types: str, base: type | None = None) -> type:
    return _FieldTypeCheck(name, (base or object,), {
        "field_types": frozenset(types or (name,)),
        "__doc__": f"True for a handle whose field is a 1.x {' or '.join(types or (name,))}.",
        "__module__": __name__})


_ATOMS = ("Float", "Integer", "Boolean", "String", "Datetime", "File", "GitRef", "RunState",
          "Artifact", "NotebookRef", "ModelVersionStage")
_SERIES = ("FloatSeries", "StringSeries", "FileSeries")
Attribute = _define("Attribute", *_ATOMS, *_SERIES, "StringSet", "FileSet")
Atom = _define("Atom", *_ATOMS, base=Attribute)
Series = _define("Series", *_SERIES, base=Attribute)
FetchableSeries = _define("FetchableSeries", *_SERIES)
CopiableAtom = _define("CopiableAtom", "Float", "Integer", "Boolean", "String", "Datetime",
                       base=Atom)
Float = _define("Float", base=CopiableAtom)
Integer = _define("Integer", base=CopiableAtom)
Boolean = _define("Boolean", base=CopiableAtom)
String = _define("String", base=CopiableAtom)
Datetime = _define("Datetime", base=CopiableAtom)
File = _define("File", base=Atom)
GitRef = _define("GitRef", base=Atom)
RunState = _define("RunState", base=Atom)
Artifact = _define("Artifact", base=Atom)
NotebookRef = _define("NotebookRef", base=Atom)
FloatSeries = _define("FloatSeries", base=Series)
StringSeries = _define("StringSeries", base=Series)
FileSeries = _define("FileSeries", base=Series)
Set = _define("Set", "StringSet", base=Attribute)
StringSet = _define("StringSet", base=Set)
FileSet = _define("FileSet", base=Attribute)
Namespace = _define("Namespace")



def register_modules(package: str, layout: dict[str, tuple[str, ...]]) -> None:
    """1.x kept each class in a module of its own and code imports it from there
    (``from neptune.attributes.atoms.file import File``): each such module is registered
    under ``package`` holding its classes, so those imports work without a file per
    class. ``package`` must be imported (each subpackage calls this for its own)."""
    import sys
    from types import ModuleType

    parent = sys.modules[package]
    for name, classes in layout.items():
        module = ModuleType(f"{package}.{name}", f"1.x's ``{name}`` module: "
                            f"{', '.join(classes)} (see neptune_sys_widgets.attributes).")
        for cls in classes:
            setattr(module, cls, globals()[cls])
        module.__all__ = list(classes)  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
        setattr(parent, name, module)


register_modules(__name__, {"attribute": ("Attribute",), "namespace": ("Namespace",),
                            "file_set": ("FileSet",)})

__all__ = ["Attribute", "Atom", "CopiableAtom", "Series", "FetchableSeries", "Float",
           "Integer", "Boolean", "String", "Datetime", "File", "GitRef", "RunState",
           "Artifact", "NotebookRef", "FloatSeries", "StringSeries", "FileSeries", "Set",
           "StringSet", "FileSet", "Namespace", "register_modules"]
