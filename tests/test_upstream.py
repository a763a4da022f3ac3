"""Workarounds for upstream behaviour, each with a test that fails once it is no longer needed.

When one of these fails, the upstream package changed: remove the handbook's workaround named
in the assertion message (and this test), then run the whole suite.
"""

from __future__ import annotations

import inspect
import re
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


# -- The e-book (_ext/handbook/epub.py) ----------------------------------------------------------

def _sphinx_file(*parts: str) -> str:
    import sphinx
    return Path(sphinx.__file__).parent.joinpath(*parts).read_text(encoding="utf-8")


def test_sphinx_epub_css_still_adds_a_second_colon_to_field_names():
    css = _sphinx_file("themes", "epub", "static", "epub.css.jinja")
    rule = re.search(r"dl\.field-list > dt:after[^{]*\{\s*content: \":\";", css)
    colon = inspect.getsource(html_base.HTMLTranslator.depart_field_name)
    assert rule and 'class="colon"' in colon, (
        "_ext/handbook/static-epub/handbook-epub.css: the field-list rule may go "
        "(sphinx-doc/sphinx#10594 fixed basic.css, not epub.css)")


def test_sphinx_epub3_pages_still_declare_no_language():
    from sphinx.builders.epub3 import HTML_TAG
    assert "lang=" not in HTML_TAG, (
        "_ext/handbook/epub.py: HandbookEpubBuilder.prepare_writing may go")


def test_sphinx_content_opf_still_lacks_the_cover_image_and_one_contributor_each():
    upstream = _sphinx_file("templates", "epub3", "content.opf.jinja")
    assert "cover-image" not in upstream and "{{ contributor }}" in upstream, (
        "_ext/handbook/templates/epub3/content.opf.jinja (and build_content, "
        "content_metadata in epub.py) may go")
    # The handbook's copy is Sphinx's template with only its two changes: when Sphinx changes
    # its template, copy it again and make the two changes.
    ours = (Path(__file__).parent.parent / "_ext" / "handbook" / "templates" / "epub3" /
            "content.opf.jinja").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S)
    ours = re.sub(r"\n    \{%- for name in contributors %\}\n(.*)\n    \{%- endfor %\}",
                  "\n    <dc:contributor>{{ contributor }}</dc:contributor>", ours)
    ours = re.sub(r"\n    \{%- if item.id == cover %\}\n.*?\n    \{%- else %\}\n(.*?)\n"
                  r"    \{%- endif %\}", r"\n\1", ours, flags=re.S)
    assert ours == upstream


def test_sphinx_still_lists_an_earlier_cover_page_in_the_spine_twice():
    from sphinx.builders._epub_base import EpubBuilder
    source = inspect.getsource(EpubBuilder.build_content)
    assert source.index("if name not in spinefiles") < source.index(
        "spinefiles.add(self.coverpage_name)"), (
        "_ext/handbook/epub.py: removing the cover page in build_content may no longer be "
        "needed (build twice into one folder and run epubcheck)")


def test_sphinx_epub_still_lists_the_backup_of_buildinfo():
    from sphinx.builders._epub_base import EpubBuilder
    source = inspect.getsource(EpubBuilder.build_content)
    assert "'.buildinfo'," in source and ".buildinfo.bak" not in source, (
        "conf.py: epub_exclude_files may no longer be needed")


def test_sphinx_epub_still_dates_the_book_by_the_clock_and_zips_file_times():
    from sphinx.builders._epub_base import EpubBuilder
    from sphinx.builders.epub3 import Epub3Builder
    metadata = inspect.getsource(Epub3Builder.content_metadata)
    zipping = inspect.getsource(EpubBuilder.build_epub)
    assert "time.gmtime()" in metadata and "epub.write(" in zipping, (
        "_ext/handbook/epub.py: check whether Sphinx's EPUB is now the same bytes in two builds "
        "without SOURCE_DATE_EPOCH; HandbookEpubBuilder.build_epub (and the date in "
        "content_metadata) may go")
    # HandbookEpubBuilder.build_epub zips what Sphinx zips: mimetype, the same metadata files,
    # then self.files. When Sphinx zips anything else, do the same in build_epub.
    from handbook.epub import METADATA_FILES
    assert repr(METADATA_FILES) in zipping and re.findall(r"epub\.write\(([^,]+),", zipping) == [
        "self.outdir / 'mimetype'", "self.outdir / filename", "self.outdir / filename"], (
        "_ext/handbook/epub.py: HandbookEpubBuilder.build_epub no longer zips what Sphinx zips")
