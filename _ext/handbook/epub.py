"""The e-book (EPUB): what Sphinx's EPUB3 builder needs on top of the web pages.

Settings are in ``conf.py`` (section "EPUB"); remote images and the Korean guide titles are
shared with the printed book (``latex.py``); the author credit and the contributor list come
from the memoirs' front matter (``credits.py``). What needs code is here:

- Language of every page: Sphinx's EPUB3 builder writes its own ``<html>`` tag without a
  language, so only the package declares one. Every content document (and the cover page)
  gets ``lang`` and ``xml:lang`` from ``epub_language`` (``ko``).
- Field labels ("작성자:"): Docutils writes the colon into each label; Sphinx's ``epub.css``
  adds a second one after it (``dl.field-list > dt:after``), as ``basic.css`` did before
  sphinx-doc/sphinx#10594 was fixed for the web only. ``static-epub/handbook-epub.css``, linked
  in the e-book only, takes the second one away; the web pages and their files are unchanged.
- The cover: an SVG drawn from the project title and the book's credit when writing starts,
  into the build's output (never the source tree); the same title and credit give the same
  bytes. ``epub_cover`` in ``conf.py`` names it and the cover page's template
  (``templates/handbook-epub-cover.html``).
- ``content.opf``: ``templates/epub3/content.opf.jinja`` is Sphinx's template with two changes:
  the cover image's manifest item has ``properties="cover-image"`` (EPUB 3's cover; Sphinx writes
  only the EPUB 2 ``<meta name="cover">``), and every memoir author is a ``dc:contributor`` of
  their own (Sphinx writes ``epub_contributor`` as one element). ``dc:creator`` stays the one
  credit the title page shows ("parksunwoo, jerife, 계토 외 회고 작성자들"): it also speaks for
  the authors who are not named. ``tests/test_upstream.py`` says when either change can go.
- A second build into the same folder: Sphinx would put the previous build's cover page into
  the spine a second time; it is removed before ``content.opf`` is written.
- The same bytes in two builds of the same sources: Sphinx dates the package (``dc:date``,
  ``dcterms:modified``) with the clock unless ``SOURCE_DATE_EPOCH`` is set, and zips each file
  with its modification time. The book's date is ``source_date`` (``SOURCE_DATE_EPOCH`` when
  set, else the newest memoir's ``date``), used for the package and for every zip entry;
  ``build_epub`` writes the entries in a fixed order with fixed attributes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import __
from sphinx.util import logging

from . import credits
from .frontmatter import parse_date

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
#: The handbook's content.opf template (Sphinx's, with the two changes above).
OPF_TEMPLATES = HERE / "templates" / "epub3"
#: Static files only the e-book links.
STATIC = HERE / "static-epub"
CSS_FILE = "handbook-epub.css"
#: The cover image that is drawn, not copied: ``epub_cover``'s image when it has this name.
COVER_NAME = "handbook-cover.svg"


# -- The book's date ---------------------------------------------------------------------------

#: The date of a book none of whose memoirs has a ``date``: the earliest a zip entry can carry.
NO_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
#: What the metadata files are zipped as, after ``mimetype`` (Sphinx's order).
METADATA_FILES = ("META-INF/container.xml", "content.opf", "toc.ncx")


def source_date(memoirs: Iterable[Mapping[str, Any]],
                environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The book's date, from the sources and never the clock (UTC, whole seconds).

    ``SOURCE_DATE_EPOCH`` when it is set (the reproducible-builds convention, which Sphinx
    honours too); else the newest ``date`` in the memoirs' front matter, at 00:00 UTC (a date
    without a day, ``YYYY-MM``, is the first of that month); else ``NO_DATE``.
    """
    if (epoch := environ.get("SOURCE_DATE_EPOCH")) is not None:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    dates = [dt.datetime(year, month, day or 1, tzinfo=dt.timezone.utc)
             for year, month, day in filter(None, (parse_date(values.get("date"))
                                                   for values in memoirs))]
    return max(dates, default=NO_DATE)


def zip_entry(name: str, when: dt.datetime, compress: int) -> ZipInfo:
    """A zip entry that depends on nothing but its name, the book's date and its compression:
    not the file's modification time, permissions or the system that wrote it."""
    # A zip entry cannot be dated before 1980, has no time zone (the UTC fields are written)
    # and counts seconds in steps of two.
    stamp = max(when, NO_DATE).timetuple()[:6]
    info = ZipInfo(name, date_time=stamp)
    info.compress_type = compress
    info.create_system = 3  # Unix, as on every system (ZipInfo would say 0 on Windows)
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


