"""``neptune.types.namespace``: 1.x's wrapper of a dict assigned as a namespace
(``run["params"] = Namespace({"lr": 0.1})`` is ``run["params"] = {"lr": 0.1}``).

A ``dict`` itself here, so every path that takes a dict takes it, and two compare equal
when their contents do (1.x's was a dataclass); ``.value`` is the dict, as in 1.x."""

from typing import Any


class Namespace(dict):
    @property
    def value(self) -> dict[str, Any]:
        return dict(self)

    def __repr__(self) -> str:
        return f"Namespace({dict(self)!r})"


__all__ = ["Namespace"]
