"""The ML memoir handbook's Sphinx extension.

This module only registers; each concern lives in its own module:

- ``content``: the allow-list of MyST syntax, applied while MyST parses each page
- ``anchors``: readable section anchors (the heading's Korean slug first)
- ``urls``: the URL policy for links, images, front matter and references.bib
- ``gate``: warnings that repeat until fixed; output that follows renamed or deleted pages
- ``outputcheck``: the backstop: written HTML, EPUB and LaTeX hold only what the handbook emits
- ``credits``: the book's author credit, derived from the memoirs' front matter
- ``bibscale``: sphinxcontrib-bibtex's domain with linear citation bookkeeping
- ``a11y``: accessible markup where docutils and the themes fall short
- ``citations``: reference-list labels in the words of the in-text citations
- ``published``: the sitemap, the Atom feed of memoirs, the links to the PDF and EPUB
- ``pagemeta``: each page's description (a memoir's summary, another page's first paragraph)
- ``i18n``: Korean interface labels the themes do not provide
- ``memoirs``: memoir front matter, the memoir header, memoir lists
- ``passages``: passage markers and topic pages
- ``related``: 같은 주제의 다른 회고, the memoirs sharing a memoir's topics, at its end
- ``rewrites``: which pages an edit rewrites (only those whose content changed)
- ``tags``: tag pages from the controlled vocabulary
- ``timeline``: 연도별 회고, the timeline page with its topic × year picture and table
- ``nav``: year pages and the sidebar, whose size does not grow with the number of memoirs
- ``search``: the Korean search language (index terms and the reader's query)
- ``searchrank``: what search ranks by (how often a page uses a word, and where)
- ``latex``: the printed book (LaTeX/PDF) and the EPUB: structure, remote images, emoji
- ``epub``: the e-book: language of every page, cover, contributors, its stylesheet
- ``unavoidable``: the warnings that cannot be avoided, each with its reason
- ``validate``: file names, encodings, references.bib and cross-document rules (the wording of
  every rule is in ``rules``); ``check`` is ``make check``: the same build, writing nothing
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import (a11y, anchors, bibscale, citations, content, credits, epub, gate, i18n, latex,
               memoirs, nav, outputcheck, pagemeta, passages, published, related, rewrites,
               search, searchrank, tags, timeline, unavoidable, validate)
from .domain import HandbookDomain

__version__ = "1.0"


def setup(app: Sphinx) -> dict:
    # Tag pages reuse sphinx-tags' settings (output folder, titles); the bibliography checks
    # read sphinxcontrib-bibtex's settings and its citation data.
    app.setup_extension("sphinx_tags")
    app.setup_extension("sphinxcontrib.bibtex")
    bibscale.setup(app)
    citations.setup(app)
    app.add_config_value("handbook_memoir_dir", "memoirs", "env", types=[str])
    app.add_config_value("handbook_topic_dir", "topics", "env", types=[str])
    app.add_config_value("handbook_tags", {}, "env", types=[dict])
    app.add_domain(HandbookDomain)
    content.setup(app)
    anchors.setup(app)
    gate.setup(app)
    credits.setup(app)
    outputcheck.setup(app)
    i18n.setup(app)
    memoirs.setup(app)
    passages.setup(app)
    related.setup(app)
    rewrites.setup(app)
    tags.setup(app)
    nav.setup(app)
    timeline.setup(app)
    pagemeta.setup(app)
    published.setup(app)
    a11y.setup(app)
    search.setup(app)
    searchrank.setup(app)
    latex.setup(app)
    epub.setup(app)
    validate.setup(app)
    unavoidable.setup(app)
    app.connect("config-inited", _add_static_path)
    app.add_css_file("handbook.css")
    return {
        "version": __version__,
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx, config) -> None:
    ours = str(Path(__file__).parent / "static")
    config.html_static_path = [*(p for p in config.html_static_path if p != ours), ours]
