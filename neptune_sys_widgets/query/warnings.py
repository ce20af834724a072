"""``neptune_query.warnings``: warning classes of the read API."""


class AttributeWarning(UserWarning):
    """A filter or sort refers to an attribute whose type could not be inferred."""


__all__ = ["AttributeWarning"]
