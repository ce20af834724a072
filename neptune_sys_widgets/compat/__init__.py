"""Mirrors of the upstream packages' module layout, for Neptune code that imports modules
this package has no other reason to have: ``compat/neptune`` (neptune 1.x),
``compat/neptune_scale`` (neptune-scale). Each module is thin: names, and re-exports of the
product's own classes. The drop-in (dropin/) resolves ``neptune.X`` here first, then in the
package itself, where most of the 1.x surface lives (types, exceptions, management, ...).
"""
