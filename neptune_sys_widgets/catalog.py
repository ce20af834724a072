"""The one table of ``sys/`` attributes (docs/SYS_FIELDS.md §2).

Validation, store columns, traits, widget fields and the README's field table are all
derived from :data:`FIELDS`; nothing else in the package spells a sys field out by hand.
This module is pure data plus tiny helpers, so importing it costs nothing.
"""

from __future__ import annotations

from collections import namedtuple

RUN, MODEL, MODEL_VERSION, PROJECT = "run", "model", "model_version", "project"
KIND_LETTERS = {"R": RUN, "M": MODEL, "V": MODEL_VERSION, "P": PROJECT}
KINDS = (RUN, MODEL, MODEL_VERSION, PROJECT)

# Value types of docs/SYS_FIELDS.md §2.
STRING, STRING_SET, BOOLEAN, INTEGER, FLOAT, DATETIME = (
    "String", "StringSet", "Boolean", "Integer", "Float", "Datetime")
RUN_STATE, STAGE = "RunState", "ModelVersionStage"

RUN_STATES = ("active", "inactive")
STAGES = ("none", "staging", "production", "archived")

# Where a field's value lives in the store.
COLUMN = "column"      # a column of the objects table
SET = "set"            # rows of the string_sets table
DERIVED = "derived"    # computed at read time from liveness bookkeeping

# Who may write a field.
NEVER = "no"
USER = "yes"
VIA_CHANGE_STAGE = "only via change_stage()"

NAME_MAX_CHARS = 16384
NAME_WARN_CHARS = 190
TAG_MAX_CHARS = 1024


TYPE_CHECKING = False  # not typing's: importing typing costs every script's start ~4 ms
if TYPE_CHECKING:
    from typing import NamedTuple

    class _SysFieldTuple(NamedTuple):  # the same fields, in the same order, as below
        path: str
        type: str
        kinds: frozenset[str]
        editable: str
        meaning: str
        storage: str = COLUMN
        max_chars: int | None = None
        warn_chars: int | None = None
else:
    _SysFieldTuple = namedtuple(
        "_SysFieldTuple", ("path", "type", "kinds", "editable", "meaning", "storage",
                           "max_chars", "warn_chars"), defaults=(COLUMN, None, None))


class SysField(_SysFieldTuple):
    """One sys field. A named tuple from ``collections``: neither a dataclass (importing
    ``dataclasses`` pulls in ``inspect``, ~5 ms of every training script's start) nor
    ``typing.NamedTuple`` (``typing``, ~4 ms more), which only the type checker sees."""

    __slots__ = ()

    @property
    def trait(self) -> str:
        """``sys/experiment/is_head`` -> ``experiment_is_head`` (also the store column)."""
        return self.path[len("sys/"):].replace("/", "_")

    @property
    def user_editable(self) -> bool:
        return self.editable == USER

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def kind_letters(self) -> str:
        return "".join(k for k, v in KIND_LETTERS.items() if v in self.kinds)


def _f(path, type_, kinds, editable, meaning, **kw) -> SysField:
    return SysField(path, type_, frozenset(KIND_LETTERS[k] for k in kinds), editable, meaning,
                    **kw)


