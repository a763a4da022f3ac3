"""The backstop on the output (outputcheck.py): what slips past the content rules is caught.

The content rules stop hostile input while MyST parses it, so the backstop is provoked here by
a small extension (tests/roots/test-backstop/evil.py) that adds to a memoir's doctree what no
content can: a script, a frame, a meta refresh, a downloadable file and raw LaTeX.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import check
from handbook.outputcheck import PageChecker

HERE = Path(__file__).resolve().parent


def evil_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(HERE / "roots" / "test-passages", srcdir)
    shutil.copy(HERE / "roots" / "test-backstop" / "evil.py", srcdir / "evil.py")
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nimport os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n'
                   'extensions.append("evil")\n')
    return srcdir


def warnings(text: str, srcdir: Path) -> list[str]:
    return sorted(line.replace(f"{srcdir}/", "") for line in text.splitlines() if "WARNING" in line)


def test_html_output_with_injected_script_frame_and_refresh_fails(tmp_path):
    srcdir = evil_root(tmp_path)
    text, _ = check.build(srcdir, "html", tmp_path / "b")
    found = warnings(text, srcdir)
    prefix = "memoirs/2020-a.md: WARNING: the written page memoirs/2020-a.html contains "
    suffix = ", which the handbook never emits — remove what produces it from this source file " \
             "[handbook.output]"
    assert found == sorted([
        prefix + "an inline <script> `evil()`" + suffix,
        prefix + "an <iframe> element" + suffix,
        prefix + "a <meta http-equiv='refresh'>" + suffix,
        prefix + "a `javascript:` URL in `href` on <a>" + suffix,
        "memoirs/2020-a.md: WARNING: the written page _downloads/ contains a downloadable file "
        "(_downloads/)" + suffix.replace(", which", ", which", 1),
    ]), found


def test_epub_output_is_checked_too(tmp_path):
    srcdir = evil_root(tmp_path)
    text, _ = check.build(srcdir, "epub", tmp_path / "b")
    found = warnings(text, srcdir)
    assert any("memoirs/2020-a.xhtml contains an inline <script> `evil()`" in line
               for line in found), found


def test_latex_output_that_reads_a_file_fails(tmp_path):
    srcdir = evil_root(tmp_path)
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('latex_documents = [("index", "book.tex", "Book", "alice", "manual")]\n')
    text, _ = check.build(srcdir, "latex", tmp_path / "b")
    found = warnings(text, srcdir)
    assert any(line.startswith("memoirs/2020-a.md: WARNING: the written page book.tex contains "
                               "`\\input{/etc/hostname") for line in found), found


@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="java\tscript:alert(1)">x</a>', "a `javascript:` URL in `href` on <a>"),
    ('<img src="data:image/png;base64,AAAA">', "a `data:` URL in `src` on <img>"),
    ('<a href="&#106;avascript:x">x</a>', "a `javascript:` URL in `href` on <a>"),
    ('<p onmouseover="x()">x</p>', "an event handler `onmouseover` on <p>"),
    ('<p style="background:url(x)">x</p>', "a style attribute `background:url(x)` on <p>"),
    ('<base href="https://evil.example/">', "an <base> element"),
    ('<object data="x.swf"></object>', "an <object> element"),
    ('<style>body{}</style>', "an inline <style> `body{}`"),
    ('<script src="https://evil.example/x.js"></script>', "a script from https://evil.example/x.js"),
    ('<script src="../../x.js"></script>', "a script outside the site: ../../x.js"),
])
def test_the_page_checker_finds_what_the_handbook_never_emits(tmp_path, html, expected):
    page = tmp_path / "page.html"
    checker = PageChecker(tmp_path, page)
    checker.feed(html)
    assert checker.found == [expected]


def test_the_page_checker_accepts_what_the_theme_emits(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "doctools.js").write_text("", encoding="utf-8")
    page = tmp_path / "page.html"
    checker = PageChecker(tmp_path, page)
    checker.feed('<script src="_static/doctools.js?v=1"></script>'
                 "<script>DOCUMENTATION_OPTIONS.pagename = 'memoirs/a';</script>"
                 '<button onclick="window.print()">p</button><img style="width: 80%;" src="x">'
                 '<a href="https://example.org">x</a><a href="mailto:a@example.org">m</a>')
    assert checker.found == []
