"""One reader of built HTML pages for every test: ids, links, images and the page's text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class HtmlPage(HTMLParser):
    """A built page: its ids, links, images, citation links and text.

    ``text`` is the text inside ``<main>`` or ``<article>`` (what a reader reads, and what the
    product's search evaluation calls a page's text), without scripts and styles; with
    ``whole=True`` it is all of the body's text. ``own_text`` leaves out, in addition, what the
    handbook generates around a memoir's words and keeps out of search (elements of class
    ``no-search``: the memoir header, the topics line above each passage).
    """

    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"))

    def __init__(self, markup: str, whole: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []  # <a href>
        self.links: list[str] = []  # <a>/<link> href and <img>/<script> src
        self.images: list[tuple[str, str | None]] = []  # (src, alt)
        self.citation_hrefs: list[str] = []  # links inside sphinxcontrib-bibtex citations
        self._parts: list[str] = []
        self._own: list[str] = []
        self._open: list[bool] = []  # for each open element: is it (inside) a no-search one
        self._main = 1 if whole else 0
        self._skip = 0
        self._citation = 0
        self.feed(markup)
        self.close()

    @classmethod
    def read(cls, path: Path, whole: bool = False) -> HtmlPage:
        return cls(path.read_text(encoding="utf-8"), whole)

    @property
    def text(self) -> str:
        return " ".join(self._parts)

    @property
    def own_text(self) -> str:
        return " ".join(self._own)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if self._citation:
                self.citation_hrefs.append(attrs["href"])
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            self.links.append(attrs["src"])
        if tag == "img":
            self.images.append((attrs.get("src", ""), attrs.get("alt")))
        if tag == "span":
            self._citation += bool(self._citation) or "bibtex-citation" in attrs.get("class", "")
        self._main += tag in ("main", "article")
        self._skip += tag in ("script", "style")
        if tag not in self.VOID:
            inside = bool(self._open and self._open[-1])
            self._open.append(inside or "no-search" in (attrs.get("class") or "").split())

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()
        if tag == "span" and self._citation:
            self._citation -= 1
        self._main -= tag in ("main", "article") and self._main > 0
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if self._main and not self._skip:
            self._parts.append(data)
            if not (self._open and self._open[-1]):
                self._own.append(data)
