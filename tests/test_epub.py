"""The e-book: `make epub` on the real handbook (one build per session, see conftest.py)."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import require_tool
from handbook import epub as handbook_epub_module
from handbook import frontmatter

import sources
from printbook import CREDIT, INSTALL_HINT, ROOT

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = "{http://www.idpf.org/2007/opf}"


@pytest.fixture(scope="module")
def epub(handbook_epub) -> zipfile.ZipFile:
    with zipfile.ZipFile(handbook_epub.path) as book:
        yield book


def text(book: zipfile.ZipFile, name: str) -> str:
    return book.read(name).decode("utf-8")


def conf() -> dict:
    """The handbook's settings, read from conf.py."""
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace


def memoirs_in_order() -> list[dict]:
    """Every memoir's front matter (the project's own parser), in the book's order."""
    found = [(sources.front_matter(p).values, p) for p in (ROOT / "memoirs").glob("*.md")]
    found.sort(key=lambda item: (frontmatter.sort_key(item[0]), item[1].stem))
    return [values for values, _ in found]


def package(opf: str) -> ElementTree.Element:
    return ElementTree.fromstring(opf.encode("utf-8"))


def content_documents(opf: str) -> list[str]:
    """Every XHTML content document the package lists (the navigation document included)."""
    return [item.get("href") for item in package(opf).iter(f"{OPF}item")
            if item.get("media-type") == "application/xhtml+xml"]


def contributors(opf: str) -> list[str]:
    return [html.unescape(name) for name in
            re.findall(r"<dc:contributor>([^<]*)</dc:contributor>", opf)]


def cover(opf: str) -> tuple[str, str]:
    """(the cover image, the cover page): the image marked cover-image, the guide's cover."""
    root = package(opf)
    [image] = [item.get("href") for item in root.iter(f"{OPF}item")
               if "cover-image" in (item.get("properties") or "").split()]
    [page] = [ref.get("href") for ref in root.iter(f"{OPF}reference")
              if ref.get("type") == "cover"]
    return image, page


def book_date(opf: str) -> tuple[str, str]:
    """(dc:date, dcterms:modified) of a package."""
    root = package(opf)
    metadata = root.find(f"{OPF}metadata")
    [modified] = [meta.text for meta in metadata.iter(f"{OPF}meta")
                  if meta.get("property") == "dcterms:modified"]
    return metadata.findtext("{http://purl.org/dc/elements/1.1/}date"), modified


def newest_memoir_date(srcdir: Path) -> str:
    """The newest ``date`` of the memoirs' front matter (the project's parser), as the package
    writes it: a month without a day is its first day."""
    dates = [frontmatter.parse_date(sources.front_matter(path).values.get("date"))
             for path in sorted((srcdir / "memoirs").glob("*.md"))]
    year, month, day = max((y, m, d or 1) for y, m, d in filter(None, dates))
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def check_korean_documents(book: zipfile.ZipFile, language: str) -> int:
    """Each content document's <html> declares lang and xml:lang; returns how many."""
    names = content_documents(text(book, "content.opf"))
    for name in names:
        root = ElementTree.fromstring(book.read(name))
        assert (root.get("lang"), root.get(XML_LANG)) == (language, language), name
    return len(names)


def check_cover(book: zipfile.ZipFile, title: str, credit: str) -> None:
    opf = text(book, "content.opf")
    image, page = cover(opf)
    # The cover page comes first, shows the cover image, and names the title in its text.
    first = package(opf).find(f"{OPF}spine/{OPF}itemref").get("idref")
    assert [item.get("href") for item in package(opf).iter(f"{OPF}item")
            if item.get("id") == first] == [page]
    cover_page = ElementTree.fromstring(book.read(page))
    assert cover_page.findtext("{http://www.w3.org/1999/xhtml}head/"
                               "{http://www.w3.org/1999/xhtml}title") == title
    [img] = cover_page.iter("{http://www.w3.org/1999/xhtml}img")
    assert img.get("src") == image
    assert title in img.get("alt") and credit in img.get("alt")
    # The image is an SVG whose text lines are the title and the credit.
    svg = ElementTree.fromstring(book.read(image))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    lines = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert svg.findtext("{http://www.w3.org/2000/svg}title") == title
    assert " ".join(lines).startswith(title + " ")
    assert " ".join(lines)[len(title) + 1:] == credit


