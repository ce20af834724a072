"""The enums of ``neptune_sys_widgets.types`` (1.x's ``FileType`` and ``ContainerType``),
in a module of their own so that ``types``, which every script loads, does not import
``enum`` (~1.5 ms of a script's start) before a script asks for one of them;
``types.FileType`` and ``types.ContainerType`` still name them."""

from __future__ import annotations

import enum


class FileType(enum.Enum):
    """1.x's kinds of ``File`` (``File.file_type``)."""

    LOCAL_FILE = "LOCAL_FILE"
    IN_MEMORY = "IN_MEMORY"
    STREAM = "STREAM"


class ContainerType(enum.Enum):
    """1.x's ``neptune.objects.ContainerType``."""

    RUN = "run"
    PROJECT = "project"
    MODEL = "model"
    MODEL_VERSION = "model_version"
