"""Nothing broken in the output: every internal link and anchor of the built site resolves."""

from __future__ import annotations

import urllib.parse

import pytest

from html_page import HtmlPage


@pytest.fixture(scope="module")
def site(handbook_html):
    # The pages Sphinx wrote (not the theme's template snippets copied into _static/).
    return {path.resolve(): HtmlPage.read(path, whole=True)
            for path in sorted(handbook_html.rglob("*.html")) if "_static" not in path.parts}


def is_external(link: str) -> bool:
    return urllib.parse.urlsplit(link).scheme in ("http", "https", "mailto")


def site_path() -> str:
    """The site's path on its server ("/ko/latest/"), which the 404 page's links start with."""
    from test_site import load_conf

    return urllib.parse.urlsplit(load_conf()["html_baseurl"]).path


def test_every_internal_link_and_anchor_resolves(handbook_html, site):
    dead = []
    checked = 0
    prefix = site_path()
    book_files = {(handbook_html / "../latex/handbook.pdf").resolve(),
                  (handbook_html / "../epub/handbook.epub").resolve()}
    for page, parsed in site.items():
        for link in parsed.links:
            if is_external(link) or link.startswith(("javascript:", "data:")):
                continue
            parts = urllib.parse.urlsplit(link)
            path = urllib.parse.unquote(parts.path)
            if page.name == "404.html" and path.startswith(prefix):
                # Served at any depth, the 404 page links by absolute path.
                target = handbook_html / path[len(prefix):]
            else:
                target = page if not path else page.parent / path
            target = target.resolve()
            if target in book_files:
                continue  # the book and e-book `make pdf`/`make epub` write (test_published)
            if not target.exists():
                dead.append(f"{page.relative_to(handbook_html)}: {link} (no such file)")
                continue
            anchor = urllib.parse.unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                ids = site[target].ids if target in site else HtmlPage.read(target, whole=True).ids
                if anchor not in ids:
                    dead.append(f"{page.relative_to(handbook_html)}: {link} (no such anchor)")
            checked += 1
    assert dead == []
    assert checked > 500  # pages, topic passage links, citations, tag pages, assets


def test_external_links_are_listed_not_fetched(handbook_html, site, capsys):
    external = sorted({link for parsed in site.values() for link in parsed.links
                       if is_external(link)})
    for link in external:
        parts = urllib.parse.urlsplit(link)
        assert parts.netloc or parts.scheme == "mailto", link
    # The memoirs' own links are all among them; `make linkcheck` fetches them.
    assert "https://github.com/jerife/MLOps-on-kubernetes" in external
    with capsys.disabled():
        print(f"\n{len(external)} external links (not fetched; run `make linkcheck`)")


def test_every_figure_has_alt_text(site, handbook_html):
    memoir_images = [(page, src, alt) for page, parsed in site.items()
                     if page.parent.name == "memoirs" for src, alt in parsed.images]
    assert len(memoir_images) >= 18
    assert [(p.name, src) for p, src, alt in memoir_images if not (alt or "").strip()] == []


def test_tag_pages_and_citations_are_among_the_resolved_links(site, handbook_html):
    index_links = site[(handbook_html / "index.html").resolve()].links
    assert "_tags/tagsindex.html" in index_links
    memoir = site[(handbook_html / "memoirs" / "2019-ml-voyage-3.html").resolve()]
    assert any(link.startswith("../_tags/") for link in memoir.links)
