"""The string checks, JSON writer and glob shortcut a script's start uses instead of re,
json and glob (objects/values.py, project.py, files.py): each decides exactly what the
library call it stands for decides, on hostile input too (hypothesis), so that keeping
those modules out of every script's start changes no answer."""

from __future__ import annotations

import glob
import json
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from neptune_sys_widgets.exceptions import InvalidValueError
from neptune_sys_widgets.objects import files as F
from neptune_sys_widgets.objects import values as V
from neptune_sys_widgets.objects.project import qualify

# what the checks were, as regular expressions (fullmatch: the old `$` also let a trailing
# newline through, which the string checks rightly refuse)
KEY = re.compile(r"(?=.*[A-Z])[A-Z0-9]{1,10}")
NAME_PART = re.compile(r"[^/\\#?%:\s\x00-\x1f\x7f-\x9f][^/\\#?%:\x00-\x1f\x7f-\x9f]*")
# (control characters were added to the rule since: a name is printed in listings)

keyish = st.text(alphabet="AZ09az_-\n ÄΣ٣", max_size=12)
names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
scalars = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=True, allow_infinity=True))
descriptors = st.recursive(scalars, lambda inner: st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4), max_leaves=12)


@given(keyish)
def test_a_project_key_is_checked_as_the_pattern_did(key):
    try:
        V.check_key(key, "key")
        ok = True
    except InvalidValueError:
        ok = False
    assert ok == bool(KEY.fullmatch(key))


@settings(max_examples=300)
@given(names, names)
def test_a_project_name_is_checked_as_the_pattern_did(workspace, name):
    raw = f"{workspace}/{name}"
    try:  # the text rules checked before the name's own (e.g. no NUL)
        V.check_text(raw, "project", "the name")
    except InvalidValueError:
        return
    expected = all(NAME_PART.fullmatch(p) for p in (workspace, name))
    try:
        got = qualify(raw) == raw
    except InvalidValueError:
        got = False
    assert got == expected


@settings(max_examples=400)
@given(descriptors)
def test_descriptors_are_written_as_json_dumps_writes_them(value):
    assert F.dumps(value) == json.dumps(value, separators=(",", ":"), sort_keys=True)


@given(st.dictionaries(st.text(max_size=8), st.text(alphabet="0123456789abcdef", min_size=64,
                                                   max_size=64), max_size=4))
def test_the_hashes_of_a_descriptor_are_read_from_its_text(files):
    stored = F.dumps({"files": {name: {"sha256": sha, "size": 1} for name, sha in
                                files.items()}})
    assert sorted(F.descriptor_hashes(stored)) == sorted(files.values())


def test_a_plain_path_matches_as_glob_matches_it(tmp_path):
    (tmp_path / "a.py").write_text("x")
    (tmp_path / "sub").mkdir()
    for p in ("a.py", "missing.py", "sub", "sub/", "a.py/", "*.py", "s?b", "[a]*"):
        path = os.path.join(tmp_path, p)
        assert F.matches(path) == glob.glob(path, recursive=True), p
        assert F.matches(path.encode()) == glob.glob(path.encode(), recursive=True), p
