"""Workarounds for upstream behaviour, each with a test that fails once it is no longer needed.

When one of these fails, the upstream package changed: remove the handbook's workaround named
in the assertion message (and this test), then run the whole suite.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import docutils.writers._html_base as html_base
import pydata_sphinx_theme
import sphinx_book_theme

PST = Path(pydata_sphinx_theme.__file__).parent
SBT = Path(sphinx_book_theme.__file__).parent


def test_pydata_theme_still_fills_an_unset_navbar_persistent():
    source = (PST / "__init__.py").read_text(encoding="utf-8")
    assert "navbar_persistent" in source and "search-button-field" in source, (
        "conf.py: `navbar_persistent: []` may no longer be needed "
        "(pydata-sphinx-theme#2451, sphinx-book-theme#1000)")


def test_book_theme_buttons_still_have_english_names():
    for name, english in [("toggle-primary-sidebar.html", "Toggle primary sidebar"),
                          ("toggle-secondary-sidebar.html", "Toggle secondary sidebar")]:
        template = (SBT / "theme" / "sphinx_book_theme" / "components" / name).read_text(
            encoding="utf-8")
        assert english in template, f"_ext/handbook/templates/{name} may no longer be needed"


def test_book_theme_print_contents_still_named_in_english():
    layout = (SBT / "theme" / "sphinx_book_theme" / "layout.html").read_text(encoding="utf-8")
    assert 'aria-label="Page"' in layout, (
        "_ext/handbook/templates/layout.html: the docs_body block may no longer be needed")


def test_pydata_search_button_name_still_omits_its_shortcut():
    template = (PST / "theme" / "pydata_sphinx_theme" / "components" /
                "search-button-field.html").read_text(encoding="utf-8")
    assert "aria-label=\"{{ _('Search') }}\"" in template, (
        "_ext/handbook/templates/search-button-field.html may no longer be needed")


def test_pydata_theme_still_loads_the_search_index_on_every_page():
    layout = (PST / "theme" / "pydata_sphinx_theme" / "layout.html").read_text(encoding="utf-8")
    assert "searchindex.js" in layout, (
        "_ext/handbook/templates/layout.html: the extrahead block may no longer be needed")


def test_docutils_still_writes_deprecated_bibliography_roles():
    assert "doc-biblioentry" in inspect.getsource(html_base.HTMLTranslator.visit_citation), (
        "_ext/handbook/a11y.py: CitationListMixin may no longer be needed")


def test_book_theme_still_mistranslates_by():
    po = (SBT / "theme" / "sphinx_book_theme" / "static" / "locales" / "ko" / "LC_MESSAGES" /
          "booktheme.po").read_text(encoding="utf-8")
    assert 'msgid "By"\nmsgstr "으로"' in po, (
        "_ext/handbook/locale/ko/LC_MESSAGES/booktheme.po: the \"By\" entry may go")