FIELDS: tuple[SysField, ...] = (
    _f("sys/id", STRING, "RMVP", NEVER,
       "`KEY-N` for runs, `KEY-MODELKEY` for models, `KEY-MODELKEY-N` for versions, "
       "the project key for projects"),
    _f("sys/custom_run_id", STRING, "R", NEVER,
       "user id of the run (`custom_run_id=` / `run_id=`); reusing it re-attaches"),
    _f("sys/name", STRING, "RMVP", USER,
       "display name; defaults to the experiment name, else `Untitled`",
       max_chars=NAME_MAX_CHARS, warn_chars=NAME_WARN_CHARS),
    _f("sys/description", STRING, "RMV", USER, "free text, default empty",
       max_chars=NAME_MAX_CHARS),
    _f("sys/tags", STRING_SET, "RMVP", USER, "tags, with set semantics", storage=SET,
       max_chars=TAG_MAX_CHARS),
    _f("sys/group_tags", STRING_SET, "RMVP", USER, "group tags, with set semantics",
       storage=SET, max_chars=TAG_MAX_CHARS),
    _f("sys/owner", STRING, "RMVP", NEVER,
       "OS user of the creating process (env `NEPTUNE_SYS_OWNER` overrides)"),
    _f("sys/visibility", STRING, "P", NEVER,
       "the project's visibility as `create_project(visibility=)` gave it: `priv` (default), "
       "`pub` or `workspace`; recorded, not enforced (a store has no access control)"),
    _f("sys/hostname", STRING, "R", NEVER, "host of the creating process"),
    _f("sys/creation_time", DATETIME, "RMVP", NEVER, "UTC creation time, ms precision"),
    _f("sys/modification_time", DATETIME, "RMVP", NEVER,
       "last change of any attribute, tag, stage or series (heartbeats do not count)"),
    _f("sys/ping_time", DATETIME, "RMVP", NEVER,
       "last heartbeat or write from any attached process"),
    _f("sys/state", RUN_STATE, "RMVP", NEVER,
       "`active` while at least one process is attached, else `inactive`", storage=DERIVED),
    _f("sys/running_time", FLOAT, "RMVP", NEVER,
       "seconds attached, summed over all sessions and resumes", storage=DERIVED),
    _f("sys/monitoring_time", INTEGER, "RMVP", NEVER,
       "deprecated: whole seconds of `running_time`", storage=DERIVED),
    _f("sys/failed", BOOLEAN, "R", USER,
       "set on an uncaught exception or a remote abort; the user may reset it"),
    _f("sys/size", FLOAT, "RMVP", NEVER, "bytes the object's data occupies in the store"),
    _f("sys/trashed", BOOLEAN, "RMV", NEVER, "set by `management.trash_objects`"),
    _f("sys/archived", BOOLEAN, "RMV", NEVER,
       "neptune-scale's name for `sys/trashed` (the same value)", storage=DERIVED),
    _f("sys/model_id", STRING, "V", NEVER, "the parent model's id"),
    _f("sys/stage", STAGE, "V", VIA_CHANGE_STAGE,
       "`none`, `staging`, `production` or `archived`"),
    _f("sys/experiment/name", STRING, "R", NEVER, "the experiment the run belongs to"),
    _f("sys/experiment/is_head", BOOLEAN, "R", NEVER,
       "true for the run that most recently claimed the experiment name"),
    _f("sys/forking/parent", STRING, "R", NEVER,
       "custom run id of the parent, if forked and the parent exists"),
    _f("sys/forking/requested_parent", STRING, "R", NEVER,
       "the `fork_run_id` asked for, even if no such run existed"),
    _f("sys/forking/depth", INTEGER, "R", NEVER, "0 for a root, parent depth + 1 for a fork"),
    _f("sys/forking/step", FLOAT, "R", NEVER, "the `fork_step`"),
    _f("sys/family", STRING, "R", NEVER,
       "the run's family as neptune-scale names it: its custom run id (else its `sys/id`)",
       storage=DERIVED),
    _f("sys/relative_creation_time_ms", INTEGER, "R", NEVER,
       "ms from creation to the timestamp of the last logged metric point (0 if none)"),
)

BY_PATH: dict[str, SysField] = {f.path: f for f in FIELDS}
BY_TRAIT: dict[str, SysField] = {f.trait: f for f in FIELDS}


# Fields that a read finds missing, not empty, while unset: 1.x had no sys/custom_run_id on a
# run made without one (fetch() raised MissingFieldException, and code relies on it to fall
# back to sys/id); the column stays NULL and tables show it empty.
ABSENT_WHEN_UNSET = frozenset({"sys/custom_run_id"})


def fields_for(kind: str) -> tuple[SysField, ...]:
    return tuple(f for f in FIELDS if kind in f.kinds)


def column_fields() -> tuple[SysField, ...]:
    return tuple(f for f in FIELDS if f.storage == COLUMN)


def trait_name(path: str) -> str:
    return BY_PATH[path].trait


def markdown_table() -> str:
    """The README's field table, generated so that docs and code cannot drift apart."""
    rows = ["| path | trait | type | kinds | editable | meaning |",
            "|---|---|---|---|---|---|"]
    for f in FIELDS:
        rows.append(f"| `{f.path}` | `{f.trait}` | {f.type} | {f.kind_letters} | "
                    f"{f.editable} | {f.meaning} |")
    return "\n".join(rows)
