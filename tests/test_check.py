"""A broken example per rule: the exact message and location from `make check` and the build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import check

ROOT = Path(__file__).resolve().parent.parent
MEMOIR = "memoirs/2020-a.md"


def edit(srcdir: Path, name: str, old: str | None, new: str) -> None:
    """Replace ``old`` by ``new`` in a file of the root (append ``new`` when old is None)."""
    path = srcdir / name
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if old is None:
        text += new
    else:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def run_check(srcdir: Path, capsys) -> tuple[int, list[str]]:
    status = check.main([str(srcdir)])
    return status, capsys.readouterr().out.splitlines()


def build_warnings(make_app, srcdir: Path) -> list[str]:
    """The warnings of an HTML build; a build that stops with an error counts as failed too."""
    from sphinx.errors import SphinxError

    from io import StringIO

    warning = StringIO()
    try:
        make_app("html", srcdir=srcdir, warning=warning).build()
    except SphinxError as exc:
        # sphinxcontrib-bibtex stops on a .bib syntax error; our warning (with the line)
        # has been reported before that.
        warning.write(f"build stopped: {exc}\n")
    text = re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue())
    return [line.replace(f"{srcdir}/", "") for line in text.splitlines()]


# (id, edits, the `make check` lines; the build reports each as "path:line: WARNING: ... [handbook.<subtype>]")
CASES = [
    ("missing-field", [(MEMOIR, "author: alice\n", "")],
     [("frontmatter", "memoirs/2020-a.md:1: front matter lacks the required field `author` — "
       "add `author:` (the author's handle as the source names it, or `unknown`)")]),
    ("wrong-type", [(MEMOIR, "year: 2020", "year: twenty")],
     [("frontmatter", "memoirs/2020-a.md:4: `year` must be a four-digit year, not 'twenty' — "
       "write e.g. `year: 2021`")]),
    ("impossible-date", [(MEMOIR, "year: 2020\n", "year: 2020\ndate: 2020-02-30\n")],
     [("frontmatter", "memoirs/2020-a.md:5: `date` is not a possible date: '2020-02-30' — "
       "write YYYY-MM-DD (or YYYY-MM when only the month is known)")]),
    ("unknown-tag", [(MEMOIR, "tags: [research]", "tags: [reserch]")],
     [("frontmatter", "memoirs/2020-a.md:6: unknown tag `reserch` — use a key of "
       "`handbook_tags` in conf.py (research) or add it there")]),
    ("unknown-topic", [(MEMOIR, "{passage} ecg", "{passage} ecgg")],
     [("no-topic", "memoirs/2020-a.md:1: this memoir feeds no topic — mark at least one passage "
       "with ```{passage} <topic>``` and a `:summary:`"),
      ("topic", "memoirs/2020-a.md:11: unknown topic key `ecgg` in a passage marker — use the "
       "name of a page in topics/ (ecg, mlops)")]),
    ("no-summary", [(MEMOIR, ":summary: alpha ecg passage\n", "")],
     [("no-topic", "memoirs/2020-a.md:1: this memoir feeds no topic — mark at least one passage "
       "with ```{passage} <topic>``` and a `:summary:`"),
      ("passage", "memoirs/2020-a.md:11: passage marker without a summary — add `:summary:` "
       "with one Korean line saying what the passage says")]),
    ("duplicate-passage-id", [(MEMOIR, "\n```{bibliography}", "\n```{passage} ecg\n:summary: again"
                               "\n:name: passage-1\n```\nMore.\n\n```{bibliography}")],
     [("passage", "memoirs/2020-a.md:16: duplicate passage id `passage-1` — give each passage "
       "its own `:name:`")]),
    ("unused-entry", [("references.bib", None, "\n@misc{roe2021y,\n  title = {Other},\n"
                       "  url = {https://example.org/y},\n}\n")],
     [("bib-unused", "references.bib:8: references.bib entry `roe2021y` is cited nowhere — "
       "cite it where a memoir names the work, or remove the entry")]),
    ("entry-without-link", [("references.bib", "  url = {https://example.org/x},\n", "")],
     [("bib-link", "references.bib:1: references.bib entry `doe2020x` has no doi, eprint or "
       "url — add the DOI, the arXiv id (eprint) or the publisher's URL")]),
    ("raw-html", [(MEMOIR, "Alpha paragraph.", "Alpha<br>paragraph.")],
     [("raw-html", "memoirs/2020-a.md:14: raw HTML in a memoir: `<br>` — write it in MyST "
       "(a figure, a line break `\\`, a heading, an admonition)")]),
    ("script", [(MEMOIR, None, "\n<script>alert(1)</script>\n")],
     [("unsafe-html", "memoirs/2020-a.md:20: unsafe HTML in a memoir: `<script>alert(1)"
       "</script>` — delete it: scripts, frames, objects, on* handlers and javascript: URLs "
       "never reach readers")]),
    ("iframe", [(MEMOIR, None, "\n<iframe src=\"https://example.org\"></iframe>\n")],
     [("unsafe-html", "memoirs/2020-a.md:20: unsafe HTML in a memoir: `<iframe src=\"https://"
       "example.org\"></iframe>` — delete it: scripts, frames, objects, on* handlers and "
       "javascript: URLs never reach readers")]),
    ("event-handler", [(MEMOIR, "Alpha paragraph.", "Alpha <span onclick=\"x()\">hi</span>.")],
     [("raw-html", "memoirs/2020-a.md:14: raw HTML in a memoir: `</span>` — write it in MyST "
       "(a figure, a line break `\\`, a heading, an admonition)"),
      ("unsafe-html", "memoirs/2020-a.md:14: unsafe HTML in a memoir: `<span onclick=\"x()\">` "
       "— delete it: scripts, frames, objects, on* handlers and javascript: URLs never reach "
       "readers")]),
    ("javascript-url", [(MEMOIR, "Alpha paragraph.", "Alpha [x](javascript:alert(1)).")],
     [("unsafe-html", "memoirs/2020-a.md:14: javascript: URL in a memoir: `javascript:alert(1` "
       "— delete the link: javascript: URLs never reach readers")]),
    ("image-without-alt", [(MEMOIR, None, "\n```{figure} https://example.org/a.png\n\n그림\n```\n")],
     [("image-alt", "memoirs/2020-a.md:20: image without alt text: https://example.org/a.png — "
       "add `:alt:` with a Korean description of the image")]),
    ("cites-without-list", [(MEMOIR, "```{bibliography}\n:filter: docname in docnames\n```\n", "")],
     [("cite", "memoirs/2020-a.md:14: this memoir cites works but has no reference list — end "
       "it with `## 참고문헌` and a `{bibliography}` directive with `:filter: docname in "
       "docnames`")]),
    ("author-not-credited", [(MEMOIR, "author: alice", "author: zed")],
     [("frontmatter", "memoirs/2020-a.md:1: author `zed` is not credited on the book's title "
       "page — add the handle to `author` in conf.py")]),
    ("empty-topic", [("topics/nlp.md", None, "# Topic nlp\n\n```{topic-passages}\n```\n")],
     [("empty-topic", "topics/nlp.md:3: topic `nlp` gathers no passage — mark a passage with "
       "```{passage} nlp``` in a memoir")]),
]


@pytest.mark.parametrize(("edits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_make_check_reports_each_bad_input(copy_root, capsys, edits, expected):
    srcdir = copy_root("passages")
    for name, old, new in edits:
        edit(srcdir, name, old, new)
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    assert lines == [line for _, line in expected]


@pytest.mark.parametrize(("edits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_build_reports_each_bad_input_the_same_way(make_app, copy_root, edits, expected):
    srcdir = copy_root("passages")
    for name, old, new in edits:
        edit(srcdir, name, old, new)
    warnings = build_warnings(make_app, srcdir)
    for subtype, line in expected:
        where, rest = line.split(": ", 1)
        assert f"{where}: WARNING: {rest} [handbook.{subtype}]" in warnings, warnings


# Rules whose build-side report is Sphinx's or sphinxcontrib-bibtex's own warning.
NATIVE = [
    ("unknown-cite-key", [(MEMOIR, "`doe2020x`", "`doe2020y`")],
     ["memoirs/2020-a.md:14: citation key `doe2020y` is not in references.bib — fix the key or "
      "add a checked entry to references.bib",
      "references.bib:1: references.bib entry `doe2020x` is cited nowhere — cite it where a "
      "memoir names the work, or remove the entry"],
     r'memoirs/2020-a\.md:14: WARNING: could not find bibtex key "doe2020y" '
     r'\[bibtex\.key_not_found\]'),
    ("duplicate-label", [(MEMOIR, "# A\n", "(same)=\n# A\n"),
                         ("topics/ecg.md", "# Topic ecg\n", "(same)=\n# Topic ecg\n")],
     ["topics/ecg.md:1: duplicate label `same` (first defined at memoirs/2020-a.md:9) — rename "
      "one of the two labels"],
     r"WARNING: duplicate label same, other instance in"),
    ("memoir-not-in-index", [("index.md", "memoirs/*", "memoirs/2021-b")],
     ["memoirs/2020-a.md:1: memoir `memoirs/2020-a` is missing from the index — keep the "
      "`memoirs/*` glob in the toctree of index.md"],
     r"memoirs/2020-a\.md: WARNING: document isn't included in any toctree"),
    ("bib-syntax", [("references.bib", "  title = {A Test Entry},\n", "  title = {A Test Entry}\n")],
     ["references.bib:4: references.bib does not parse: syntax error in line 4: '}' expected — "
      "fix the BibTeX syntax on this line"],
     r"references\.bib:4: WARNING: references\.bib does not parse: syntax error in line 4"),
]


@pytest.mark.parametrize(("edits", "expected", "build"), [c[1:] for c in NATIVE],
                         ids=[c[0] for c in NATIVE])
def test_rules_that_sphinx_also_reports(make_app, copy_root, capsys, edits, expected, build):
    srcdir = copy_root("passages")
    for name, old, new in edits:
        edit(srcdir, name, old, new)
    status, lines = run_check(srcdir, capsys)
    assert (status, lines) == (1, expected)
    warnings = "\n".join(build_warnings(make_app, srcdir))
    assert re.search(build, warnings), warnings


def test_a_correct_root_passes_with_no_message(make_app, copy_root, capsys):
    srcdir = copy_root("passages")
    assert run_check(srcdir, capsys) == (0, [])
    assert build_warnings(make_app, srcdir) == []


def test_make_check_on_the_real_handbook_prints_nothing():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    result = subprocess.run([sys.executable, "-m", "handbook.check", str(ROOT)], env=env,
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
