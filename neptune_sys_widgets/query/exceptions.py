"""``neptune_query.exceptions``: the errors of the read API that are not plain argument
errors (those are ``ValueError`` / ``TypeError`` naming the argument, as in neptune-query)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..exceptions import NeptuneSysError


class NeptuneError(NeptuneSysError):
    """Base class of the ``neptune_sys_widgets.query`` errors (neptune-query's name)."""


class NeptuneUserError(NeptuneError):
    pass


class AttributeTypeInferenceError(NeptuneError):
    """An attribute in a filter has no type and the project holds it with several types."""

    def __init__(self, attribute_names: Sequence[str], details: Iterable[str] = ()) -> None:
        self.attribute_names = list(attribute_names)
        what = (f"attribute {self.attribute_names[0]}" if len(self.attribute_names) == 1
                else f"attributes [{', '.join(self.attribute_names)}]")
        lines = [f"Failed to infer types for {what}", *details,
                 'Specify the type explicitly: Attribute("name", type="int").']
        super().__init__("\n".join(lines))


class ConflictingAttributeTypes(NeptuneError):
    """One attribute name holds values of several types across the returned rows."""

    def __init__(self, attribute_names: Iterable[str]) -> None:
        self.attribute_names = sorted(attribute_names)
        super().__init__(
            f"Multiple types detected for attributes [{', '.join(self.attribute_names)}]: "
            "pass type_suffix_in_column_names=True to get one column per type, or select one "
            "type with AttributeFilter(name=..., type=...)")


__all__ = ["NeptuneError", "NeptuneUserError", "AttributeTypeInferenceError",
           "ConflictingAttributeTypes"]
