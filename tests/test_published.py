"""What the site publishes besides its pages (``_ext/handbook/published.py``, sphinxext-opengraph,
sphinx-notfound-page): the sitemap, the Atom feed, OpenGraph and canonical links, the 404 page,
and the links to the printed book and the e-book."""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import sources
from handbook import frontmatter
from html_page import HtmlPage
from test_site import load_conf

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def conf() -> dict:
    return load_conf()


@pytest.fixture(scope="module")
def pages(handbook_html) -> list[str]:
    """Every content page of the built site, as a path relative to its root."""
    return sorted(p.relative_to(handbook_html).as_posix() for p in handbook_html.rglob("*.html")
                  if "_static" not in p.parts and p.name not in ("search.html", "404.html"))


def test_the_sitemap_lists_every_page_once(handbook_html, pages, conf):
    tree = ET.parse(handbook_html / "sitemap.xml")
    locs = [loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc")]
    base = conf["html_baseurl"]
    assert sorted(locs) == sorted(base + urllib.parse.quote(page) for page in pages)
    assert any(loc.endswith("memoirs/2022-growing-pains.html") for loc in locs)


def test_the_feed_lists_every_memoir_newest_first(handbook_html, conf):
    root = ET.parse(handbook_html / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    memoirs = {f"memoirs/{p.stem}.html": sources.front_matter(p).values
               for p in sorted((ROOT / "memoirs").glob("*.md"))}
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert sorted(links) == sorted(conf["html_baseurl"] + page for page in memoirs)
    for entry, link in zip(entries, links):
        values = memoirs[link[len(conf["html_baseurl"]):]]
        assert entry.find(f"{ATOM}title").text == values["title"]
        assert entry.find(f"{ATOM}summary").text == values["summary"]
        assert entry.find(f"{ATOM}id").text == link
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.find(f"{ATOM}updated").text == updated[0]
    written = {frontmatter.parse_date(v["date"])[:2] for v in memoirs.values()}
    assert {(int(u[:4]), int(u[5:7])) for u in updated} == written
    # Every page tells feed readers where the feed is.
    index = (handbook_html / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="'
                     + re.escape(conf["html_baseurl"] + "feed.xml"), index)


def meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_every_page_has_a_canonical_url_and_opengraph(handbook_html, pages, conf):
    import html as html_lib

    for page in pages:
        text = (handbook_html / page).read_text(encoding="utf-8")
        url = conf["html_baseurl"] + page
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        assert canonical == url and meta(text, "og:url") == url, page
        title = re.search(r"<title>(.*?) &#8212;", text) or re.search(r"<title>(.*?)</title>",
                                                                        text)
        assert meta(text, "og:title") and html_lib.unescape(meta(text, "og:title")) in \
            html_lib.unescape(title.group(1)), page
        description = re.search(r'<meta name="description" content="([^"]*)"', text)
        assert description and meta(text, "og:description") == description.group(1), page
        assert meta(text, "og:type") == ("article" if page.startswith("memoirs/") else "website")
        assert meta(text, "og:locale") == "ko_KR"
    memoir = (handbook_html / "memoirs" / "2019-ml-voyage-3.html").read_text(encoding="utf-8")
    summary = sources.front_matter(ROOT / "memoirs" / "2019-ml-voyage-3.md").values["summary"]
    assert html_lib.unescape(meta(memoir, "og:description")) == summary


def test_the_404_page_is_korean_and_links_by_absolute_path(handbook_html, conf):
    page = HtmlPage.read(handbook_html / "404.html")
    text = (handbook_html / "404.html").read_text(encoding="utf-8")
    assert "<title>페이지를 찾을 수 없습니다" in text
    assert "페이지를 찾을 수 없습니다" in page.text and "검색" in page.text
    prefix = urllib.parse.urlsplit(conf["html_baseurl"]).path
    local = [link for link in page.links
             if not urllib.parse.urlsplit(link).scheme and not link.startswith("#")]
    assert local and all(link.startswith(prefix) for link in local), local
    assert prefix + "_static/styles/pydata-sphinx-theme.css" in " ".join(local)


def test_every_page_links_the_book_and_the_e_book(handbook_html, pages, conf):
    tex = conf["latex_documents"][0][1]
    expected = {(handbook_html / "../latex" / tex).with_suffix(".pdf").resolve(),
                (handbook_html / "../epub" / f"{conf['epub_basename']}.epub").resolve()}
    for page in pages:
        path = handbook_html / page
        links = {(path.parent / urllib.parse.unquote(link)).resolve()
                 for link in HtmlPage.read(path, whole=True).links
                 if link.endswith((".pdf", ".epub")) and "://" not in link}
        assert links == expected, page
    text = (handbook_html / "index.html").read_text(encoding="utf-8")
    assert "PDF로 내려받기 (책)" in text and "EPUB으로 내려받기 (전자책)" in text
    assert 'download-book-pdf-button' in text and 'download-book-epub-button' in text


def test_on_read_the_docs_the_book_links_are_its_downloads(make_app, copy_root, monkeypatch):
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://example-handbook.readthedocs.io/ko/v2/")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "ko")
    monkeypatch.setenv("READTHEDOCS_VERSION", "v2")
    srcdir = copy_root("passages")
    app = make_app("html", srcdir=srcdir)
    app.build()
    links = HtmlPage.read(Path(app.outdir) / "memoirs" / "2020-a.html", whole=True).links
    root = "https://example-handbook.readthedocs.io/_/downloads/ko/v2"
    assert f"{root}/pdf/" in links and f"{root}/epub/" in links
    assert not [link for link in links if link.endswith((".pdf", ".epub"))]
