"""The corpus of broken, hostile and valid look-alike inputs (tests/cases/*.toml).

Every case is applied to a fresh copy of a small test root; `make check` must print exactly the
expected lines, and the strict HTML build must report exactly the same problems.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import corpus
from handbook import check, rules

ROOT = Path(__file__).resolve().parent.parent
CASES = corpus.all_cases()
_WARNING = re.compile(r"^(?:(?P<location>.*?): )?WARNING: (?P<rest>.*)$")


def build_lines(text: str, srcdir: Path) -> list[str]:
    """The WARNING lines of a build, paths relative to the source folder, continuations joined."""
    lines: list[str] = []
    for raw in text.replace(f"{srcdir}/", "").splitlines():
        if _WARNING.match(raw):
            lines.append(raw)
        elif raw.strip() and lines:
            lines[-1] += " " + raw.strip()
    return sorted(lines)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_make_check_prints_exactly_the_expected_problems(case, tmp_path):
    srcdir = case.apply(tmp_path / "src")
    found, _ = check.run(srcdir, tmp_path / "check")
    assert found == [line for _, line in case.expected], case.description


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_build_reports_the_same_problems(case, tmp_path):
    srcdir = case.apply(tmp_path / "src")
    text, fatal = check.build(srcdir, "html", tmp_path / "build")
    assert build_lines(text, srcdir) == case.build_lines(), case.description
    if case.expected:
        assert text, "a broken input must fail the strict build"
    else:
        assert fatal is None


def test_the_corpus_is_large_and_covers_every_rule():
    broken = [c for c in CASES if c.expected]
    valid = [c for c in CASES if not c.expected]
    assert len(broken) >= 60 and len(valid) >= 5
    seen = {wtype.split(".", 1)[1] for c in broken for wtype, _ in c.expected
            if wtype.startswith("handbook.")}
    # The backstop ("output") only fires when the first line of defence misses something;
    # tests/test_backstop.py provokes it on purpose.
    assert set(rules.SUBTYPES) - {"output"} <= seen, set(rules.SUBTYPES) - seen


def test_the_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Reading errors"):]
    listed = set(re.findall(r"^\| `([a-z-]+)`", table, re.M))
    for row in re.findall(r"^\| (`[a-z-]+`(?:, `[a-z-]+`)*) \|", table, re.M):
        listed |= set(re.findall(r"`([a-z-]+)`", row))
    assert set(rules.SUBTYPES) <= listed, set(rules.SUBTYPES) - listed


def test_make_check_on_the_real_handbook_prints_nothing(tmp_path):
    found, fatal = check.run(ROOT, tmp_path / "check")
    assert (found, fatal) == ([], None)
