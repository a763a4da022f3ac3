"""Navigation that does not grow with the number of memoirs: year pages and the sidebar.

Memoirs are grouped by the year they review. A page per year (``years/<year>.md``, generated
like the tag pages: written at the start of a build only when its text changes, git-ignored)
lists that year's memoirs. The years are known before reading from the memoir file names
(``memoirs/<year>-<slug>.md``, a rule of ``validate.py``).

The sidebar is the handbook's own (``templates/handbook-sidebar-nav.html``), not the theme's
global toctree: the theme would put every memoir into every page and re-parse it, so each
page's size and write time would grow with the handbook (N² in all). The handbook's sidebar
shows the timeline page, the years, the current year's memoirs (at most ``WINDOW`` of them,
around the current one, with a link to the year page for the rest), the topics, the
reference pages and the printed book and e-book: its size is bounded by the number of years and topics, whatever the number of
memoirs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.application import Sphinx

from .domain import folder_prefix, is_memoir
from .tags import sync_generated_pages


#: The most memoirs of one year the sidebar lists.
WINDOW = 12
_YEAR_FILE = re.compile(r"^([0-9]{4})-")


def year_dir(app: Sphinx) -> str:
    return app.config.handbook_year_dir.strip("/")


def years_on_disk(app: Sphinx) -> list[int]:
    folder = Path(app.srcdir) / app.config.handbook_memoir_dir
    found = {int(m.group(1)) for p in folder.glob("*.md") if (m := _YEAR_FILE.match(p.name))}
    return sorted(found)


def year_title(year: int) -> str:
    return f"{year}년을 돌아본 회고"


def year_page(app: Sphinx, year: int) -> str:
    return (f"# {year_title(year)}\n\n{year}년을 돌아본 회고입니다.\n\n"
            f"```{{memoir-list}}\n:year: {year}\n```\n")


def write_year_pages(app: Sphinx) -> None:
    """builder-inited: one page per year that has a memoir (written like the tag pages)."""
    pages = {f"{year}.md": year_page(app, year) for year in years_on_disk(app)}
    sync_generated_pages(app, year_dir(app), pages, "year page")


# -- the sidebar -------------------------------------------------------------------------------

def is_not_found_page(app: Sphinx, pagename: str) -> bool:
    """The 404 page (sphinx-notfound-page): served at any depth, so it links by absolute path."""
    return pagename == getattr(app.config, "notfound_pagename", None)


def href(app: Sphinx, pagename: str, target: str) -> str:
    if is_not_found_page(app, pagename):
        prefix = getattr(app.config, "notfound_urls_prefix", None) or "/"
        return prefix + app.builder.get_target_uri(target)
    return app.builder.get_relative_uri(pagename, target)


def _item(app: Sphinx, pagename: str, target: str, title: str, level: int,
          children: str = "") -> str:
    current = target == pagename
    classes = f"toctree-l{level}" + (" current active" if current else "")
    href_ = html.escape(href(app, pagename, target) or "#", quote=True)
    aria = ' aria-current="page"' if current else ""
    return (f'<li class="{classes}"><a class="reference internal" href="{href_}"{aria}>'
            f"{html.escape(title)}</a>{children}</li>")


def _caption(text: str) -> str:
    return (f'<p class="caption" role="heading" aria-level="2"><span class="caption-text">'
            f"{html.escape(text)}</span></p>")


def _window(docnames: list[str], current: str | None) -> list[str]:
    if len(docnames) <= WINDOW:
        return docnames
    at = docnames.index(current) if current in docnames else 0
    start = max(0, min(at - WINDOW // 2, len(docnames) - WINDOW))
    return docnames[start:start + WINDOW]


def sidebar(app: Sphinx, pagename: str) -> str:
    env = app.env
    dom = env.get_domain("handbook")
    ydir = year_dir(app)
    by_year: dict[int, list[str]] = {}
    for docname, values in dom.memoirs_in_order():
        if isinstance(values.get("year"), int):
            by_year.setdefault(values["year"], []).append(docname)
    current_year = None
    if is_memoir(app.config, pagename):
        current_year = dom.memoirs.get(pagename, {}).get("year")
    elif pagename.startswith(ydir + "/"):
        current_year = int(pagename.rsplit("/", 1)[1]) if pagename[-4:].isdigit() else None
    years = []
    for year, docnames in sorted(by_year.items()):
        target = f"{ydir}/{year}"
        if target not in env.all_docs:
            continue
        children = ""
        if year == current_year:
            shown = _window(docnames, pagename)
            items = [_item(app, pagename, doc, dom.memoirs[doc].get("title") or doc, 2)
                     for doc in shown]
            if len(shown) < len(docnames):
                items.append(f'<li class="toctree-l2 handbook-more"><a class="reference '
                             f'internal" href="{html.escape(href(app, pagename, target))}">'
                             f"{year}년 회고 {len(docnames)}편 모두 보기</a></li>")
            children = '<ul class="current">' + "".join(items) + "</ul>"
        label = f"{year}년 ({len(docnames)}편)"
        years.append(_item(app, pagename, target, label, 1, children))
    timeline = app.config.handbook_timeline_doc
    if timeline in env.all_docs:  # the overview of every year, before the years
        years.insert(0, _item(app, pagename, timeline, env.titles[timeline].astext(), 1))
    prefix = folder_prefix(app.config, "handbook_topic_dir")
    topics = [_item(app, pagename, doc, env.titles[doc].astext(), 1)
              for doc in sorted(d for d in env.all_docs if d.startswith(prefix))]
    others = [doc for doc in (app.config.handbook_bibliography_doc,
                              f"{app.config.tags_output_dir.strip('/')}/tagsindex")
              if doc in env.all_docs]
    more = [_item(app, pagename, doc, env.titles[doc].astext(), 1) for doc in others]
    from .published import BOOK_LABELS, book_urls

    books = [f'<li class="toctree-l1"><a class="reference external" '
             f'href="{html.escape(url, quote=True)}">{html.escape(BOOK_LABELS[kind])}</a></li>'
             for kind, url in book_urls(app, pagename).items()]
    parts = [("회고", years), ("주제", topics), ("참고문헌과 태그", more), ("책으로 읽기", books)]
    return "".join(_caption(caption) + '<ul class="nav bd-sidenav">' + "".join(items) + "</ul>"
                   for caption, items in parts if items)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: the sidebar of this page."""
    if app.builder.format == "html":
        context["handbook_sidebar_nav"] = sidebar(app, pagename)


def _add_templates(app: Sphinx, config) -> None:
    # First, so the handbook's templates win over the themes' of the same name. A new list: the
    # default one may be shared by other applications in the same process (the tests').
    ours = str(Path(__file__).parent / "templates")
    config.templates_path = [ours, *(p for p in config.templates_path if p != ours)]


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_year_dir", "years", "env", types=[str])
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", write_year_pages)
    app.connect("html-page-context", page_context)
