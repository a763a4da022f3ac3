extensions = ["myst_parser", "handbook"]
author = "alice"
handbook_tags = {"research": "연구"}
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
html_theme = "sphinx_book_theme"
html_sidebars = {"**": ["navbar-logo.html", "handbook-sidebar-nav.html"]}
