"""The backstop: what was written holds only what Sphinx, the theme and the handbook emit.

The allow-list in ``content.py`` decides what a page may say; this module checks the result, as
a second line of defence against a route nobody thought of. After a build:

- every HTML page and EPUB document written in this build is parsed (``html.parser``): scripts
  must be the ``_static`` files and the few inline snippets Sphinx and the theme write
  (``INLINE_SCRIPTS``, ``INLINE_STYLES``); event handlers only the theme's two buttons
  (``HANDLERS``); ``style`` attributes only the widths of figures; no ``javascript:``,
  ``data:`` or ``vbscript:`` URL in any attribute; no meta refresh; no iframe, object, embed,
  base or frame;
- nothing was copied into ``_downloads/`` (a link to a file of the build machine);
- the LaTeX files read no file by ``\\input``, ``\\include`` or ``\\openin`` and run nothing.

A violation is a warning of type ``handbook.output`` at the source file of the page, so the
strict build fails and names where to look.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from pathlib import Path

from sphinx.application import Sphinx

from . import rules, urls
from .searchrank import WEIGHTS_FILE
from .problems import warn

INLINE_SCRIPTS = {
    'document.documentElement.dataset.mode = localStorage.getItem("mode") || ""; '
    'document.documentElement.dataset.theme = localStorage.getItem("theme") || "";',
    "DOCUMENTATION_OPTIONS.search_as_you_type = false;",
    '// Activate the search field on page load let searchInput = '
    'document.querySelector("form.bd-search input"); if (searchInput) { searchInput.focus(); '
    'searchInput.select(); console.log("[PST]: Set focus on search field."); }',
}
_PAGENAME_SCRIPT = re.compile(r"^DOCUMENTATION_OPTIONS\.pagename = '([^'\\<]*)';$")
INLINE_STYLES = {".pst-js-only { display: none !important; }"}
HANDLERS = {("button", "onclick", "window.print()"), ("button", "onclick", "toggleFullScreen()")}
#: The widths of figures (``:width:``).
_STYLE_ATTR = re.compile(r"^(?:width|height): [0-9]+(?:\.[0-9]+)?(?:%|px|em);?$")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}
_BAD_SCHEMES = ("javascript", "data", "vbscript")
_LATEX_READS = re.compile(
    r"\\(?:input|include|InputIfFileExists|IfFileExists|openin|read|write18|ShellEscape"
    r"|immediate\s*\\write|directlua|includegraphics)\b(?:\s*\[[^\]]*\])?\s*\{?([^}\s]*)")
_LATEX_DOC = re.compile(r"\\label\{\\detokenize\{([^}]*)::doc\}\}")


class PageChecker(HTMLParser):
    """Collects what in one written page is not on the lists above."""

    def __init__(self, outdir: Path, page: Path, site_path: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.outdir, self.page = outdir, page
        # The site's own path on its server ("/ko/latest/"): the 404 page, served at any
        # depth, links the site's files by absolute path (sphinx-notfound-page).
        self.site_path = site_path if site_path.startswith("/") else ""
        self.found: list[str] = []
        self.inline: str | None = None  # "script" or "style" while inside one without src
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.check_tag(tag, attrs)
        if tag in ("script", "style") and not dict(attrs).get("src"):
            self.inline, self.text = tag, []

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.check_tag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.inline:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inline and tag == self.inline:
            body = " ".join("".join(self.text).split())
            allowed = INLINE_SCRIPTS if tag == "script" else INLINE_STYLES
            if body and body not in allowed and not (
                    tag == "script" and _PAGENAME_SCRIPT.match(body)):
                self.found.append(f"an inline <{tag}> `{body[:60]}`")
            self.inline = None

    def check_tag(self, tag: str, attrs) -> None:
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"an <{tag}> element")
        values = dict(attrs)
        if tag == "meta" and "http-equiv" in values:
            self.found.append(f"a <meta http-equiv={values['http-equiv']!r}>")
        if tag == "script" and values.get("src"):
            self.check_script(values["src"])
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and (tag, name, value) not in HANDLERS:
                self.found.append(f"an event handler `{name}` on <{tag}>")
            elif name == "style" and not _STYLE_ATTR.match(value.strip()):
                self.found.append(f"a style attribute `{value[:40]}` on <{tag}>")
            elif urls.scheme(value) in _BAD_SCHEMES and name in (
                    "href", "src", "action", "formaction", "srcset", "poster", "data",
                    "xlink:href", "background", "cite", "content"):
                self.found.append(f"a `{urls.scheme(value)}:` URL in `{name}` on <{tag}>")

    def check_script(self, src: str) -> None:
        if urls.scheme(src) is not None or src.startswith("//"):
            self.found.append(f"a script from {src[:60]}")
            return
        src_path = src.split("?", 1)[0]
        if self.site_path and src_path.startswith(self.site_path):
            path = (self.outdir / src_path[len(self.site_path):]).resolve()
        else:
            path = (self.page.parent / src_path).resolve()
        try:
            rel = path.relative_to(self.outdir.resolve()).as_posix()
        except ValueError:
            self.found.append(f"a script outside the site: {src[:60]}")
            return
        if not (rel.startswith("_static/") or rel in _SEARCH_DATA) or not path.is_file():
            self.found.append(f"a script that is not one of the site's own files: {src[:60]}")


#: The search data Sphinx and the handbook write next to the pages (searchrank.py).
_SEARCH_DATA = ("searchindex.js", WEIGHTS_FILE)


def note_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: remember every page this build writes."""
    written = getattr(app.builder, "handbook_written", None)
    if written is None:
        written = app.builder.handbook_written = []
    written.append(pagename)


