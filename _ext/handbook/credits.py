"""The book's author credit, derived from the memoirs' front matter.

A memoir by a new author needs only its own file: the credit on the PDF's title page and in its
metadata, in the EPUB's metadata and in the site's footer is made from the ``author`` of every
memoir, in the order of the memoirs. ``author`` in ``conf.py`` is only the fallback for a
handbook without memoirs. The credit is set when writing starts (after the environment has been
saved), so it never makes Sphinx think the configuration changed.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .frontmatter import UNKNOWN_AUTHOR

#: How many handles the credit names before "외 회고 작성자들" (and other memoir authors).
NAMED = 10


def authors(env: BuildEnvironment) -> tuple[list[str], bool]:
    """The named authors in memoir order, and whether some memoir's author is unknown."""
    names: list[str] = []
    unknown = False
    for _, values in env.get_domain("handbook").memoirs_in_order():
        author = values.get("author")
        if not isinstance(author, str) or author in ("", UNKNOWN_AUTHOR):
            unknown = True
        elif author not in names:
            names.append(author)
    return names, unknown


def credit(app: Sphinx) -> str:
    """"parksunwoo, jerife, 계토 외 회고 작성자들", or the configured author without memoirs."""
    names, unknown = authors(app.env)
    if not names:
        return app.config.author
    shown = ", ".join(names[:NAMED])
    if unknown or len(names) > NAMED:
        return f"{shown} 외 회고 작성자들"
    return shown


def set_credit(app: Sphinx, builder: Builder) -> None:
    """write-started: the title page (LaTeX) and the e-book's metadata (EPUB)."""
    text = credit(app)
    if builder.format == "latex":
        # The LaTeX builder reads latex_documents again when it prepares writing.
        app.config.latex_documents = [(doc, target, title, text, *rest) for
                                      doc, target, title, _, *rest in app.config.latex_documents]
    if builder.name == "epub":
        app.config.epub_author = text
        # One string, as Sphinx writes it; the handbook's content.opf writes one dc:contributor
        # per name (epub.py).
        app.config.epub_contributor = ", ".join(authors(app.env)[0])


def page_credit(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: the footer's author credit."""
    context["author"] = credit(app)


def setup(app: Sphinx) -> None:
    app.connect("write-started", set_credit)
    app.connect("html-page-context", page_credit)
