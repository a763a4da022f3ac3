"""What the site publishes besides its pages: a sitemap, an Atom feed of the memoirs, and the
links to the printed book and the e-book.

All addresses are absolute, from ``html_baseurl`` (conf.py takes it from Read the Docs'
``READTHEDOCS_CANONICAL_URL`` and documents a default for other builds).

- ``sitemap.xml`` lists every page of the site (not the search page, not the 404 page), in a
  fixed order. It is written here rather than by sphinx-sitemap: that extension lists only the
  pages the current build wrote (jdillard/sphinx-sitemap#13), and the handbook rewrites only the
  pages an edit changes, so an incremental build would publish a sitemap of one page.
- ``feed.xml`` is an Atom feed of the memoirs, newest first (by the date each was written),
  with title, author, summary and link; the feed's ``updated`` is the newest memoir's date, so
  two builds of the same sources give the same bytes. Every page links it in its head. (ablog
  has feeds, but only for its own blog posts, a model the handbook's memoirs do not follow.)
- The PDF and EPUB: on Read the Docs, its download addresses for this project, language and
  version; elsewhere the files ``make pdf`` and ``make epub`` write next to the HTML
  (``_build/latex``, ``_build/epub``). The theme's download menu and the sidebar link them on
  every page.

The two files are written at the end of an HTML build, from the environment (so an incremental
build writes the same files as a clean one), and only when their bytes change.
"""

from __future__ import annotations

import html
import os
import posixpath
import urllib.parse
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx

from .domain import is_memoir

SITEMAP = "sitemap.xml"
FEED = "feed.xml"
#: Pages the sitemap leaves out: they are not content (Sphinx's search page, the 404 page).
NOT_IN_SITEMAP = ("search", "404")


def base_url(app: Sphinx) -> str:
    return (app.config.html_baseurl or "").rstrip("/") + "/"


def page_url(app: Sphinx, docname: str) -> str:
    return base_url(app) + urllib.parse.quote(app.builder.get_target_uri(docname))


def is_website(builder) -> bool:
    """An HTML build of the website (not the EPUB, whose builders are HTML builders too)."""
    return builder.format == "html" and not builder.name.startswith("epub")


def write_output(path: Path, text: str) -> None:
    """Write a file of the build's output only when its bytes change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def sitemap(app: Sphinx) -> str:
    urls = [page_url(app, doc) for doc in sorted(app.env.all_docs)
            if doc not in NOT_IN_SITEMAP]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _timestamp(value) -> str | None:
    from .frontmatter import parse_date

    parsed = parse_date(value)
    if parsed is None:
        return None
    year, month, day = parsed
    return f"{year:04d}-{month:02d}-{day or 1:02d}T00:00:00Z"


def feed(app: Sphinx) -> str:
    from .frontmatter import sort_key
    from .memoirs import author_label

    dom = app.env.get_domain("handbook")
    memoirs = sorted(((doc, values) for doc, values in dom.memoirs.items()
                      if doc in app.env.all_docs and is_memoir(app.config, doc)),
                     key=lambda item: (sort_key(item[1]), item[0]), reverse=True)
    stamps = [_timestamp(values.get("date")) for _, values in memoirs]
    updated = max((s for s in stamps if s), default="1970-01-01T00:00:00Z")
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko">',
             f"  <title>{escape(app.config.project)}</title>",
             f"  <subtitle>{escape(app.config.handbook_feed_subtitle)}</subtitle>",
             f'  <link rel="alternate" type="text/html" href="{escape(base_url(app))}"/>',
             f'  <link rel="self" type="application/atom+xml" '
             f'href="{escape(base_url(app) + FEED)}"/>',
             f"  <id>{escape(base_url(app) + FEED)}</id>",
             f"  <updated>{updated}</updated>"]
    for (doc, values), stamp in zip(memoirs, stamps):
        url = page_url(app, doc)
        lines += ["  <entry>",
                  f"    <title>{escape(str(values.get('title') or doc))}</title>",
                  f'    <link rel="alternate" type="text/html" href="{escape(url)}"/>',
                  f"    <id>{escape(url)}</id>",
                  f"    <updated>{stamp or updated}</updated>",
                  f"    <author><name>{escape(author_label(values))}</name></author>"]
        if values.get("summary"):
            lines.append(f"    <summary>{escape(str(values['summary']))}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: sitemap.xml and feed.xml (HTML builds, not the EPUB)."""
    builder = app.builder
    if exception is not None or not is_website(builder):
        return
    if not app.config.html_baseurl:
        return  # no absolute addresses to give (conf.py always sets one)
    write_output(Path(builder.outdir, SITEMAP), sitemap(app))
    write_output(Path(builder.outdir, FEED), feed(app))


# -- links on every page -------------------------------------------------------------------------

def book_urls(app: Sphinx, pagename: str) -> dict[str, str]:
    """{"pdf": url, "epub": url}: Read the Docs' downloads there, the make layout elsewhere
    (none on the 404 page outside Read the Docs)."""
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    language = os.environ.get("READTHEDOCS_LANGUAGE")
    version = os.environ.get("READTHEDOCS_VERSION")
    if os.environ.get("READTHEDOCS") == "True" and canonical and language and version:
        parts = urllib.parse.urlsplit(canonical)
        root = f"{parts.scheme}://{parts.netloc}/_/downloads/{language}/{version}"
        return {"pdf": f"{root}/pdf/", "epub": f"{root}/epub/"}
    from .nav import is_not_found_page

    if is_not_found_page(app, pagename):
        return {}  # served by a web server at any depth: only Read the Docs' links apply
    # _build/html/<page> -> _build/latex/<name>.pdf and _build/epub/<name>.epub
    up = posixpath.dirname(app.builder.get_relative_uri(pagename, app.config.root_doc))
    html_root = (up + "/") if up else ""
    tex = app.config.latex_documents[0][1] if app.config.latex_documents else "handbook.tex"
    return {"pdf": f"{html_root}../latex/{posixpath.splitext(tex)[0]}.pdf",
            "epub": f"{html_root}../epub/{app.config.epub_basename}.epub"}


#: The labels of the two links (menu and sidebar).
BOOK_LABELS = {"pdf": "PDF로 내려받기 (책)", "epub": "EPUB으로 내려받기 (전자책)"}
_ICONS = {"pdf": "fas fa-book", "epub": "fas fa-tablet-screen-button"}


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context (after the book theme's): the feed link, the book links."""
    if not is_website(app.builder):
        return
    if app.config.html_baseurl:
        context["metatags"] = context.get("metatags", "") + (
            f'\n    <link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(app.config.project, quote=True)}: 새 회고" '
            f'href="{html.escape(base_url(app) + FEED, quote=True)}" />')
    urls = book_urls(app, pagename)
    for group in context.get("header_buttons") or []:
        if group.get("label") == "download-buttons":
            for kind in urls:
                group["buttons"].append({
                    "type": "link", "url": urls[kind], "text": BOOK_LABELS[kind],
                    "tooltip": BOOK_LABELS[kind], "icon": _ICONS[kind],
                    "label": f"download-book-{kind}-button"})


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_feed_subtitle", "", "html", types=[str])
    app.connect("html-page-context", page_context, priority=600)
    app.connect("build-finished", write_files, priority=400)
