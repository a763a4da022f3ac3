"""The reference lists' labels are the in-text citations' words: "[Jocher, 2020]" in both.

The text cites author and year (``bibtex_reference_style = "author_year"``), while pybtex's
``alpha`` style labels the list entries "[Joc20]", so a reader could not match the two. The
handbook's bibliography style ``handbook`` is pybtex's ``alpha`` (same formatting, sorted by
author, year and title) with a label style that writes each entry's label with the very
template sphinxcontrib-bibtex's author-year citations use: its person style ("Devlin et al.",
"Cortes and Vapnik"), its separator and the year.
"""

from __future__ import annotations

import functools
from docutils import nodes
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.plugin import find_plugin, register_plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import field, join
from sphinx.util.nodes import make_refnode

STYLE = "handbook"
LABELS = "handbook-author-year"


#: pybtex's plain-text backend, made once.
_TEXT = PlainTextBackend()


@functools.cache
def _label_template():
    """The citation style and the label template, made once: making the style looks up its
    pybtex plugins, which scans every installed package's entry points (about 8 ms each time,
    and the lists ask for labels once per list)."""
    style = AuthorYearReferenceStyle()
    return style, join[style.person.author_or_editor_or_title(full=False),
                       style.author_year_sep, field("year")]


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        style, template = _label_template()
        for entry in sorted_entries:
            # render(), not render_as("text"): that looks the backend up again for every label.
            yield template.format_data({"entry": entry, "style": style}).render(_TEXT)


class HandbookStyle(AlphaStyle):
    default_label_style = LABELS


def register() -> None:
    """Register the two pybtex plugins once per process (pybtex's registry is global)."""
    try:
        find_plugin("pybtex.style.formatting", STYLE)
    except Exception:
        register_plugin("pybtex.style.labels", LABELS, AuthorYearLabels)
        register_plugin("pybtex.style.formatting", STYLE, HandbookStyle)


def cited_by(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: on the bibliography page, each work says which memoirs cite it."""
    if docname != app.config.handbook_bibliography_doc:
        return
    env = app.env
    cite = env.get_domain("cite")
    memoirs = env.get_domain("handbook").memoirs_in_order()
    order = {doc: i for i, (doc, _) in enumerate(memoirs)}
    titles = {doc: values.get("title") or doc for doc, values in memoirs}
    citing: dict[str, set[str]] = {}
    for ref in cite.citation_refs:
        for target in ref.targets:
            citing.setdefault(target.key, set()).add(ref.docname)
    by_id = {c.citation_id: c.key for c in cite.citations
             if c.bibliography_key.docname == docname}
    # Each work is a list item (``:list: bullet``) or a citation, with its citation id.
    for citation in list(doctree.findall(lambda n: isinstance(n, (nodes.list_item,
                                                                   nodes.citation)))):
        key = next((by_id[i] for i in citation["ids"] if i in by_id), None)
        docs = sorted((d for d in citing.get(key, ()) if d in order), key=order.__getitem__)
        if not docs:
            continue
        para = nodes.paragraph(classes=["handbook-cited-by"])
        para += nodes.Text("인용한 회고: ")
        for i, doc in enumerate(docs):
            if i:
                para += nodes.Text(", ")
            para += make_refnode(app.builder, docname, doc, "", nodes.inline(text=titles[doc]),
                                 titles[doc])
        citation += para


def setup(app: Sphinx) -> None:
    register()
    app.connect("doctree-resolved", cited_by)