class HandbookEpubBuilder(Epub3Builder):
    """Sphinx's EPUB3 builder (``-b epub``) with the changes in the module's docstring."""

    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language)
        assert self.html_tag.endswith(">"), self.html_tag
        self.globalcontext["html_tag"] = (
            f'{self.html_tag[:-1]} lang="{lang}" xml:lang="{lang}">')

    def source_date(self) -> dt.datetime:
        """The book's date (``source_date``): the package's and every zip entry's."""
        return source_date(self.env.get_domain("handbook").memoirs.values())

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        metadata["contributors"] = [html.escape(name) for name in credits.authors(self.env)[0]]
        # dc:date and dcterms:modified: Sphinx's format, the sources' date instead of the clock.
        metadata["date"] = self.source_date().strftime("%Y-%m-%dT%H:%M:%SZ")
        return metadata

    def build_epub(self) -> None:
        """Sphinx's ``build_epub`` (mimetype first and stored uncompressed, as EPUB requires;
        then the metadata files; then the content), with every entry dated ``source_date``
        and the content in sorted order, so that the same files give the same bytes."""
        outname = self.config.epub_basename + ".epub"
        logger.info(__("writing %s file..."), outname)
        when = self.source_date()
        entries = [("mimetype", ZIP_STORED), *((name, ZIP_DEFLATED) for name in METADATA_FILES),
                   *((name, ZIP_DEFLATED) for name in sorted(self.files))]
        with ZipFile(self.outdir / outname, "w") as epub:
            for name, compress in entries:
                epub.writestr(zip_entry(name, when, compress),
                              Path(self.outdir, name).read_bytes())

    def build_content(self) -> None:
        # Sphinx lists every file it finds in the output, and adds the cover page it writes
        # itself to the spine first: the cover page of an earlier build in the same folder would
        # be in the spine twice (an error for epubcheck). It is written again here.
        Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        # Sphinx reads content.opf.jinja from template_dir and nothing else while it writes
        # content.opf; the other metadata files keep Sphinx's templates.
        upstream, self.template_dir = self.template_dir, OPF_TEMPLATES
        try:
            super().build_content()
        finally:
            self.template_dir = upstream


# -- The cover ---------------------------------------------------------------------------------

WIDTH, HEIGHT, MARGIN = 1600, 2560, 160
TITLE_SIZE, CREDIT_SIZE = 150, 64
FONTS = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
BACKGROUND, INK, ACCENT = "#0b3d91", "#ffffff", "#8ab4f8"


def _em(text: str) -> float:
    """Estimated width in em: Hangul and CJK are square, Latin letters about 0.6, spaces 0.3."""
    width = 0.0
    for char in text:
        code = ord(char)
        if char == " ":
            width += 0.3
        elif (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0xA4CF or 0xAC00 <= code <= 0xD7A3
              or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF):
            width += 1.0
        else:
            width += 0.6
    return width


def wrap(text: str, size: int, sep: str = " ", width: int = WIDTH - 2 * MARGIN) -> list[str]:
    """Lines of at most ``width`` pixels at font size ``size``, broken only after ``sep``
    (a space in the title; ", " in the credit, so that no name is split)."""
    units = [part.strip() for part in text.split(sep)]
    words = [unit + sep.strip() for unit in units[:-1]] + units[-1:]
    lines: list[str] = []
    for word in words:
        if lines and _em(f"{lines[-1]} {word}") * size <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _text(line: str, y: int, size: int, weight: str, fill: str) -> str:
    # A line wider than the page (one very long word) is squeezed to fit.
    fit = (f' textLength="{WIDTH - 2 * MARGIN}" lengthAdjust="spacingAndGlyphs"'
           if _em(line) * size > WIDTH - 2 * MARGIN else "")
    return (f'  <text x="{MARGIN}" y="{y}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}"{fit}>{escape(line)}</text>')


def cover_svg(title: str, credit: str, language: str) -> str:
    """The cover: the title large, a rule, the credit below; plain SVG 1.1 text, no fonts."""
    title_lines, credit_lines = wrap(title, TITLE_SIZE), wrap(credit, CREDIT_SIZE, ", ")
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" xml:lang="{escape(language)}" '
        f'font-family="{FONTS}">',
        f"  <title>{escape(title)}</title>",
        f"  <desc>{escape(credit)}</desc>",
        f'  <rect width="{WIDTH}" height="{HEIGHT}" fill="{BACKGROUND}"/>',
    ]
    y = 820
    for line in title_lines:
        parts.append(_text(line, y, TITLE_SIZE, "bold", INK))
        y += round(TITLE_SIZE * 1.3)
    y += 40
    parts.append(f'  <rect x="{MARGIN}" y="{y}" width="320" height="16" fill="{ACCENT}"/>')
    y += 80 + CREDIT_SIZE
    for line in credit_lines:
        parts.append(_text(line, y, CREDIT_SIZE, "normal", INK))
        y += round(CREDIT_SIZE * 1.5)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_cover(app: Sphinx, builder) -> None:
    """write-started: draw the cover ``epub_cover`` names into the build's output."""
    if builder.name != "epub" or not app.config.epub_cover:
        return
    image = app.config.epub_cover[0]
    if Path(image).name != COVER_NAME:
        return
    path = Path(builder.outdir, image)
    path.parent.mkdir(parents=True, exist_ok=True)
    svg = cover_svg(app.config.epub_title, credits.credit(app), app.config.epub_language)
    path.write_bytes(svg.encode("utf-8"))


# -- Setup -------------------------------------------------------------------------------------

def _epub_static(app: Sphinx) -> None:
    """builder-inited: the e-book's own stylesheet, after Sphinx's epub.css."""
    if app.builder.name != "epub":
        return
    ours = str(STATIC)
    if ours not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, ours]
    app.add_css_file(CSS_FILE)


def setup(app: Sphinx) -> None:
    app.add_builder(HandbookEpubBuilder, override=True)
    app.connect("builder-inited", _epub_static)
    app.connect("write-started", write_cover)
