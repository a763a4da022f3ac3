"""Sphinx configuration of the ML memoir handbook.

Configuration only: the handbook's behaviour lives in the ``handbook`` extension
(``_ext/handbook/``). Every setting of our own carries the ``handbook_`` prefix.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -----------------------------------------------------------------

project = "머신러닝 엔지니어 회고 핸드북"
# The book's credit ("parksunwoo, jerife, 계토 외 회고 작성자들") is made from the memoirs' front
# matter when the book is written (_ext/handbook/credits.py): a new author needs no change here.
# This is only the fallback for a handbook without memoirs.
author = "회고 작성자들"
copyright = "각 회고의 저작권은 원저자에게 있습니다"
language = "ko"
root_doc = "index"

# The source directory is the repository root: build only the handbook's pages.
include_patterns = [
    "index.md",
    "bibliography.md",
    "timeline.md",
    "memoirs/*.md",
    "topics/*.md",
    "_tags/*.md",
    "years/*.md",
]
exclude_patterns = ["_build", ".venv", "tests", "docs", "sources", "README.md"]

extensions = [
    "myst_parser",
    "sphinx_book_theme",
    "sphinx_tags",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "notfound.extension",
    "handbook",
]

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
# Every heading gets a readable slug anchor (_ext/handbook/anchors.py puts it first).
myst_heading_anchors = 6
# The memoirs are an archive: no typographic rewriting of the authors' "..." or quotes.
smartquotes = False

# -- Bibliography (sphinxcontrib-bibtex) ---------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
# The lists label each work as the text cites it, "[Sandler et al., 2018]" (pybtex's alpha
# style with the handbook's author-year labels: _ext/handbook/citations.py).
bibtex_default_style = "handbook"

# -- Tags (sphinx-tags) --------------------------------------------------------
# sphinx-tags would rescan every source file for a ``tags`` directive and rewrite
# ``_tags/`` on every build. The handbook keeps a memoir's tags in its front
# matter, so the extension writes the tag pages itself (only when they change)
# and sphinx-tags' own page writer stays off.
tags_create_tags = False
tags_output_dir = "_tags"
tags_extension = ["md"]
tags_overview_title = "태그"
tags_page_title = "태그"
tags_page_header = "이 태그가 붙은 회고"
tags_intro_text = "태그:"

# -- The handbook extension ------------------------------------------------------

# Folders (relative to the source directory) holding memoirs and topic pages.
handbook_memoir_dir = "memoirs"
handbook_topic_dir = "topics"
# Generated year pages (git-ignored), one per year that has a memoir.
handbook_year_dir = "years"

# The controlled tag vocabulary: key (used in front matter) -> Korean label.
handbook_tags = {
    "self-study": "독학과 교육 과정",
    "undergraduate": "학부생",
    "graduate-school": "대학원",
    "research": "연구",
    "conference": "학회와 컨퍼런스",
    "competitions": "경진대회",
    "job-hunting": "취업 준비",
    "internship": "인턴",
    "first-job": "첫 직장",
    "career-change": "진로 전환",
    "wellbeing": "몸과 마음",
}

# -- HTML ----------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "머신러닝 엔지니어 회고 핸드북"
html_last_updated_fmt = None
# The handbook has no index entries: no empty 색인 page.
html_use_index = False
html_favicon = "_ext/handbook/static/favicon.svg"
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "use_download_button": True,
    # The book theme shortens GitHub URLs shown as link text; memoir text is verbatim.
    "shorten_urls": False,
    # pydata-sphinx-theme 0.20 fills an unset navbar_persistent with a header search field:
    # a second search box above the sidebar's, an empty strip on phones, and hidden duplicate
    # sidebar buttons that the themes' scripts bind to instead of the visible ones (so the
    # visible buttons did nothing: pydata-sphinx-theme#2451, sphinx-book-theme#1000). Empty,
    # there is one search control, and the visible buttons open and close the sidebars.
    "navbar_persistent": [],
    "search_bar_text": "검색...",
}
# The sidebar is the handbook's (years, the current year's memoirs, topics): the theme's would
# list every memoir on every page (_ext/handbook/nav.py).
html_sidebars = {"**": ["navbar-logo.html", "icon-links.html", "search-button-field.html",
                        "handbook-sidebar-nav.html"]}

# The site's address: canonical links, OpenGraph, the sitemap and the feed are absolute. Read the
# Docs gives each build its canonical URL (with language and version); elsewhere the default is
# the project's Read the Docs address for the Korean "latest" version.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL",
                              "https://ml-memoir-handbook.readthedocs.io/ko/latest/")
handbook_feed_subtitle = "머신러닝 엔지니어들의 한 해 회고, 최근에 쓴 글부터"

# -- OpenGraph (sphinxext-opengraph) and the 404 page (sphinx-notfound-page) -------

ogp_site_url = html_baseurl
ogp_site_name = project
# The description is the handbook's own (_ext/handbook/pagemeta.py: a memoir's summary, another
# page's first paragraph), given to OpenGraph as og:description; no generated cards (they would
# need matplotlib and draw with fonts the build machine may lack). The extension prints
# "matplotlib is not installed, social cards will not be generated" when it is imported: a
# message, not a warning; the strict build is unaffected.
ogp_enable_meta_description = False
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta property="og:locale" content="ko_KR" />']

# The 404 page: Korean, with links that work at any depth: absolute, under the site's path
# ("/ko/latest/", from html_baseurl).
notfound_context = {
    "title": "페이지를 찾을 수 없습니다",
    "body": (
        "<h1>페이지를 찾을 수 없습니다</h1>\n"
        "<p>주소가 바뀌었거나 없는 페이지입니다. 왼쪽 목록에서 회고와 주제를 고르거나, "
        "검색해 보세요.</p>\n"
    ),
}
notfound_urls_prefix = urlsplit(html_baseurl).path

# -- Link checking (`make linkcheck`, needs a network; the tests never fetch) ----

linkcheck_timeout = 15
linkcheck_retries = 2
# The 2022 memoir links a section of its author's tag page; that blog's theme builds the
# per-tag sections with JavaScript, so the page is checked but its anchor is not.
linkcheck_anchors_ignore_for_url = [r"https://jerife\.github\.io/tags/"]
linkcheck_ignore = [
    # The 2019 memoir links its friend-share Medium URLs (with tracking parameters); Medium
    # answers automated clients with 403, so a failure there says nothing about the link.
    r"https://medium\.com/@sunwoopark/.*",
]

# -- LaTeX / PDF ---------------------------------------------------------------
# `make pdf` (and Read the Docs' PDF): Sphinx's LaTeX builder, then latexmk running xelatex.
# Korean typesetting is kotex (xetexko) with the Noto CJK KR fonts. The book's structure
# (parts, reference lists kept in their chapters, placeholders for remote images, no tag
# pages) live in the extension (_ext/handbook/latex.py); the few warnings no build can avoid
# are filtered in one place, _ext/handbook/unavoidable.py, each with its reason.

latex_engine = "xelatex"
# Read the Docs runs xindy without options whenever it is on; the book has no index anyway.
latex_use_xindy = False
# The front page's toctrees make the book (toctree_only): its web introduction and memoir list
# stay on the web. One .tex file, as Read the Docs requires.
latex_documents = [(root_doc, "handbook.tex", project, author, "manual", True)]
latex_domain_indices = False
# The page of every cross-reference: the topic pages point to passages by page. Web addresses
# of links stay in the PDF's links only: footnote marks would change the authors' text.
latex_show_pagerefs = True

latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Chapters start on the next page, left or right: most topic chapters are a page or two,
    # and openright left a blank page after nearly every one.
    "extraclassoptions": "openany",
    # cmap is for pdflatex only; xelatex writes ToUnicode maps itself.
    "cmappkg": "",
    # No babel and no polyglossia (neither knows Korean): kotex names things in Korean.
    "babel": "",
    "polyglossia": "",
    # kotex's chapter heads (제1장) instead of fncychap's English "Chapter 1".
    "fncychap": "",
    "fontpkg": r"""