def epubcheck_command() -> list[str]:
    path = Path(require_tool("epubcheck", INSTALL_HINT)).resolve()
    if path.suffix == ".jar":
        # Debian installs epubcheck as a jar, run through binfmt where that is set up.
        return [require_tool("java", INSTALL_HINT), "-jar", str(path)]
    return [str(path)]


def test_the_build_reports_no_warning(handbook_epub):
    assert handbook_epub.warnings == ""
    assert handbook_epub.path.name == "handbook.epub"


def test_metadata_is_korean(epub):
    opf = text(epub, "content.opf")
    namespace = conf()
    assert "<dc:language>ko</dc:language>" in opf
    assert 'xml:lang="ko"' in opf
    assert f"<dc:title>{namespace['project']}</dc:title>" in opf
    assert f"<dc:creator>{CREDIT}</dc:creator>" in opf


def test_the_book_is_dated_by_its_newest_memoir(epub):
    # The build runs with this process's environment; SOURCE_DATE_EPOCH would choose the date.
    if "SOURCE_DATE_EPOCH" in os.environ:
        pytest.skip("SOURCE_DATE_EPOCH is set: the book has its date")
    date = newest_memoir_date(ROOT)
    assert book_date(text(epub, "content.opf")) == (date, date)
    assert {entry.date_time for entry in epub.infolist()} == {
        tuple(int(part) for part in re.split(r"[-T:Z]", date)[:6])}


def test_contents_list_the_memoirs_in_order_then_topics(epub):
    assert "<h1>차례</h1>" in text(epub, "nav.xhtml")
    nav = re.sub(r"<[^>]+>", "\n", text(epub, "nav.xhtml"))
    entries = [line.strip() for line in nav.splitlines() if line.strip()]
    titles = [values["title"] for values in memoirs_in_order()]
    positions = [entries.index(title) for title in titles]
    assert positions == sorted(positions)
    topic = next(line[2:].strip() for line in
                 (ROOT / "topics" / "career.md").read_text(encoding="utf-8").splitlines()
                 if line.startswith("# "))
    assert entries.index(topic) > positions[-1]