def _source_of(app: Sphinx, pagename: str):
    env = app.env
    if pagename in env.all_docs:
        return (pagename, 0)
    return None  # a page Sphinx generates (search, genindex): the message names it


def check_html(app: Sphinx) -> None:
    outdir = Path(app.outdir)
    for pagename in sorted(set(getattr(app.builder, "handbook_written", []))):
        path = Path(app.builder.get_outfilename(pagename))
        if not path.exists():
            continue
        checker = PageChecker(outdir, path, urlsplit(app.config.html_baseurl or "").path)
        checker.feed(path.read_text(encoding="utf-8"))
        checker.close()
        shown = path.relative_to(outdir).as_posix()
        for what in dict.fromkeys(checker.found):
            warn(rules.unexpected_output(what, shown), _source_of(app, pagename))
    app.builder.handbook_written = []
    downloads = outdir / "_downloads"
    if downloads.is_dir() and any(downloads.rglob("*")):
        sources = sorted({doc for docs, _ in app.env.dlfiles.values() for doc in docs})
        for doc in sources or [app.config.root_doc]:
            warn(rules.unexpected_output("a downloadable file (_downloads/)", "_downloads/"),
                 (doc, 0))


def check_latex(app: Sphinx) -> None:
    outdir = Path(app.outdir)
    for _, target, *_ in app.config.latex_documents:
        path = outdir / target
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for match in _LATEX_READS.finditer(text):
            argument = match.group(1)
            if match.group(0).startswith("\\includegraphics") and not (
                    "/" in argument or argument.startswith("~") or ".." in argument):
                continue  # an image Sphinx copied next to the .tex file
            docs = _LATEX_DOC.findall(text, 0, match.start())
            location = (docs[-1], 0) if docs and docs[-1] in app.env.all_docs else \
                f"{path}:{text.count(chr(10), 0, match.start()) + 1}"
            warn(rules.unexpected_output(f"`{match.group(0)[:60]}`", target), location)


def check_output(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: check what this build wrote."""
    if exception is not None:
        return
    if app.builder.format == "html" and hasattr(app.builder, "get_outfilename"):
        check_html(app)
    elif app.builder.format == "latex":
        check_latex(app)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", note_page)
    # Before the ledger of warnings is written (gate.py, priority 900).
    app.connect("build-finished", check_output, priority=600)