\usepackage[hangul]{kotex}
% Noto CJK KR for everything: serif body, sans headings (Sphinx's header family), mono code.
% The Noto CJK fonts have no italic. Hangul emphasis is set in the sans (gothic), as Korean
% books do; Latin italics (journal titles in the reference lists, "et al.") take the true
% italics of Noto Serif and Noto Sans (fonts-noto-core), the serif's scaled to the x-height
% of Noto Serif CJK's Latin letters.
\setmainfont{Noto Serif CJK KR}[
  BoldFont={Noto Serif CJK KR Bold}, ItalicFont={Noto Serif Italic},
  BoldItalicFont={Noto Serif Bold Italic}, ItalicFeatures={Scale=0.96},
  BoldItalicFeatures={Scale=0.96}]
\setsansfont{Noto Sans CJK KR}[
  BoldFont={Noto Sans CJK KR Bold}, ItalicFont={Noto Sans Italic},
  BoldItalicFont={Noto Sans Bold Italic}]
\setmonofont{Noto Sans Mono CJK KR}[
  BoldFont={Noto Sans Mono CJK KR Bold}, ItalicFont={Noto Sans Mono CJK KR},
  ItalicFeatures={FakeSlant=0.15}, BoldItalicFont={Noto Sans Mono CJK KR Bold},
  BoldItalicFeatures={FakeSlant=0.15}]
% xetexko turns TeX ligatures on for Hangul fonts (",," would become „): the text is verbatim.
\setmainhangulfont{Noto Serif CJK KR}[Ligatures=TeXOff,
  BoldFont={Noto Serif CJK KR Bold}, ItalicFont={Noto Sans CJK KR},
  BoldItalicFont={Noto Sans CJK KR Bold}]
\setsanshangulfont{Noto Sans CJK KR}[Ligatures=TeXOff,
  BoldFont={Noto Sans CJK KR Bold}, ItalicFont={Noto Sans CJK KR},
  BoldItalicFont={Noto Sans CJK KR Bold}]
\setmonohangulfont{Noto Sans Mono CJK KR}[
  BoldFont={Noto Sans Mono CJK KR Bold}, ItalicFont={Noto Sans Mono CJK KR},
  BoldItalicFont={Noto Sans Mono CJK KR Bold}]
% Emoji (\handbookemoji, set by the extension): Symbola, and Unifont Upper for the few
% newer ones Symbola lacks.
\newfontfamily\handbookemojifont{Symbola}[Scale=1.15,
  BoldFont=Symbola, ItalicFont=Symbola, BoldItalicFont=Symbola]
\newfontfamily\handbookemojifallbackfont{Unifont Upper}[Scale=1.15,
  BoldFont=Unifont Upper, ItalicFont=Unifont Upper, BoldItalicFont=Unifont Upper]
""",
    "figure_align": "H",
    # Sphinx names the index 색인 just before printing it; Korean books say 찾아보기. (The
    # handbook has no index entries yet, and an empty index prints nothing.)
    "printindex": r"\renewcommand{\indexname}{찾아보기}\printindex",
    "preamble": r"""
% Break Korean lines between words (어절) only, never inside one: xetexko would also break
% between any two syllables and where Hangul meets Latin letters, digits or brackets
% ("31|일", "심전도|+머신러닝"). Its spacing and line breaking off, lines break at spaces
% (and in Latin words and web addresses); with one font for both scripts, xetexko's extra
% spacing between them is not needed either.
\disablehangulspacingandlinebreak
% Nor inside a Latin word of a Korean one ("Data-|mart로"), nor after a hyphen in a word
% ("4-5개월"): no hyphenation, and text hyphens do not break.
\hyphenpenalty=10000
\exhyphenpenalty=10000
% Ragged right: with breaks only between words, justified lines were stretched unevenly (a
% line of three long words, the next nearly without spaces). Word spaces keep their width;
% the right margin may fall short by up to 4em before TeX calls a line underfull
% (handbook.sty sets every paragraph so, in boxes and floats too).
\usepackage{ragged2e}
\setlength{\RaggedRightRightskip}{0pt plus 4em}
% Copying text (and pdftotext) gives back the characters typed: the Noto CJK fonts share one
% glyph between "-" and U+2011, which would otherwise come out as U+2011.
\XeTeXgenerateactualtext=1
% Log every character that no font has ("Missing character"); the tests look for it.
\tracinglostchars=2
% Sphinx names the contents after the first toctree caption ("회고").
\renewcommand{\contentsname}{차례}
\hypersetup{pdflang=ko-KR}
""",
}

# -- EPUB ----------------------------------------------------------------------
# `make epub` (and Read the Docs' EPUB): the same book, from Sphinx's EPUB3 builder. The
# language (dc:language ko), title and author come from the project settings above; remote
# images become placeholders (_ext/handbook/latex.py), as in the PDF.

epub_basename = "handbook"
# The book's identifier. Sphinx writes epub_uid both as the identifier's XML id and as the
# table of contents' dtb:uid, which must equal the identifier: one XML name serves as both.
epub_uid = epub_identifier = "ml-memoir-handbook"
epub_description = (
    "머신러닝 엔지니어와 데이터 사이언티스트들이 블로그에 남긴 한 해 회고를 원문 그대로 엮고, "
    "같은 주제를 다룬 대목끼리 이어 둔 핸드북")
# EPUB3 requires a non-empty `version` (its ibooks:version); the handbook's edition.
version = "1"
# Links stay links in an e-book; an address added after each would change the authors' text.
epub_show_urls = "no"
# The handbook has no index entries: no empty index page.
epub_use_index = False
# The memoirs' toctree on the front page is hidden (the page lists them itself): the e-book's
# table of contents includes hidden toctrees.
epub_tocscope = "includehidden"
# The cover is drawn at build time from the title and the book's credit (an SVG written into the
# build's output, _ext/handbook/epub.py); the cover page is the handbook's template.
epub_cover = ("_static/handbook-cover.svg", "handbook-epub-cover.html")
# Sphinx keeps the previous .buildinfo as .buildinfo.bak when the configuration changed; the EPUB
# builder would then warn that it does not know the file's type (a failed strict build).
epub_exclude_files = [".buildinfo.bak"]
