"""Every document the code cites is in this repository, and every numbered citation resolves.

Comments, docstrings and READMEs cite design notes as ``docs/DECISIONS.md #5``,
``docs/SYS_FIELDS.md §3`` or ``docs/EXPORTER_FORMAT.md §2.1``. This test fails when a source
file (py / js / md under neptune_sys_widgets/, tests/, scripts/, benchmarks/, js/, and
README.md):

- names a ``docs/<NAME>.md`` that does not exist (this repository's notes are named in
  capitals, ``docs/SYS_FIELDS.md``; a lower-case ``docs/how_to_x.md`` is a file of another
  repository, as the upstream sources of tests/compat/ cite them, and is not checked);
- cites a section (the section sign) or a decision (``#N`` right after the file name) that
  has no numbered heading (``## 5.``, ``### 2.1``) in the docs file it refers to. A section
  sign with no file name beside it refers to the nearest ``docs/*.md`` named before it in
  the same file (a module docstring names the file, later comments give only sections);
  one with no file named before it at all fails;
- cites the planning notes that live outside the repository (the design and sys-spec
  notes, the research notes under ``reference/``) by their names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SECTION = "\u00a7"  # spelled out so this file holds no citation of its own

# what is scanned: (folder, suffixes); README.md on its own
SCANNED = [("neptune_sys_widgets", (".py", ".js", ".md")), ("tests", (".py", ".js", ".md")),
           ("scripts", (".py", ".js", ".md", ".sh")), ("benchmarks", (".py", ".js", ".md")),
           ("js", (".js", ".ts", ".md"))]
SKIPPED_PARTS = {"node_modules", "__pycache__", "static"}

DOC_RE = re.compile(r"(?<![\w/.-])docs/([A-Z][A-Z0-9_]*)\.md")
DECISION_RE = re.compile(r"(?<![\w/.-])docs/([A-Z][A-Z0-9_]*)\.md`*\s*#(\d+)")
SECTION_RE = re.compile(SECTION + r"\s?(\d+(?:\.\d+)*)")
HEADING_RE = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", re.M)
# the notes these docs were written from, which are not in the repository
OUTSIDE_RE = re.compile("|".join([
    r"\bDESIGN(?:\.md\b|\s+decision|\s*\d|:)",
    r"\bSYS_SPEC\b",
    r"\b(?:HOUSE|TESTING)\.md\b",
    r"(?<![\w/])reference/[\w-]+\.md",
    r"\bneptune-semantics\b",
    r"\bjupyter-anchors\b",
]))


def sources() -> list[Path]:
    out = [REPO / "README.md"]
    for folder, suffixes in SCANNED:
        root = REPO / folder
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix in suffixes and \
                    not SKIPPED_PARTS.intersection(p.relative_to(REPO).parts):
                out.append(p)
    return out


def headings(doc: Path) -> set[str]:
    return set(HEADING_RE.findall(doc.read_text(encoding="utf-8")))


def problems(text: str, docs_dir: Path = DOCS) -> list[str]:
    """What is wrong with the citations in ``text`` (one line per problem, with its line
    number)."""
    out: list[str] = []
    cache: dict[str, set[str] | None] = {}

    def numbers(name: str) -> set[str] | None:
        if name not in cache:
            doc = docs_dir / f"{name}.md"
            cache[name] = headings(doc) if doc.is_file() else None
        return cache[name]

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    for m in OUTSIDE_RE.finditer(text):
        out.append(f"line {line_of(m.start())}: {m.group(0)!r} names a note outside the "
                   "repository; cite docs/DECISIONS.md #N, docs/SYS_FIELDS.md "
                   f"{SECTION}N or docs/EXPORTER_FORMAT.md {SECTION}N")
    mentions = [(m.start(), m.group(1)) for m in DOC_RE.finditer(text)]
    for pos, name in mentions:
        if numbers(name) is None:
            out.append(f"line {line_of(pos)}: docs/{name}.md does not exist")
    for m in DECISION_RE.finditer(text):
        name, number = m.group(1), m.group(2)
        found = numbers(name)
        if found is not None and number not in found:
            out.append(f"line {line_of(m.start())}: docs/{name}.md has no heading #{number}")
    for m in SECTION_RE.finditer(text):
        before = [name for pos, name in mentions if pos < m.start()]
        if not before:
            out.append(f"line {line_of(m.start())}: {SECTION}{m.group(1)} names no "
                       "docs/ file (none is named before it in this file)")
            continue
        found = numbers(before[-1])
        if found is not None and m.group(1) not in found:
            out.append(f"line {line_of(m.start())}: docs/{before[-1]}.md has no section "
                       f"{SECTION}{m.group(1)}")
    return out


def test_the_cited_docs_exist():
    for name in ("ARCHITECTURE", "DECISIONS", "SYS_FIELDS", "EXPORTER_FORMAT"):
        assert (DOCS / f"{name}.md").is_file(), f"docs/{name}.md is missing"


def test_every_citation_resolves():
    bad = []
    for path in sources():
        rel = path.relative_to(REPO)
        bad += [f"{rel}: {p}" for p in problems(path.read_text(encoding="utf-8",
                                                                 errors="replace"))]
    assert not bad, "citations that do not resolve:\n" + "\n".join(bad)


def test_the_scan_reaches_the_files_that_cite():
    scanned = {p.relative_to(REPO).as_posix() for p in sources()}
    for rel in ("README.md", "neptune_sys_widgets/catalog.py", "js/lib/view.js",
                "neptune_sys_widgets/interop/exporter.py", "tests/objects/test_validation.py"):
        assert rel in scanned, rel


@pytest.mark.parametrize("text, expected", [
    ("see docs/SYS_FIELDS.md " + SECTION + "3", None),
    ("see docs/SYS_FIELDS.md " + SECTION + "99", "has no section"),
    ("docs/EXPORTER_FORMAT.md " + SECTION + "2.1 and later " + SECTION + "7.1", None),
    ("docs/EXPORTER_FORMAT.md, then " + SECTION + "2.9", "has no section"),
    ("a bare " + SECTION + "3 with no file", "names no docs/ file"),
    ("docs/" + "DECISIONS.md #5", None),
    ("docs/" + "DECISIONS.md #99", "has no heading #99"),
    ("docs/" + "NO_SUCH_NOTE.md", "does not exist"),
    ("(" + "DES" + "IGN decision 5)", "outside the repository"),
    ("SYS" + "_SPEC " + SECTION + "2", "outside the repository"),
    ("``reference/" + "neptune-exporter-format.md``", "outside the repository"),
    ("neptune-query, docs/api_reference/list_runs.md", None),
    ("neptune-query, docs/how_to_query_metric_values.md", None),
])
def test_the_checker_catches_bad_citations(text, expected):
    found = problems(text)
    if expected is None:
        assert found == []
    else:
        assert any(expected in p for p in found), found
