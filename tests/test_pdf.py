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
from printbook import (CREDIT, ROOT, aux_labels, pdf_destinations, pdf_language, pdf_outline,
                       pdf_page_labels, pdf_pages, pdffonts, pdfinfo, pdftotext, squash)

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


def book_pages(entries: list[str]) -> list[Path]:
    """The pages a front-page toctree puts in the book (year and tag pages are web-only)."""
    pages = []
    for entry in entries:
        found = sorted(ROOT.glob(entry + ".md")) if "*" in entry else [ROOT / f"{entry}.md"]
        pages += [path for path in found if path.is_file()
                  and path.relative_to(ROOT).parts[0] not in ("years", "_tags")]
    return pages


def test_bookmarks_follow_the_chapters(handbook_pdf):
    # Each toctree of the front page with more than one page in the book is a part (제N편);
    # one with a single page (연도별 회고, 참고문헌) is a chapter at the root.
    expected, part = [], 0
    for found in sources.directives((ROOT / "index.md").read_text(encoding="utf-8"), "toctree"):
        lines = [line.strip() for line in found.token.content.splitlines()]
        caption = next(line.split(":", 2)[2].strip() for line in lines
                       if line.startswith(":caption:"))
        pages = book_pages([line for line in lines if line and not line.startswith(":")])
        if pages == [path for path, _ in memoirs_in_order()] or len(pages) > 1:
            part += 1
            expected.append((0, f"제{part}편 {caption}"))
            expected += [(1, title_of(path)) for path in pages]
        elif pages:
            expected.append((0, title_of(pages[0])))
    assert (1, title_of(TOPICS[0])) in expected and (0, "참고문헌") in expected
    outline, in_part = [], False
    for depth, title in pdf_outline(handbook_pdf.path):
        if depth == 0:
            in_part = re.match(r"제\d+편 ", title) is not None
        if depth == 0 or (depth == 1 and in_part):
            outline.append((depth, title))
    assert outline == expected
    # Bookmarks read as text: a topic page's memoir heading ends with its page, "(7쪽)", not
    # with the label the page reference was made of.
    titles = [title for _, title in pdf_outline(handbook_pdf.path)]
    assert not [title for title in titles if "::" in title or "\\" in title]
    assert any(re.search(r"\(\d+쪽\)$", title) for title in titles)


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
    # italics of Noto Serif and Noto Sans and the emoji fonts are named in conf.py.
    allowed = ("NotoSerifCJK", "NotoSansCJK", "NotoSansMonoCJK", "NotoSerif-", "NotoSans-",
               "Symbola", "UnifontUpper")
    assert all(name.startswith(allowed) for name in names), names
    assert all("Italic" in name for name in names if name.startswith(("NotoSerif-",
                                                                      "NotoSans-"))), names


def test_latin_italics_are_set_in_an_italic_face(handbook_pdf):
    """Latin italics ("et al." in every citation and reference list) take a true italic face:
    each page showing them uses an italic Latin font, not only the upright CJK fonts."""
    tex = handbook_pdf.path.with_suffix(".tex").read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{et al.}" in tex
    pages = [n for n, text in enumerate(pdf_pages(handbook_pdf.path), 1) if "et al." in text]
    assert len(pages) > 5
    for page in pages:
        names = [font["name"].split("+")[-1]
                 for font in pdffonts(handbook_pdf.path, first=page, last=page)]
        assert any(name.startswith(("NotoSerif-", "NotoSans-")) and "Italic" in name
                   for name in names), f"page {page}: 'et al.' in no italic face: {names}"


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


def passage_openings(path: Path) -> list[tuple[str, str]]:
    """(summary, opening) of every passage of a memoir: the opening is the start of what the
    marker marks, as a reader sees it first (a paragraph's or heading's first words, a remote
    figure's address in its placeholder), squashed."""
    found = []
    toks = sources.tokens(path.read_text(encoding="utf-8"))
    for i, token in enumerate(toks):
        if token.type not in ("fence", "colon_fence") or not token.info.strip().startswith(
                "{passage}"):
            continue
        summary = next(line.split(":summary:", 1)[1].strip()
                       for line in token.content.splitlines() if ":summary:" in line)
        rest = [t for t in toks[i + 1:] if not t.info.strip().startswith("{passage}")]
        first = next(t for t in rest if t.type in ("inline", "fence", "colon_fence"))
        if first.type == "inline":
            words = ""
            for child in first.children or []:
                if child.type in ("softbreak", "hardbreak") and words:
                    break
                if child.type in ("text", "code_inline"):
                    words += child.content
            opening = squash(words)[:12]
        else:
            assert first.info.strip().startswith("{figure}"), first.info
            opening = squash(first.info.strip()[len("{figure}"):])[:40]
        found.append((summary, opening))
    return found


