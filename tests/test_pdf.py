"""The printed book: `make pdf` on the real handbook (one build per session, see conftest.py).

The tests of the real book need TeX Live with kotex, the Noto CJK fonts and poppler-utils
(scripts/install-system-deps.sh): skipped without them locally, failed without them in CI. The
last test checks the LaTeX the extension writes for a small root, and needs no TeX.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pybtex.database
import pytest


from handbook import frontmatter

import sources
from printbook import (CREDIT, ROOT, pdf_language, pdf_outline, pdf_pages, pdffonts, pdfinfo,
                       pdftotext, squash)

MEMOIRS = sorted((ROOT / "memoirs").glob("*.md"))
TOPICS = sorted((ROOT / "topics").glob("*.md"))
HANGUL = re.compile("[\uac00-\ud7a3]")


def conf() -> dict:
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace


def title_of(path: Path) -> str:
    return next(line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# "))


def memoirs_in_order() -> list[tuple[Path, dict]]:
    found = [(path, sources.front_matter(path).values)
             for path in MEMOIRS]
    return sorted(found, key=lambda item: (frontmatter.sort_key(item[1]), item[0].stem))


def paragraphs(path: Path) -> list[str]:
    """The text of a memoir's paragraphs (list items too), up to its reference list."""
    result, in_paragraph = [], False
    for token in sources.tokens(path.read_text(encoding="utf-8")):
        if token.type == "inline" and not in_paragraph and token.content.strip() == "참고문헌":
            break
        in_paragraph = {"paragraph_open": True, "paragraph_close": False}.get(
            token.type, in_paragraph)
        if token.type == "inline" and in_paragraph:
            text = "".join(child.content if child.type in ("text", "code_inline") else "\n"
                           for child in token.children or []
                           if child.type in ("text", "code_inline", "softbreak", "hardbreak"))
            if text.strip():
                result.append(text.strip())
    return result


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", paragraph) if s.strip()]


@pytest.fixture(scope="module")
def book(handbook_pdf) -> str:
    return pdftotext(handbook_pdf.path)


@pytest.fixture(scope="module")
def body(book) -> str:
    """The squashed text after the table of contents."""
    return squash(book[book.index("\f", book.index("차례")):])


@pytest.fixture(scope="module")
def chapters(body) -> list[tuple[str, str]]:
    """(title, squashed text) of every chapter, in order."""
    titles = [values["title"] for _, values in memoirs_in_order()]
    titles += [title_of(path) for path in TOPICS]
    heads = [f"제{n}장{squash(title)}" for n, title in enumerate(titles, 1)]
    heads.append(squash(title_of(ROOT / "bibliography.md")))
    positions = []
    start = 0
    for head in heads:
        found = body.find(head, start)
        assert found >= 0, f"chapter head {head!r} is not in the PDF (in order)"
        positions.append(found)
        start = found + len(head)
    positions.append(len(body))
    return [(titles[i] if i < len(titles) else "참고문헌", body[positions[i]:positions[i + 1]])
            for i in range(len(heads))]


def test_the_build_reports_no_warning(handbook_pdf):
    assert handbook_pdf.warnings == ""
    assert handbook_pdf.path.is_file()
    print(f"make pdf: {handbook_pdf.seconds:.1f} s, {pdfinfo(handbook_pdf.path)['Pages']} pages")


def test_no_glyph_is_missing_and_nothing_overflows(handbook_pdf):
    log = handbook_pdf.log
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)
    assert not re.findall(r"Overfull \\hbox.*", log)
    assert not re.findall(r"LaTeX Warning: (?:Hyper r|R)eference .* undefined.*", log)


