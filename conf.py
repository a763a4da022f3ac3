"""Sphinx configuration of the ML memoir handbook.

Configuration only: the handbook's behaviour lives in the ``handbook`` extension
(``_ext/handbook/``). Every setting of our own carries the ``handbook_`` prefix.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -----------------------------------------------------------------

project = "머신러닝 엔지니어 회고 핸드북"
author = "parksunwoo, jerife, 계토 외 회고 작성자들"
copyright = "각 회고의 저작권은 원저자에게 있습니다"
language = "ko"
root_doc = "index"

# The source directory is the repository root: build only the handbook's pages.
include_patterns = [
    "index.md",
    "bibliography.md",
    "memoirs/*.md",
    "topics/*.md",
    "_tags/*.md",
]
exclude_patterns = ["_build", ".venv", "tests", "docs", "README.md"]

extensions = [
    "myst_parser",
    "sphinx_book_theme",
    "sphinx_tags",
    "sphinxcontrib.bibtex",
    "handbook",
]

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# The memoirs are an archive: no typographic rewriting of the authors' "..." or quotes.
smartquotes = False

# -- Bibliography (sphinxcontrib-bibtex) ---------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
# "alpha" labels ([SZH+18]) are unique across the per-memoir bibliographies.
bibtex_default_style = "alpha"

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
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "use_download_button": True,
    # The book theme shortens GitHub URLs shown as link text; memoir text is verbatim.
    "shorten_urls": False,
}