def test_remote_images_are_placeholders_not_remote_resources(epub):
    pages = {name: text(epub, name) for name in epub.namelist() if name.endswith(".xhtml")}
    assert not [name for name, page in pages.items() if re.search(r'<img[^>]+src="https?:', page)]
    placeholders = sum(page.count("handbook-remote-image") for page in pages.values())
    assert placeholders == len(re.findall(r"```\{figure\} https?://", "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "memoirs").glob("*.md"))))


def test_epubcheck_passes(handbook_epub):
    command = epubcheck_command()
    out = subprocess.run([*command, str(handbook_epub.path)], capture_output=True, text=True)
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert re.search(r"0 fatals / 0 errors / 0 warnings", report), report


def test_every_content_document_declares_the_language(epub):
    # Not only the package: each page, the navigation document and the cover page.
    assert check_korean_documents(epub, conf()["language"]) > len(memoirs_in_order())


def test_contributors_are_the_memoir_authors(epub):
    authors = []
    for values in memoirs_in_order():
        if values["author"] != frontmatter.UNKNOWN_AUTHOR and values["author"] not in authors:
            authors.append(values["author"])
    assert len(authors) >= 2
    assert contributors(text(epub, "content.opf")) == authors


def test_the_cover_shows_the_title_and_the_credit(epub):
    check_cover(epub, conf()["project"], CREDIT)


def test_header_labels_read_with_one_colon(handbook_epub):
    """Each memoir header label as a reader sees it: its text and what the stylesheets add
    after it (Sphinx's epub.css adds a colon after every field name)."""
    from browser import Browser

    chromium = require_tool("chromium", INSTALL_HINT)
    browser = Browser(handbook_epub.folder, chromium)
    try:
        for memoir in sorted((handbook_epub.folder / "memoirs").glob("*.xhtml")):
            browser.open(f"memoirs/{memoir.name}")
            labels = browser.evaluate("""[...document.querySelectorAll('dl.field-list > dt')]
                .map(dt => { const after = getComputedStyle(dt, '::after').content;
                             return dt.textContent
                                 + (after.startsWith('"') ? JSON.parse(after) : ''); })""")
            assert "작성자:" in labels and "돌아본 해:" in labels, (memoir.name, labels)
            assert all(re.fullmatch(r"[^:]+:", label) for label in labels), (memoir.name, labels)
    finally:
        browser.close()


# -- The rules on a small handbook (tests/roots/test-epub) ------------------------------------

SMALL_TITLE = "작은 회고 책"
SMALL_AUTHORS = ["alice", "밥 & 코"]  # memoir order; the 2021 memoir's author is unknown


def build_small(make_app, srcdir: Path, **overrides) -> tuple[zipfile.ZipFile, object]:
    app = make_app("epub", srcdir=srcdir, confoverrides=overrides)
    app.build()
    # A second application in one process registers Sphinx's nodes and directives again
    # ("... is already registered"): an artefact of testing, not of the book.
    assert [line for line in app.warning.getvalue().splitlines()
            if "is already registered" not in line] == []
    return zipfile.ZipFile(app.outdir / "small.epub"), app


def test_small_book_metadata_and_pages(make_app, copy_root):
    book, app = build_small(make_app, copy_root("epub"))
    opf = text(book, "content.opf")
    # Names are read from the front matter: escaped once, each its own element, no "unknown".
    assert contributors(opf) == SMALL_AUTHORS
    assert "<dc:contributor>밥 &amp; 코</dc:contributor>" in opf
    credit = "alice, 밥 & 코 외 회고 작성자들"
    assert f"<dc:creator>{html.escape(credit)}</dc:creator>" in opf
    pages = [name for name in book.namelist() if name.endswith(".xhtml")]
    assert check_korean_documents(book, "ko") == len(pages) >= 6  # 3 memoirs, index, nav, cover
    check_cover(book, SMALL_TITLE, credit)
    # One colon per label in the text; the e-book's stylesheet, after epub.css, adds none.
    page = text(book, "memoirs/2020-a.xhtml")
    assert '<dt class="field-odd">작성자<span class="colon">:</span></dt>' in page
    links = re.findall(r'<link rel="stylesheet" type="text/css" href="\.\./_static/([^"]+)"', page)
    assert links.index(handbook_epub_module.CSS_FILE) > links.index("epub.css")
    css = text(book, f"_static/{handbook_epub_module.CSS_FILE}")
    assert re.search(r"dl\.field-list > dt:after,\s*dl\.field-list > dt::after \{\s*"
                     r"content: none;", css)


def test_small_book_builds_again_in_the_same_folder(make_app, copy_root):
    srcdir = copy_root("epub")
    build_small(make_app, srcdir)
    # With another configuration, as after an edit of conf.py (Sphinx keeps .buildinfo.bak).
    book, app = build_small(make_app, srcdir, epub_description="다시 만든 책")
    assert (app.outdir / ".buildinfo.bak").exists()
    idrefs = [item.get("idref") for item in
              package(text(book, "content.opf")).iter(f"{OPF}itemref")]
    assert len(idrefs) == len(set(idrefs))
    command = epubcheck_command()
    out = subprocess.run([*command, str(app.outdir / "small.epub")], capture_output=True,
                         text=True)
    assert re.search(r"0 fatals / 0 errors / 0 warnings", out.stdout + out.stderr), out.stdout


def test_small_book_is_the_same_bytes_in_two_builds(make_app, copy_root, tmp_path,
                                                    monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first_dir = copy_root("epub")
    first, _ = build_small(make_app, first_dir)
    time.sleep(1.1)  # another second on the clock: Sphinx's date would differ
    again = shutil.copytree(ROOT / "tests" / "roots" / "test-epub", tmp_path / "again")
    second, app = build_small(make_app, again)
    path = app.outdir / "small.epub"
    assert first.fp.name != second.fp.name
    assert Path(first.fp.name).read_bytes() == path.read_bytes()
    # The cover is drawn the same in both.
    image, page = cover(text(first, "content.opf"))
    assert cover(text(second, "content.opf")) == (image, page)
    assert first.read(image) == second.read(image)
    # Neither the files' times nor their permissions reach the book: zip the same files again
    # after changing both.
    for file in app.outdir.rglob("*"):
        if file.is_file():
            file.chmod(0o600)
            os.utime(file, (978_307_200, 978_307_200))  # 2001-01-01
    app.builder.build_epub()
    assert Path(first.fp.name).read_bytes() == path.read_bytes()


def test_small_book_is_dated_by_its_newest_memoir(make_app, copy_root, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    srcdir = copy_root("epub")
    book, _ = build_small(make_app, srcdir)
    date = newest_memoir_date(srcdir)
    assert date == "2023-02-01T00:00:00Z"  # 2022-c.md's "2023-02"; 2021-b.md has no date
    assert book_date(text(book, "content.opf")) == (date, date)
    entries = book.infolist()
    # mimetype first and stored, as EPUB requires; every entry dated as the package.
    assert (entries[0].filename, entries[0].compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert {entry.compress_type for entry in entries[1:]} == {zipfile.ZIP_DEFLATED}
    stamp = tuple(int(part) for part in re.split(r"[-T:Z]", date)[:6])
    assert {entry.date_time for entry in entries} == {stamp}
    assert {entry.external_attr >> 16 for entry in entries} == {0o100644}
    names = [entry.filename for entry in entries]
    assert names[1:4] == list(handbook_epub_module.METADATA_FILES)
    assert names[4:] == sorted(names[4:]) and len(names) == len(set(names))


def test_source_date_epoch_dates_the_book(make_app, copy_root, monkeypatch):
    # Reproducible-builds' convention: a build system that sets it chooses the date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book, _ = build_small(make_app, copy_root("epub"))
    expected = "2023-11-14T22:13:20Z"
    assert book_date(text(book, "content.opf")) == (expected, expected)
    assert {entry.date_time for entry in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_source_date_without_dated_memoirs():
    source_date = handbook_epub_module.source_date
    assert source_date([{"date": "2022-12"}, {"date": "2022-11-30"}, {}], {}) == \
        dt.datetime(2022, 12, 1, tzinfo=dt.timezone.utc)
    # No date anywhere: a fixed one (the earliest a zip entry can carry), never the clock.
    assert source_date([{"title": "x"}, {"date": "2022-13"}], {}) == \
        dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    assert source_date([{"date": "2022-12"}], {"SOURCE_DATE_EPOCH": "0"}) == \
        dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    # A zip entry cannot be older than 1980.
    assert handbook_epub_module.zip_entry(
        "x", dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc), zipfile.ZIP_STORED
    ).date_time == (1980, 1, 1, 0, 0, 0)


def test_cover_lines_fit_the_page():
    title = "머신러닝 엔지니어 회고 핸드북"
    lines = handbook_epub_module.wrap(title, handbook_epub_module.TITLE_SIZE)
    assert " ".join(lines) == title and len(lines) == 2
    credit = "parksunwoo, jerife, 계토 외 회고 작성자들"
    lines = handbook_epub_module.wrap(credit, handbook_epub_module.CREDIT_SIZE, ", ")
    # Broken after a comma only: no name is split.
    assert lines == ["parksunwoo, jerife,", "계토 외 회고 작성자들"]
    # A word wider than the page is squeezed to fit rather than cut.
    svg = handbook_epub_module.cover_svg("가" * 20, "x", "ko")
    assert 'textLength="1280"' in svg and "가" * 20 in svg