def test_the_book_has_its_chapters_in_order(chapters, body, book, handbook_pdf):
    # Title page, contents, the memoirs (chronological), the topics, the bibliography: the
    # chapters fixture finds the heads 제1장... in this order.
    first_page = squash(pdf_pages(handbook_pdf.path)[0])
    assert squash(conf()["project"]) in first_page and squash(CREDIT) in first_page
    assert re.search(r"\d{4}년\d{1,2}월\d{1,2}일", first_page), "the title page has no date"
    contents = squash(book[:book.index("\f", book.index("차례"))])
    assert all(squash(title) in contents for title, _ in chapters)
    # The parts open the memoirs and the topics; the bibliography stands unnumbered.
    assert body.index("제1편회고") < body.index("제1장") < body.index("제2편주제")
    assert body.index("제2편주제") < body.index(f"제{len(MEMOIRS) + 1}장")
    assert f"제{len(chapters)}장" not in body


def test_bookmarks_follow_the_chapters(handbook_pdf):
    expected = [(0, "제1편 회고")] + [(1, values["title"]) for _, values in memoirs_in_order()]
    expected += [(0, "제2편 주제")] + [(1, title_of(path)) for path in TOPICS]
    expected += [(0, "참고문헌")]
    assert [item for item in pdf_outline(handbook_pdf.path) if item[0] < 2] == expected


@pytest.mark.parametrize("memoir", MEMOIRS, ids=lambda p: p.stem)
def test_each_memoir_is_whole_in_its_chapter(memoir, chapters):
    values = sources.front_matter(memoir).values
    text = dict(chapters)[values["title"]]
    paras = paragraphs(memoir)
    first, last = sentences(paras[0])[0], sentences(paras[-1])[-1]
    assert squash(first) in text, f"first sentence missing: {first}"
    assert squash(last) in text, f"last sentence missing: {last}"


def test_fonts_are_noto_cjk_and_embedded(handbook_pdf):
    fonts = pdffonts(handbook_pdf.path)
    names = [font["name"].split("+")[-1] for font in fonts]
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert any(name.startswith("NotoSerifCJK") for name in names), names
    assert any(name.startswith("NotoSansCJK") for name in names), names
    # Nothing else crept in (a Latin default font would mean a setting was missed); the
    # emoji fonts are named in conf.py.
    allowed = ("NotoSerifCJK", "NotoSansCJK", "NotoSansMonoCJK", "Symbola", "UnifontUpper")
    assert all(name.startswith(allowed) for name in names), names


def test_metadata_carries_title_author_and_language(handbook_pdf):
    info = pdfinfo(handbook_pdf.path)
    assert info["Title"] == conf()["project"]
    assert info["Author"] == CREDIT
    assert pdf_language(handbook_pdf.path) == "ko-KR"


def test_korean_lines_break_between_words(book, handbook_html):
    """Where a line ends or the next begins with Hangul, the text has a space there.

    The text is the web pages' (where the same words stand on one line) and the extension's
    own strings (the PDF's placeholders): a break inside a word shows as two fragments that
    only ever occur joined.
    """
    pages = [re.sub(r"<[^>]+>", " ", re.sub(r'<a class="headerlink".*?</a>', "",
                                            path.read_text(encoding="utf-8")))
             for path in sorted(handbook_html.rglob("*.html"))]
    code = [path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "_ext" / "handbook").glob("*.py"))]
    corpus = re.sub(r"\s+", " ", html.unescape(" ".join(pages + code)))
    inside_words, checked = [], 0
    for page in book.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for upper, lower in zip(lines, lines[1:]):
            tail, head = upper[-2:], lower[:2]
            if not (HANGUL.match(tail[-1]) or HANGUL.match(head[0])) or " " in tail + head:
                continue
            checked += 1
            if f"{tail} {head}" not in corpus and f"{tail}{head}" in corpus:
                inside_words.append(f"{upper[-12:]} / {lower[:12]}")
    assert checked > 500
    assert not inside_words, inside_words


def test_web_only_pages_and_links_are_left_out(book):
    text = squash(book)
    config = conf()
    for label in config["handbook_tags"].values():
        assert squash(f"{config['tags_page_title']}: {label}") not in text
    assert squash(config["tags_page_header"]) not in text