def test_page_references_open_on_the_passage(handbook_pdf, body):
    """Every "(N쪽)" after a passage on a topic page names the page where the passage starts
    (its first words are on page N), even when it starts at the top of a page."""
    labels = pdf_page_labels(handbook_pdf.path)
    pages = [squash(page).replace("-", "") for page in pdf_pages(handbook_pdf.path)]
    checked, wrong = 0, []
    for memoir in MEMOIRS:
        for summary, opening in passage_openings(memoir):
            refs = re.findall(re.escape(squash(summary)) + r"\((\d+)쪽\)", body)
            assert refs, f"{memoir.stem}: no page reference to '{summary}'"
            for ref in refs:
                checked += 1
                if opening.replace("-", "") not in pages[labels.index(ref)]:
                    wrong.append(f"{memoir.stem}: '{summary}' ({ref}쪽): '{opening}' is not there")
    assert checked >= 88, checked
    assert not wrong, wrong


def test_every_link_opens_the_page_its_label_gives(handbook_pdf):
    """A link jumps to its label's anchor; "(N쪽)" prints the label's page: both are one page."""
    labels = pdf_page_labels(handbook_pdf.path)
    destinations = pdf_destinations(handbook_pdf.path)
    aux = aux_labels(handbook_pdf.path.with_suffix(".aux"))
    passages = [name for name in aux if ":passage-" in name]
    assert len(passages) >= 88
    wrong = [(name, page, labels[destinations[anchor]]) for name, (page, anchor) in aux.items()
             if anchor in destinations and labels[destinations[anchor]] != page]
    assert not wrong, wrong
    assert all(aux[name][1] in destinations for name in passages)


def test_no_page_is_blank(handbook_pdf):
    count = int(pdfinfo(handbook_pdf.path)["Pages"])
    pages = pdf_pages(handbook_pdf.path)[:count]
    assert len(pages) == count
    blank = [n for n, text in enumerate(pages, 1) if not text.strip()]
    assert not blank, f"blank pages: {blank}"


def test_page_labels_are_unique(handbook_pdf):
    labels = pdf_page_labels(handbook_pdf.path)
    assert len(labels) == int(pdfinfo(handbook_pdf.path)["Pages"])
    assert len(set(labels)) == len(labels), labels
    # The title page and the contents are i, ii, ...; the book starts at 1.
    assert labels[0] == "i" and "1" in labels


def own_numbered(title: str) -> bool:
    """The headings whose authors numbered them: "1)", "(1)", "1.", "1분기" (independent of
    the extension's own rule, for the headings this handbook has)."""
    return re.match(r"\(?\d+\)|\d+\.\s|\d+분기", title) is not None


def memoir_headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of the headings below a memoir's title."""
    toks = sources.tokens(path.read_text(encoding="utf-8"))
    return [(int(tok.tag[1]), "".join(child.content for child in toks[i + 1].children or []
                                      if child.type in ("text", "code_inline")).strip())
            for i, tok in enumerate(toks) if tok.type == "heading_open" and tok.tag != "h1"]


def test_headings_are_not_numbered_twice(book, handbook_pdf):
    """A heading with the author's own number ("1) ...", "1. ...", "1분기 ...") gets no number
    of the book's ("4.2.1 1) ..."), yet stays in the bookmarks; the headings after it keep
    theirs, counted as if it had one."""
    lines = [line.strip() for line in book.splitlines()]
    outline = [title for _, title in pdf_outline(handbook_pdf.path)]
    doubled = [line for line in lines
               if re.match(r"\d+(\.\d+)+\s+(\(?\d+\)|\d+\.\s|\d+분기)", line)]
    assert not doubled, doubled
    assert not [t for t in outline if re.match(r"\d+(\.\d+)+\s+\(?\d+[.)]", t)]
    own = numbered = 0
    for chapter, (memoir, _) in enumerate(memoirs_in_order(), 1):
        counters = [chapter, 0, 0]
        for level, title in memoir_headings(memoir):
            if level > 3:
                continue
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            start = title[:10]
            if own_numbered(title):
                own += 1
                assert title in outline, f"{title!r} is not in the bookmarks"
                assert any(line.startswith(start) for line in lines), title
            elif title != "참고문헌" or level == 2:
                number = ".".join(map(str, counters[:level]))
                numbered += 1
                assert any(line.startswith(f"{number} {start}") for line in lines), \
                    f"{number} {title}"
    assert own >= 20 and numbered >= 20, (own, numbered)


