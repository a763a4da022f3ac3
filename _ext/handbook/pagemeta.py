"""Each page describes itself: ``<meta name="description">`` and OpenGraph's ``og:description``
for search engines and link previews. A memoir's description is its front matter ``summary``;
any other page's is its first paragraph (a topic page's introduction, the front page's first
sentence)."""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx

from .published import is_website

#: The longest description written (search engines show about this much).
LIMIT = 160


def description(app: Sphinx, pagename: str, doctree) -> str:
    memoir = app.env.get_domain("handbook").memoirs.get(pagename)
    if memoir and memoir.get("summary"):
        text = str(memoir["summary"])
    elif doctree is not None:
        first = next((p for p in doctree.findall(nodes.paragraph)
                      if not p.get("classes") and p.astext().strip()), None)
        text = first.astext() if first is not None else ""
    else:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= LIMIT else text[: LIMIT - 1].rstrip() + "…"


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict,
                    doctree) -> None:
    """html-page-context (before sphinxext-opengraph's): the page's description among its
    meta tags, and the same text as its OpenGraph description (the extension would take the
    first text of the page, which on a memoir is its generated header). A memoir is an
    OpenGraph "article". The page's metadata is copied, not changed."""
    if not is_website(app.builder):
        return
    text = description(app, pagename, doctree)
    meta = dict(context.get("meta") or {})
    if text:
        context["metatags"] = context.get("metatags", "") + (
            f'\n    <meta name="description" content="{html.escape(text, quote=True)}" />')
        meta["og:description"] = text
    if pagename in app.env.get_domain("handbook").memoirs:
        meta["og:type"] = "article"
    context["meta"] = meta


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_description, priority=450)
