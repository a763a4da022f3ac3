# The e-book's rules on a small handbook: a named author, an unknown one, a name that needs
# escaping, memoirs with a full date, a month only and none (the book's date), and the
# handbook's EPUB settings (tests/test_epub.py).
extensions = ["myst_parser", "sphinxcontrib.bibtex", "handbook"]
project = "작은 회고 책"
author = "회고 작성자들"
language = "ko"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
handbook_tags = {"research": "연구"}
version = "1"
epub_basename = "small"
epub_uid = epub_identifier = "small-handbook"
epub_show_urls = "no"
epub_use_index = False
epub_tocscope = "includehidden"
epub_cover = ("_static/handbook-cover.svg", "handbook-epub-cover.html")
epub_exclude_files = [".buildinfo.bak"]
copyright = "각 회고의 저작권은 원저자에게 있습니다"
epub_description = "테스트용 작은 회고 책"