def test_contents_keep_chapter_numbers_apart_from_titles(handbook_pdf, chapters):
    """In 차례, chapter titles line up after their numbers, at least half an em (5pt) after
    the number's end: two-digit numbers do not run into their titles."""
    numbered = len(MEMOIRS) + len(TOPICS)
    assert numbered >= 10, "the book must have two-digit chapters for this test"
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for page in range(1, 4):
        if "차례" not in pdf_pages(handbook_pdf.path)[page - 1]:
            continue
        for x0, y0, x1, word in words(handbook_pdf.path, page):
            lines.setdefault((page, y0), []).append((x0, x1, word))
    entries = {}
    for line in lines.values():
        line.sort()
        if len(line) > 2 and line[0][2].isdigit():
            entries[int(line[0][2])] = (line[0][1], line[1][0])
    assert sorted(entries) == list(range(1, numbered + 1)), sorted(entries)
    starts = {round(start, 1) for _, start in entries.values()}
    assert len(starts) == 1, entries
    assert all(start - end >= 5 for end, start in entries.values()), entries


def words(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, text) of every word on a page (pdftotext -bbox)."""
    out = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [(float(x0), float(y0), float(x1), html.unescape(text)) for x0, y0, x1, text in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                       r"(.*?)</word>", out)]


def test_metadata_has_subject_and_keywords(handbook_pdf):
    info = pdfinfo(handbook_pdf.path)
    assert info["Subject"] == conf()["epub_description"]
    assert info["Keywords"].split(", ") and set(info["Keywords"].split(", ")) == {
        title_of(path) for path in TOPICS}


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
    # Headings with their authors' numbers are not numbered again (their counters step); a
    # date is not a number.
    assert re.search(r"\\handbookownnumber\{section\}\{1\}\s*\\section\{1분기 ", memoir_b)
    assert re.search(r"\\handbookownnumber\{subsection\}\{2\}\s*\\subsection\{1\) 첫 번째 일\}",
                     memoir_b)
    assert memoir_b.count(r"\handbookownnumberend") == 2
    assert re.search(r"(?<!handbookownnumber\{subsection\}\{2\})\s*\\subsection\{그 밖의 일\}",
                     memoir_b)
    assert not re.search(r"handbookownnumber\{section\}\{1\}\s*\\section\{1월", memoir_b)
    # A passage's anchor is in its first line; a section's is the heading's own label.
    assert re.search(r"\\sphinxAtStartPar\n\\phantomsection\\label\{\\detokenize\{"
                     r"memoirs/2021-b:passage-[0-9a-f]{8}\}\}Beta paragraph", memoir_b)
    assert re.search(r"\\section\{1월 \\sphinxhyphen\{\} 날짜로 시작하는 제목\}\n"
                     r"\\label\{\\detokenize\{memoirs/2021-b:passage-[0-9a-f]{8}\}\}", memoir_b)
    # The PDF's subject (the book's description) and keywords (the topics).
    assert r"\hypersetup{pdfsubject={}, pdfkeywords={심전도, MLOps}}" in tex


@pytest.mark.parametrize("title, own", [
    ("1) 인공지능 연구실 컨택", True), ("(2) 둘째 일", True), ("3)붙여 쓴 번호", True),
    ("1. 자꾸 넘어지면서 다시 일어나는 법을 배운 한 해였습니다.", True),
    ("1분기 (1월 ~ 3월)", True), ("2분기 [4월~6월]", True), ("IV. 넷째", True),
    ("ii) 둘째", True), ("① 첫째", True), ("제2부 회사", True), ("첫째, 건강", True),
    ("Part 2", True), ("3단계 배포", True),
    ("1월 - 부정맥 검출 연구", False), ("12월 - 취업", False), ("2019년", False),
    ("2022 목표!", False), ("2023년 회고", False), ("1.5배 빨라진 모델", False),
    ("1년 5개월 동안 이룩한 성장", False), ("MIT_데이터 사이언스 기초", False),
    ("Idea. 생각", False), ("총평", False), ("7월 - 부정맥 검출기와의 사투 (1)", False),
])
def test_headings_with_their_own_numbers(title, own):
    from handbook.latex import own_number

    assert own_number(title) is own