def test_remote_images_are_captioned_placeholders(chapters):
    text = "".join(chapter for _, chapter in chapters)
    figures = []
    for memoir in MEMOIRS:
        for found in sources.directives(memoir.read_text(encoding="utf-8"), "figure"):
            uri = found.token.info.strip()[len("{figure}"):].strip()
            caption = found.token.content.strip().splitlines()[-1]
            figures.append((uri, caption))
    remote = [(uri, caption) for uri, caption in figures if "://" in uri]
    assert remote, "the handbook has remote images: this test must see them"
    assert text.count(squash("이미지는 온라인 원본에서 볼 수 있습니다:")) == len(remote)
    for uri, caption in remote:
        assert squash(uri) in text and squash(caption) in text, uri


def test_each_memoir_keeps_its_reference_list(chapters, handbook_pdf):
    bib = pybtex.database.parse_file(str(ROOT / "references.bib"))
    for memoir, values in memoirs_in_order():
        source = memoir.read_text(encoding="utf-8")
        keys = {key for found in sources.roles(source, "cite")
                for key in found.token.content.split(",")}
        if not keys:
            continue
        text = dict(chapters)[values["title"]]
        references = text[text.rindex("참고문헌"):]
        for key in keys:
            surname = bib.entries[key.strip()].persons["author"][0].last_names[-1]
            assert squash(surname) in references, f"{memoir.stem}: {key} is not listed"
    # No second, book-wide bibliography: one 참고문헌 at the root of the bookmarks.
    assert [title for depth, title in pdf_outline(handbook_pdf.path) if depth == 0].count(
        "참고문헌") == 1


def test_cross_references_give_pages(chapters):
    topic_text = dict(chapters)[title_of(TOPICS[0])]
    assert re.search(r"\(\d+쪽\)", topic_text), "topic pages point to passages by page"


# -- The LaTeX the extension writes, on a small root (no TeX needed) ---------------------------

def test_latex_structure_on_a_small_root(make_app, copy_root):
    app = make_app("latex", srcdir=copy_root("printbook"))
    app.build()
    assert app.warning.getvalue() == ""  # no "Could not fetch remote image", no Babel warning
    tex = (app.outdir / "book.tex").read_text(encoding="utf-8")
    order = [tex.index(s) for s in (
        r"\handbookpart{회고}", r"\chapter{A 회고}", r"\chapter{B 회고}",
        r"\handbookpart{주제}", r"\chapter{심전도}", r"\chapter{MLOps}",
        r"\handbookbackmatter", r"\chapter{참고문헌}")]
    assert order == sorted(order)
    memoir_a = tex[tex.index(r"\chapter{A 회고}"):tex.index(r"\chapter{B 회고}")]
    memoir_b = tex[tex.index(r"\chapter{B 회고}"):tex.index(r"\handbookpart{주제}")]
    # A's reference list stays in A, with the anchor its citation links to; B's is empty and
    # leaves no heading; no book-wide bibliography is gathered at the end.
    anchor = re.search(r"\\hyperlink\{cite\.(memoirs/2020-a:[^}]+)\}", memoir_a)[1]
    assert re.search(r"\\begin\{handbookreferences\}.*\\bibitem\[Doe20\]\{%s\}" %
                     re.escape(anchor), memoir_a, re.S)
    assert "참고문헌" not in memoir_b
    assert "sphinxthebibliography" not in tex
    # The remote image is a placeholder naming its address, under its caption.
    assert "sphinxincludegraphics" not in tex
    assert r"이미지는 온라인 원본에서 볼 수 있습니다: \sphinxurl{https://example.org/picture.png}" in tex
    assert "원격 이미지 캡션" in tex
    # Emoji: the pictograph drawn, the whole sequence (with its skin tone) as the text.
    assert (r"\texorpdfstring{\handbookemoji{FEFFD83DDE4CD83CDFFB}{\handbookemojiglyph{🙌}}}"
            "{🙌🏻}") in tex
    # Tag pages are web-only; the front page's own text stays on the web.
    assert "태그" not in tex and "Front page text" not in tex
