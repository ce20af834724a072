"""``neptune_query.warnings``: warning classes of the read API."""


class AttributeWarning(UserWarning):
    """A filter or sort refers to an attribute whose type could not be inferred."""


class ExperimentalWarning(UserWarning):
    """A call of an experimental part of the API (neptune-query warns so)."""


__all__ = ["AttributeWarning", "ExperimentalWarning"]
